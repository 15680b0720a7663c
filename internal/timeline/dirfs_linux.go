package timeline

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// readContent reads a content file as readFSContent does, with the system
// calls themselves.
func (d dirFS) readContent(name string) ([]byte, error) {
	path, ok := d.path(name)
	if !ok {
		return readFSContent(d.FS, name)
	}
	var fd int
	var err error
	for {
		// O_NONBLOCK: a named pipe is refused below rather than waited on.
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, errNotRegular
	}
	if err := checkSize(st.Size); err != nil {
		return nil, err
	}
	buf := make([]byte, st.Size)
	n := 0
	for n < len(buf) {
		m, err := unix.Read(fd, buf[n:])
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
