package timeline

import (
	"io/fs"
	"syscall"
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
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, errNotRegular
	}
	if err := checkSize(st.Size); err != nil {
		return nil, err
	}
	buf := make([]byte, st.Size)
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
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
