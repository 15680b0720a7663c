package serve

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestUnderLoad has 50 clients fetch pages over loopback while an event is
// saved 200 times. No request may fail, and every page served must be a
// whole page from one build: each page that names the event must name it
// with one version throughout. Run with the race detector (test.sh does).
func TestUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("50 clients and 200 saves")
	}
	dir := newSite(t)
	srv := start(t, dir, Options{})
	const clients, saves = 50, 200
	pages := []string{"", "events/a/", "events/b/", "tags/geneva/", "tracks/talks/", "2022/", "feed.xml", "timeline.json"}
	version := regexp.MustCompile(`Talks open (\d+)`)

	var stop atomic.Bool
	var fetched atomic.Int64
	errs := make(chan error, clients)
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(c), 7))
			for !stop.Load() {
				page := pages[r.IntN(len(pages))]
				resp, err := client.Get(srv.url + page)
				if err != nil {
					errs <- fmt.Errorf("GET /%s: %v", page, err)
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				switch {
				case err != nil:
					errs <- fmt.Errorf("GET /%s: reading: %v", page, err)
					return
				case resp.StatusCode != http.StatusOK:
					errs <- fmt.Errorf("GET /%s: %s", page, resp.Status)
					return
				case strings.HasSuffix(page, "/") || page == "":
					if !strings.Contains(string(b), "</html>") {
						errs <- fmt.Errorf("GET /%s: not a whole page (%d bytes)", page, len(b))
						return
					}
				}
				seen := map[string]bool{}
				for _, m := range version.FindAllStringSubmatch(string(b), -1) {
					seen[m[1]] = true
				}
				if len(seen) > 1 {
					errs <- fmt.Errorf("GET /%s: a page mixing builds: versions %v", page, seen)
					return
				}
				fetched.Add(1)
			}
		})
	}

	r := rand.New(rand.NewPCG(1, 2))
	for i := range saves {
		writeFile(t, dir, "content/events/a.md", eventFile(fmt.Sprintf("Talks open %d", i), "2022-01-10", fmt.Sprintf("Save %d.", i)))
		// Saves in bursts and alone, as people and tools make them.
		time.Sleep(time.Duration(r.IntN(12)) * time.Millisecond)
	}
	last := fmt.Sprintf("Talks open %d", saves-1)
	eventually(t, "the last save to be served", func() bool {
		_, body := fetch(t, srv.url+"events/a/")
		return strings.Contains(body, last)
	})
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if fetched.Load() < clients {
		t.Errorf("only %d pages fetched", fetched.Load())
	}
	t.Logf("%d pages fetched during %d saves", fetched.Load(), saves)
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
}
