// Package build is the one pipeline that `timeline build`, `check` and
// `serve` share: load the site, render it, and (for build) publish it to
// the destination folder all at once.
package build

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/render"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Options says what to build and where. FS is required, and Source for
// Build.
type Options struct {
	// FS is the site folder's files, holding site.toml: what is read. The
	// command opens it (timeline.DirFS(Source)); tests may give an fstest.MapFS.
	FS      fs.FS
	Source  string // the site folder, which Build publishes beside
	Dest    string // the output folder; default Source/public
	Drafts  bool
	BaseURL string    // overrides site.toml's baseURL
	Now     time.Time // the build time; zero means now
	// Progress, when set, receives a progress line, rewritten in place,
	// once a build has taken a second: give it a terminal, or nothing.
	Progress io.Writer
	// ImageCache is where resized images are kept between builds (see
	// render.Options): "" means the user's cache folder
	// (os.UserCacheDir()/timeline/images, shared by every site, since
	// copies are named by their content), and "-" keeps none. It is the
	// only place outside the destination a build writes to.
	ImageCache string
}

// Result describes a finished build.
type Result struct {
	Site     *timeline.Site
	Files    int // files written
	Pages    int // HTML pages among them
	Duration time.Duration
	// Resized counts the images resized, Cached those found in the
	// image cache instead.
	Resized, Cached int
}

// Warnings returns the problems that did not stop the build.
func (r *Result) Warnings() timeline.ErrorList { return r.Site.Warnings }

// leads makes the events' leads: a summary is plain text, the same with
// the site's [markdown] settings or without.
var leads = markdown.New(markdown.Options{})

// keptBodies is how many bytes of the events' files a build keeps from
// loading to their pages, rather than reading them again, when they all
// fit: 10,000 generated events have 31 MB, and a build saves
// 10,000 reads. Each is let go once its page has it. A larger site keeps
// none, so that its soft memory limit, set from the loaded site, is what
// it was (see memoryLimit). A variable for tests, which read every body
// again.
var keptBodies int64 = 32 << 20

// Load reads the site in opts.FS and returns it with its theme: the
// site's templates/ and static/ over the built-in ones. The caller closes
// the site (timeline.Site.Close) once its pages are made.
func Load(opts Options) (*timeline.Site, fs.FS, error) {
	siteFS := opts.FS
	if siteFS == nil {
		return nil, nil, errors.New("build: Options.FS is nil: the caller opens the site folder (os.DirFS)")
	}
	// The site is rendered once: its events' bodies are read again as
	// their pages are made (unless they fit in keptBodies bytes), and
	// their leads made as they are first read, so that a large site is
	// never held whole (see timeline.Options).
	site, err := timeline.Load(siteFS, timeline.Options{Drafts: opts.Drafts,
		Lead: leads.Summary, LeaveBodies: true, KeepBodies: keptBodies})
	theme := overlay{top: siteFS, bottom: defaults.Theme()}
	if err != nil {
		if site != nil {
			err = renderErrors(site, theme, opts, err)
			site.Close()
		}
		return nil, nil, err
	}
	if err := configure(site, opts); err != nil {
		site.Close()
		return nil, nil, err
	}
	return site, theme, nil
}

// renderErrors adds to the errors of a site that failed to load those
// that rendering what did load finds: broken links and template errors,
// so that one run reports every error the site has. Links to the files
// that failed are left to their own errors.
func renderErrors(site *timeline.Site, theme fs.FS, opts Options, loadErr error) error {
	var list timeline.ErrorList
	if !errors.As(loadErr, &list) {
		return loadErr
	}
	ro := opts.render()
	for _, e := range list {
		if strings.HasPrefix(e.File, "content/") && strings.HasSuffix(e.File, ".md") {
			ro.Failed = append(ro.Failed, e.File)
		}
	}
	var more timeline.ErrorList
	if !errors.As(render.Stream(site, theme, ro, render.Discard()), &more) {
		return loadErr // anything else fails on the render after the fix
	}
	all := slices.Clone(list)
	for _, e := range more {
		if !slices.ContainsFunc(all, func(o *timeline.Error) bool { return *o == *e }) {
			all = append(all, e)
		}
	}
	return all.Err()
}

// configure applies the command line's settings to a loaded site and notes
// what the build will leave out.
func configure(site *timeline.Site, opts Options) error {
	if opts.BaseURL != "" {
		base, ok := timeline.NormalizeBaseURL(opts.BaseURL)
		if !ok {
			return timeline.ErrorList{{File: "--base-url", Msg: "must be an absolute http(s) URL, like https://example.org/timeline/"}}
		}
		site.Config.BaseURL = base
	}
	if site.Config.BaseURL == "" {
		site.Warnings = append(site.Warnings, &timeline.Error{File: "site.toml",
			Msg:  "no baseURL: the sitemap, feeds, canonical links, embed snippets and oEmbed files need one, so they are left out",
			Help: `set baseURL = "https://example.org/" in site.toml, or pass --base-url`})
	}
	return nil
}

func (o Options) render() render.Options {
	return render.Options{Now: o.Now, ImageCache: o.imageCache()}
}

// imageCache is the folder of resized images that opts says.
func (o Options) imageCache() string {
	switch o.ImageCache {
	case "-":
		return ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return "" // no home: resize every time
		}
		return filepath.Join(dir, "timeline", "images")
	}
	return o.ImageCache
}

// memoryLimit returns the soft memory limit (runtime/debug.SetMemoryLimit)
// of a build whose loaded site holds live bytes of heap, and whether to
// set it: 560 MiB, or four times live when that is more, unless GOGC or
// GOMEMLIMIT says otherwise.
//
// A build's heap at its peak is about two and a half times the loaded
// site (the site, its views, the search index, and what the pages and
// exports in progress hold: about 340 MB at 100,000 generated events,
// whose site is 135 MiB), and rendering's GOGC (see collectLess) lets the
// heap grow to three times what is live before each collection: a
// gigabyte at 100,000 events. The limit binds only on sites of more than
// about 50,000 events (a 10,000-event build peaks near 200 MiB), where it
// makes the collector run more often as the heap nears it: 100,000 events
// then peak under 600 MiB, for about a tenth more CPU time than at
// 800 MiB. Set from the site's own size past that, it stays above what a
// build holds live, with room to spare, so that the collector never runs
// without pause, however large the site or its events: at three times
// the site the collector took a quarter more CPU time.
func memoryLimit(live uint64, gogc, gomemlimit string) (int64, bool) {
	if gogc != "" || gomemlimit != "" {
		return 0, false
	}
	return max(minMemoryLimit, 4*int64(live)), true
}

// minMemoryLimit is the least soft memory limit of a build.
const minMemoryLimit = 560 << 20

// liveHeap is the heap the last garbage collection found live, in bytes.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// countingSink counts the files, and the HTML pages among them, that go
// through it to out.
func countingSink(out render.Sink, files, pages *atomic.Int64) render.Sink {
	return out.Checking(func(p string) error {
		files.Add(1)
		if strings.HasSuffix(p, ".html") {
			pages.Add(1)
		}
		return nil
	})
}

// Render loads and renders the site into memory, for tests that look at
// the files (the preview server renders through a Preview).
func Render(opts Options) (*render.Output, *Result, error) {
	start := time.Now()
	site, theme, err := Load(opts)
	if err != nil {
		return nil, nil, err
	}
	defer site.Close()
	ropts := opts.render()
	ropts.Images = new(render.ImageStats)
	out, err := render.Render(site, theme, ropts)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Site: site, Files: len(out.Files), Duration: time.Since(start),
		Resized: int(ropts.Images.Resized.Load()), Cached: int(ropts.Images.Cached.Load())}
	for p := range out.Files {
		if strings.HasSuffix(p, ".html") {
			res.Pages++
		}
	}
	return out, res, nil
}

// Build loads, renders and publishes the site. On any error the previous
// contents of the destination are left exactly as they were.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	prog := startProgress(opts.Progress)
	defer prog.end()
	site, theme, err := Load(opts)
	if err != nil {
		return nil, err
	}
	defer site.Close()
	prog.loadedSite(len(site.Events))
	defer limitMemory()()
	defer collectLess()()
	var pages atomic.Int64
	ropts := opts.render()
	ropts.Images = new(render.ImageStats)
	err = Publish(opts.Source, opts.Dest, func(out render.Sink) error {
		return render.Stream(site, theme, ropts, countingSink(out, &prog.files, &pages))
	})
	if err != nil {
		return nil, err
	}
	return &Result{Site: site, Files: int(prog.files.Load()), Pages: int(pages.Load()), Duration: time.Since(start),
		Resized: int(ropts.Images.Resized.Load()), Cached: int(ropts.Images.Cached.Load())}, nil
}

// Check loads and renders the site as Build does, and writes nothing: what
// `timeline check` runs. Like Build, it never holds the whole site; like
// an in-memory render, it refuses an output path that could leave the
// output folder, or one that two outputs claim (render.Discard).
func Check(opts Options) (*Result, error) {
	start := time.Now()
	site, theme, err := Load(opts)
	if err != nil {
		return nil, err
	}
	defer site.Close()
	defer limitMemory()()
	defer collectLess()()
	var files, pages atomic.Int64
	ropts := opts.render()
	ropts.ImageCacheReadOnly = true // check writes nothing, not even there
	if err := render.Stream(site, theme, ropts, countingSink(render.Discard(), &files, &pages)); err != nil {
		return nil, err
	}
	return &Result{Site: site, Files: int(files.Load()), Pages: int(pages.Load()), Duration: time.Since(start)}, nil
}

// limitMemory sets the soft memory limit for rendering the site just
// loaded (see memoryLimit) and returns what puts the previous one back.
//
// The last collection's live heap is the loaded site's only roughly: it
// ran at some point of loading, and counts what loading allocated while
// it ran. At 100,000 events it was anything from 135 to 165 MiB, and the
// limit four times that. When four times it could pass minMemoryLimit, a
// collection of its own measures the site (about a tenth of a second of
// CPU there), so that a build's peak does not depend on when the last one
// happened to run.
func limitMemory() (restore func()) {
	gogc, gomemlimit := os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT")
	live := liveHeap()
	if _, set := memoryLimit(live, gogc, gomemlimit); set && 4*int64(live) > minMemoryLimit*3/4 {
		runtime.GC()
		live = liveHeap()
	}
	limit, ok := memoryLimit(live, gogc, gomemlimit)
	if !ok {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
