package timeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// TestThemeListPages opens a track's list of a generated site, 50 events
// a page: a reader without JavaScript reaches every event of the track by
// following "Next page", the second page passes axe, and the second page is
// photographed on a desktop and a phone.
func TestThemeListPages(t *testing.T) {
	dir := generateSite(t, 1000)
	cfg := filepath.Join(dir, "site.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(b, "[lists]\nper_page = 50\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := browsertest.Start(t)
	s := serve(t, dir)
	var track []string
	for _, tr := range s.site.Tracks {
		if tr.Slug == "science" {
			track = slugs(tr.Events)
		}
	}
	var listed []string
	pages := 0
	for url := s.url + "tracks/science/"; url != ""; pages++ {
		tab, w := open(t, browser, url, view{noScript: true})
		listed = append(listed, eval[[]string](t, tab, shownJS)...)
		settle(t, tab, w, s)
		if pages == 1 {
			tab, w := open(t, browser, url, view{})
			settle(t, tab, w, s)
			audit(t, tab, "the second page of a track")
		}
		url = eval[string](t, tab, `(document.querySelector('a[rel="next"]') || {}).href || ""`)
	}
	if want := (len(track) + 49) / 50; pages != want || len(track) < 100 {
		t.Errorf("%d pages for %d events, want %d", pages, len(track), want)
	}
	sameList(t, "events on the track's pages, followed without JavaScript", listed, track)

	shots := screenshotDir(t)
	for _, width := range []int64{1280, 390} {
		tab, w := open(t, browser, s.url+"tracks/science/page/2/", view{width: width, height: 900})
		settle(t, tab, w, s)
		for _, at := range []struct{ name, js string }{
			{"top", `scrollTo({top: 0, behavior: "instant"})`},
			{"pager", `document.querySelector(".pager").scrollIntoView({block: "end", behavior: "instant"})`},
		} {
			if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](at.js+`; undefined`)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("list-page2-%d-%s.png", width, at.name)
			if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
