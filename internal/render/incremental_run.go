package render

// The job runner of an incremental render: it runs a pass's tasks on all
// cores, each into a list of its own, packed.

import (
	"context"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"timeline/internal/packed"
)

// namedFile is one file a task made. A task makes a file or a few: a list
// holds them in a fraction of a map's memory.
type namedFile struct {
	path string
	file packed.File
}

// sigTasks returns the indices of the tasks with a signature.
func sigTasks(tasks []task) []int {
	var out []int
	for i, t := range tasks {
		if t.sig != nil {
			out = append(out, i)
		}
	}
	return out
}

// runTasks runs the tasks listed in which, on GOMAXPROCS workers, each
// into a map of its own in made, packed, and returns the first error in
// task order. It starts no task once ctx has ended.
func runTasks(ctx context.Context, tasks []task, which []int, made [][]namedFile) error {
	errs := make([]error, len(which))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(which), 1)) {
		wg.Go(func() {
			for k := range next {
				i := which[k]
				var files []namedFile
				claimed := map[string]bool{}
				errs[k] = tasks[i].run(func(p string, b []byte) error {
					if err := CheckPath(p); err != nil {
						return err
					}
					if claimed[p] {
						return errClaimed(p)
					}
					claimed[p] = true
					files = append(files, namedFile{p, packed.Of(p, b)})
					return nil
				})
				made[i] = slices.Clip(files)
			}
		})
	}
feed:
	for k := range which {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// streamed gathers the files that the late jobs of a pass write in parts
// (timeline.json), packed as they are written: a file of tens of
// megabytes is then never held whole. It is on once the pages are made.
type streamed struct {
	on    atomic.Bool
	mu    sync.Mutex
	files []namedFile
}

func (s *streamed) create(path string) (io.WriteCloser, error) {
	if err := CheckPath(path); err != nil {
		return nil, err
	}
	return packed.NewWriter(path, func(f packed.File) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.files = append(s.files, namedFile{path, f})
		return nil
	}), nil
}
