package timeline

import (
	"context"
	"io/fs"
	"path"

	"github.com/timeline-ssg/timeline/internal/work"
)

// listedFS is a file system whose folders were listed beforehand, in
// parallel: the walk of content/ then reads each listing from memory. A
// site's content/ of 10,000 events in 126 folders took 9 ms to list one
// folder after another, at the start of every build, while the other
// cores waited for the files to decode.
type listedFS struct {
	fs.FS
	dirs map[string]listing
}

type listing struct {
	entries []fs.DirEntry
	err     error
}

// listFolders lists the folder root of fsys and every folder under it
// that a walk of content/ enters (not those IsIgnored names), a level at
// a time, each level's folders in parallel.
func listFolders(fsys fs.FS, root string) *listedFS {
	l := &listedFS{FS: fsys, dirs: map[string]listing{}}
	for level := []string{root}; len(level) > 0; {
		listed := make([]listing, len(level))
		work.Do(context.Background(), len(level), func(i int) error {
			listed[i].entries, listed[i].err = fs.ReadDir(fsys, level[i])
			return nil
		})
		var next []string
		for i, d := range level {
			l.dirs[d] = listed[i]
			for _, e := range listed[i].entries {
				if e.IsDir() && !IsIgnored(e.Name()) {
					next = append(next, path.Join(d, e.Name()))
				}
			}
		}
		level = next
	}
	return l
}

// ReadDir returns the listing made beforehand, or lists the folder now.
func (l *listedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d, ok := l.dirs[name]; ok {
		return d.entries, d.err
	}
	return fs.ReadDir(l.FS, name)
}

// Stat is fsys's own, for the walk's first look at its root.
func (l *listedFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }
