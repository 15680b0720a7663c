// Package render turns a loaded site and its templates into the files of
// the built site, in memory: it never touches a disk. Pages, listings,
// feeds and exports each have their own file here; render.go holds the
// pipeline that runs them in parallel.
package render

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"hash/maphash"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/timeline-ssg/timeline/internal/i18n"
	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/timeline"
	"github.com/timeline-ssg/timeline/internal/work"
)

// Options changes how a site is rendered. The zero value is the default.
type Options struct {
	// BaseURL overrides site.toml's baseURL (timeline build --base-url).
	BaseURL string
	// Now is the build time: "present" ends here in the calendar export.
	// Zero means time.Now(). Tests set it for stable output.
	Now time.Time
	// Failed lists the content files that did not load: a build that
	// failed renders the rest to find the errors only rendering finds, and
	// a link to one of these files' pages (timeline.FileURL) is not one.
	Failed []string
	// ImageCache is the folder where resized images are kept between
	// builds, by their content's sum and width; "" keeps none, and every
	// build resizes every image again.
	ImageCache string
	// ImageCacheReadOnly reads copies from ImageCache but writes
	// none there (timeline check, which writes nothing).
	ImageCacheReadOnly bool
	// Images, if set, counts the images resized and found in the cache.
	Images *ImageStats

	// langs, for a site with translations, is the language rendered and
	// the others (languages.go).
	langs *languages
}

// Sink receives the files of a render, from several goroutines at once.
type Sink struct {
	// Put receives a whole file.
	Put func(path string, data []byte) error
	// Create, if set, opens a file to be written in parts, for a file too
	// large to be held whole (timeline.json holds every event's body).
	// Without it such a file is put whole once written.
	Create func(path string) (io.WriteCloser, error)
}

// Checking is s with check called on the path of each file before it is
// put or created: it may count the files, note them, or refuse one with
// an error.
func (s Sink) Checking(check func(path string) error) Sink {
	c := Sink{Put: func(p string, b []byte) error {
		if err := check(p); err != nil {
			return err
		}
		return s.Put(p, b)
	}}
	if s.Create != nil {
		c.Create = func(p string) (io.WriteCloser, error) {
			if err := check(p); err != nil {
				return nil, err
			}
			return s.Create(p)
		}
	}
	return c
}

// Render renders the whole site into memory. theme holds templates/*.html
// and static/**: the site's own files laid over the built-in defaults.
func Render(site *timeline.Site, theme fs.FS, opts Options) (*Output, error) {
	out := &Output{Files: make(map[string][]byte, len(site.Events)+len(site.Tags)+64)}
	if err := Stream(site, theme, opts, Sink{Put: out.put}); err != nil {
		return nil, err
	}
	return out, nil
}

// Stream renders the site and hands each file to out as soon as it is
// made, from several goroutines at once, so that a large site need not sit
// in memory whole. A site with translations is rendered in each of its
// languages, the others' under /LANG/.
func Stream(site *timeline.Site, theme fs.FS, opts Options, out Sink) error {
	tmpl, err := loadTemplates(theme)
	if err != nil {
		return withoutTemplates(site, theme, opts, err)
	}
	return streamAll(site, theme, tmpl, opts, out)
}

// streamAll is Stream with the theme's templates parsed: a site with
// translations in each of its languages, or in its one.
func streamAll(site *timeline.Site, theme fs.FS, tmpl *templates, opts Options, out Sink) error {
	if len(site.Translations) > 0 {
		return streamLanguages(site, theme, tmpl, opts, out)
	}
	return stream(site, theme, tmpl, opts, out)
}

// stream renders a site in one language, with the theme's templates
// parsed.
func stream(site *timeline.Site, theme fs.FS, tmpl *templates, opts Options, out Sink) error {
	loc, locErr := siteLocale(site, theme)
	if locErr != nil {
		if !errors.As(locErr, new(*timeline.Error)) {
			return locErr
		}
		loc = &buildLocale{Locale: english} // the rest is checked all the same
	}
	defer loc.done(site)
	r := &renderer{site: site, theme: theme, tmpl: tmpl, opts: opts, links: newLinkCheck(len(site.Events) + len(site.Pages) + len(opts.Failed) + 1), imgs: newImageSet(), loc: loc.Locale,
		md: markdown.New(markdown.Options{Unsafe: site.Config.Markdown.Unsafe}), memo: noMemo{}, unread: new(sync.Map)}
	if r.opts.BaseURL == "" {
		r.opts.BaseURL = site.Config.BaseURL
	}
	if opts.langs != nil {
		r.links.folder = opts.langs.current.prefix
	}
	failed := map[string]bool{}
	for _, f := range opts.Failed {
		u := timeline.FileURL(f)
		r.links.pages[f] = u // the site's own files replace these in prepare
		failed[strings.TrimSuffix(u, "/")] = true
	}
	if r.opts.Now.IsZero() {
		r.opts.Now = time.Now()
	}
	// The views are made whatever fails: their errors are the site's to
	// fix, and reported with the rest, unless one is not (joinErrors).
	prepErr := r.prepare()
	if err := joinErrors(prepErr); err != nil && !errors.As(err, new(timeline.ErrorList)) {
		return err
	}
	// Links in bodies are checked against every file made, whichever job
	// made it, once all are made. The files are known by a 64-bit hash of
	// their paths rather than by the paths, which a large site's hundreds
	// of thousands would keep (tens of megabytes); two paths that share a
	// hash are as good as impossible. A file made twice is refused here,
	// whatever the sink. (A set: a map to bools took twice the memory.)
	var mu sync.Mutex
	seed := maphash.MakeSeed()
	made := map[uint64]struct{}{}
	isMade := func(h uint64) bool { _, ok := made[h]; return ok }
	mark := func(p string) error {
		h := maphash.String(seed, p)
		mu.Lock()
		defer mu.Unlock()
		if isMade(h) {
			return claimed(theme, p)
		}
		made[h] = struct{}{}
		return nil
	}
	if out.Create != nil {
		r.create = func(p string) (io.WriteCloser, error) {
			if err := mark(p); err != nil {
				return nil, err
			}
			return out.Create(p)
		}
	}
	err := r.run(func(p string, b []byte) error {
		if err := mark(p); err != nil {
			return err
		}
		return out.Put(p, b)
	})
	// A page whose template failed was still made (opened, or put as far
	// as it ran): the links are checked against it all the same, so that
	// one run reports both.
	return joinErrors(locErr, prepErr, err, r.links.check(func(p string) bool {
		_, unread := r.unread.Load(p)
		return isMade(maphash.String(seed, p)) || failed[strings.TrimSuffix(p, "/index.html")] || unread
	}))
}

type renderer struct {
	loc   *i18n.Locale
	site  *timeline.Site
	theme fs.FS
	tmpl  *templates
	opts  Options
	md    *markdown.Renderer
	links *linkCheck
	imgs  *imageSet // the local images' sums and sizes; nil for none
	// exports is set by jobs(): the event pages hand it their parses.
	exports *exports
	// search is set by jobs(): the event pages hand it their bodies.
	search *searchIndex
	// create opens a file to write in parts; nil puts it whole (see Sink).
	create func(path string) (io.WriteCloser, error)
	// unread holds the paths of the event pages not made because their
	// bodies could not be read again: the site has them, once the file
	// is fixed, and links to them are good (their error says why). nil
	// in the preview, whose render stops at the first failed page.
	unread *sync.Map

	sv     *siteView
	events []*eventView
	intro  template.HTML

	condensed  bool         // the home page lists leading events per year only
	homeGroups []*yearGroup // what the home page lists
	eras       []*eraView   // the site's eras, made by eraViews

	memo memo    // what the last render kept for this one (memo.go)
	inc  *incRun // the memo, and the signatures, of an incremental render
}

// A job makes one or more output files.
type job func(put func(string, []byte) error) error

// run executes every job on GOMAXPROCS workers, but for the ones that
// follow the others (task.follows), which start at once beside them. It
// returns every job's errors, each once (a template that fails on every
// event page fails once), in an order that does not depend on
// scheduling; see joinErrors. Each job is let go once done, with what it
// holds (a page's data, its closures): a large site has hundreds of
// thousands.
func (r *renderer) run(put func(string, []byte) error) error {
	jobs := r.jobs()
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	var pooled []int
	for i, j := range jobs {
		if j.follows {
			jobs[i] = task{}
			wg.Go(func() { errs[i] = j.run(put) })
		} else {
			pooled = append(pooled, i)
		}
	}
	work.Do(context.Background(), len(pooled), func(k int) error {
		i := pooled[k]
		errs[i] = jobs[i].run(put)
		jobs[i] = task{}
		return nil
	})
	wg.Wait()
	return joinErrors(errs...)
}

// writerPool recycles the buffered writers pages are written through.
var writerPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 8<<10) }}

// writePage runs the named page template with p and writes the page to
// path as it runs, without holding it whole: a large site's listing pages
// run to megabytes.
func (r *renderer) writePage(put func(string, []byte) error, path, kind string, p *page) (err error) {
	f, err := r.open(path, put)
	if err != nil {
		if !errors.As(err, new(*timeline.Error)) {
			return err
		}
		// A file in static/ took the path first: the template still runs,
		// into nothing, so that its own errors are reported with the clash,
		// as they are when the page comes first.
		f = refused{err}
	}
	bw := writerPool.Get().(*bufio.Writer)
	bw.Reset(f)
	defer func() {
		if err == nil {
			err = bw.Flush()
		}
		bw.Reset(nil)
		writerPool.Put(bw)
		if err != nil {
			// A page that failed is still put, as far as it ran (see
			// stream): a file in static/ at its path is reported too.
			err = joinErrors(err, f.Close())
			return
		}
		err = f.Close()
	}()
	p.r, p.tmpl = r, kind
	r.setLanguages(p)
	p.rootedCopy = nil // a copy of the page as it was: made again (see rooted)
	if done, err := r.writeGenerated(bw, f, kind, p); done {
		return err
	}
	if err := r.tmpl.page(kind).ExecuteTemplate(bw, "base", p); err != nil {
		var list timeline.ErrorList
		if errors.As(err, &list) { // a body that could not be read again
			return list
		}
		e := templateError(err, "templates/"+kind+".html")
		if e.Help == "" {
			e.Help = "while making the page /" + strings.TrimSuffix(path, "index.html")
		}
		return timeline.ErrorList{e}
	}
	return nil
}

// writeFile writes the file at path in parts through write, buffered,
// for a file too large to build whole first (see open).
func (r *renderer) writeFile(put func(string, []byte) error, path string, write func(*bufio.Writer) error) (err error) {
	f, err := r.open(path, put)
	if err != nil {
		return err
	}
	bw := writerPool.Get().(*bufio.Writer)
	bw.Reset(f)
	defer func() {
		bw.Reset(nil)
		writerPool.Put(bw)
	}()
	if err = write(bw); err == nil {
		err = bw.Flush()
	}
	if err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// open opens the file at path to be written in parts: through the sink's
// Create when it has one, and otherwise into memory, put whole on Close.
func (r *renderer) open(path string, put func(string, []byte) error) (io.WriteCloser, error) {
	if r.create != nil {
		return r.create(path)
	}
	if w, err := r.memo.open(path); w != nil || err != nil {
		return w, err
	}
	return &putOnClose{path: path, put: put}, nil
}

// refused is a page's file that could not be opened: what is written to
// it goes nowhere, and closing it gives the reason.
type refused struct{ err error }

func (refused) Write(b []byte) (int, error) { return len(b), nil }
func (f refused) Close() error              { return f.err }

type putOnClose struct {
	bytes.Buffer
	path string
	put  func(string, []byte) error
}

// Close puts the file. A failed render leaves it unput: its error says why.
func (w *putOnClose) Close() error { return w.put(w.path, w.Bytes()) }
