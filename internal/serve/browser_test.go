package serve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// TestBrowser is the preview as a writer sees it, in a real headless
// Chromium: the page shows a save without anyone reloading it, and keeps
// its scroll position; a stylesheet change applies without a reload; a
// broken file brings up the error overlay, and its fix takes it away.
func TestBrowser(t *testing.T) {
	browser := browsertest.Start(t)
	dir := newSite(t)
	// A long page, to scroll.
	long := strings.Repeat("A paragraph of the first day's talks, long enough to wrap.\n\n", 80)
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "The first day.\n\n"+long))
	r := start(t, dir, Options{})
	tab := browsertest.Tab(t, browser)
	watch := browsertest.WatchTab(t, tab)
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()

	fail := func(what string, err error) {
		t.Helper()
		t.Fatalf("%s: %v\nserver output:\n%s%s", what, err, r.stdout, r.stderr)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			fail(what, err)
		}
	}
	eval := func(what, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			fail(what, err)
		}
		return v
	}
	// waitJS waits until the expression is true in the page, through the
	// reloads that the preview makes.
	waitJS := func(what, expr string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
			if err == nil && v == true {
				return
			}
			if time.Now().After(deadline) {
				fail("waiting for "+what, fmt.Errorf("still %v (%v)", v, err))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	do("open the page", chromedp.Navigate(r.url+"events/a/"), chromedp.WaitReady("body"))
	// live.js is deferred: wait until its connection is open.
	waitJS("the live connection", `window.timelineLive && window.timelineLive.readyState === EventSource.OPEN`)
	if y := eval("scroll down and mark the page", `window.scrollTo({top: 600, behavior: "instant"}); window.marker = "before"; window.scrollY`); y.(float64) < 590 {
		t.Fatalf("the page does not scroll (scrollY %v): make it longer; %v", y, eval("", `JSON.stringify([document.documentElement.scrollHeight, innerHeight, document.body.innerText.length, location.href])`))
	}

	// A save: the page shows the new text by itself, scrolled where it was.
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Freshly saved text.\n\n"+long))
	waitJS("the saved text", `document.body.innerText.includes("Freshly saved text.")`)
	if marker := eval("read the page", `String(window.marker)`); marker != "undefined" {
		t.Errorf("the new text came without the page reloading (marker %q)", marker)
	}
	waitJS("the scroll position back", `Math.abs(window.scrollY - 600) < 2`)

	// A stylesheet: swapped in place, no reload.
	eval("mark the page", `window.marker = "kept"`)
	writeFile(t, dir, "static/style.css", "body { border-top: 7px solid rgb(1, 2, 3) }\n")
	waitJS("the new stylesheet", `getComputedStyle(document.body).borderTopColor === "rgb(1, 2, 3)"`)
	if marker := eval("read the page", `String(window.marker)`); marker != "kept" {
		t.Errorf("a stylesheet change reloaded the page (marker %q)", marker)
	}

	// A broken file: the overlay names it, over the last good page.
	writeFile(t, dir, "content/events/a.md", "+++\ntitle = \"Talks open\"\ndate = \"2022-13-10\"\n+++\n\nBroken.\n")
	overlay := `(document.getElementById("timeline-live-errors")?.shadowRoot?.textContent || "")`
	waitJS("the error overlay", overlay+`.includes("content/events/a.md:3: ")`)
	if text := eval("read the overlay", overlay).(string); !strings.Contains(text, "month 13 out of range") {
		t.Errorf("the overlay says %q", text)
	}
	if shown := eval("read the page", `document.body.innerText.includes("Freshly saved text.")`); shown != true {
		t.Error("the last good page is not shown under the overlay")
	}

	// The fix: the overlay goes, the page shows the fixed text.
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Fixed text.\n\n"+long))
	waitJS("the overlay gone and the fixed text", `!document.getElementById("timeline-live-errors") && document.body.innerText.includes("Fixed text.")`)

	// An error that a save fixes without changing the page clears too.
	writeFile(t, dir, "content/events/b.md", "+++\ntitle = 1\n+++\n")
	waitJS("the overlay for b.md", overlay+`.includes("content/events/b.md")`)
	writeFile(t, dir, "content/events/b.md", eventFile("Talks go on", "2022-01-11", "The second day."))
	waitJS("the overlay gone", `!document.getElementById("timeline-live-errors")`)

	for _, e := range watch.Errors() {
		// Reloads abort the event stream; that is no error of the page.
		if !strings.Contains(e, "__timeline/events") {
			t.Errorf("the page reported: %s", e)
		}
	}
	fmt.Fprint(testingWriter{t}, r.stdout.String())
}

// testingWriter logs through t, shown with -v or on failure.
type testingWriter struct{ t *testing.T }

func (w testingWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
