package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"math"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"timeline/internal/markdown"
	"timeline/internal/timeline"
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
	// address a remembered signature names.
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
	exportBodies map[exportKey]string

	// searchDocs are the events' docs the search index was made of (see
	// searchDoc), which its late job keeps for the next render.
	searchMu   sync.Mutex
	searchDocs map[*timeline.Event]searchEntry

	// mu is held while a pass compares signatures and renders pages: the
	// caches above, and last, are its. waiting counts the Renders waiting
	// for it.
	mu        sync.Mutex
	waiting   atomic.Int32
	passHook  func()    // called as a background pass starts; tests only
	last      *renderer // of the last pass
	lastPages *Output   // the pages it made
}

// NewIncremental returns an Incremental that has rendered nothing yet.
func NewIncremental() *Incremental {
	return &Incremental{seed: maphash.MakeSeed(), memo: map[string]*memoEntry{}, bodies: map[bodyKey]*bodyEntry{},
		summaries: map[*timeline.Event]string{}, eventSums: map[*timeline.Event]uint64{},
		exportBodies: map[exportKey]string{}, imgs: newImageSet(), searchDocs: map[*timeline.Event]searchEntry{}}
}

type memoEntry struct {
	sig   uint64
	files map[string][]byte
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
	html    []byte
	pending []pendingLink
	errs    timeline.ErrorList
}

// A Rendering is one run of Incremental.Render: its pages now, and the
// whole site once the late jobs are done.
type Rendering struct {
	// Rendered lists the keys of the page jobs that ran (an output path,
	// or "static/"); the others kept their files from before.
	Rendered []string
	// Unknowable lists the page jobs whose signature met data it cannot
	// describe: they run every time. Tests keep it empty.
	Unknowable []string

	pages *Output
	done  chan struct{}
	out   *Output
	err   error
}

// Pages returns every file but those of the late jobs (feeds, exports,
// the sitemap): the pages, ready to serve while the rest is made.
func (g *Rendering) Pages() *Output { return g.pages }

// Wait waits for the late jobs and returns the whole site, as Render
// would, or the error that stopped them: ctx's, if it ended first, or
// ErrSuperseded, if a newer Render took the work over.
func (g *Rendering) Wait() (*Output, error) {
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
	made       []map[string][]byte
	late       []int
	pages      *Output
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
	r := &renderer{site: site, theme: theme, tmpl: tmpl.parsed, opts: opts, links: newLinkCheck(), imgs: inc.imgs, loc: loc.Locale,
		md: markdown.New(markdown.Options{Unsafe: site.Config.Markdown.Unsafe})}
	r.inc = &incRun{inc: inc, tmpl: tmpl}
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
	p := &pass{inc: inc, r: r, tasks: tasks, made: make([]map[string][]byte, len(tasks)),
		pages: &Output{Files: make(map[string][]byte, len(inc.memo)+16)}}
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
				if _, err := r.eventBody(t.event); err != nil {
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
	for _, i := range sigTasks(tasks) {
		for path, b := range p.made[i] {
			// Each path was checked when it was made.
			if _, dup := p.pages.Files[path]; dup {
				return nil, fmt.Errorf("two outputs claim %s", path)
			}
			p.pages.Files[path] = b
		}
	}
	if err := inc.checkLinks(r.links, p.pages); err != nil {
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
func (inc *Incremental) checkLinks(links *linkCheck, pages *Output) error {
	lastLate := inc.late()
	if lastLate == nil {
		return nil
	}
	return links.snapshot().check(func(p string) bool { _, ok := pages.Files[p]; return ok || lastLate[p] })
}

// finish runs the late jobs and returns the whole site.
func (p *pass) finish(ctx context.Context) (*Output, error) {
	if err := runTasks(ctx, p.tasks, p.late, p.made); err != nil {
		return nil, err
	}
	out := &Output{Files: maps.Clone(p.pages.Files)}
	lateFiles := map[string]bool{}
	for _, i := range p.late {
		for path, b := range p.made[i] {
			if err := out.put(path, b); err != nil {
				return nil, err
			}
			lateFiles[path] = true
		}
	}
	if err := p.links.check(func(path string) bool { _, ok := out.Files[path]; return ok }); err != nil {
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
func (inc *Incremental) fast(site *timeline.Site, theme fs.FS, opts Options) (*Output, []string, bool) {
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
	r.site, r.theme, r.links = site, theme, &linkCheck{pages: r0.links.pages}
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
	files := map[string][]byte{}
	var rendered []string
	for _, i := range changed {
		v0 := r0.events[i]
		v := new(eventView)
		*v = *v0
		r.setEvent(v, site.Events[i])
		r.setImage(v)
		v.Summary, v.entries = site.Events[i].Summary, &entryCache{}
		if v.Summary == "" {
			v.Summary, _ = r.summary(v.Event) // the preview keeps bodies: no error
		}
		if r.inc.card(v) != r.inc.cards[v0] {
			return nil, nil, false // its listings change too
		}
		err := r.eventJob(v)(func(path string, b []byte) error {
			files[path] = b
			return nil
		})
		if err != nil {
			return nil, nil, false // the pass reports it
		}
		rendered = append(rendered, v.URL+"index.html")
	}
	pages := &Output{Files: maps.Clone(inc.lastPages.Files)}
	maps.Copy(pages.Files, files)
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

// sigTasks returns the indices of the tasks with a signature.
func sigTasks(tasks []task) []int {
	var out []int
	for i, t := range tasks {
		if t.sig != nil {
			out = append(out, i)
		}
	}
	return out
}

// runTasks runs the tasks listed in which, on GOMAXPROCS workers, each
// into a map of its own in made, and returns the first error in task
// order. It starts no task once ctx has ended.
func runTasks(ctx context.Context, tasks []task, which []int, made []map[string][]byte) error {
	errs := make([]error, len(which))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(which), 1)) {
		wg.Go(func() {
			for k := range next {
				i := which[k]
				files := map[string][]byte{}
				errs[k] = tasks[i].run(func(p string, b []byte) error {
					if err := CheckPath(p); err != nil {
						return err
					}
					if _, dup := files[p]; dup {
						return fmt.Errorf("two outputs claim %s", p)
					}
					files[p] = b
					return nil
				})
				made[i] = files
			}
		})
	}
feed:
	for k := range which {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
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

// summary is the default summary of an event: its first paragraph.
func (r *renderer) summary(e *timeline.Event) (string, error) {
	if e.HasLead {
		return e.Lead, nil
	}
	if r.inc == nil {
		body, err := r.site.Body(e)
		return r.md.Summary(body), err
	}
	r.inc.mu.Lock()
	s, ok := r.inc.inc.summaries[e]
	r.inc.mu.Unlock()
	if !ok {
		s = r.md.Summary(e.Body)
		r.inc.mu.Lock()
		r.inc.inc.summaries[e] = s
		r.inc.mu.Unlock()
	}
	return s, nil
}

// eventBody renders an event's body for its page, resolving and checking
// its links.
func (r *renderer) eventBody(v *eventView) ([]byte, error) {
	if r.inc == nil {
		body, err := r.site.Body(v.Event)
		if err != nil {
			return nil, err
		}
		doc, err := r.md.RenderResolved(body, r.links.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			return nil, err
		}
		if r.exports != nil {
			r.exports.fromPage(v, doc)
		}
		return doc.HTML, nil
	}
	key := bodyKey{v.Event, v.URL}
	pages, unsafe := r.inc.pagesHash(), r.site.Config.Markdown.Unsafe
	r.inc.mu.Lock()
	b := r.inc.inc.bodies[key]
	r.inc.mu.Unlock()
	if b == nil || b.pages != pages || b.unsafe != unsafe {
		// Render with a link check of its own, to keep what it found.
		lc := &linkCheck{pages: r.links.pages}
		doc, err := r.md.RenderResolved(v.Body, lc.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			return nil, err
		}
		b = &bodyEntry{pages: pages, unsafe: unsafe, html: doc.HTML, pending: lc.pending, errs: lc.errs}
		r.inc.mu.Lock()
		r.inc.inc.bodies[key] = b
		r.inc.mu.Unlock()
	}
	if len(b.pending) > 0 || len(b.errs) > 0 {
		r.links.add(b.pending, b.errs)
	}
	return b.html, nil
}

// exportKey names an event's body as the exports show it: with links made
// absolute against its page.
type exportKey struct {
	event  *timeline.Event
	page   string // its URL, absolute when the site has a baseURL
	unsafe bool
}

func (r *renderer) exportKey(v *eventView) exportKey {
	return exportKey{v.Event, r.opts.BaseURL + v.URL, r.site.Config.Markdown.Unsafe}
}

// cachedExportBody returns the body the exports made for the event last
// time, when rendering incrementally.
func (r *renderer) cachedExportBody(v *eventView) (string, bool) {
	if r.inc == nil {
		return "", false
	}
	r.inc.inc.exportMu.Lock()
	defer r.inc.inc.exportMu.Unlock()
	html, ok := r.inc.inc.exportBodies[r.exportKey(v)]
	return html, ok
}

// keepExportBody remembers the body the exports made for the event.
func (r *renderer) keepExportBody(v *eventView, html string, err error) {
	if r.inc == nil || err != nil {
		return
	}
	r.inc.inc.exportMu.Lock()
	defer r.inc.inc.exportMu.Unlock()
	r.inc.inc.exportBodies[r.exportKey(v)] = html
}

// add adds what the link check of one body found.
func (c *linkCheck) add(pending []pendingLink, errs timeline.ErrorList) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending = append(c.pending, pending...)
	c.errs = append(c.errs, errs...)
}

// snapshot copies the link check as it stands, to check again later.
func (c *linkCheck) snapshot() *linkCheck {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &linkCheck{pages: c.pages, pending: append([]pendingLink(nil), c.pending...),
		errs: append(timeline.ErrorList(nil), c.errs...)}
}

// incRun is what one incremental render knows beside the renderer.
type incRun struct {
	inc  *Incremental
	tmpl *templateCache
	mu   sync.Mutex // guards inc's caches while jobs run

	site        uint64 // signature of what every page sees
	siteUnknown bool   // and it met data it cannot describe
	counts      uint64 // of the events of each term, which not every page sees
	pages       uint64 // hash of links.pages
	cards       map[*eventView]uint64
	terms       map[*termView]uint64 // shallow: without the count
	plans       *planCache
}

// start computes what every signature needs, once prepare is done.
func (x *incRun) start(r *renderer) {
	x.plans = &planCache{plans: map[planKey][]int{}}
	x.cards = make(map[*eventView]uint64, len(r.events))
	x.terms = map[*termView]uint64{}

	// What links to .md files resolve to: a sum, so that the events'
	// order does not count, only which file has which page.
	x.pages = 0
	for file, url := range r.links.pages {
		x.pages += maphash.String(x.inc.seed, file+"\x00"+url)
	}

	counts := x.signer(false)
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags, r.sv.Years} {
		counts.u64(uint64(len(list)))
		for _, t := range list {
			x.terms[t] = x.termSum(t)
			counts.u64(uint64(len(t.Events)))
		}
	}
	x.counts = counts.sum()
	for _, v := range r.events {
		x.cards[v] = x.card(v)
	}

	s := x.signer(false)
	s.fields(reflect.ValueOf(r.sv).Elem(), nil)
	s.fields(reflect.ValueOf(r.site.Config), nil)
	s.u64(x.pages)
	s.str(string(r.intro))
	s.bool(r.condensed)
	s.str(r.opts.BaseURL)
	x.siteUnknown = s.unknown
	x.site = s.sum()
}

func (x *incRun) pagesHash() uint64 { return x.pages }

// eventSum hashes an event's fields but its body, once per event.
func (x *incRun) eventSum(e *timeline.Event) uint64 {
	x.mu.Lock()
	sum, ok := x.inc.eventSums[e]
	x.mu.Unlock()
	if ok {
		return sum
	}
	s := x.signer(false)
	s.fields(reflect.ValueOf(e).Elem(), eventBody)
	sum = s.sum()
	x.mu.Lock()
	x.inc.eventSums[e] = sum
	x.mu.Unlock()
	return sum
}

// card hashes what a page that lists an event shows of it: its fields
// but the body, and what is derived from them (summary, dates, URLs). The
// terms it links to are named in the site signature.
func (x *incRun) card(v *eventView) uint64 {
	s := x.signer(false)
	s.u64(x.eventSum(v.Event))
	s.fields(reflect.ValueOf(v).Elem(), viewLinks)
	return s.sum()
}

// viewLinks are the fields of the views that lead to other views: a
// signature names what they lead to, or leaves it to the site signature,
// instead of following them.
var viewLinks = &skipSet{"view links", map[string]bool{
	"Event": true, "Track": true, "Tags": true, "Year": true, "Prev": true, "Next": true, // eventView
	"Term": true, "Events": true, // termView
}}

var eventBody = &skipSet{"event body", map[string]bool{"Body": true, "BodyLine": true}}

// The site's own view is in the site signature.
var pageSite = &skipSet{"page site", map[string]bool{"Site": true}}

// termSum hashes a term as a page that names it shows it: name, URL,
// colour, but not its events.
func (x *incRun) termSum(t *termView) uint64 {
	s := x.signer(false)
	s.str(t.Name)
	s.str(t.Slug)
	s.fields(reflect.ValueOf(t).Elem(), viewLinks)
	return s.sum()
}

// signature of a task: the site-wide data and what its sig declares, and
// whether it could describe all of that.
func (x *incRun) signature(t task) (uint64, bool) {
	s := x.signer(true)
	s.u64(x.site)
	t.sig(s)
	known := !s.unknown && !x.siteUnknown
	return s.sum(), known
}

func (x *incRun) signer(counts bool) *signer {
	s := signerPool.Get().(*signer)
	s.x, s.counts, s.unknown, s.buf = x, counts, false, s.buf[:0]
	return s
}

// signerPool recycles signers' buffers: a render makes tens of thousands
// of signatures.
var signerPool = sync.Pool{New: func() any { return &signer{buf: make([]byte, 0, 512)} }}

// sum returns the signature and recycles the signer.
func (s *signer) sum() uint64 {
	h := maphash.Bytes(s.x.inc.seed, s.buf)
	if cap(s.buf) <= 64<<10 {
		signerPool.Put(s)
	}
	return h
}

// A signer builds a signature.
type signer struct {
	x   *incRun
	buf []byte // what the signature is a hash of
	// counts adds to each term the number of its events, which the site
	// signature leaves out: only the pages that list a term show it.
	counts bool
	// unknown is set when a value of a kind a signature cannot describe
	// was met: the signature is then different every time, so that the
	// task always runs.
	unknown bool
}

func (s *signer) u64(n uint64) { s.buf = binary.LittleEndian.AppendUint64(s.buf, n) }

func (s *signer) str(v string) {
	s.u64(uint64(len(v)))
	s.buf = append(s.buf, v...)
}

func (s *signer) bool(b bool) {
	if b {
		s.buf = append(s.buf, 1)
	} else {
		s.buf = append(s.buf, 0)
	}
}

// template adds the template a page of the kind is made with, and the
// number of events of every tag, track and year if it may show them.
func (s *signer) template(kind string) {
	s.u64(s.x.tmpl.kindSum(kind))
	if s.x.tmpl.seesCounts[kind] {
		s.u64(s.x.counts)
	}
}

// event adds an event page's own event: its body, and all of it.
func (s *signer) event(v *eventView) {
	s.u64(identity(v.Event))
	s.card(v)
}

// card adds an event as a listing shows it; nil for none.
func (s *signer) card(v *eventView) {
	if v == nil {
		s.u64(0)
		return
	}
	c, ok := s.x.cards[v]
	if !ok {
		// An event view the site does not list: none are made so far.
		s.unknown = true
		c = uint64(time.Now().UnixNano())
	}
	s.u64(c)
}

// term adds a term as a page that names it shows it.
func (s *signer) term(t *termView) {
	s.u64(s.x.terms[t])
	if s.counts {
		s.u64(uint64(len(t.Events)))
	}
}

// page adds a plain page: its source, which its HTML is made from.
func (s *signer) page(p *pageView) {
	s.u64(identity(p.Page))
	s.str(string(p.HTML))
}

// identity tells events and pages apart by pointer: one that
// timeline.Cache decoded again has a new one. (Incremental.site keeps
// those the remembered signatures name from being freed and reused.)
func identity[T any](p *T) uint64 { return uint64(reflect.ValueOf(p).Pointer()) }

// fields adds the fields of struct v but those in skip.
func (s *signer) fields(v reflect.Value, skip *skipSet) {
	for _, i := range s.x.plans.of(v.Type(), skip) {
		s.value(v.Field(i), 0)
	}
}

// value adds a value by reflection: scalars, strings, slices and structs;
// pointers to views are named by their sums, other pointers followed.
// Anything else makes the signature unknown.
func (s *signer) value(v reflect.Value, depth int) {
	if depth > 8 {
		s.unknowable()
		return
	}
	switch v.Kind() {
	case reflect.String:
		s.str(v.String())
	case reflect.Bool:
		s.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		s.u64(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		s.u64(uint64(v.Len()))
		for i := range v.Len() {
			s.value(v.Index(i), depth+1)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if !v.CanInterface() { // an unexported field
				s.unknowable()
				return
			}
			s.str(v.Interface().(time.Time).Format(time.RFC3339Nano))
			return
		}
		for _, i := range s.x.plans.of(v.Type(), nil) {
			s.value(v.Field(i), depth+1)
		}
	case reflect.Pointer:
		if v.IsNil() {
			s.u64(0)
			return
		}
		if !v.CanInterface() {
			// An unexported field: follow what it points to.
			s.value(v.Elem(), depth+1)
			return
		}
		switch p := v.Interface().(type) {
		case *termView:
			s.term(p)
		case *pageView:
			s.page(p)
		case *eventView:
			s.card(p)
		case *siteView:
			// In the site signature already.
		default:
			if v.Elem().Kind() != reflect.Struct {
				s.unknowable()
				return
			}
			s.value(v.Elem(), depth+1)
		}
	default:
		s.unknowable()
	}
}

func (s *signer) unknowable() {
	s.unknown = true
	s.u64(uint64(time.Now().UnixNano()))
}

// A skipSet names struct fields a signature leaves out.
type skipSet struct {
	name   string
	fields map[string]bool
}

type planKey struct {
	t    reflect.Type
	skip *skipSet
}

// planCache keeps, per struct type and skip set, the fields to follow.
type planCache struct {
	mu    sync.Mutex
	plans map[planKey][]int
}

func (c *planCache) of(t reflect.Type, skip *skipSet) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := planKey{t, skip}
	if p, ok := c.plans[k]; ok {
		return p
	}
	var p []int
	for i := range t.NumField() {
		// Templates see only exported fields; unexported ones are caches
		// and plumbing (eventView.entries, page.r), not what a page shows.
		if !t.Field(i).IsExported() {
			continue
		}
		if skip == nil || !skip.fields[t.Field(i).Name] {
			p = append(p, i)
		}
	}
	c.plans[k] = p
	return p
}

// pageSig declares what a page made from p with the kind's template
// shows: everything p holds but the site's view.
func (r *renderer) pageSig(kind string, p *page) func(*signer) {
	return func(s *signer) {
		s.template(kind)
		s.fields(reflect.ValueOf(p).Elem(), pageSite)
	}
}

// eventSig declares what an event's page shows: the event, all of it, and
// its neighbours, which it links to by title and date and draws on its
// small axis (see page.Neighbours).
func (r *renderer) eventSig(v *eventView) func(*signer) {
	return func(s *signer) {
		s.template("event")
		s.event(v)
		// Its small axis shows its neighbours and its place in the list.
		for p, i := v.Prev, 0; i < contextEvents; p, i = p.Prev, i+1 {
			s.card(p)
			if p == nil {
				break
			}
		}
		for n, i := v.Next, 0; i < contextEvents; n, i = n.Next, i+1 {
			s.card(n)
			if n == nil {
				break
			}
		}
		s.u64(uint64(v.pos))
	}
}

// templateCache keeps the parsed templates while their sources are the
// same, with a sum per page kind: its own file, and every shared one.
type templateCache struct {
	sources map[string][]byte
	parsed  *templates
	shared  uint64
	kinds   map[string]uint64
	// seesCounts tells the kinds whose templates may show how many events
	// a tag, track or year has through .Site; see siteFields.
	seesCounts map[string]bool
}

// siteScalars are the fields of siteView in the site signature whole: a
// template that reads only these from .Site shows no term's count.
var siteScalars = map[string]bool{"Title": true, "Description": true, "Language": true, "BaseURL": true,
	"Author": true, "Copyright": true, "EventCount": true, "Pages": true,
	"T": true, "N": true, "Word": true, "Num": true, "Dir": true, "Script": true}

// siteRef finds the uses of .Site in a template, with the field read.
var siteRef = regexp.MustCompile(`\.Site\b(?:\.([A-Za-z_][A-Za-z0-9_]*))?`)

// mayShowCounts reports whether a template's source reads from .Site
// anything but siteScalars: the lists of tags, tracks and years, whose
// terms have counts, or .Site itself, to read anything from later.
func mayShowCounts(src []byte) bool {
	for _, m := range siteRef.FindAllSubmatch(src, -1) {
		if !siteScalars[string(m[1])] {
			return true
		}
	}
	return false
}

func (c *templateCache) kindSum(kind string) uint64 { return c.kinds[kind] ^ c.shared }

// templates returns the theme's templates, parsed again only when a file
// under templates/ changed. The site's translations (i18n/) count as
// templates shared by every page: a changed string is on every page.
func (inc *Incremental) templates(theme fs.FS) (*templateCache, error) {
	sources := map[string][]byte{}
	for _, dir := range []string{"templates", "i18n"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			sources[p] = b
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if c := inc.tmpl; c != nil && maps.EqualFunc(c.sources, sources, bytes.Equal) {
		return c, nil
	}
	parsed, err := loadTemplates(theme)
	if err != nil {
		return nil, err
	}
	c := &templateCache{sources: sources, parsed: parsed, kinds: map[string]uint64{}, seesCounts: map[string]bool{}}
	kindFile := map[string]string{}
	for _, k := range pageKinds {
		kindFile["templates/"+k+".html"] = k
	}
	var shared maphash.Hash
	shared.SetSeed(inc.seed)
	sharedCounts := false
	for _, p := range sortedKeys(sources) {
		if k, ok := kindFile[p]; ok {
			c.kinds[k] = maphash.Bytes(inc.seed, sources[p])
			c.seesCounts[k] = mayShowCounts(sources[p])
			continue
		}
		shared.WriteString(p)
		shared.WriteByte(0)
		shared.Write(sources[p])
		shared.WriteByte(0)
		sharedCounts = sharedCounts || mayShowCounts(sources[p])
	}
	c.shared = shared.Sum64()
	for _, k := range pageKinds {
		c.seesCounts[k] = c.seesCounts[k] || sharedCounts
	}
	inc.tmpl = c
	return c, nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// staticSig feeds the static job's signature: the files under static/
// with their sizes and times, or their contents where the file system
// keeps no times (the built-in theme, which is small).
func (r *renderer) staticSig(s *signer) {
	fs.WalkDir(r.theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			s.str(p + ": " + err.Error())
			return nil
		}
		s.str(p)
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			s.str(err.Error())
			return nil
		}
		s.u64(uint64(info.Size()))
		s.u64(uint64(info.ModTime().UnixNano()))
		if info.ModTime().IsZero() {
			b, err := fs.ReadFile(r.theme, p)
			if err != nil {
				s.str(err.Error())
			}
			s.u64(maphash.Bytes(s.x.inc.seed, b))
		}
		return nil
	})
}
