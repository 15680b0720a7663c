package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A site need not be a folder: Render and the preview read what FS holds.
func TestRenderFromMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte("title = \"In memory\"\nbaseURL = \"https://example.org/\"\n")},
		"content/events/a.md": {Data: []byte("+++\ntitle = \"Only here\"\ndate = \"2014-03-01\"\n+++\n\nNo disk.\n")},
	}
	out, res, err := Render(Options{FS: fsys, Now: testNow, ImageCache: "-"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["events/a/index.html"])
	if len(res.Site.Events) != 1 || !strings.Contains(page, "No disk.") {
		t.Fatalf("%d events; the event's page: %.200q", len(res.Site.Events), page)
	}
	_, pres, err := NewPreview(Options{FS: fsys, Now: testNow, ImageCache: "-"}, nil).rebuild(t.Context(), nil)
	if err != nil || pres.Pages != res.Pages {
		t.Errorf("the preview: %v, %d pages against %d", err, pres.Pages, res.Pages)
	}
}
