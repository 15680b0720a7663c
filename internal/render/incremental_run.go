package render

// The job runner of an incremental render: it runs a pass's tasks on all
// cores, each into a list of its own, packed.

import (
	"context"
	"io"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/work"
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
	return work.Do(ctx, len(which), func(k int) error {
		i := which[k]
		var files []namedFile
		claimed := map[string]bool{}
		err := tasks[i].run(func(p string, b []byte) error {
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
		return err
	})
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
