package timeline

import (
	"io/fs"
	"os"
	"strings"
)

// DirFS is os.DirFS(root), whose content files Load reads in fewer system
// calls where it can (on Linux: an open, a stat, the reads and a close,
// where an os.File also asks the kernel for the file's flags, four times,
// and offers the file to the network poller). A build reads every content
// file twice, 20,000 reads at 10,000 events. Everything else is os.DirFS's.
func DirFS(root string) fs.FS { return dirFS{FS: os.DirFS(root), root: root} }

// dirFS is DirFS: os.DirFS, with each of its methods, and readContent.
type dirFS struct {
	fs.FS // os.DirFS(root)
	root  string
}

func (d dirFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(d.FS, name) }
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.FS, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.FS, name) }

// valid reports whether d opens name itself: false for a name that
// os.DirFS would refuse (which then refuses it).
func (d dirFS) valid(name string) bool {
	return d.root != "" && fs.ValidPath(name) && !strings.Contains(name, "\x00")
}

// path is the name of a valid file or folder in the file system.
func (d dirFS) path(name string) string {
	if strings.HasSuffix(d.root, "/") {
		return d.root + name
	}
	return d.root + "/" + name
}
