package render

import (
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// linkSite has a broken link in an event's body and in a page's, and a
// good link to an event page, which only a render that makes that page
// finds good.
var linkSite = fstest.MapFS{
	"site.toml":           {Data: []byte("title = \"Links\"\nbaseURL = \"https://example.org/\"\n")},
	"content/_index.md":   {Data: []byte("The intro links to [a](events/a/).\n")},
	"content/events/a.md": {Data: []byte("+++\ntitle = \"A\"\ndate = \"2014\"\ntags = [\"x\"]\n+++\nA.\n")},
	"content/events/b.md": {Data: []byte("+++\ntitle = \"B\"\ndate = \"2015\"\n+++\nTo [a](../a/), to [x](../../tags/x/),\nand to [nothing](../nope/).\n")},
	"content/about.md":    {Data: []byte("+++\ntitle = \"About\"\n+++\nSee [the years](../years/) and [a ghost](../ghost/).\n")},
}

// TestErrorsAtOnce: a template that does not parse, or that fails as it
// runs, stops no other check: the same render reports the links that
// lead nowhere with the template's error, sorted, and writes nothing
// when the templates do not parse.
func TestErrorsAtOnce(t *testing.T) {
	site, err := timeline.Load(linkSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	links := []string{
		`content/about.md:4: link "../ghost/": the site has no page or file at /ghost`,
		`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
	}
	failing := func(line int, field string) string {
		return "{{define \"main\"}}" + strings.Repeat("\n", line-1) + "{{." + field + "}}{{end}}\n"
	}
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // the templates' errors, and their help
	}{
		{"home does not parse", map[string]string{"templates/home.html": "{{define \"main\"}}\n{{.Nope(}}{{end}}\n"},
			[]string{`templates/home.html:2: unexpected "(" in operand`}},
		{"event does not parse", map[string]string{"templates/event.html": "{{define \"main\"}}{{end}\n"},
			[]string{`templates/event.html:1: bad character U+007D '}'`}},
		{"home fails", map[string]string{"templates/home.html": failing(3, "Nope")},
			[]string{`templates/home.html:3: executing "main" at <.Nope>: can't evaluate field Nope in type *render.page` +
				"\n\twhile making the page /"}},
		{"event fails", map[string]string{"templates/event.html": failing(1, "Nope")},
			[]string{`templates/event.html:1: executing "main" at <.Nope>: can't evaluate field Nope in type *render.page` +
				"\n\twhile making the page /events/a/"}}, // once, at the first page
		{"two fail", map[string]string{"templates/404.html": failing(2, "Nada"), "templates/list.html": failing(4, "Nope")},
			[]string{`templates/404.html:2: executing "main" at <.Nada>: can't evaluate field Nada in type *render.page` +
				"\n\twhile making the page /404.html",
				`templates/list.html:4: executing "main" at <.Nope>: can't evaluate field Nope in type *render.page` +
					"\n\twhile making the page /tags/x/"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var mu sync.Mutex
			var put []string
			sink := Sink{Put: func(p string, _ []byte) error {
				mu.Lock()
				defer mu.Unlock()
				put = append(put, p)
				return nil
			}}
			err := Stream(site, themeWith(t, c.files), Options{Now: exportNow}, sink)
			var list timeline.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error = %v (%T), want a timeline.ErrorList", err, err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			want := slices.Sorted(slices.Values(append(c.want, links...)))
			if !slices.Equal(got, want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if strings.HasSuffix(c.name, "does not parse") && len(put) > 0 {
				t.Errorf("templates that do not parse, and %d files put: %v", len(put), put[:min(len(put), 5)])
			}
		})
	}
}

// TestEmptyTemplatesMakeEveryFile: the site rendered with empty pages, as
// it is when its templates do not parse, makes the files the built-in
// templates make, and no other, and finds the same errors: the links are
// checked against them.
func TestEmptyTemplatesMakeEveryFile(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{"links": linkSite, "home": homeSite} {
		t.Run(name, func(t *testing.T) {
			site, err := timeline.Load(fsys, timeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			theme := themeWith(t, nil)
			for p, f := range fsys {
				if strings.HasPrefix(p, "static/") {
					theme.(fstest.MapFS)[p] = f
				}
			}
			builtin, err := loadTemplates(theme)
			if err != nil {
				t.Fatal(err)
			}
			render := func(tmpl *templates) (*Output, string) {
				out := &Output{Files: map[string][]byte{}}
				err := streamAll(site, theme, tmpl, Options{Now: exportNow}, Sink{Put: out.put})
				if err != nil {
					return out, err.Error()
				}
				return out, ""
			}
			full, fullErr := render(builtin)
			empty, emptyErr := render(emptyTemplates())
			if fullErr != emptyErr {
				t.Errorf("errors:\n%s\nwithout templates:\n%s", fullErr, emptyErr)
			}
			if name == "links" && !strings.Contains(fullErr, "/events/nope") {
				t.Errorf("the broken links were not found: %q", fullErr)
			}
			if got, want := empty.Paths(), full.Paths(); !slices.Equal(got, want) {
				t.Errorf("without templates, %d files:\n%v\nwith them, %d:\n%v", len(got), got, len(want), want)
			}
			if len(full.Files) < 20 {
				t.Errorf("only %d files made", len(full.Files))
			}
			if b, ok := empty.Files["index.html"]; !ok || len(b) != 0 {
				t.Errorf("the home page made without templates holds %q", b)
			}
		})
	}
}

// TestErrorsAtOnceEveryLanguage: a site with translations reports the
// errors of every language in one run, and a template that fails in each
// language once.
func TestErrorsAtOnceEveryLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":              {Data: []byte("title = \"T\"\nlanguage = \"en\"\nbaseURL = \"https://example.org/\"\n[languages.uk]\ntitle = \"Т\"\n")},
		"content/events/a.md":    {Data: []byte("+++\ntitle = \"A\"\ndate = \"2015\"\n+++\n[x](../nope/)\n")},
		"content/events/a.uk.md": {Data: []byte("+++\ntitle = \"А\"\ndate = \"2015\"\n+++\n\n[x](../nichts/)\n")},
	}
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, home, want string }{
		{"templates parse", "", ""},
		{"home does not parse", "{{define \"main\"}}{{.Nope(}}{{end}}\n", `templates/home.html:1: unexpected "(" in operand`},
		{"home fails", "{{define \"main\"}}{{.Nope}}{{end}}\n",
			"templates/home.html:1: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /"},
	} {
		t.Run(c.name, func(t *testing.T) {
			theme := themeWith(t, nil)
			if c.home != "" {
				theme = themeWith(t, map[string]string{"templates/home.html": c.home})
			}
			err := Stream(site, theme, Options{Now: exportNow}, Discard())
			want := []string{
				`content/events/a.md:5: link "../nope/": the site has no page or file at /events/nope`,
				`content/events/a.uk.md:6: link "../nichts/": the site has no page or file at /uk/events/nichts`,
			}
			if c.want != "" {
				want = append(want, c.want)
			}
			if err == nil || err.Error() != strings.Join(want, "\n") {
				t.Errorf("errors:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
			}
		})
	}
}

// TestErrorsAtOnceLocale: a site whose i18n/LANG.toml is broken is still
// rendered, in English, for its other errors, and reports them with it.
func TestErrorsAtOnceLocale(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte("title = \"T\"\nlanguage = \"uk\"\nbaseURL = \"https://example.org/\"\n")},
		"content/events/a.md": {Data: []byte("+++\ntitle = \"A\"\ndate = \"2015\"\n+++\n[x](../nope/)\n")},
	}
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = Stream(site, themeWith(t, map[string]string{"i18n/uk.toml": "months = 1\n\nbad = = toml\n"}), Options{Now: exportNow}, Discard())
	var list timeline.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("errors = %v, want the link's and the locale's", err)
	}
	if got, want := list[0].Error(), `content/events/a.md:5: link "../nope/": the site has no page or file at /events/nope`; got != want {
		t.Errorf("first error = %q, want %q", got, want)
	}
	if got, want := list[1].Error(), `i18n/uk.toml:3: TOML: expected value but found '=' instead`; got != want {
		t.Errorf("second error = %q, want %q", got, want)
	}
}

// TestStaticClaimsPage: a file in static/ at the path of a page is an
// error at that file, whatever the sink (a folder's would keep one of
// the two), reported with the site's other errors.
func TestStaticClaimsPage(t *testing.T) {
	site, err := timeline.Load(linkSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	theme := themeWith(t, map[string]string{"static/events/a/index.html": "mine", "static/feed.xml": "mine"})
	overwrite := Sink{Put: func(string, []byte) error { return nil }}
	create := Sink{Put: overwrite.Put, Create: func(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }}
	for name, sink := range map[string]Sink{"discard": Discard(), "put": overwrite, "create": create} {
		t.Run(name, func(t *testing.T) {
			err := Stream(site, theme, Options{Now: exportNow}, sink)
			var list timeline.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error = %v (%T), want a timeline.ErrorList", err, err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.File+":"+e.Msg)
			}
			want := []string{
				`content/about.md:link "../ghost/": the site has no page or file at /ghost`,
				`content/events/b.md:link "../nope/": the site has no page or file at /events/nope`,
				`static/events/a/index.html:the build makes /events/a/ itself`,
				`static/feed.xml:the build makes /feed.xml itself`,
			}
			if !slices.Equal(got, want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
