package build

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// The output files are written with the system calls themselves: an
// os.File asks the file's flags of the system and offers it to the
// network poller, which a regular file refuses, and a build writes tens
// of thousands of files, each written once and closed.

// writeFile writes data to the file name, created or emptied, as
// os.WriteFile does.
func writeFile(name string, data []byte) error {
	fd, err := openFile(name, unix.O_TRUNC)
	if err != nil {
		return err
	}
	f := rawFile{fd: fd, name: name}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// createFile creates the file name, which must not exist, to be written
// in parts.
func createFile(name string) (io.WriteCloser, error) {
	fd, err := openFile(name, unix.O_EXCL)
	if err != nil {
		return nil, err
	}
	return &rawFile{fd: fd, name: name}, nil
}

func openFile(name string, flag int) (int, error) {
	for {
		fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag, 0o644)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return fd, nil
	}
}

// rawFile is an open file descriptor written to until closed.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Write(f.fd, b[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		if m == 0 {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: io.ErrShortWrite}
		}
		n += m
	}
	return n, nil
}

// Close closes the file; a second Close does nothing.
func (f *rawFile) Close() error {
	if f.fd < 0 {
		return nil
	}
	err := unix.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
