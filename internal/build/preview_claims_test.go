package build

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestPreviewStaticClaims: the preview reports a file in static/ at the
// path of a file the build makes as the build does, at that file and
// saying what to do, with the site's other errors: at a page's path in
// the update, at a feed's once the feeds are made, when the pages are
// served already.
func TestPreviewStaticClaims(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":                  "title = \"T\"\nbaseURL = \"https://example.org/\"\n",
		"content/events/a.md":        "+++\ntitle = \"A\"\ndate = \"2014\"\ntags = [\"x\"]\n+++\n\nA.\n",
		"content/events/b.md":        "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nTo [a](../a/), [nothing](../nope/).\n",
		"static/tags/index.html":     "mine",
		"static/events/a/index.html": "mine",
	})
	opts := Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"}
	rec := &recorder{}
	p := NewPreview(opts, rec)
	defer p.Close()
	help := "\ta file in static/ is copied to the same path in the built site: move or rename it"
	errs := []string{
		`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
		"static/events/a/index.html: the build makes /events/a/ itself\n" + help + ", or give the page another slug",
		"static/tags/index.html: the build makes /tags/ itself\n" + help + ", or give the page another slug",
	}
	for _, c := range []struct {
		changed []string
		home    string // templates/home.html, if any
	}{
		{nil, ""},
		{[]string{"content/events/a.md"}, ""},
		{[]string{"templates/home.html"}, "{{define \"main\"}}\n\n{{.Nope}}{{end}}\n"},
	} {
		want := strings.Join(errs, "\n")
		if c.home != "" {
			sitetest.Write(t, dir, "templates/home.html", c.home)
			want += "\ntemplates/home.html:3: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /"
		}
		if _, _, err := p.Update(context.Background(), c.changed); err == nil || err.Error() != want {
			t.Errorf("update %q: errors:\n%v\nwant:\n%s", c.changed, err, want)
		}
		if _, err := Check(opts); err == nil || err.Error() != want {
			t.Errorf("check: errors:\n%v\nwant:\n%s", err, want)
		}
	}

	// At a feed's path: the pages are served, and the feeds fail.
	for _, name := range []string{"static/tags/index.html", "static/events/a/index.html", "templates/home.html"} {
		os.Remove(dir + "/" + name)
	}
	sitetest.Write(t, dir, "static/feed.xml", "mine")
	sitetest.Write(t, dir, "content/events/b.md", "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nTo [a](../a/).\n")
	changed := []string{"static/tags/index.html", "static/events/a/index.html", "templates/home.html", "static/feed.xml", "content/events/b.md"}
	if _, _, err := p.Update(context.Background(), changed); err != nil {
		t.Fatal(err)
	}
	want := "static/feed.xml: the build makes /feed.xml itself\n" + help
	if calls := rec.waitFor(t, 3); calls[2] != "fail: "+want {
		t.Errorf("calls %q, want the pages published, then\nfail: %s", calls, want)
	}
	if _, err := Check(opts); err == nil || err.Error() != want {
		t.Errorf("check: errors:\n%v\nwant:\n%s", err, want)
	}
}
