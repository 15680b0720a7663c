package render

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// themeWith is the built-in theme with some of its files replaced.
func themeWith(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(defaults.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(defaults.Theme(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

// builtin returns a built-in template's text with old replaced by new.
func builtin(t *testing.T, name, old, new string) string {
	t.Helper()
	b, err := fs.ReadFile(defaults.Theme(), name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	return strings.Replace(string(b), old, new, 1)
}

// lineOf is the 1-based line of the first occurrence of s in text.
func lineOf(text, s string) int {
	return strings.Count(text[:strings.Index(text, s)], "\n") + 1
}

// TestTemplateErrors: a template that does not parse, or that fails as it
// runs, is a timeline.Error at the template's file and line (the file
// that holds the mistake, not the page template that called it), so that
// the terminal, check and the preview's overlay all place it.
func TestTemplateErrors(t *testing.T) {
	site, err := timeline.Load(homeSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	brokenEntry := builtin(t, "templates/partials.html", `<span class="mark"></span>`, `<span class="mark">{{$e.Nope}}</span>`)
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // each error as printed, whole lines
	}{{
		name:  "parse error",
		files: map[string]string{"templates/page.html": "{{define \"main\" -}}\n<h1>{{.Title}}</h1>\n{{if .Title}}"},
		want:  []string{`templates/page.html:3: unexpected EOF`},
	}, {
		name: "parse errors in two files, each once",
		files: map[string]string{
			"templates/home.html":     "{{define \"main\"}}{{.Nope(}}{{end}}\n",
			"templates/partials.html": "\n\n{{define \"when\"}}{{end}\n",
		},
		want: []string{
			`templates/home.html:1: unexpected "(" in operand`,
			`templates/partials.html:3: bad character U+007D '}'`,
		},
	}, {
		name:  "undefined function",
		files: map[string]string{"templates/404.html": "\n{{define \"main\"}}{{nosuch .}}{{end}}\n"},
		want:  []string{`templates/404.html:2: function "nosuch" not defined`},
	}, {
		name:  "no base",
		files: map[string]string{"templates/base.html": "{{define \"frame\"}}{{end}}"},
		want:  []string{`templates/base.html: it must define "base"`},
	}, {
		name:  "execution error in a partial",
		files: map[string]string{"templates/partials.html": brokenEntry},
		want: []string{`templates/partials.html:` + strconv.Itoa(lineOf(brokenEntry, "{{$e.Nope}}")) +
			`:`}, // the rest is text/template's own words
	}} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Render(site, themeWith(t, c.files), Options{Now: exportNow})
			var list timeline.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error = %v (%T), want a timeline.ErrorList", err, err)
			}
			if len(list) != len(c.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(list), len(c.want), list)
			}
			for i, e := range list {
				if got := e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg; e.Line == 0 {
					got = e.File + ": " + e.Msg
					if got != c.want[i] {
						t.Errorf("error %d = %q, want %q", i, got, c.want[i])
					}
				} else if !strings.HasPrefix(got, c.want[i]) || strings.Contains(e.Msg, "template:") {
					t.Errorf("error %d = %q, want %q and no position left in the message", i, got, c.want[i])
				}
			}
		})
	}
}

// TestTemplateExecErrorNamesPage: an error met while making a page says
// which page, below the template's position.
func TestTemplateExecErrorNamesPage(t *testing.T) {
	site, err := timeline.Load(homeSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "{{define \"main\" -}}\n<h1>{{.Title}}</h1>\n{{.Nope}}\n{{- end}}\n"
	_, err = Render(site, themeWith(t, map[string]string{"templates/page.html": text}), Options{Now: exportNow})
	var list timeline.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("error = %v, want one timeline.Error", err)
	}
	e := list[0]
	if e.File != "templates/page.html" || e.Line != 3 || !strings.Contains(e.Msg, `can't evaluate field Nope`) {
		t.Errorf("error = %+v, want templates/page.html:3: … can't evaluate field Nope …", e)
	}
	if e.Help != "while making the page /about/" {
		t.Errorf("help = %q, want the page", e.Help)
	}
}
