package render

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestPrepareErrorsAtOnce: an event whose body cannot be read again when
// the views are prepared (for its summary: the file changed, or went,
// while the site was being built) stops no other check. The same render
// reports it, once, with the templates' errors and the broken links of
// the other bodies, and the event's page, feeds and exports add no
// errors of their own.
func TestPrepareErrorsAtOnce(t *testing.T) {
	fsys := maps.Clone(linkSite)
	fsys["content/events/c.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"C\"\ndate = \"2016\"\n+++\nC.\n")}
	fsys["content/events/d.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"D\"\ndate = \"2017\"\n+++\nD.\n")}
	// Links to their pages are good: the pages are the site's, made once
	// their files are fixed.
	fsys["content/more.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"More\"\n+++\nSee [c](events/c.md) and [d](../events/d/).\n")}
	// Bodies left on disk, to be read again as they are needed, and no
	// leads made at load: the summaries read them.
	site, err := timeline.Load(fsys, timeline.Options{LeaveBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/events/c.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"C\"\ndate = \"2016\"\n+++\nC, edited.\n")}
	delete(fsys, "content/events/d.md")
	theme := themeWith(t, map[string]string{"templates/home.html": "{{define \"main\"}}\n{{.Nope}}{{end}}\n"})
	for name, sink := range map[string]func() Sink{"discard": Discard, "output": func() Sink { return Sink{Put: new(Output).put} }} {
		t.Run(name, func(t *testing.T) {
			err := Stream(site, theme, Options{Now: exportNow}, sink())
			want := strings.Join([]string{
				`content/about.md:4: link "../ghost/": the site has no page or file at /ghost`,
				`content/events/b.md:6: link "../nope/": the site has no page or file at /events/nope`,
				"content/events/c.md: the file changed while the site was being built\n\tbuild again",
				"content/events/d.md: the file is gone: it was removed while the site was read",
				"templates/home.html:2: executing \"main\" at <.Nope>: can't evaluate field Nope in type *render.page\n\twhile making the page /",
			}, "\n")
			if err == nil || err.Error() != want {
				t.Errorf("errors:\n%v\nwant:\n%s", err, want)
			}
		})
	}
}
