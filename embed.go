// Package timeline holds the built-in theme: the templates/ and static/
// folders of this repository, embedded in the binary so that a site
// without them still builds. A site's own file of the same path overrides
// the built-in one. The generator itself lives under internal/.
package timeline

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed templates static
var files embed.FS

// Theme returns the built-in templates/ and static/ folders. Its scripts
// are served without their comments (see StripComments): they are
// written to be read, and a reader's browser need not download that. A
// site's own script, which overrides one, is published as written.
func Theme() fs.FS { return theme{} }

type theme struct{}

var scripts = sync.OnceValue(func() map[string][]byte {
	m := map[string][]byte{}
	_ = fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".js" {
			if b, err := files.ReadFile(p); err == nil {
				m[p] = StripComments(b)
			}
		}
		return nil
	})
	return m
})

func (theme) Open(name string) (fs.File, error) {
	if b, ok := scripts()[name]; ok {
		return &memFile{name: path.Base(name), Reader: bytes.NewReader(b), size: int64(len(b))}, nil
	}
	return files.Open(name)
}

func (theme) ReadFile(name string) ([]byte, error) {
	if b, ok := scripts()[name]; ok {
		return bytes.Clone(b), nil
	}
	return files.ReadFile(name)
}

// IsBuiltIn reports whether src is the built-in file of that name as
// this repository holds it: a site whose static/ folder has a copy of a
// built-in script (this repository's own site does) is then served the
// script as the theme serves it.
func IsBuiltIn(name string, src []byte) bool {
	b, err := files.ReadFile(name)
	return err == nil && bytes.Equal(b, src)
}

func (theme) ReadDir(name string) ([]fs.DirEntry, error) { return files.ReadDir(name) }

// memFile is a script of the theme as it is served.
type memFile struct {
	name string
	*bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

var _ io.ReaderAt = (*memFile)(nil)

// StripComments drops the lines of a script that hold only a comment: a
// line that starts with //, and a /* … */ comment that starts a line and
// ends one. Every other line is kept as it is, so the script runs the
// same. The theme's scripts have no template literals, whose lines could
// start with either.
func StripComments(src []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(src))
	inBlock := false
	for line := range strings.Lines(string(src)) {
		t := strings.TrimSpace(line)
		switch {
		case inBlock:
			if strings.Contains(t, "*/") && !strings.HasSuffix(t, "*/") {
				return src // code after a comment's end: keep the script whole
			}
			inBlock = !strings.HasSuffix(t, "*/")
			continue
		case strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "/*"):
			if strings.HasSuffix(t, "*/") {
				continue
			}
			if !strings.Contains(t, "*/") {
				inBlock = true
				continue
			}
		}
		out.WriteString(line)
	}
	return out.Bytes()
}
