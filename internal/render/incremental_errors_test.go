package render

import (
	"context"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestIncrementalStaticClaims: the preview's render reports a file in
// static/ at the path of a file the build makes as the build does, at
// that file and saying what to do, and every such file at once: those
// at a page's path as the pages are made, those at a feed's or an
// export's when they are, with the broken links.
func TestIncrementalStaticClaims(t *testing.T) {
	site, err := timeline.Load(linkSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	links := []string{
		`content/about.md:4: link "../ghost/": the site has no page or file at /ghost`,
		`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
	}
	page := func(p string) string {
		return "static/" + p + "index.html: the build makes /" + p + " itself\n" +
			"\ta file in static/ is copied to the same path in the built site: move or rename it, or give the page another slug"
	}
	file := func(p string) string {
		return "static/" + p + ": the build makes /" + p + " itself\n" +
			"\ta file in static/ is copied to the same path in the built site: move or rename it"
	}
	for _, c := range []struct {
		name   string
		static []string
		pages  []string // the errors as the pages are made
		late   []string // and once the rest is
	}{
		{"pages", []string{"events/a/index.html", "tags/index.html"}, []string{page("events/a/"), page("tags/")}, nil},
		{"feeds", []string{"feed.xml", "events.ics"}, nil, append(links, file("events.ics"), file("feed.xml"))},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{}
			for _, p := range c.static {
				files["static/"+p] = "mine"
			}
			inc := NewIncremental()
			defer inc.Wait()
			g, err := inc.Render(context.Background(), site, themeWith(t, files), Options{Now: exportNow})
			if want := strings.Join(c.pages, "\n"); err == nil && want != "" || err != nil && err.Error() != want {
				t.Fatalf("errors as the pages are made:\n%v\nwant:\n%s", err, want)
			}
			if err != nil {
				return
			}
			_, err = g.Wait()
			if want := strings.Join(c.late, "\n"); err == nil || err.Error() != want {
				t.Errorf("errors once the rest is made:\n%v\nwant:\n%s", err, want)
			}
		})
	}
}
