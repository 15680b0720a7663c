package watch

import (
	"fmt"
	"testing"
	"time"
)

// TestQuietFromLastChange: a batch ends a quiet period after its last
// change, not its first: changes 100ms apart for longer than the quiet
// period make one batch, which comes no sooner than the quiet period
// after the last. The bound is from below, so a slow machine cannot make
// the test fail; a machine that stalls the writer for half the quiet
// period tries again.
func TestQuietFromLastChange(t *testing.T) {
	t.Parallel() // each has a folder and a watcher of its own, and mostly waits
	const q = 400 * time.Millisecond
	const slack = 30 * time.Millisecond // timers may fire this much early on some systems
	for attempt := 1; ; attempt++ {
		dir := newSite(t)
		w, _ := start(t, dir, Options{Quiet: q, MaxWait: time.Minute})
		var last time.Time
		stalled := false
		for i := range 8 {
			write(t, dir, "content/events/a.md", fmt.Sprint(i))
			now := time.Now()
			if !last.IsZero() && now.Sub(last) > q/2 {
				stalled = true
			}
			last = now
			time.Sleep(q / 4)
		}
		paths := next(t, w)
		came := time.Since(last)
		if stalled {
			w.Close()
			if attempt == 3 {
				t.Skip("the machine stalled the writer three times over")
			}
			continue
		}
		expect(t, paths, "content/events/a.md")
		if came < q-slack {
			t.Fatalf("the batch came %v after the last change, before the quiet period of %v had passed", came, q)
		}
		none(t, w)
		return
	}
}
