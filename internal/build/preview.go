package build

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/render"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Preview builds a site again and again in memory, as `timeline serve`
// does after every save, and publishes each build to a Target: its pages
// as soon as they are made, the rest (feeds, exports, the sitemap) when it
// is. It reads again only the files that changed (timeline.Cache) and
// renders again only the pages they show up on (render.Incremental). What
// it publishes is what Render makes from the same files, byte for byte.
// It holds the events' Markdown bodies compressed, and their leads made,
// as a build does.
//
// A build's late work may not finish: a newer build cancels it when it
// publishes its own pages, or takes it over (render.ErrSuperseded) when
// it builds from that work. Should the newer build then fail, nothing
// would complete the pages served: the Preview serves the last whole
// build again instead, or those pages alone when there is none.
type Preview struct {
	opts   Options
	fsys   fs.FS
	theme  fs.FS
	cache  *timeline.Cache
	inc    *render.Incremental
	target Target

	mu        sync.Mutex
	current   int                    // the build whose files are published
	cancel    context.CancelFunc     // stops its late work
	pages     map[string]packed.File // its pages
	complete  map[string]packed.File // the last build published whole
	building  bool                   // an Update is under way
	abandoned bool                   // the current build's late work was taken over
	lates     sync.WaitGroup
}

// A Target is where a Preview publishes its builds: the preview's web
// server. Its methods are called one at a time.
type Target interface {
	// Publish serves the files of a build: the whole of it (complete), or
	// its pages, with the rest to come through Complete.
	Publish(files map[string]packed.File, complete bool)
	// Complete serves files, the whole of the build whose pages are
	// served, in place of them.
	Complete(files map[string]packed.File)
	// Fail reports that the feeds or exports of the build served failed.
	// The files served stay: an earlier build whole, or when whole is
	// false (no build has completed yet), this one's pages.
	Fail(err error, whole bool)
}

// fullErrorsMax is the most events a site may have for a failed load to
// be followed by a full render that finds the broken links and template
// errors too, as a build does: under a second of CPU at 1,000 events, but
// seconds at 10,000, which would hold up the save that fixes the error.
// Larger sites show the load's errors, and the others once it loads.
const fullErrorsMax = 1000

// NewPreview returns a Preview of the site in opts.FS, which publishes to
// target; Source and Dest are not used, since a preview writes nothing.
func NewPreview(opts Options, target Target) *Preview {
	fsys := opts.FS
	return &Preview{opts: opts, fsys: fsys, theme: overlay{top: fsys, bottom: defaults.Theme()},
		cache:  timeline.NewCache(fsys, timeline.Options{Drafts: opts.Drafts, Lead: leads.Summary, PackBodies: true}),
		inc:    render.NewIncremental(),
		target: target}
}

// Update builds the site again after the paths in changed (relative to
// the site folder, slash-separated; "." for all) changed, publishes its
// pages, and returns; the rest is published when it is made. The first
// call builds everything. rendered counts the pages made again, the
// others being kept from before. A build that fails publishes nothing:
// the last good one stays served, and the error is returned. Calls must
// not overlap.
func (p *Preview) Update(ctx context.Context, changed []string) (res *Result, rendered int, err error) {
	rctx, cancel := context.WithCancel(ctx)
	p.mu.Lock()
	p.building = true
	p.mu.Unlock()
	g, res, err := p.rebuild(rctx, changed)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.building = false
	if err != nil {
		cancel()
		p.settleAbandoned()
		return nil, 0, err
	}
	p.target.Publish(g.Pages(), false)
	p.current++
	id := p.current
	p.pages, p.abandoned = g.Pages(), false
	if p.cancel != nil {
		p.cancel() // its late work would be out of date
	}
	p.cancel = cancel

	p.lates.Go(func() {
		out, err := g.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		if id != p.current {
			return // a newer build is published
		}
		switch {
		case err == nil:
			p.complete = out
			p.target.Complete(out)
		case errors.Is(err, render.ErrSuperseded):
			// The next build took its work over; should that one fail,
			// nothing would complete these pages.
			p.abandoned = true
			if !p.building {
				p.settleAbandoned()
			}
		case !errors.Is(err, context.Canceled):
			// The feeds or exports failed: the last whole build stands,
			// or the pages of this one when there is none.
			p.target.Complete(p.lastWhole())
			p.target.Fail(err, p.complete != nil)
		}
	})
	return res, len(g.Rendered), nil
}

// settleAbandoned publishes a whole site again when the build published
// has pages only and the rest will not come: its late work was taken over
// by a build that then failed. Called with p.mu held.
func (p *Preview) settleAbandoned() {
	if !p.abandoned {
		return
	}
	p.abandoned = false
	p.target.Complete(p.lastWhole())
}

// lastWhole is the last build published whole, or the pages of the
// current one when there is none. Called with p.mu held.
func (p *Preview) lastWhole() map[string]packed.File {
	if p.complete != nil {
		return p.complete
	}
	return p.pages
}

// rebuild builds the site again and returns once the pages are made; the
// Rendering hands out the rest of the site when it is done, unless ctx
// ends first.
func (p *Preview) rebuild(ctx context.Context, changed []string) (*render.Rendering, *Result, error) {
	start := time.Now()
	if timeline.Multilingual(p.fsys) {
		return p.rebuildLanguages()
	}
	site, err := p.cache.Load(changed)
	if err != nil {
		if site != nil && len(site.Events) <= fullErrorsMax {
			// What a build reports, not the load's errors alone.
			err = renderErrors(site, p.theme, p.opts, err)
		}
		return nil, nil, err
	}
	if err := configure(site, p.opts); err != nil {
		return nil, nil, err
	}
	g, err := p.inc.Render(ctx, site, p.theme, p.opts.render())
	if err != nil {
		return nil, nil, p.allErrors(site, err)
	}
	res := &Result{Site: site, Files: len(g.Pages()), Duration: time.Since(start)}
	for name := range g.Pages() {
		if strings.HasSuffix(name, ".html") {
			res.Pages++
		}
	}
	return g, res, nil
}

// allErrors is err, the site's errors that the preview's render found,
// with those a build finds besides: the preview's render stops at
// templates that do not parse, before the links are checked, and at the
// first page that fails. As after a failed load, only a site of
// fullErrorsMax events or fewer is rendered again for them.
func (p *Preview) allErrors(site *timeline.Site, err error) error {
	var list timeline.ErrorList
	if len(site.Events) > fullErrorsMax || !errors.As(err, &list) {
		return err
	}
	var all timeline.ErrorList
	if !errors.As(render.Stream(site, p.theme, p.opts.render(), render.Discard()), &all) {
		return err
	}
	for _, e := range list {
		if !slices.ContainsFunc(all, func(o *timeline.Error) bool { return *o == *e }) {
			all = append(all, e)
		}
	}
	return all.Err()
}

// Close stops the late work of the build published and waits for every
// build's work to end. Nothing is published after it returns.
func (p *Preview) Close() {
	p.mu.Lock()
	if p.cancel != nil {
		p.cancel()
	}
	p.current++ // late work that still ends publishes nothing
	p.mu.Unlock()
	p.lates.Wait()
	p.inc.Wait()
}
