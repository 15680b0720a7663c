package serve

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// minMemory is the heap the preview lets itself grow to before collecting
// garbage more often than Go would, whatever the size of the site. A
// 10,000-event site holds about 190 MiB live at the end of its first
// build: under 224 MiB, the collector ran without pause for seconds.
const minMemory = 256 << 20

// memoryFit sets how the preview collects garbage (see fit), in a
// goroutine of its own, after each build served whole.
type memoryFit struct {
	kick chan struct{}
	done chan struct{}
}

// startMemoryFit sets the preview's collector for a site not loaded yet
// and returns what fits it to each build, unless GOGC or GOMEMLIMIT say
// otherwise: then it does nothing.
func startMemoryFit() *memoryFit {
	m := &memoryFit{kick: make(chan struct{}, 1), done: make(chan struct{})}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		close(m.done)
		return m
	}
	fit(false)
	go func() {
		defer close(m.done)
		for range m.kick {
			fit(true)
		}
	}()
	return m
}

// Fit fits the collector to what the preview holds now, soon; it does
// not wait. Calls that come while it is fitting make one more fit.
func (m *memoryFit) Fit() {
	select {
	case m.kick <- struct{}{}:
	default:
	}
}

// Stop stops fitting and waits for a fit under way. Fit must not be
// called after it.
func (m *memoryFit) Stop() {
	select {
	case <-m.done: // it never started
		return
	default:
	}
	close(m.kick)
	<-m.done
}

// fit sets how the preview collects garbage. It holds a whole site
// (packed) and makes its feeds and exports again after every save,
// garbage that Go would let double the heap before collecting it: it
// collects once the heap has grown by half instead, and keeps it under a
// soft limit of half as much again as it holds between saves (or
// minMemory, when more). What it holds is measured by a collection of its
// own (settle): the last collection came while the late work of a build
// held its parts of the exports, tens of MiB more, and a limit taken
// from it would grow with every save.
func fit(settle bool) {
	debug.SetGCPercent(50)
	if settle {
		runtime.GC()
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	var live uint64
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	debug.SetMemoryLimit(int64(max(minMemory, live*3/2)))
}
