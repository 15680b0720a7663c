package build

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/timeline-ssg/timeline/internal/report"
)

// A build that takes longer than progressDelay shows a progress line,
// rewritten every progressEvery; a quicker one shows nothing but its
// summary. Tests shorten both.
var (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// progress keeps one line on a terminal up to date while a build runs:
// what it is doing, how many files it has written and for how long. The
// line is rewritten in place with \r and erased when the build ends, so
// that the summary line that follows stands alone.
type progress struct {
	w      io.Writer
	start  time.Time
	loaded atomic.Bool
	events atomic.Int64
	files  atomic.Int64
	stop   chan struct{}
	done   chan struct{}
}

// startProgress starts the line on w; with a nil w it does nothing, as
// do all its methods.
func startProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	if w == nil {
		close(p.done)
		return p
	}
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer close(p.done)
	select {
	case <-p.stop:
		return
	case <-time.After(progressDelay):
	}
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	width := 0
	for {
		line := p.line()
		// Spaces cover what is left of a longer line before it.
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(0, width-len(line))))
		width = len(line)
		select {
		case <-p.stop:
			fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", width))
			return
		case <-tick.C:
		}
	}
}

func (p *progress) line() string {
	elapsed := time.Since(p.start).Truncate(100 * time.Millisecond)
	if !p.loaded.Load() {
		return fmt.Sprintf("building: reading content… %s", elapsed)
	}
	return fmt.Sprintf("building: %s, %s written… %s", report.Count(int(p.events.Load()), "event", "events"),
		report.Count(int(p.files.Load()), "file", "files"), elapsed)
}

// loadedSite notes that the content is read, and how many events it has.
func (p *progress) loadedSite(events int) {
	p.events.Store(int64(events))
	p.loaded.Store(true)
}

// end erases the line and returns once it is gone.
func (p *progress) end() {
	if p.w != nil {
		close(p.stop)
	}
	<-p.done
}
