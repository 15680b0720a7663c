package build

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestPreviewLanguagesErrorsAtOnce: the preview of a site in two
// languages reports every error of each, as a build does, in every
// update: the load's in an original and in a translation, the links of
// both, a template's, and a file in static/ at the path of a page of the
// other language.
func TestPreviewLanguagesErrorsAtOnce(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":              "title = \"T\"\nlanguage = \"en\"\nbaseURL = \"https://example.org/\"\n\n[languages.uk]\ntitle = \"Т\"\n",
		"content/events/a.md":    "+++\ntitle = \"A\"\ndate = \"2014-13\"\n+++\n",
		"content/events/a.uk.md": "+++\ntitle = \"А\"\ndate = \"2014-14\"\n+++\n",
		"content/events/b.md":    "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nTo [nothing](../nope/).\n",
		"content/events/b.uk.md": "+++\ntitle = \"Б\"\ndate = \"2015\"\n+++\n\nДо [нічого](../nichts/).\n",
		"static/uk/index.html":   "mine",
		"templates/home.html":    "{{define \"main\"}}\n\n{{.Nope}}{{end}}\n",
	})
	opts := Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"}
	p := NewPreview(opts, &recorder{})
	defer p.Close()
	date := func(file, month string) string {
		return file + ":3: date \"2014-" + month + "\": month " + month + " out of range\n" +
			"\taccepted forms: \"2014\", \"2014-03\", \"2014-03-18\", \"2014-03-18T10:30\",\n" +
			"\t\"2014-03-18T10:30:15\", an RFC 3339 time (\"2014-03-18T10:30:15+02:00\"), a TOML date\n" +
			"\t(2014-03-18 without quotes), \"-0490\" for 491 BC, \"-13800000000\" for 13.8 billion years ago;\n" +
			"\tprefix \"~\" for an approximate date (\"~2014\")"
	}
	render := []string{
		`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
		`content/events/b.uk.md:6: link "../nichts/": the site has no page or file at /uk/events/nichts`,
		"static/uk/index.html: the build makes /uk/ itself\n" +
			"\ta file in static/ is copied to the same path in the built site: move or rename it, or give the page another slug",
		"templates/home.html:3: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n" +
			"\twhile making the page /",
	}
	for _, c := range []struct {
		name    string
		changed []string
		want    []string
	}{
		{"load errors", nil, append([]string{date("content/events/a.md", "13"), date("content/events/a.uk.md", "14")}, render...)},
		{"render errors", []string{"content/events/a.md", "content/events/a.uk.md"}, render},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.changed != nil {
				sitetest.Write(t, dir, "content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n")
				sitetest.Write(t, dir, "content/events/a.uk.md", "+++\ntitle = \"А\"\ndate = \"2014\"\n+++\n")
			}
			want := strings.Join(c.want, "\n")
			if _, _, err := p.Update(context.Background(), c.changed); err == nil || err.Error() != want {
				t.Errorf("preview: errors:\n%v\nwant:\n%s", err, want)
			}
			if _, err := Check(opts); err == nil || err.Error() != want {
				t.Errorf("check: errors:\n%v\nwant:\n%s", err, want)
			}
		})
	}
}
