package importer

import (
	"os"
	"slices"
	"testing"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestImportRenumbersTakenSlug: an entry whose slug another event of the
// site already has (in a file of another name) gets the next free number,
// and both events load.
func TestImportRenumbersTakenSlug(t *testing.T) {
	const data = `{"events": [{"start_date": {"year": "2014", "month": "3"}, "text": {"headline": "Crimea"}}]}`
	dir, file := newSite(t, "tl.json", data)
	writeFiles(t, dir, map[string]string{
		"content/events/old/2014-03-crimea.md":   "+++\ntitle = \"Old Crimea\"\ndate = \"2014-03\"\n+++\n",
		"content/events/old/2014-03-crimea-2.md": "+++\ntitle = \"Old Crimea 2\"\ndate = \"2014-03\"\n+++\n",
	})
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/events/2014-03-crimea-3.md"}; !slices.Equal(res.Written, want) {
		t.Fatalf("written %q, want %q", res.Written, want)
	}
	events := loadEvents(t, dir)
	if len(events) != 3 || events["Crimea"] == nil || events["Crimea"].Slug != "2014-03-crimea-3" {
		t.Errorf("events after the import: %v", events)
	}
}

// TestImportSameHeadlineAndDate: two entries of one file with the same
// headline and date are two events, in two files, with or without
// --force.
func TestImportSameHeadlineAndDate(t *testing.T) {
	const data = `{"events": [
		{"start_date": {"year": "2014", "month": "3"}, "text": {"headline": "Talks", "text": "<p>The first.</p>"}},
		{"start_date": {"year": "2014", "month": "3"}, "text": {"headline": "Talks", "text": "<p>The second.</p>"}}
	]}`
	for _, force := range []bool{false, true} {
		dir, file := newSite(t, "tl.json", data)
		res, err := Import(os.DirFS(dir), dir, file, Options{Force: force})
		if err != nil {
			t.Fatalf("--force %v: %v", force, err)
		}
		want := []string{"content/events/2014-03-talks.md", "content/events/2014-03-talks-2.md"}
		if !slices.Equal(res.Written, want) {
			t.Errorf("--force %v: written %q, want %q", force, res.Written, want)
		}
		site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
		if err != nil || len(site.Events) != 2 {
			t.Errorf("--force %v: the site loads with %v: %v", force, site, err)
		}
	}
}
