// Package watch tells the preview server which of a site's source files
// changed. It watches named folders (with everything in them) and files at
// the root of a site, and hands out the changed paths in batches: a burst
// of changes, such as an editor's save (which may write a temporary file,
// rename the old one away and the new one into place) or a `git checkout`
// of hundreds of files, is one batch, reported once no change has come for
// a short quiet period. Batches that end while nobody asks are merged, so
// that changes made during a rebuild cause exactly one more.
//
// It asks the operating system for events (inotify, kqueue, … through
// fsnotify), which is not recursive: every folder gets a watch of its own,
// and a folder that appears is watched at once and its files are reported
// as new. Where events cannot be had, it polls: when Options.Poll says so,
// when the system's limit on watches is reached, or when a change turns up
// that no event announced (network drives, some container mounts), which
// a slow scan keeps checking for until the first event proves that events
// arrive.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options says what to watch. Root and Paths are required.
type Options struct {
	// Root is the site folder.
	Root string
	// Paths are names of folders and files in Root to watch. A folder is
	// watched with everything in it; a path that does not exist yet is
	// reported when it appears. Nothing else in Root is watched, so an
	// output folder there never causes a rebuild.
	Paths []string
	// Ignore reports whether a file or folder name is never to be reported
	// (editors' temporary and backup files); an ignored folder is not
	// watched at all. Nil ignores nothing.
	Ignore func(name string) bool
	// Quiet is how long no change must come before a batch is complete.
	// Zero means 10ms: editors finish writing a file well within that.
	Quiet time.Duration
	// QuietAfterRemove replaces Quiet when the batch has a file removed
	// or renamed away, which is how many editors start a save (the file
	// moves aside, its new version takes its place): reporting the
	// removal alone would take the page away for a moment. Zero means
	// 100ms.
	QuietAfterRemove time.Duration
	// MaxWait bounds how long a batch may keep growing while changes keep
	// coming. Zero means 2s.
	MaxWait time.Duration
	// Poll, when positive, scans the files at this interval instead of
	// asking the system for events.
	Poll time.Duration
	// Audit is the interval of the scan that checks, until the first
	// event arrives, that the file system sends events at all. Zero means
	// 2s; negative turns the check off.
	Audit time.Duration
	// Warn receives problems that do not stop the watcher: a folder that
	// could not be watched (a *LimitError), changes that came without an
	// event (a *NoEventsError). Nil drops them.
	Warn func(error)

	// dropEvents discards every event, as a file system that sends none
	// does; only tests set it.
	dropEvents bool
	// add replaces the watcher's Add; only tests set it.
	add func(string) error
}

// LimitError means that the system's limit on watches (or on watchers)
// is reached: more folders cannot be watched.
type LimitError struct {
	Path string // the folder that could not be watched
	Err  error
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("cannot watch %s: the system's limit on watched folders is reached (%v)", e.Path, e.Err)
}

func (e *LimitError) Unwrap() error { return e.Err }

// NoEventsError means that a file changed and the file system sent no
// event for it. The watcher polls from then on.
type NoEventsError struct {
	Path  string        // the change that came without an event
	Every time.Duration // the polling interval from now on
}

func (e *NoEventsError) Error() string {
	return fmt.Sprintf("%s changed but the file system sent no event for it", e.Path)
}

// Watcher watches a site's sources. Its methods are safe for concurrent
// use; Next is meant to be called from one loop.
type Watcher struct {
	opts Options
	root string
	fsw  *fsnotify.Watcher // nil when polling

	mu       sync.Mutex
	ready    map[string]bool // finished batches nobody has taken yet
	readyErr error           // a failure to hand to Next
	signal   chan struct{}   // holds a token while ready is not empty
	watched  map[string]bool // folders with a watch of their own
	lastSeen map[string]time.Time
	polling  bool // events proved missing: the audit scan reports changes

	foldersMoved bool // the batch has folders created, removed or renamed: loop only

	done      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup
}

// New starts watching. It fails when Root cannot be read, or with a
// *LimitError when the folders cannot all be watched (Options.Poll works
// then).
func New(opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.QuietAfterRemove <= 0 {
		opts.QuietAfterRemove = 100 * time.Millisecond
	}
	opts.QuietAfterRemove = max(opts.QuietAfterRemove, opts.Quiet)
	if opts.MaxWait <= 0 {
		opts.MaxWait = 2 * time.Second
	}
	if opts.Audit == 0 {
		opts.Audit = 2 * time.Second
	}
	if opts.Ignore == nil {
		opts.Ignore = func(string) bool { return false }
	}
	if opts.Warn == nil {
		opts.Warn = func(error) {}
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(root); err != nil {
		return nil, err
	}
	w := &Watcher{opts: opts, root: root, ready: map[string]bool{}, signal: make(chan struct{}, 1),
		watched: map[string]bool{}, lastSeen: map[string]time.Time{}, done: make(chan struct{})}
	if opts.Poll > 0 {
		w.startPolling(w.scan(), opts.Poll)
		return w, nil
	}
	if w.fsw, err = fsnotify.NewWatcher(); err != nil {
		if !isLimit(err) {
			return nil, err
		}
		// Too many watchers already (fs.inotify.max_user_instances).
		opts.Warn(&LimitError{Path: opts.Root, Err: err})
		w.startPolling(w.scan(), fallbackPoll)
		return w, nil
	}
	if w.opts.add == nil {
		w.opts.add = w.fsw.Add
	}
	// The root's own watch sees site.toml and the watched folders appear,
	// go and get replaced; nothing else at the root is reported.
	err = w.addWatch(".")
	for _, p := range opts.Paths {
		if err != nil {
			break
		}
		_, err = w.addTree(p)
	}
	var limit *LimitError
	switch {
	case errors.As(err, &limit):
		w.fsw.Close()
		w.fsw = nil
		opts.Warn(limit)
		w.startPolling(w.scan(), fallbackPoll)
		return w, nil
	case err != nil:
		w.fsw.Close()
		return nil, err
	}
	var snap map[string]fileState
	scanned := time.Now()
	if opts.Audit > 0 {
		snap = w.scan() // before any event can be missed
	}
	w.wg.Go(w.loop)
	if opts.Audit > 0 {
		w.wg.Go(func() { w.audit(snap, scanned) })
	}
	return w, nil
}

// fallbackPoll is the polling interval when events cannot be had; a
// variable for the tests.
var fallbackPoll = time.Second

func isLimit(err error) bool { return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) }

// startPolling scans every interval from now on, from the snapshot prev,
// unless a scan runs already.
func (w *Watcher) startPolling(prev map[string]fileState, every time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.polling {
		return
	}
	w.polling = true
	w.wg.Go(func() { w.poll(prev, every) })
}

// Next waits for a batch of changes and returns the paths that changed,
// relative to Root, slash-separated and sorted: files and folders, some of
// which may no longer exist. Every batch finished since the last call is
// in it. "." means that the watcher lost track (the system dropped events)
// and everything should be read again. Next returns ctx's error when ctx
// ends first, and an error once the watcher is closed.
func (w *Watcher) Next(ctx context.Context) ([]string, error) {
	select {
	case <-w.signal:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-w.done:
		return nil, errors.New("watch: watcher closed")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.readyErr; err != nil {
		w.readyErr = nil
		return nil, err
	}
	paths := make([]string, 0, len(w.ready))
	for p := range w.ready {
		paths = append(paths, p)
	}
	clear(w.ready)
	slices.Sort(paths)
	return paths, nil
}

// Close stops watching and waits for the watcher's goroutines to end.
func (w *Watcher) Close() error {
	var err error
	w.closeOnce.Do(func() {
		close(w.done)
		if w.fsw != nil {
			err = w.fsw.Close()
		}
		w.wg.Wait()
	})
	return err
}

// publish hands a finished batch to Next.
func (w *Watcher) publish(batch map[string]bool) {
	if len(batch) == 0 {
		return
	}
	w.mu.Lock()
	for p := range batch {
		w.ready[p] = true
	}
	w.mu.Unlock()
	select {
	case w.signal <- struct{}{}:
	default: // a token is already waiting
	}
}

// loop turns the system's events into batches.
func (w *Watcher) loop() {
	batch := map[string]bool{}
	var started time.Time
	removal := false // the batch has a removal: wait longer
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	flush := func() {
		if w.foldersMoved {
			w.rewatch(batch)
		}
		w.publish(batch)
		batch = map[string]bool{}
		removal = false
	}
	wait := func() time.Duration {
		if removal {
			return w.opts.QuietAfterRemove
		}
		return w.opts.Quiet
	}
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.opts.dropEvents || !w.handle(ev, batch) {
				continue
			}
			removal = removal || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
			now := time.Now()
			if len(batch) > 0 && started.IsZero() {
				started = now
			}
			if now.Sub(started) >= w.opts.MaxWait {
				quiet.Stop()
				flush()
				started = time.Time{}
				continue
			}
			quiet.Reset(wait())
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: only reading everything again is safe.
				batch["."] = true
				quiet.Reset(wait())
				continue
			}
			w.opts.Warn(err)
		case <-quiet.C:
			flush()
			started = time.Time{}
		case <-w.done:
			return
		}
	}
}

// handle adds what one event changed to batch and reports whether it was
// a change worth reporting.
func (w *Watcher) handle(ev fsnotify.Event, batch map[string]bool) bool {
	rel, ok := w.relative(ev.Name)
	if !ok || !w.relevant(rel) {
		return false
	}
	w.mu.Lock()
	w.lastSeen[rel] = time.Now() // events arrive: what the audit looks for
	w.mu.Unlock()
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		// Permissions or times only (touch, chmod); the contents are the
		// same. Removals come with their own event as well.
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.unwatchTree(rel)
	}
	if ev.Has(fsnotify.Create | fsnotify.Rename | fsnotify.Remove) {
		w.foldersMoved = true // perhaps: rewatch checks when the batch ends
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new folder, or one moved in: watch it and everything in
			// it, and report its files, which may have been written
			// before the watch began.
			files, err := w.addTree(rel)
			var limit *LimitError
			if errors.As(err, &limit) {
				// This folder goes without events: scan for changes.
				w.opts.Warn(limit)
				w.startPolling(w.scan(), fallbackPoll)
			} else if err != nil {
				w.opts.Warn(err)
			}
			for _, f := range files {
				batch[f] = true
			}
		}
	}
	batch[rel] = true
	return true
}

// rewatch watches again every folder the batch names that exists. When a
// watched folder is renamed, fsnotify drops its watch on its own, after
// the events that announce the rename, and it may drop the watch just
// set on the folder's new name, which is the same folder: checking once
// the batch is complete, when those events are all in, sets things right.
// Re-adding a watch is harmless; the files of a folder watched again are
// reported, in case an event for them was lost meanwhile.
func (w *Watcher) rewatch(batch map[string]bool) {
	w.foldersMoved = false
	for rel := range batch {
		info, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel)))
		if err != nil || !info.IsDir() {
			continue
		}
		files, err := w.addTree(rel)
		if err != nil {
			w.opts.Warn(err)
		}
		for _, f := range files {
			batch[f] = true
		}
	}
}

// relative turns an event's path into a slash-separated path from the root.
func (w *Watcher) relative(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || rel == ".." {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// relevant reports whether a path lies in what is watched and is not
// ignored.
func (w *Watcher) relevant(rel string) bool {
	segs := strings.Split(rel, "/")
	if !slices.Contains(w.opts.Paths, segs[0]) {
		return false
	}
	for _, s := range segs {
		if w.opts.Ignore(s) {
			return false
		}
	}
	return true
}

// addWatch watches one folder, rel from the root.
func (w *Watcher) addWatch(rel string) error {
	if err := w.opts.add(filepath.Join(w.root, filepath.FromSlash(rel))); err != nil {
		if isLimit(err) {
			return &LimitError{Path: rel, Err: err}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already: its removal is reported
		}
		return err
	}
	w.mu.Lock()
	w.watched[rel] = true
	w.mu.Unlock()
	return nil
}

// addTree watches the folder rel and every folder in it, and returns the
// files in it. Each folder is watched before it is listed, so that a file
// written meanwhile is either listed or announced by an event. A file rel
// yields itself.
func (w *Watcher) addTree(rel string) ([]string, error) {
	var files []string
	var failed error
	err := filepath.WalkDir(filepath.Join(w.root, filepath.FromSlash(rel)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished meanwhile, or unreadable: nothing to watch
		}
		r, _ := w.relative(p)
		if !w.relevant(r) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, r)
			return nil
		}
		if err := w.addWatch(r); err != nil && failed == nil {
			failed = err
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return files, errors.Join(err, failed)
}

// unwatchTree forgets the watches of folder rel and of the folders in it,
// after it was removed or renamed: a renamed folder keeps its watches
// under its old name otherwise.
func (w *Watcher) unwatchTree(rel string) {
	w.mu.Lock()
	var gone []string
	for p := range w.watched {
		if p == rel || strings.HasPrefix(p, rel+"/") {
			gone = append(gone, p)
			delete(w.watched, p)
		}
	}
	w.mu.Unlock()
	for _, p := range gone {
		w.fsw.Remove(filepath.Join(w.root, filepath.FromSlash(p))) // may be gone with its folder
	}
}
