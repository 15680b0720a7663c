package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/leakcheck"
	"github.com/timeline-ssg/timeline/internal/sitetest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// quiet is long enough that a pattern of writes made in a row on a busy
// machine still lands in one batch.
const quiet = 100 * time.Millisecond

// newSite writes a small site into a temporary folder, with an output
// folder that must never be reported.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"site.toml", "content/events/a.md", "content/events/b.md", "content/about.md",
		"static/style.css", "public/index.html"} {
		write(t, dir, f, "x")
	}
	return dir
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	sitetest.Write(t, dir, name, data)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type warnings struct {
	mu   sync.Mutex
	errs []error
}

func (w *warnings) add(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.errs = append(w.errs, err)
}

func (w *warnings) list() []error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.errs)
}

func start(t *testing.T, dir string, opts Options) (*Watcher, *warnings) {
	t.Helper()
	warns := &warnings{}
	opts.Root = dir
	opts.Paths = []string{"content", "templates", "static", "site.toml"}
	opts.Ignore = timeline.IsIgnored
	if opts.Quiet == 0 {
		opts.Quiet = quiet
	}
	opts.Warn = warns.add
	w, err := New(opts)
	must(t, err)
	t.Cleanup(func() { w.Close() })
	return w, warns
}

// next returns the next batch, failing the test when none comes. The
// limit is far beyond any wait of the watcher's, so that a loaded machine
// only makes a passing test slower.
func next(t *testing.T, w *Watcher) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	paths, err := w.Next(ctx)
	if err != nil {
		t.Fatalf("no batch of changes came: %v", err)
	}
	return paths
}

// none checks that no batch comes within a few quiet periods.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*quiet)
	defer cancel()
	if paths, err := w.Next(ctx); err == nil {
		t.Fatalf("unexpected batch %q", paths)
	}
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("batch = %q, want %q", got, want)
	}
}

// Each editor saves its own way; each save must be one batch naming the
// file saved, and nothing of the editor's own temporary files.
var savePatterns = []struct {
	name string
	save func(t *testing.T, dir string)
}{
	{"write in place (VS Code, nano, echo >)", func(t *testing.T, dir string) {
		write(t, dir, "content/events/a.md", "new")
	}},
	{"vim: probe, backup by rename, write new", func(t *testing.T, dir string) {
		ev := filepath.Join(dir, "content/events")
		write(t, dir, "content/events/4913", "")
		must(t, os.Remove(filepath.Join(ev, "4913")))
		write(t, dir, "content/events/.a.md.swp", "swap")
		must(t, os.Rename(filepath.Join(ev, "a.md"), filepath.Join(ev, "a.md~")))
		write(t, dir, "content/events/a.md", "new")
		must(t, os.Chmod(filepath.Join(ev, "a.md"), 0o644))
		must(t, os.Remove(filepath.Join(ev, "a.md~")))
	}},
	{"JetBrains safe write: temp file renamed over", func(t *testing.T, dir string) {
		ev := filepath.Join(dir, "content/events")
		write(t, dir, "content/events/a.md___jb_tmp___", "new")
		must(t, os.Rename(filepath.Join(ev, "a.md"), filepath.Join(ev, "a.md___jb_old___")))
		must(t, os.Rename(filepath.Join(ev, "a.md___jb_tmp___"), filepath.Join(ev, "a.md")))
		must(t, os.Remove(filepath.Join(ev, "a.md___jb_old___")))
	}},
	{"emacs: lock link, backup, auto-save", func(t *testing.T, dir string) {
		ev := filepath.Join(dir, "content/events")
		must(t, os.Symlink("user@host.1234", filepath.Join(ev, ".#a.md")))
		write(t, dir, "content/events/#a.md#", "auto-save")
		must(t, os.Rename(filepath.Join(ev, "a.md"), filepath.Join(ev, "a.md~")))
		write(t, dir, "content/events/a.md", "new")
		must(t, os.Remove(filepath.Join(ev, "#a.md#")))
		must(t, os.Remove(filepath.Join(ev, ".#a.md")))
	}},
	{"delete then create", func(t *testing.T, dir string) {
		must(t, os.Remove(filepath.Join(dir, "content/events/a.md")))
		write(t, dir, "content/events/a.md", "new")
	}},
	{"temp file with another name renamed over (sed -i, atomic writers)", func(t *testing.T, dir string) {
		write(t, dir, "content/events/.a.md.tmp123", "new")
		must(t, os.Rename(filepath.Join(dir, "content/events/.a.md.tmp123"), filepath.Join(dir, "content/events/a.md")))
	}},
}

// inMode is the watcher's options for a test run in mode "events" (the
// system's notifications) or "poll" (polling every poll).
func inMode(mode string, poll time.Duration) Options {
	if mode == "poll" {
		return Options{Poll: poll}
	}
	return Options{}
}

func TestEditorSaves(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	for _, mode := range []string{"events", "poll"} {
		for _, p := range savePatterns {
			t.Run(mode+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				dir := newSite(t)
				w, warns := start(t, dir, inMode(mode, 30*time.Millisecond))
				p.save(t, dir)
				expect(t, next(t, w), "content/events/a.md")
				none(t, w)
				if len(warns.list()) > 0 {
					t.Errorf("warnings: %v", warns.list())
				}
			})
		}
	}
}

func TestIgnored(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	for _, mode := range []string{"events", "poll"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := newSite(t)
			w, _ := start(t, dir, inMode(mode, 30*time.Millisecond))
			// Temporary files, a hidden folder, the output, a file outside
			// the watched paths, and a change of permissions only.
			write(t, dir, "content/events/.a.md.swp", "swap")
			write(t, dir, "content/events/a.md~", "backup")
			write(t, dir, "content/events/4913", "")
			write(t, dir, "content/.git/HEAD", "ref")
			write(t, dir, "public/events/x/index.html", "out")
			write(t, dir, "README.md", "readme")
			must(t, os.Chmod(filepath.Join(dir, "content/events/b.md"), 0o600))
			none(t, w)
		})
	}
}

func TestNewFolder(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	for _, mode := range []string{"events", "poll"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := newSite(t)
			w, _ := start(t, dir, inMode(mode, 30*time.Millisecond))
			write(t, dir, "content/events/2015/c.md", "c")
			write(t, dir, "content/events/2015/deep/d.md", "d")
			got := next(t, w)
			for _, want := range []string{"content/events/2015/c.md", "content/events/2015/deep/d.md"} {
				if !slices.Contains(got, want) {
					t.Fatalf("batch %q lacks %s", got, want)
				}
			}
			// The new folders are watched now.
			write(t, dir, "content/events/2015/deep/e.md", "e")
			expect(t, next(t, w), "content/events/2015/deep/e.md")

			// A folder moved away and back under another name: both names
			// change, and the folder is watched under its new name.
			must(t, os.Rename(filepath.Join(dir, "content/events/2015"), filepath.Join(dir, "content/events/old")))
			// (Events name the folder that went; a scan names its files.)
			got = next(t, w)
			if !slices.Contains(got, "content/events/2015") && !slices.Contains(got, "content/events/2015/c.md") {
				t.Fatalf("batch %q does not say that content/events/2015 went", got)
			}
			if !slices.Contains(got, "content/events/old/deep/e.md") {
				t.Fatalf("batch %q lacks content/events/old/deep/e.md", got)
			}
			write(t, dir, "content/events/old/deep/e.md", "e2")
			expect(t, next(t, w), "content/events/old/deep/e.md")

			// A folder deleted whole.
			must(t, os.RemoveAll(filepath.Join(dir, "content/events/old")))
			if got := next(t, w); !slices.Contains(got, "content/events/old") && !slices.Contains(got, "content/events/old/c.md") {
				t.Fatalf("batch %q does not say the folder went", got)
			}
		})
	}
}

// A folder watched by name that does not exist yet, and site.toml
// replaced by a rename.
func TestRootChanges(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	dir := newSite(t)
	w, _ := start(t, dir, Options{})
	write(t, dir, "templates/event.html", "t")
	got := next(t, w)
	if !slices.Contains(got, "templates/event.html") {
		t.Fatalf("batch %q lacks templates/event.html", got)
	}
	// A loaded machine may pause the write between creating the file and
	// writing it for longer than the quiet period: a second batch of it.
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 4*quiet)
		more, err := w.Next(ctx)
		cancel()
		if err != nil {
			break
		}
		expect(t, more, "templates/event.html")
	}
	write(t, dir, "templates/partials.html", "p")
	expect(t, next(t, w), "templates/partials.html")

	write(t, dir, ".site.toml.new", "title = \"x\"")
	must(t, os.Rename(filepath.Join(dir, ".site.toml.new"), filepath.Join(dir, "site.toml")))
	expect(t, next(t, w), "site.toml")
}

// A `git checkout` writes hundreds of files at once: one batch.
func TestMassChange(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	for _, mode := range []string{"events", "poll"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := newSite(t)
			for i := range 500 {
				write(t, dir, fmt.Sprintf("content/events/%03d/e%d.md", i%20, i), "old")
			}
			// A long quiet period, so that a loaded machine pausing the
			// writer partway does not split the checkout in two.
			opts := inMode(mode, 200*time.Millisecond)
			opts.Quiet = 500 * time.Millisecond
			w, _ := start(t, dir, opts)
			var want []string
			for i := range 500 {
				name := fmt.Sprintf("content/events/%03d/e%d.md", i%20, i)
				if i%5 == 0 {
					must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(name))))
				} else {
					write(t, dir, name, "new")
				}
				want = append(want, name)
			}
			expect(t, next(t, w), want...)
			none(t, w)
		})
	}
}

// Changes made while nobody takes them (a rebuild is running) come out as
// one batch: the rebuild after it is the only one.
func TestChangesDuringRebuild(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	dir := newSite(t)
	w, _ := start(t, dir, Options{})
	write(t, dir, "content/events/a.md", "1")
	time.Sleep(3 * quiet) // that batch is finished
	write(t, dir, "content/events/b.md", "2")
	time.Sleep(3 * quiet)
	write(t, dir, "static/style.css", "3")
	time.Sleep(3 * quiet)
	expect(t, next(t, w), "content/events/a.md", "content/events/b.md", "static/style.css")
	none(t, w)
}

// Changes that keep coming are reported after MaxWait all the same.
func TestMaxWait(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	dir := newSite(t)
	w, _ := start(t, dir, Options{Quiet: 50 * time.Millisecond, MaxWait: 300 * time.Millisecond})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				write(t, dir, "content/events/a.md", fmt.Sprint(i))
			}
		}
	})
	defer wg.Wait()
	defer close(stop)
	start := time.Now()
	expect(t, next(t, w), "content/events/a.md")
	// Without MaxWait no batch would come while the writes go on; the
	// bound is ten times MaxWait, for a loaded machine.
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the batch came after %v although MaxWait is 300ms", d)
	}
}

// When the system's limit on watches is reached, the watcher says so and
// polls instead.
func TestLimitFallsBackToPolling(t *testing.T) {
	defer func(d time.Duration) { fallbackPoll = d }(fallbackPoll)
	fallbackPoll = 30 * time.Millisecond
	dir := newSite(t)
	w, warns := start(t, dir, Options{add: func(p string) error {
		if strings.Contains(p, "events") {
			return fmt.Errorf("inotify_add_watch %s: %w", p, syscall.ENOSPC)
		}
		return nil
	}})
	var limit *LimitError
	if ws := warns.list(); len(ws) != 1 || !errors.As(ws[0], &limit) {
		t.Fatalf("warnings = %v, want one *LimitError", ws)
	}
	if limit.Path != "content/events" {
		t.Errorf("LimitError.Path = %q", limit.Path)
	}
	write(t, dir, "content/events/a.md", "new")
	expect(t, next(t, w), "content/events/a.md")
}

// A file system that sends no events (a network drive, a container's
// mount): the audit notices, says so, and polls from then on.
func TestNoEvents(t *testing.T) {
	defer func(d time.Duration) { fallbackPoll = d }(fallbackPoll)
	fallbackPoll = 30 * time.Millisecond
	dir := newSite(t)
	w, warns := start(t, dir, Options{dropEvents: true, Audit: 100 * time.Millisecond})
	write(t, dir, "content/events/a.md", "new")
	expect(t, next(t, w), "content/events/a.md")
	var noEvents *NoEventsError
	if ws := warns.list(); len(ws) != 1 || !errors.As(ws[0], &noEvents) || noEvents.Path != "content/events/a.md" {
		t.Fatalf("warnings = %v, want a *NoEventsError for content/events/a.md", ws)
	}
	write(t, dir, "content/events/b.md", "new")
	expect(t, next(t, w), "content/events/b.md")
}

// Where events do arrive, the audit ends at the first change and never
// reports anything itself.
func TestAuditEndsWhenEventsArrive(t *testing.T) {
	dir := newSite(t)
	w, warns := start(t, dir, Options{Audit: 100 * time.Millisecond})
	// The files of a folder moved in come with the folder's event alone.
	write(t, dir, "elsewhere/c.md", "new")
	write(t, dir, "elsewhere/d.md", "new")
	must(t, os.Rename(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "content/events/2015")))
	next(t, w)
	time.Sleep(300 * time.Millisecond)
	none(t, w)
	if ws := warns.list(); len(ws) > 0 {
		t.Fatalf("warnings = %v", ws)
	}
	w.mu.Lock()
	polling := w.polling
	w.mu.Unlock()
	if polling {
		t.Error("the watcher polls although events arrive")
	}
}

// Close ends every goroutine the watcher started, fsnotify's included.
func TestCloseLeaksNothing(t *testing.T) {
	for _, opts := range []Options{{}, {Poll: 10 * time.Millisecond}, {Audit: 10 * time.Millisecond}} {
		dir := newSite(t)
		w, _ := start(t, dir, opts)
		write(t, dir, "content/events/a.md", "new")
		must(t, w.Close())
		if _, err := w.Next(context.Background()); err == nil {
			t.Error("Next after Close returned no error")
		}
		leakcheck.Check(t, "internal/watch.", "fsnotify.")
	}
}

// A save that moves the file aside and writes the new one a little later
// is still one batch: after a removal the watcher waits longer.
func TestSlowRenameSave(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	dir := newSite(t)
	// QuietAfterRemove is long, so that a loaded machine neither splits
	// the slow save nor makes a plain write look as if it waited for it.
	w, _ := start(t, dir, Options{Quiet: 20 * time.Millisecond, QuietAfterRemove: 2 * time.Second})
	ev := filepath.Join(dir, "content/events")
	must(t, os.Rename(filepath.Join(ev, "a.md"), filepath.Join(ev, "a.md~")))
	time.Sleep(100 * time.Millisecond) // far past Quiet
	write(t, dir, "content/events/a.md", "new")
	expect(t, next(t, w), "content/events/a.md")
	none(t, w)

	// A plain write is reported after Quiet alone.
	begin := time.Now()
	write(t, dir, "content/events/b.md", "new")
	expect(t, next(t, w), "content/events/b.md")
	if d := time.Since(begin); d > 1500*time.Millisecond {
		t.Errorf("a write took %v to be reported, with Quiet 20ms (and QuietAfterRemove 2s)", d)
	}
}
