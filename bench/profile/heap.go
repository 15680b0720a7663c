package main

import (
	"bytes"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// heapWatch looks at the heap every so often while a build or a preview
// runs, and keeps the largest heap in use it saw and, when asked, the heap
// profile taken at that moment.
type heapWatch struct {
	mu   sync.Mutex
	peak uint64
	prof bytes.Buffer
	stop chan struct{}
	wg   sync.WaitGroup
}

// watchHeap starts looking every every; with profile, it keeps the heap
// profile of the largest heap seen (sampled every 64 KiB).
func watchHeap(every time.Duration, profile bool) *heapWatch {
	if profile {
		runtime.MemProfileRate = 64 * 1024
	}
	w := &heapWatch{stop: make(chan struct{})}
	w.wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			w.mu.Lock()
			if m.HeapInuse > w.peak {
				w.peak = m.HeapInuse
				if profile {
					w.prof.Reset()
					pprof.Lookup("heap").WriteTo(&w.prof, 0)
				}
			}
			w.mu.Unlock()
		}
	})
	return w
}

// Stop stops looking and returns the largest heap in use seen, and its
// profile (empty without one).
func (w *heapWatch) Stop() (peak uint64, profile []byte) {
	close(w.stop)
	w.wg.Wait()
	return w.peak, w.prof.Bytes()
}
