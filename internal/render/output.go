package render

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Output is a whole built site in memory: output path -> file contents.
// Paths are slash-separated and relative ("events/crimea/index.html").
type Output struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// Paths returns the output paths in sorted order.
func (o *Output) Paths() []string {
	paths := make([]string, 0, len(o.Files))
	for p := range o.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// put adds one file; it is safe for concurrent use and refuses any path
// that could leave the output folder or that two producers both claim.
func (o *Output) put(path string, data []byte) error {
	if err := CheckPath(path); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Files == nil {
		o.Files = map[string][]byte{}
	}
	if _, dup := o.Files[path]; dup {
		return errClaimed(path)
	}
	o.Files[path] = data
	return nil
}

func errClaimed(path string) error { return fmt.Errorf("two outputs claim %s", path) }

// Discard returns a sink that keeps no file but refuses what an Output
// refuses: a path that could leave the output folder, or one that two
// producers claim. timeline check renders into it.
func Discard() Sink {
	var mu sync.Mutex
	claimed := map[string]bool{}
	claim := func(path string) error {
		if err := CheckPath(path); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if claimed[path] {
			return errClaimed(path)
		}
		claimed[path] = true
		return nil
	}
	return Sink{
		Put: func(path string, _ []byte) error { return claim(path) },
		Create: func(path string) (io.WriteCloser, error) {
			if err := claim(path); err != nil {
				return nil, err
			}
			return nopCloser{io.Discard}, nil
		},
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// CheckPath refuses an output path that is not a plain relative path inside
// the output folder. Slugs are already limited to safe characters; this is
// the last guard before anything touches a disk.
func CheckPath(path string) error {
	if !fs.ValidPath(path) || path == "." || strings.Contains(path, "\\") {
		return fmt.Errorf("refusing output path %q: not a relative path inside the output folder", path)
	}
	return nil
}
