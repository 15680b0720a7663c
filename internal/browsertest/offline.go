package browsertest

import (
	"context"
	"net/url"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// Offline is what a tab asked of other hosts since KeepLocal.
type Offline struct {
	mu       sync.Mutex
	answered []string
}

// KeepLocal answers every request of the tab to a host other than
// 127.0.0.1 itself, with an empty 200 response, so that nothing leaves the
// machine while a page that embeds other sites (a library's media and
// fonts, say) still loads without network errors; the answer allows any
// origin, as a font or a script fetched with CORS needs. Requests to 127.0.0.1 go through.
// Call it before navigating.
func KeepLocal(t testing.TB, tab context.Context) *Offline {
	t.Helper()
	o := &Offline{}
	ctx, cancel := context.WithCancel(tab)
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{}); err != nil {
		cancel()
		t.Fatalf("intercepting requests: %v", err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			u, perr := url.Parse(ev.Request.URL)
			if perr == nil && u.Hostname() == "127.0.0.1" {
				chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			o.mu.Lock()
			o.answered = append(o.answered, ev.Request.URL)
			o.mu.Unlock()
			chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 200,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/plain"}, {Name: "Access-Control-Allow-Origin", Value: "*"}}})
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
	return o
}

// Answered returns the URLs of other hosts that the tab asked for, which
// KeepLocal answered in their place.
func (o *Offline) Answered() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.answered...)
}
