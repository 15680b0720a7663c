package render

import (
	"io/fs"
	"strings"
	"sync"
)

// foreignFiles catches two languages' files at one path, which neither
// language's own check of claims sees (stream's mark): a file in static/
// under another language's folder (static/uk/index.html), which the
// default language copies to the path of a page of that language. The
// default language is rendered first, whole; its files under the other
// languages' folders are noted, few, and the others' are checked against
// them.
type foreignFiles struct {
	theme    fs.FS
	prefixes []string // the other languages' folders: "uk/"

	mu    sync.Mutex
	paths map[string]bool
}

// note is out, for the default language: its files under another
// language's folder are noted.
func (f *foreignFiles) note(out Sink) Sink {
	return out.Checking(func(p string) error {
		for _, prefix := range f.prefixes {
			if strings.HasPrefix(p, prefix) {
				f.mu.Lock()
				f.paths[p] = true
				f.mu.Unlock()
				break
			}
		}
		return nil
	})
}

// check is out, for another language: a file at a path the default
// language made is an error at its file in static/ (claimed).
func (f *foreignFiles) check(out Sink) Sink {
	return out.Checking(func(p string) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.paths[p] {
			return claimed(f.theme, p)
		}
		return nil
	})
}
