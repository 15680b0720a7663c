package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestEntryRootEscaped renders a theme whose entries use the root where
// html/template escapes it (a query string): entries kept with rootMark
// and given each page's root would say "../../" there, so EntryHTML must
// find out and make those entries for each page.
func TestEntryRootEscaped(t *testing.T) {
	theme := themeCopy(t)
	partials := string(theme["templates/partials.html"].Data)
	marked := strings.Replace(partials, "<span class=\"mark\"></span>\n", "<span class=\"mark\"></span>\n<a class=\"q\" href=\"x?r={{.Root}}\">q</a>\n", 1)
	if marked == partials {
		t.Fatal("no mark in the entry template to add to")
	}
	theme["templates/partials.html"] = &fstest.MapFile{Data: []byte(marked)}

	_, out := renderWithTheme(t, theme)
	for path, want := range map[string]string{
		"index.html":            `href="x?r=.%2f"`,
		"tags/alpha/index.html": `href="x?r=..%2f..%2f"`,
		"2014/index.html":       `href="x?r=..%2f"`,
	} {
		b, ok := out.Files[path]
		if !ok {
			t.Fatalf("no %s", path)
		}
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s: no %s", path, want)
		}
		if bytes.Contains(b, []byte(rootMark)) || bytes.Contains(b, []byte(`href="x?r=.`+"/")) {
			t.Errorf("%s: an entry kept for another page's root", path)
		}
	}
}

// TestFragmentShowingThePage renders a theme whose shared header shows the
// page's own title: Fragment must find out that pages cannot share it.
func TestFragmentShowingThePage(t *testing.T) {
	theme := themeCopy(t)
	base := string(theme["templates/base.html"].Data)
	changed := strings.Replace(base, `<header class="site-header">`, `<header class="site-header" data-page="{{.Title}}">`, 1)
	if changed == base {
		t.Fatal("no site header in base.html to change")
	}
	theme["templates/base.html"] = &fstest.MapFile{Data: []byte(changed)}
	site, out := renderWithTheme(t, theme)
	for _, e := range site.Events {
		b := out.Files["events/"+e.Slug+"/index.html"]
		if want := `data-page="` + template.HTMLEscapeString(e.Title) + `"`; !bytes.Contains(b, []byte(want)) {
			t.Errorf("events/%s/: no %s", e.Slug, want)
		}
	}
}

// themeCopy is the built-in theme in a map, to change.
func themeCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(defaults.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(defaults.Theme(), p)
		theme[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return theme
}

// TestEntriesSharedOnlyWhenSame checks that the home page and the listing
// pages share their entries when both use the theme's one "entry"
// template, and not when the home page defines its own.
func TestEntriesSharedOnlyWhenSame(t *testing.T) {
	tm, err := loadTemplates(defaults.Theme())
	if err != nil {
		t.Fatal(err)
	}
	if tm.entrySet["home"] != tm.entrySet["list"] {
		t.Errorf("the built-in theme's home and list pages use entry sets %q and %q, want one",
			tm.entrySet["home"], tm.entrySet["list"])
	}

	theme := themeCopy(t)
	home := string(theme["templates/home.html"].Data) +
		`{{define "entry"}}<li class="home-entry" id="{{.E.Slug}}">{{.E.Title}}</li>{{end}}`
	theme["templates/home.html"] = &fstest.MapFile{Data: []byte(home)}
	_, out := renderWithTheme(t, theme)
	if b := out.Files["index.html"]; !bytes.Contains(b, []byte(`class="home-entry"`)) {
		t.Error("the home page does not show its own entries")
	}
	for _, path := range []string{"tags/alpha/index.html", "2014/index.html", "tracks/military/index.html"} {
		b := out.Files[path]
		if bytes.Contains(b, []byte(`class="home-entry"`)) || !bytes.Contains(b, []byte(`<li class="entry`)) {
			t.Errorf("%s: does not show the listing's own entries", path)
		}
	}
}

// renderWithTheme renders exportSite with theme in place of the built-in one.
func renderWithTheme(t *testing.T, theme fs.FS) (*timeline.Site, *Output) {
	t.Helper()
	site, err := timeline.Load(exportSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(site, theme, Options{Now: exportNow})
	if err != nil {
		t.Fatal(err)
	}
	return site, out
}
