package serve

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The preview's collector is fitted to what it holds, never under
// minMemory, and stopping waits for a fit under way, no more.
func TestMemoryFit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	debug.SetMemoryLimit(1 << 40)
	runtime.GC() // what an earlier test left
	m := startMemoryFit()
	if got := debug.SetMemoryLimit(-1); got != minMemory {
		t.Errorf("limit before the first build: %d, want %d", got, minMemory)
	}
	hold := make([]byte, minMemory*3/4) // the preview holds a large site
	want := int64(len(hold)) * 3 / 2    // more than minMemory
	for i := range hold {
		hold[i] = 1
	}
	m.Fit()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("limit after a build holding %d bytes: %d, want at least 1.5 times as much", len(hold), got)
	}
	m.Fit()
	start := time.Now()
	m.Stop()
	// Stop waits for at most the fit under way and the one queued: a
	// collection each. Ten seconds tells a hang from a loaded machine.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Stop took %v", d)
	}
	hold[len(hold)-1] = 2
}
