// Package serve is the preview: `timeline serve` builds a site in memory,
// serves it over HTTP, and builds it again after every save, re-rendering
// only what the change affects; every open page reloads itself when it
// changed (or swaps its stylesheet when only that changed), and a failed
// build shows its errors over the last good version of the site.
//
// The pieces: Site is the http.Handler that serves a build from memory
// and talks to the open pages over Server-Sent Events (live.go, live.js);
// internal/watch reports the saves; build.Preview rebuilds and publishes
// each build to the Site, its pages first and the rest when made (the
// protocol, superseded and abandoned builds included, is its). Run ties
// them together. Nothing is written to disk: the preview serves exactly
// what `timeline build` would write, plus the reload script in HTML.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/report"
	"github.com/timeline-ssg/timeline/internal/timeline"
	"github.com/timeline-ssg/timeline/internal/watch"
)

// Options configures Run. Source and FS are required.
type Options struct {
	Source string        // the site folder, which is watched
	FS     fs.FS         // its files, which are built: timeline.DirFS(Source)
	Bind   string        // the address to listen on; default 127.0.0.1
	Port   int           // the port; 0 picks a free one
	Drafts bool          // include drafts
	Poll   time.Duration // poll for changes at this interval instead of asking for events

	Stdout, Stderr io.Writer

	// Ready, when not nil, is called with the site's URL once it is served.
	Ready func(url string)
	// Quiet is the watcher's quiet period (watch.Options.Quiet).
	Quiet time.Duration
}

// settle is how long a failed build waits for another save before it
// reports its errors: an editor may be halfway through writing a file.
const settle = 150 * time.Millisecond

// Run serves the site until ctx ends, then shuts down: it stops watching,
// closes every connection, waits for the builds under way, and returns
// nil. It returns an error when it cannot start: no site, a port in use.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if err := timeline.CheckSite(opts.FS); err != nil {
		return err // not a site, and what to do about it
	}
	memory := startMemoryFit()
	defer memory.Stop()
	site := NewSite()
	preview := build.NewPreview(build.Options{FS: opts.FS, Source: opts.Source, Drafts: opts.Drafts},
		target{site, opts.Stderr, opts.Source, memory})

	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d is in use on %s (another `timeline serve`, or `hugo server`?): choose another with --port, or --port 0 for any free one", opts.Port, opts.Bind)
		}
		return err
	}
	loopback := isLoopbackHost(opts.Bind)
	site.LoopbackOnly = loopback
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	wg.Go(func() { srv.Serve(ln) })

	s := &session{opts: opts, preview: preview, site: site}
	w, err := watch.New(watch.Options{Root: opts.Source, Paths: []string{"content", "templates", "static", "site.toml"},
		Ignore: timeline.IsIgnored, Poll: opts.Poll, Quiet: opts.Quiet, Warn: s.warn})
	if err != nil {
		srv.Close()
		wg.Wait()
		return fmt.Errorf("watching %s: %w", opts.Source, err)
	}

	url := siteURL(ln.Addr().(*net.TCPAddr), opts.Bind)
	s.build(ctx, nil, true)
	fmt.Fprintf(opts.Stdout, "serving %s at %s (Ctrl-C to stop)\n", displayDir(opts.Source), url)
	if !loopback {
		fmt.Fprintf(opts.Stderr, "warning: listening on %s, which other machines can reach: anyone on your network can read the preview, drafts included (--bind 127.0.0.1 keeps it to this machine)\n", opts.Bind)
	}
	if opts.Ready != nil {
		opts.Ready(url)
	}

	for {
		paths, err := w.Next(ctx)
		if err != nil {
			break
		}
		s.build(ctx, paths, false)
		// A build that failed may have caught a file halfway through a
		// save: give the editor a moment before saying so.
		for s.failed != nil {
			more, err := s.nextWithin(ctx, w, settle)
			if err != nil {
				s.report()
				break
			}
			s.build(ctx, more, false)
		}
	}

	// Shut down: no more builds, no more connections.
	w.Close()
	site.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	wg.Wait()
	preview.Close()
	return nil
}

// session is the state of one Run between builds.
type session struct {
	opts    Options
	preview *build.Preview
	site    *Site

	failed error // the last build's error, not reported yet
	served bool  // a build has succeeded: there is a last good version
}

// build builds the site again after paths changed; the preview serves
// the result, its pages at once and the rest when it is made. A failure
// is kept in s.failed for the caller to report (or retry), unless first:
// the first build reports at once.
func (s *session) build(ctx context.Context, paths []string, first bool) {
	res, rendered, err := s.preview.Update(ctx, paths)
	if err != nil {
		s.failed = err
		if first {
			s.report()
		}
		return
	}
	s.failed = nil
	s.served = true
	if first {
		fmt.Fprintf(s.opts.Stdout, "built %s, %s in %s\n", report.Count(len(res.Site.Events), "event", "events"),
			report.Count(res.Pages, "page", "pages"), report.Round(res.Duration))
		for _, w := range res.Warnings() {
			fmt.Fprintf(s.opts.Stderr, "warning: %s\n", w.Error())
		}
	} else {
		fmt.Fprintf(s.opts.Stdout, "%s rebuilt in %s: %s (%s)\n", time.Now().Format("15:04:05"),
			report.Round(res.Duration), pagesText(rendered), changedText(paths))
	}
}

// target is where the preview publishes: the site, and the terminal for
// the feeds or exports that fail after their pages were served.
type target struct {
	*Site
	stderr io.Writer
	source string // the site folder, which errors' paths are given from
	memory *memoryFit
}

// Complete serves a whole build, then fits the memory to what it holds.
func (t target) Complete(files map[string]packed.File) {
	t.Site.Complete(files)
	t.memory.Fit()
}

// Fail reports the errors of the feeds or exports as those of a build
// are reported: placed from the site folder, with the count.
func (t target) Fail(err error, whole bool) {
	t.Site.Fail(err)
	then := "the last good version is still served"
	if !whole {
		then = "its pages are served; the feeds and exports wait until the site builds"
	}
	report.Errors(t.stderr, t.source, err, then)
}

// nextWithin waits up to d for another batch of changes.
func (s *session) nextWithin(ctx context.Context, w *watch.Watcher, d time.Duration) ([]string, error) {
	wctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return w.Next(wctx)
}

// report prints the failed build's errors and shows them on every page.
func (s *session) report() {
	err := s.failed
	s.failed = nil
	s.site.Fail(err)
	then := "the last good version is still served"
	if !s.served {
		then = "the preview shows them until the site builds: fix them and save"
	}
	report.Errors(s.opts.Stderr, s.opts.Source, err, then)
}

// warn prints what the watcher has to say, with what to do about it.
func (s *session) warn(err error) {
	var limit *watch.LimitError
	var noEvents *watch.NoEventsError
	switch {
	case errors.As(err, &limit):
		fmt.Fprintf(s.opts.Stderr, "warning: %v\n\tchecking for changes every second instead; to watch again, raise the limit:\n"+
			"\tsudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512\n"+
			"\tor choose the interval yourself with --poll 500ms\n", err)
	case errors.As(err, &noEvents):
		fmt.Fprintf(s.opts.Stderr, "warning: %v: this file system does not report changes (a network drive, a container's mount?)\n"+
			"\tchecking for changes every %s from now on; start with --poll 500ms to poll from the start\n", err, noEvents.Every)
	default:
		fmt.Fprintf(s.opts.Stderr, "warning: watching for changes: %v\n", err)
	}
}

// siteURL is the address to open in a browser.
func siteURL(addr *net.TCPAddr, bind string) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
}

func displayDir(dir string) string {
	if dir == "" || dir == "." {
		return "the site in this folder"
	}
	return dir
}

func pagesText(n int) string {
	if n == 0 {
		return "no page changed"
	}
	return report.Count(n, "page", "pages") + " re-rendered"
}

// changedText names what changed, briefly.
func changedText(paths []string) string {
	switch {
	case len(paths) == 0:
		return "nothing"
	case len(paths) == 1 && paths[0] == ".":
		return "everything"
	case len(paths) <= 3:
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:2], ", "), len(paths)-2)
}
