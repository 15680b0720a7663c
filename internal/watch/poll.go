package watch

// Polling: scanning the folders and comparing their files, where events
// do not come (a network drive, the watch limit reached), and the audit
// that notices when they stop coming.

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// fileState is what a scan compares: the contents' size and time, not
// permissions, whose changes the events leave out too.
type fileState struct {
	size    int64
	modTime time.Time
}

// scan lists the watched files with their sizes and times.
func (w *Watcher) scan() map[string]fileState {
	snap := map[string]fileState{}
	for _, top := range w.opts.Paths {
		filepath.WalkDir(filepath.Join(w.root, filepath.FromSlash(top)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			r, _ := w.relative(p)
			if !w.relevant(r) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				snap[r] = fileState{info.Size(), info.ModTime()}
			}
			return nil
		})
	}
	return snap
}

// diff returns the files that appeared, went or changed between scans.
func diff(prev, cur map[string]fileState) map[string]bool {
	changed := map[string]bool{}
	for p, s := range cur {
		if old, ok := prev[p]; !ok || old != s {
			changed[p] = true
		}
	}
	for p := range prev {
		if _, ok := cur[p]; !ok {
			changed[p] = true
		}
	}
	return changed
}

// poll scans at every tick and reports what changed between scans.
func (w *Watcher) poll(prev map[string]fileState, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-w.done:
			return
		}
		cur := w.scan()
		changed := diff(prev, cur)
		prev = cur
		// A burst seen partway goes on: scan again after a quiet period
		// until a scan finds nothing new, so that it is one batch.
		for start := time.Now(); len(changed) > 0 && time.Since(start) < w.opts.MaxWait; {
			select {
			case <-time.After(w.opts.Quiet):
			case <-w.done:
				return
			}
			cur = w.scan()
			more := diff(prev, cur)
			prev = cur
			if len(more) == 0 {
				break
			}
			for p := range more {
				changed[p] = true
			}
		}
		w.publish(changed)
	}
}

// seenSince reports whether an event came for p, or for a folder holding
// it (a new folder's files come with its event), at since or later.
// Called with w.mu held.
func (w *Watcher) seenSince(p string, since time.Time) bool {
	for {
		if seen, ok := w.lastSeen[p]; ok && !seen.Before(since) {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// audit scans slowly beside the system's events. A change the scan finds
// that no event announced within a scan's time means that the file system
// sends none: it says so and polls from then on. The first change that an
// event did announce ends the audit.
func (w *Watcher) audit(prev map[string]fileState, scanned time.Time) {
	t := time.NewTicker(w.opts.Audit)
	defer t.Stop()
	// suspects are the changes the last scan found, made after since.
	var suspects map[string]bool
	var since time.Time
	for {
		select {
		case <-t.C:
		case <-w.done:
			return
		}
		now := time.Now()
		cur := w.scan()
		changed := diff(prev, cur)
		prev = cur
		// An event for a change the previous scan found would have come
		// by now.
		var missed []string
		confirmed := false
		w.mu.Lock()
		for p := range suspects {
			if w.seenSince(p, since) {
				confirmed = true
			} else {
				missed = append(missed, p)
			}
		}
		polling := w.polling
		w.mu.Unlock()
		switch {
		case polling:
			return // polling already, for want of watches
		case len(missed) > 0:
			slices.Sort(missed)
			w.opts.Warn(&NoEventsError{Path: missed[0], Every: fallbackPoll})
			for _, p := range missed {
				changed[p] = true
			}
			w.publish(changed)
			w.startPolling(prev, fallbackPoll)
			return
		case confirmed:
			return // events arrive: no need to scan any more
		}
		suspects, since, scanned = changed, scanned, now
	}
}
