package build

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	defaults "github.com/timeline-ssg/timeline"
)

// overlay is a file system whose files come from top when it has them and
// from bottom otherwise; listing a folder lists both. It lays a site's own
// templates/ and static/ over the built-in theme.
type overlay struct {
	top, bottom fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		// A site's unchanged copy of a built-in script (this repository's
		// own site has them all) is served as the theme serves it.
		if path.Ext(name) == ".js" && strings.HasPrefix(name, "static/") {
			if b, err := io.ReadAll(f); err == nil && defaults.IsBuiltIn(name, b) {
				f.Close()
				return o.bottom.Open(name)
			}
			f.Close()
			return o.top.Open(name)
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.bottom.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, errTop := fs.ReadDir(o.top, name)
	bottom, errBottom := fs.ReadDir(o.bottom, name)
	if errTop != nil && errBottom != nil {
		if !errors.Is(errTop, fs.ErrNotExist) {
			return nil, errTop
		}
		return nil, errBottom
	}
	seen := make(map[string]bool, len(top))
	out := slices.Clone(top)
	for _, e := range top {
		seen[e.Name()] = true
	}
	for _, e := range bottom {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}
