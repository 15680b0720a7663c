package render

import (
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Incremental renders the same site again and again, as the preview does
// after every save, and re-runs only the jobs whose inputs changed; what it
// returns is what Render returns for the same site, byte for byte.
//
// It works by job. A job that makes pages declares what they show (see
// task.sig): the site-wide data every page sees (titles, navigation, the
// names of every tag, track and year, the event count), its template, and
// the events it lists or is about. A job whose declaration has the same
// signature as last time keeps last time's files. Events are told apart
// by pointer, which timeline.Cache keeps for a file that did not change,
// and by the data derived from them each time (summaries, display dates,
// places in the timeline). So an edit to one event's body re-renders its
// page alone; an edit to its title also the pages that list it and those
// of its neighbours, which link to it; a template change the pages made
// with it; anything site-wide every page.
//
// Jobs that declare nothing (feeds, exports, the sitemap: whatever jobs()
// adds with add) run every time, after the pages: a Rendering hands out
// the pages as soon as they are made, and the rest when it is done.
type Incremental struct {
	seed maphash.Seed

	memo map[string]*memoEntry // by task key: the last files made, and for what
	// site is the site memo was made from. Signatures name its events and
	// pages by address: holding them keeps anything new from taking an
	// address a remembered signature names (see timeline.Cache on identity).
	site      *timeline.Site
	bodies    map[bodyKey]*bodyEntry
	summaries map[*timeline.Event]string
	eventSums map[*timeline.Event]uint64 // hash of an event's fields, body aside
	tmpl      *templateCache
	imgs      *imageSet // the sums of the images, kept while their files are unchanged

	// lastLate lists the files the jobs without a signature made last
	// time (nil before they first finish): the link check of the pages
	// counts on them.
	lateMu   sync.Mutex
	lastLate map[string]bool

	bg sync.WaitGroup // the late jobs of every Rendering

	// exportBodies are the bodies the exports made, which the late jobs
	// of one Rendering may add to while the next one runs.
	exportMu     sync.Mutex
	exportBodies map[exportKey]packed.File

	// searchDocs are the events' docs the search index was made of (see
	// searchDoc), which its late job keeps for the next render.
	searchMu   sync.Mutex
	searchDocs map[*timeline.Event]searchEntry

	// mu is held while a pass compares signatures and renders pages: the
	// caches above, and last, are its. waiting counts the Renders waiting
	// for it.
	mu        sync.Mutex
	waiting   atomic.Int32
	passHook  func()                 // called as a background pass starts; tests only
	last      *renderer              // of the last pass
	lastPages map[string]packed.File // the pages it made
}

// NewIncremental returns an Incremental that has rendered nothing yet.
func NewIncremental() *Incremental {
	return &Incremental{seed: maphash.MakeSeed(), memo: map[string]*memoEntry{}, bodies: map[bodyKey]*bodyEntry{},
		summaries: map[*timeline.Event]string{}, eventSums: map[*timeline.Event]uint64{},
		exportBodies: map[exportKey]packed.File{}, imgs: newImageSet(), searchDocs: map[*timeline.Event]searchEntry{}}
}

type memoEntry struct {
	sig   uint64
	files []namedFile
}

type bodyKey struct {
	event *timeline.Event
	dir   string
}

// bodyEntry is an event's body rendered, with what the link check learnt
// from it. Links to .md files resolve through the map of every content
// file's page, so the body is good while that map is the same.
type bodyEntry struct {
	pages   uint64 // links.pages' hash
	unsafe  bool
	html    packed.File
	pending []pendingLink
	errs    timeline.ErrorList
}

// A Rendering is one run of Incremental.Render: its pages now, and the
// whole site once the late jobs are done. Its files are packed: a large
// site's are held in a fraction of their size.
type Rendering struct {
	// Rendered lists the keys of the page jobs that ran (an output path,
	// or "static/"); the others kept their files from before.
	Rendered []string
	// Unknowable lists the page jobs whose signature met data it cannot
	// describe: they run every time. Tests keep it empty.
	Unknowable []string

	pages map[string]packed.File
	done  chan struct{}
	out   map[string]packed.File
	err   error
}

// Pages returns every file but those of the late jobs (feeds, exports,
// the sitemap): the pages, ready to serve while the rest is made.
func (g *Rendering) Pages() map[string]packed.File { return g.pages }

// Wait waits for the late jobs and returns the whole site, as Render
// would, or the error that stopped them: ctx's, if it ended first, or
// ErrSuperseded, if a newer Render took the work over.
func (g *Rendering) Wait() (map[string]packed.File, error) {
	<-g.done
	return g.out, g.err
}

// Render renders site, reusing what it can from the previous call. It
// returns once the pages are made; the late jobs go on until done or until
// ctx ends (each late job that started still finishes, in the background).
// Calls must not overlap, but a Rendering's work may still go on when the
// next Render starts.
//
// When only the bodies of a few events changed, and not in a way their
// listings show, Render makes their pages from the previous render's views
// and returns at once; the full comparison of signatures then runs in the
// background, before the late jobs, and what Wait returns comes from it.
func (inc *Incremental) Render(ctx context.Context, site *timeline.Site, theme fs.FS, opts Options) (*Rendering, error) {
	if opts.BaseURL == "" {
		opts.BaseURL = site.Config.BaseURL
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	// A pass in the background gives way to this render (see pass).
	inc.waiting.Add(1)
	inc.mu.Lock() // until the pass over every signature is done
	inc.waiting.Add(-1)
	g := &Rendering{done: make(chan struct{})}
	if pages, rendered, ok := inc.fast(site, theme, opts); ok {
		g.pages, g.Rendered = pages, rendered
		inc.bg.Go(func() {
			defer close(g.done)
			p, err := inc.pass(ctx, site, theme, opts, true)
			inc.mu.Unlock()
			if err != nil {
				g.err = err
				return
			}
			g.out, g.err = p.finish(ctx)
		})
		return g, nil
	}
	p, err := inc.pass(ctx, site, theme, opts, false)
	inc.mu.Unlock()
	if err != nil {
		return nil, err
	}
	g.pages, g.Rendered, g.Unknowable = p.pages, p.rendered, p.unknowable
	inc.bg.Go(func() {
		defer close(g.done)
		g.out, g.err = p.finish(ctx)
	})
	return g, nil
}

// A pass is one comparison of every page's signature with the last, and
// the jobs it left to run late.
type pass struct {
	inc        *Incremental
	r          *renderer
	tasks      []task
	made       [][]namedFile
	late       []int
	pages      map[string]packed.File
	links      *linkCheck
	rendered   []string
	unknowable []string
}

// ErrSuperseded is what Wait returns for a Rendering whose work a newer
// Render took over: its pages were served, the rest never will be.
var ErrSuperseded = fmt.Errorf("render: a newer render took over: %w", context.Canceled)

// pass renders the pages whose signatures changed and remembers them.
// Called with inc.mu held. A pass that runs after the fast path is only
// the background check of what it made: when another Render is waiting,
// it gives way (ErrSuperseded) before it has changed anything, and that
// Render compares against the pass before, which is just as good.
func (inc *Incremental) pass(ctx context.Context, site *timeline.Site, theme fs.FS, opts Options, yield bool) (*pass, error) {
	if yield && inc.passHook != nil {
		inc.passHook()
	}
	if !yield {
		// The last pass's views are for the fast path alone: let them go
		// while this pass makes its own (a failure leaves no fast path).
		inc.last, inc.lastPages = nil, nil
	}
	superseded := func() bool { return yield && inc.waiting.Load() > 0 }
	tmpl, err := inc.templates(theme)
	if err != nil {
		return nil, err
	}
	loc, err := siteLocale(site, theme)
	if err != nil {
		return nil, err
	}
	defer loc.done(site)
	r := &renderer{site: site, theme: theme, tmpl: tmpl.parsed, opts: opts, links: newLinkCheck(len(site.Events) + len(site.Pages) + 1), imgs: inc.imgs, loc: loc.Locale,
		md: markdown.New(markdown.Options{Unsafe: site.Config.Markdown.Unsafe})}
	r.inc = &incRun{inc: inc, tmpl: tmpl, stream: &streamed{}}
	r.memo = r.inc
	if err := r.prepare(); err != nil {
		return nil, err
	}
	if superseded() {
		return nil, ErrSuperseded
	}
	r.inc.start(r)
	tasks := r.jobs()
	if superseded() {
		return nil, ErrSuperseded
	}

	// The pages: a task whose signature is unchanged keeps its files.
	p := &pass{inc: inc, r: r, tasks: tasks, made: make([][]namedFile, len(tasks)),
		pages: make(map[string]packed.File, len(inc.memo)+16)}
	sigs := make([]uint64, len(tasks))
	var run []int
	for i, t := range tasks {
		if t.sig == nil {
			p.late = append(p.late, i)
			continue
		}
		var known bool
		sigs[i], known = r.inc.signature(t)
		if !known {
			p.unknowable = append(p.unknowable, t.key)
		}
		if m := inc.memo[t.key]; m != nil && m.sig == sigs[i] {
			p.made[i] = m.files
			if t.event != nil {
				// Its body's links still count in the link check.
				if _, _, err := r.eventBody(t.event); err != nil {
					return nil, err
				}
			}
			continue
		}
		run = append(run, i)
	}
	if superseded() {
		return nil, ErrSuperseded
	}
	if err := runTasks(ctx, tasks, run, p.made); err != nil {
		return nil, err
	}
	var claims []error
	for _, i := range sigTasks(tasks) {
		for _, f := range p.made[i] {
			// Each path was checked when it was made. A path two tasks
			// make is an error, at the static/ file when it is one, as in
			// a build; the first task's file stands, and the rest are
			// checked all the same.
			if _, dup := p.pages[f.path]; dup {
				claims = append(claims, claimed(theme, f.path))
				continue
			}
			p.pages[f.path] = f.file
		}
	}
	if err := joinErrors(append(claims, inc.checkLinks(r.links, p.pages))...); err != nil {
		return nil, err
	}

	// What was made is good whatever happens next: remember it, forget
	// what the site no longer has.
	memo := make(map[string]*memoEntry, len(inc.memo))
	for _, i := range sigTasks(tasks) {
		memo[tasks[i].key] = &memoEntry{sig: sigs[i], files: p.made[i]}
	}
	inc.memo, inc.site, inc.last, inc.lastPages = memo, site, r, p.pages
	inc.forget(site)
	for _, i := range run {
		p.rendered = append(p.rendered, tasks[i].key)
	}
	p.links = r.links.snapshot()
	return p, nil
}

// checkLinks checks the links of the pages' bodies against the pages and
// the late jobs' files, which count as made: they were made last time,
// and finish checks again against what is made this time. Before any late
// job has finished, only finish can tell.
func (inc *Incremental) checkLinks(links *linkCheck, pages map[string]packed.File) error {
	lastLate := inc.late()
	if lastLate == nil {
		return nil
	}
	return links.snapshot().check(func(p string) bool { _, ok := pages[p]; return ok || lastLate[p] })
}

// finish runs the late jobs and returns the whole site.
func (p *pass) finish(ctx context.Context) (map[string]packed.File, error) {
	// The exports' bodies are kept packed (keepExportBody), not as the
	// late jobs had them.
	defer p.r.exports.drop()
	p.r.inc.stream.on.Store(true)
	if err := runTasks(ctx, p.tasks, p.late, p.made); err != nil {
		return nil, err
	}
	p.made = append(p.made, p.r.inc.stream.files)
	late := append(p.late, len(p.made)-1)
	out := maps.Clone(p.pages)
	lateFiles := map[string]bool{}
	var claims []error
	for _, i := range late {
		for _, f := range p.made[i] {
			if _, dup := out[f.path]; dup { // as in pass
				claims = append(claims, claimed(p.r.theme, f.path))
				continue
			}
			out[f.path] = f.file
			lateFiles[f.path] = true
		}
	}
	if err := joinErrors(append(claims, p.links.check(func(path string) bool { _, ok := out[path]; return ok }))...); err != nil {
		return nil, err
	}
	p.inc.setLate(lateFiles)
	return out, nil
}

// fast makes the pages when only the bodies of a few events changed since
// the last pass, and not in a way that their listings show: their pages
// are then all that changed. It makes them from the last pass's views,
// with a copy of each changed event's view holding the new event, and
// reports false when the change is of any other kind. Called with inc.mu
// held.
func (inc *Incremental) fast(site *timeline.Site, theme fs.FS, opts Options) (map[string]packed.File, []string, bool) {
	r0 := inc.last
	if r0 == nil {
		return nil, nil, false
	}
	s0 := r0.site
	if len(site.Events) != len(s0.Events) || site.Intro != s0.Intro || !slices.Equal(site.Pages, s0.Pages) ||
		opts.BaseURL != r0.opts.BaseURL || !reflect.DeepEqual(site.Config, s0.Config) {
		return nil, nil, false
	}
	if tmpl, err := inc.templates(theme); err != nil || tmpl != r0.inc.tmpl {
		return nil, nil, false
	}
	// A renderer like the last one, on this theme, with a link check of
	// its own.
	r := *r0
	r.site, r.theme, r.links, r.memo = site, theme, &linkCheck{pages: r0.links.pages}, pagesOnly{r0.inc}
	if m := inc.memo["static/"]; m == nil {
		return nil, nil, false
	} else if sig, _ := r.inc.signature(task{sig: r.staticSig}); sig != m.sig {
		return nil, nil, false
	}
	if m := inc.memo["resources/"]; m == nil {
		return nil, nil, false
	} else if sig, _ := r.inc.signature(task{sig: r.resourcesSig}); sig != m.sig {
		return nil, nil, false
	}
	var changed []int
	for i, e := range site.Events {
		if e != s0.Events[i] {
			if len(changed) == 16 || r0.inc.eventSum(e) != r0.inc.eventSum(s0.Events[i]) {
				return nil, nil, false
			}
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		return inc.lastPages, nil, true
	}
	files := map[string]packed.File{}
	var rendered []string
	for _, i := range changed {
		v0 := r0.events[i]
		v := new(eventView)
		*v = *v0
		r.setEvent(v, site.Events[i])
		r.setImage(v)
		v.Summary, v.entries = site.Events[i].Summary, &entryCache{}
		if v.Summary == "" {
			var err error
			if v.Summary, err = r.summary(v.Event); err != nil {
				return nil, nil, false // the pass reports it
			}
		}
		if r.inc.card(v) != r.inc.cards[v0] {
			return nil, nil, false // its listings change too
		}
		err := r.eventJob(v)(func(path string, b []byte) error {
			files[path] = packed.Of(path, b)
			return nil
		})
		if err != nil {
			return nil, nil, false // the pass reports it
		}
		rendered = append(rendered, v.URL+"index.html")
	}
	pages := maps.Clone(inc.lastPages)
	maps.Copy(pages, files)
	if err := inc.checkLinks(r.links, pages); err != nil {
		return nil, nil, false
	}
	return pages, rendered, true
}

// Wait waits for the late jobs of every Rendering to end.
func (inc *Incremental) Wait() { inc.bg.Wait() }

// late and setLate guard lastLate, which the late jobs of one Rendering
// set while the next Render may read it.
func (inc *Incremental) late() map[string]bool {
	inc.lateMu.Lock()
	defer inc.lateMu.Unlock()
	return inc.lastLate
}

func (inc *Incremental) setLate(files map[string]bool) {
	inc.lateMu.Lock()
	defer inc.lateMu.Unlock()
	inc.lastLate = files
}

// forget drops what belongs to events the site no longer has.
func (inc *Incremental) forget(site *timeline.Site) {
	keep := make(map[*timeline.Event]bool, len(site.Events))
	for _, e := range site.Events {
		keep[e] = true
	}
	for k := range inc.bodies {
		if !keep[k.event] {
			delete(inc.bodies, k)
		}
	}
	for e := range inc.summaries {
		if !keep[e] {
			delete(inc.summaries, e)
		}
	}
	for e := range inc.eventSums {
		if !keep[e] {
			delete(inc.eventSums, e)
		}
	}
	inc.exportMu.Lock()
	for k := range inc.exportBodies {
		if !keep[k.event] {
			delete(inc.exportBodies, k)
		}
	}
	inc.exportMu.Unlock()
	inc.searchMu.Lock()
	for e := range inc.searchDocs {
		if !keep[e] {
			delete(inc.searchDocs, e)
		}
	}
	inc.searchMu.Unlock()
}

// A task is a job with, when it has one, the declaration of what its files
// depend on.
type task struct {
	run job
	// key names the task across renders: its output path, for a page.
	key string
	// sig feeds a signature with what the job's files show besides the
	// site-wide data every page sees. Nil means that the job may depend on
	// anything: it runs every time, late.
	sig func(*signer)
	// event is the event of an event page, whose body the task renders.
	event *eventView
	// follows marks a job that follows the event pages as they are made,
	// waiting on them (timeline.json in a full render): it runs beside
	// the workers rather than taking one.
	follows bool
}
