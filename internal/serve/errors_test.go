package serve

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateErrorPlaced: a broken template of the site's theme is shown
// in the overlay and the terminal at its file and line, as a broken event
// is.
func TestTemplateErrorPlaced(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{})
	page := fetchBody(t, r.url+"events/b/")
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/b/", hashOf(t, page))
	expectEvent(t, live, "build-ok")

	writeFile(t, dir, "templates/event.html", "{{define \"main\" -}}\n<h1>{{.Title}</h1>\n{{- end}}\n")
	data := expectEvent(t, live, "build-error")
	if !strings.Contains(data, `"file":"templates/event.html","line":2`) {
		t.Errorf("build-error = %s, want templates/event.html line 2", data)
	}
	eventually(t, "the error in the terminal", func() bool {
		return strings.Contains(r.stderr.String(), filepath.ToSlash(filepath.Join(dir, "templates/event.html"))+":2: ")
	})
}

// TestFirstBuildFailsNoLastGood: when the first build fails there is no
// last good version to speak of; once one has built, there is.
func TestFirstBuildFailsNoLastGood(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/events/a.md", "no front matter")
	r := start(t, dir, Options{})
	got := r.stderr.String()
	if !strings.Contains(got, "1 error; the preview shows them until the site builds: fix them and save\n") ||
		strings.Contains(got, "last good version") {
		t.Errorf("stderr after a failed first build:\n%s", got)
	}
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Fixed."))
	eventually(t, "the fixed build", func() bool { return strings.Contains(r.stdout.String(), "rebuilt") })
	writeFile(t, dir, "content/events/a.md", "broken again")
	eventually(t, "the second failure", func() bool {
		return strings.Contains(r.stderr.String(), "1 error; the last good version is still served\n")
	})
}

// TestOverlayShowsEveryError: when an event stops loading, the overlay
// still shows the errors that only rendering finds, a broken link and a
// broken template, each at its file and line, as `timeline build` does.
func TestOverlayShowsEveryError(t *testing.T) {
	for _, tt := range []struct {
		name, file, text, want string
	}{
		{"link", "content/events/b.md", eventFile("Talks go on", "2022-01-11", "See [the rest](../nope/)."),
			`"file":"content/events/b.md","line":8,"msg":"link \"../nope/\"`},
		{"template", "templates/event.html", "{{define \"main\" -}}\n<h1>{{.Title}</h1>\n{{- end}}\n",
			`"file":"templates/event.html","line":2`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			r := start(t, dir, Options{})
			page := fetchBody(t, r.url+"events/c/")
			live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/c/", hashOf(t, page))
			expectEvent(t, live, "build-ok")

			writeFile(t, dir, tt.file, tt.text)
			if data := expectEvent(t, live, "build-error"); !strings.Contains(data, tt.want) {
				t.Fatalf("build-error = %s, want %s", data, tt.want)
			}
			// Now an event fails to load as well: both show.
			writeFile(t, dir, "content/events/a.md", "no front matter")
			const loadErr = `"file":"content/events/a.md","line":1`
			for {
				event, data := live.next()
				if event != "build-error" {
					t.Fatalf("event %s (%s), want build-error", event, data)
				}
				if strings.Contains(data, loadErr) {
					if !strings.Contains(data, tt.want) {
						t.Errorf("build-error = %s, want %s beside the load error", data, tt.want)
					}
					break
				}
			}
			eventually(t, "both errors in the terminal", func() bool {
				out := r.stderr.String()
				return strings.Contains(out, "a.md:1: missing front matter") && strings.Contains(out, "2 errors")
			})
		})
	}
}
