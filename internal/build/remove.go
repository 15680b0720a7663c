package build

import (
	"context"
	"os"
	"path/filepath"

	"github.com/timeline-ssg/timeline/internal/work"
)

// removeAll removes dir and everything in it, as os.RemoveAll does, but
// the folders two levels down (events/SLUG/, tags/SLUG/) on every core:
// the previous output, removed once the new one is in place, holds three
// files and two folders per event, and os.RemoveAll removes them one
// after the other while the command waits.
func removeAll(dir string) error {
	var subtrees []string
	top, _ := os.ReadDir(dir)
	for _, e := range top {
		if !e.IsDir() { // a link to a folder is removed, not followed
			continue
		}
		inner, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, f := range inner {
			if f.IsDir() {
				subtrees = append(subtrees, filepath.Join(dir, e.Name(), f.Name()))
			}
		}
	}
	// What fails here is met again, and reported, by the last call.
	work.Do(context.Background(), len(subtrees), func(i int) error {
		os.RemoveAll(subtrees[i])
		return nil
	})
	return os.RemoveAll(dir)
}
