package timeline

import (
	"io/fs"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/timeline-ssg/timeline/internal/rawsys"
)

// readContent reads a content file as readFSContent does, with the system
// calls themselves: opened in its folder when dirs holds that open, and
// raw where that folder is on a local file system (package rawsys).
func (d dirFS) readContent(dirs *folders, name string, alloc func(int) []byte) ([]byte, error) {
	if !d.valid(name) {
		return readFSContent(d.FS, name, alloc)
	}
	fd, sys, err := dirs.open(d, name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer sys.Close(fd)
	var st unix.Stat_t
	if err := sys.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, errNotRegular
	}
	if err := checkSize(st.Size); err != nil {
		return nil, err
	}
	buf := allocate(alloc, int(st.Size))
	n := 0
	for n < len(buf) {
		m, err := sys.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if m == 0 {
			break // a file that shrank meanwhile
		}
		n += m
	}
	return buf[:n], nil
}

// folders holds open the folders of a DirFS's content files, so that each
// file is opened by its name in its folder (openat), and read with raw
// calls when fstatfs on the folder says it is on a local file system
// (package rawsys). The open itself costs about what an open by path does
// (2.9 µs each at 100,000 events): the raw calls and the buffers they read
// into are what a large build saves. A folder is held from its second file
// on (a page bundle's folder has one Markdown file, read twice), up to
// maxHeldFolders of them; other files are opened by their paths, with the
// usual calls. It is safe for concurrent use, close included: a file being
// opened keeps its folder open.
type folders struct {
	mu     sync.RWMutex
	held   map[string]heldFolder // by name in the dirFS: "content/events/1915"
	nopen  int                   // how many of held have an fd
	closed bool
}

type heldFolder struct {
	fd    int    // -1 until held
	first string // while not held: the one file opened, by its path
	sys   rawsys.Calls
}

// maxHeldFolders is the most folders a folders holds open, and
// maxSeenFolders the most it remembers, open or not.
const maxHeldFolders, maxSeenFolders = 1024, 16384

// newFolders returns the folders of fsys's content files, none open yet,
// or nil when fsys is not a DirFS.
func newFolders(fsys fs.FS) *folders {
	if d, ok := fsys.(dirFS); ok && d.root != "" {
		return &folders{held: map[string]heldFolder{}}
	}
	return nil
}

// open opens the valid file name of d for reading, and returns it with the
// calls to make on it.
func (f *folders) open(d dirFS, name string) (int, rawsys.Calls, error) {
	if i := strings.LastIndexByte(name, '/'); f != nil && i > 0 {
		dir, base := name[:i], name[i+1:]
		for range 2 {
			f.mu.RLock()
			if h, ok := f.held[dir]; ok && h.fd >= 0 {
				fd, err := openFile(h.sys, h.fd, base)
				f.mu.RUnlock()
				return fd, h.sys, err
			}
			f.mu.RUnlock()
			if !f.hold(d, dir, base) {
				break
			}
		}
	}
	fd, err := openFile(rawsys.Calls{}, unix.AT_FDCWD, d.path(name))
	return fd, rawsys.Calls{}, err
}

// hold notes that the file base of d's folder dir is being opened, and
// opens the folder if it is not the first file of it to be: it reports
// whether the folder is held open.
func (f *folders) hold(d dirFS, dir, base string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, seen := f.held[dir]
	switch {
	case f.closed:
		return false
	case seen && h.fd >= 0:
		return true
	case !seen:
		if len(f.held) < maxSeenFolders {
			f.held[dir] = heldFolder{fd: -1, first: base}
		}
		return false
	case h.first == base || f.nopen >= maxHeldFolders:
		return false
	}
	for {
		fd, err := unix.Open(d.path(dir), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false // its files' own opens say why
		}
		f.held[dir] = heldFolder{fd: fd, sys: rawsys.For(fd)}
		f.nopen++
		return true
	}
}

// close closes the folders held open; files are opened by their paths
// after.
func (f *folders) close() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, h := range f.held {
		if h.fd >= 0 {
			unix.Close(h.fd)
		}
	}
	f.held, f.nopen, f.closed = nil, 0, true
}

// openFile opens the file name in the folder dirfd for reading.
func openFile(sys rawsys.Calls, dirfd int, name string) (int, error) {
	for {
		// O_NONBLOCK: a named pipe is refused after rather than waited on.
		fd, err := sys.Openat(dirfd, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
