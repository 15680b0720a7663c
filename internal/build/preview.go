package build

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"time"

	defaults "timeline"
	"timeline/internal/render"
	"timeline/internal/timeline"
)

// Preview builds a site again and again in memory, as `timeline serve`
// does after every save: it reads again only the files that changed
// (timeline.Cache) and renders again only the pages they show up on
// (render.Incremental). What it makes is what Render makes from the same
// files, byte for byte. It holds the events' Markdown bodies compressed,
// and their leads made, as a build does.
type Preview struct {
	opts  Options
	fsys  fs.FS
	theme fs.FS
	cache *timeline.Cache
	inc   *render.Incremental
}

// NewPreview returns a Preview of the site at opts.Source; Dest is not
// used, since a preview writes nothing.
func NewPreview(opts Options) *Preview {
	fsys := os.DirFS(opts.Source)
	return &Preview{opts: opts, fsys: fsys, theme: overlay{top: fsys, bottom: defaults.Theme()},
		cache: timeline.NewCache(fsys, timeline.Options{Drafts: opts.Drafts, Lead: leads.Summary, PackBodies: true}),
		inc:   render.NewIncremental()}
}

// Rebuild builds the site again after the paths in changed (relative to
// the site folder, slash-separated; "." for all) changed, and returns
// once the pages are made; the Rendering hands out the rest of the site
// when it is done, unless ctx ends first. The first call builds
// everything. Calls must not overlap.
func (p *Preview) Rebuild(ctx context.Context, changed []string) (*render.Rendering, *Result, error) {
	start := time.Now()
	site, err := p.cache.Load(changed)
	if err != nil {
		return nil, nil, err
	}
	if err := configure(site, p.opts); err != nil {
		return nil, nil, err
	}
	g, err := p.inc.Render(ctx, site, p.theme, p.opts.render())
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Site: site, Files: len(g.Pages()), Duration: time.Since(start)}
	for name := range g.Pages() {
		if strings.HasSuffix(name, ".html") {
			res.Pages++
		}
	}
	return g, res, nil
}

// Wait waits for the work of every Rendering to end.
func (p *Preview) Wait() { p.inc.Wait() }
