package work

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoRunsEveryJobOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]int32, n)
		if err := Do(context.Background(), n, func(i int) error {
			atomic.AddInt32(&counts[i], 1)
			return nil
		}); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i, c := range counts {
			if c != 1 {
				t.Fatalf("n=%d: job %d ran %d times", n, i, c)
			}
		}
	}
}

// Jobs start in order of i: with one worker the order is exact.
func TestDoStartsJobsInOrder(t *testing.T) {
	var got []int
	DoN(context.Background(), 1, 50, func(i int) error {
		got = append(got, i)
		return nil
	})
	for i, v := range got {
		if v != i {
			t.Fatalf("job %d started as the %dth", v, i)
		}
	}
	if len(got) != 50 {
		t.Fatalf("%d jobs ran, want 50", len(got))
	}
}

func TestDoNLimitsWorkers(t *testing.T) {
	var running, most atomic.Int32
	DoN(context.Background(), 3, 60, func(i int) error {
		r := running.Add(1)
		for {
			m := most.Load()
			if r <= m || most.CompareAndSwap(m, r) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
		return nil
	})
	if m := most.Load(); m > 3 {
		t.Errorf("%d jobs ran at once, want at most 3", m)
	}
}

// The error reported is the lowest job's, whatever finishes first, and
// every job still runs.
func TestDoReturnsLowestError(t *testing.T) {
	for range 20 {
		var ran atomic.Int32
		err := Do(context.Background(), 100, func(i int) error {
			ran.Add(1)
			switch i {
			case 90:
				return errors.New("job 90")
			case 40:
				time.Sleep(2 * time.Millisecond) // finishes after 90
				return errors.New("job 40")
			}
			return nil
		})
		if err == nil || err.Error() != "job 40" {
			t.Fatalf("err = %v, want job 40", err)
		}
		if n := ran.Load(); n != 100 {
			t.Fatalf("%d jobs ran, want all 100", n)
		}
	}
}

func TestDoStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran, after atomic.Int32
	var cancelled atomic.Bool
	err := DoN(ctx, 2, 1000, func(i int) error {
		// Counted from when cancel has returned: while it runs (slowly,
		// under the race detector) the other worker may go on.
		if cancelled.Load() {
			after.Add(1)
		}
		if ran.Add(1) == 10 {
			cancel()
			cancelled.Store(true)
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// The other worker may have started one job past the cancel.
	if n := after.Load(); n > 1 {
		t.Errorf("%d jobs started after the context ended", n)
	}
	if n := ran.Load(); n == 1000 {
		t.Error("every job ran")
	}
}

// The context's error wins even when every job ran: the caller asked to
// stop, and cannot tell which jobs did.
func TestDoReportsEndedContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := Do(ctx, 5, func(int) error { ran = true; return errors.New("job") })
	if !errors.Is(err, context.Canceled) || ran {
		t.Fatalf("err = %v, ran = %v; want context.Canceled and no job", err, ran)
	}
}

func panicky(i int) error {
	if i == 3 {
		panic(fmt.Sprintf("job %d broke", i))
	}
	return nil
}

// A panic comes back in the caller's goroutine, with the job's own stack,
// once the other workers have stopped; no job starts after it.
func TestDoRepanicsInCaller(t *testing.T) {
	var ran atomic.Int32
	var p any
	before := runtime.NumGoroutine()
	func() {
		defer func() { p = recover() }()
		DoN(context.Background(), 1, 100, func(i int) error {
			ran.Add(1)
			return panicky(i)
		})
	}()
	pe, ok := p.(*Panic)
	if !ok {
		t.Fatalf("recovered %#v, want a *Panic", p)
	}
	if pe.Value != "job 3 broke" {
		t.Errorf("Value = %v", pe.Value)
	}
	if !strings.Contains(string(pe.Stack), "work.panicky") {
		t.Errorf("the stack does not name the job's function:\n%s", pe.Stack)
	}
	if !strings.Contains(pe.Error(), "job 3 broke") {
		t.Errorf("Error() = %q", pe.Error())
	}
	if n := ran.Load(); n != 4 {
		t.Errorf("%d jobs ran with one worker, want 4 (none after the panic)", n)
	}
	if now := runtime.NumGoroutine(); now > before {
		t.Errorf("%d goroutines left running", now-before)
	}
}

func TestPanicUnwrapsRuntimeError(t *testing.T) {
	var p any
	func() {
		defer func() { p = recover() }()
		Do(context.Background(), 4, func(i int) error {
			var m map[string]int
			if i == 2 {
				m["x"] = 1 // assignment to a nil map
			}
			return nil
		})
	}()
	var re runtime.Error
	if err, ok := p.(error); !ok || !errors.As(err, &re) {
		t.Fatalf("recovered %#v, want an error wrapping a runtime.Error", p)
	}
}
