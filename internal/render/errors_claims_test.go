package render

import (
	"io"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// claimSinks are the sinks a render goes to: check's, the preview's and
// a test's (Output), a build's folder (files created, and put).
func claimSinks() map[string]func() Sink {
	return map[string]func() Sink{
		"discard": Discard,
		"output":  func() Sink { return Sink{Put: new(Output).put} },
		"create": func() Sink {
			return Sink{Put: func(string, []byte) error { return nil },
				Create: func(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }}
		},
	}
}

// TestStaticClaimsFailingPage: a file in static/ at the path of a page
// whose template fails is reported with the template's error, whichever
// of the two is made first, whatever the sink.
func TestStaticClaimsFailingPage(t *testing.T) {
	site, err := timeline.Load(linkSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	theme := themeWith(t, map[string]string{"static/index.html": "mine", "templates/home.html": "{{define \"main\"}}\n{{.Nope}}{{end}}\n"})
	want := strings.Join([]string{
		`content/about.md:4: link "../ghost/": the site has no page or file at /ghost`,
		`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
		"static/index.html: the build makes / itself\n" +
			"\ta file in static/ is copied to the same path in the built site: move or rename it, or give the page another slug",
		"templates/home.html:2: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /",
	}, "\n")
	for name, sink := range claimSinks() {
		t.Run(name, func(t *testing.T) {
			for range 3 { // the page and static/ race for the path
				if err := Stream(site, theme, Options{Now: exportNow}, sink()); err == nil || err.Error() != want {
					t.Fatalf("errors:\n%v\nwant:\n%s", err, want)
				}
			}
		})
	}
}

// TestStaticClaimsOtherLanguage: a file in static/ under another
// language's folder, which the default language copies to the path of a
// page of that language, is an error at that file, reported with the
// site's others, whatever the sink.
func TestStaticClaimsOtherLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":              {Data: []byte("title = \"T\"\nlanguage = \"en\"\nbaseURL = \"https://example.org/\"\n[languages.uk]\ntitle = \"Т\"\n")},
		"content/events/a.md":    {Data: []byte("+++\ntitle = \"A\"\ndate = \"2015\"\n+++\n[x](../nope/)\n")},
		"content/events/a.uk.md": {Data: []byte("+++\ntitle = \"А\"\ndate = \"2015\"\n+++\n")},
	}
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	static := map[string]string{"static/uk/index.html": "mine", "static/uk/feed.xml": "mine", "static/uk/css/x.css": "mine"}
	help := "\ta file in static/ is copied to the same path in the built site: move or rename it"
	errs := []string{
		`content/events/a.md:5: link "../nope/": the site has no page or file at /events/nope`,
		"static/uk/feed.xml: the build makes /uk/feed.xml itself\n" + help,
		"static/uk/index.html: the build makes /uk/ itself\n" + help + ", or give the page another slug",
	}
	for _, c := range []struct{ name, home, want string }{
		{"templates run", "", ""},
		// The Ukrainian home page, made after the file, fails too.
		{"home fails", "{{define \"main\"}}\n{{.Nope}}{{end}}\n",
			"templates/home.html:2: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /"},
	} {
		files := maps.Clone(static)
		want := strings.Join(errs, "\n")
		if c.home != "" {
			files["templates/home.html"] = c.home
			want += "\n" + c.want
		}
		theme := themeWith(t, files)
		for name, sink := range claimSinks() {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				if err := Stream(site, theme, Options{Now: exportNow}, sink()); err == nil || err.Error() != want {
					t.Errorf("errors:\n%v\nwant:\n%s", err, want)
				}
			})
		}
	}
}
