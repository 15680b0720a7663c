// Package work runs a batch of independent jobs on several goroutines. It
// is the one worker pool of the program: loading content files, rendering
// pages and checking links all go through Do.
//
// A job is an index i in [0, n); the caller keeps its own results in a
// slice indexed by i, so no result needs a lock. Jobs start in order of
// i, lowest first, so a job that follows the others' results (timeline.json
// following the event pages) waits as little as it can. Every job runs even
// when another fails, and Do reports the error of the lowest i, so that the
// message does not depend on scheduling.
//
// A panic in a job is a bug, not an error: no further job starts, and once
// the running ones return Do panics again in the caller's goroutine with a
// *Panic, which carries the job's stack. The program still stops as it
// would without the pool, and a fuzzer still sees the panic.
//
// The package imports only the standard library, so that internal/timeline
// can use it and stay as easy to test.
package work

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Do calls fn(i) for each i in [0, n) on GOMAXPROCS goroutines, or fewer
// when n is smaller, and returns when every call has returned. It returns
// the error of the lowest i whose call failed. Once ctx is done no further
// job starts, and Do returns ctx.Err(): the caller cannot tell which jobs
// ran.
func Do(ctx context.Context, n int, fn func(i int) error) error {
	return DoN(ctx, runtime.GOMAXPROCS(0), n, fn)
}

// DoN is Do on at most workers goroutines (at least one), for jobs that
// wait on something other than this machine's cores, such as the network.
func DoN(ctx context.Context, workers, n int, fn func(i int) error) error {
	done := ctx.Done()
	var (
		next     atomic.Int64 // the next job to start
		stop     atomic.Bool  // a job panicked
		mu       sync.Mutex   // guards first, firstErr and panicked
		first    = n
		firstErr error
		panicked *Panic
		wg       sync.WaitGroup
	)
	call := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				stop.Store(true)
				mu.Lock()
				if panicked == nil {
					panicked = &Panic{Value: v, Stack: debug.Stack()}
				}
				mu.Unlock()
			}
		}()
		if err := fn(i); err != nil {
			mu.Lock()
			if i < first {
				first, firstErr = i, err
			}
			mu.Unlock()
		}
	}
	for range min(max(workers, 1), n) {
		wg.Go(func() {
			for !stop.Load() {
				select {
				case <-done:
					return
				default:
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				call(i)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr
}

// Panic is the value Do panics with when a job panicked: the job's panic
// value and the stack of the goroutine that ran it, which the caller's own
// stack would not show.
type Panic struct {
	Value any
	Stack []byte
}

func (p *Panic) Error() string {
	return fmt.Sprintf("panic in a job: %v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns the job's panic value when it is an error (a
// runtime.Error, say), for errors.As.
func (p *Panic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}
