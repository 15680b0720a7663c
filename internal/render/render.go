// Package render turns a loaded site and its templates into the files of
// the built site, in memory: it never touches a disk. Pages, listings,
// feeds and exports each have their own file here; render.go holds the
// pipeline that runs them in parallel.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"timeline/internal/markdown"
	"timeline/internal/timeline"
)

// Options changes how a site is rendered. The zero value is the default.
type Options struct {
	// BaseURL overrides site.toml's baseURL (timeline build --base-url).
	BaseURL string
	// Now is the build time: "present" ends here in the calendar export.
	// Zero means time.Now(). Tests set it for stable output.
	Now time.Time
}

// Render renders the whole site into memory. theme holds templates/*.html
// and static/**: the site's own files laid over the built-in defaults.
func Render(site *timeline.Site, theme fs.FS, opts Options) (*Output, error) {
	out := &Output{Files: make(map[string][]byte, len(site.Events)+len(site.Tags)+64)}
	if err := Stream(site, theme, opts, out.put); err != nil {
		return nil, err
	}
	return out, nil
}

// Stream renders the site and hands each file to put as soon as it is
// made, from several goroutines at once, so that a large site need not sit
// in memory whole. put must be safe for concurrent use.
func Stream(site *timeline.Site, theme fs.FS, opts Options, put func(path string, data []byte) error) error {
	tmpl, err := loadTemplates(theme)
	if err != nil {
		return err
	}
	r := &renderer{site: site, theme: theme, tmpl: tmpl, opts: opts, links: newLinkCheck(),
		md: markdown.New(markdown.Options{Unsafe: site.Config.Markdown.Unsafe})}
	if r.opts.BaseURL == "" {
		r.opts.BaseURL = site.Config.BaseURL
	}
	if r.opts.Now.IsZero() {
		r.opts.Now = time.Now()
	}
	if err := r.prepare(); err != nil {
		return err
	}
	// Links in bodies are checked against every file made, whichever job
	// made it, once all are made.
	var mu sync.Mutex
	made := map[string]bool{}
	err = r.run(func(p string, b []byte) error {
		mu.Lock()
		made[p] = true
		mu.Unlock()
		return put(p, b)
	})
	if err != nil {
		return err
	}
	return r.links.check(func(p string) bool { return made[p] })
}

type renderer struct {
	site  *timeline.Site
	theme fs.FS
	tmpl  *templates
	opts  Options
	md    *markdown.Renderer
	links *linkCheck
	// exports is set by jobs(): the event pages hand it their parses.
	exports *exports

	sv     *siteView
	events []*eventView
	intro  template.HTML

	condensed  bool         // the home page lists leading events per year only
	homeGroups []*yearGroup // what the home page lists

	inc *incRun // set when rendering incrementally (incremental.go)
}

// A job makes one or more output files.
type job func(put func(string, []byte) error) error

// run executes every job on GOMAXPROCS workers and returns the first error
// in job order, so that the message does not depend on scheduling.
func (r *renderer) run(put func(string, []byte) error) error {
	jobs := r.jobs()
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = jobs[i].run(put)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// forEach runs fn for i in [0, n) on GOMAXPROCS workers, returning the
// error of the lowest i that failed.
func forEach(n int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				errs[i] = fn(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// bufPool recycles the buffers templates execute into; the bytes handed
// to put are a copy of exactly the right size.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute runs the named page template with p and returns the page.
func (r *renderer) execute(kind string, p *page) ([]byte, error) {
	t := r.tmpl.pages[kind]
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	p.r, p.tmpl = r, kind
	if err := t.ExecuteTemplate(buf, "base", p); err != nil {
		return nil, fmt.Errorf("templates/%s.html: rendering /%s: %w", kind, p.Path, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}
