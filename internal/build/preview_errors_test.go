package build

import (
	"context"
	"os"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestPreviewErrorsAtOnce: a preview whose templates break reports, in
// the same update, the site's other errors, as a build does: the broken
// links the preview's own render stops before checking.
func TestPreviewErrorsAtOnce(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":           "title = \"T\"\nbaseURL = \"https://example.org/\"\n",
		"content/events/a.md": "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nA.\n",
		"content/events/b.md": "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nTo [a](../a/).\n",
	})
	p := NewPreview(Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"}, &recorder{})
	defer p.Close()
	if _, _, err := p.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, dir, "content/events/b.md", "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nTo [a](../a/), [nothing](../nope/).\n")
	link := `content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`
	for _, c := range []struct{ name, home, want string }{
		{"does not parse", "{{define \"main\"}}\n{{.Nope(}}{{end}}\n", `templates/home.html:2: unexpected "(" in operand`},
		{"fails", "{{define \"main\"}}\n\n{{.Nope}}{{end}}\n",
			"templates/home.html:3: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sitetest.Write(t, dir, "templates/home.html", c.home)
			_, _, err := p.Update(context.Background(), []string{"content/events/b.md", "templates/home.html"})
			if want := link + "\n" + c.want; err == nil || err.Error() != want {
				t.Errorf("errors:\n%v\nwant:\n%s", err, want)
			}
		})
	}
	os.Remove(dir + "/templates/home.html")
	_, _, err := p.Update(context.Background(), []string{"templates/home.html"})
	if err == nil || err.Error() != link {
		t.Errorf("with the templates fixed, errors:\n%v\nwant:\n%s", err, link)
	}
}
