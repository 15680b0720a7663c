// Package leakcheck is for tests of code that starts goroutines (the
// watcher, the preview server): it fails a test when any of them is still
// running after the code was told to stop.
package leakcheck

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// Check fails t when a goroutine running code of the named packages (by a
// prefix of their functions' names, like "internal/watch.") is still alive
// after up to two seconds.
func Check(t testing.TB, pkgs ...string) {
	t.Helper()
	var stacks string
	for range 100 {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		leaked := false
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "testing.tRunner") || strings.Contains(g, "leakcheck.Check") {
				continue
			}
			for _, p := range pkgs {
				leaked = leaked || strings.Contains(g, p)
			}
		}
		if !leaked {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("goroutines left running:\n%s", stacks)
}
