package build

import (
	"io"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/timeline-ssg/timeline/internal/rawsys"
)

// The output files are written with the system calls themselves: an
// os.File asks the file's flags of the system and offers it to the
// network poller, which a regular file refuses, and a build writes tens
// of thousands of files, each written once and closed. They and their
// folders are made by paths from the output folder, held open (openat,
// mkdirat), so that the system need not walk the folders above it again
// for each: a tenth of the time of making them. On a local file system
// the calls are made raw (package rawsys).

// outDir is the folder a build writes into.
type outDir struct {
	path string
	fd   int
	sys  rawsys.Calls
}

func openOutDir(path string) (*outDir, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return &outDir{path: path, fd: fd, sys: rawsys.For(fd)}, nil
	}
}

func (d *outDir) Close() error { return unix.Close(d.fd) }

// mkdir makes the folder rel, whose parent exists.
func (d *outDir) mkdir(rel string) error {
	for {
		err := d.sys.Mkdirat(d.fd, rel, 0o755)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "mkdir", Path: filepath.Join(d.path, rel), Err: err}
		}
		return nil
	}
}

// writeFile writes data to the file rel, created or emptied, as
// os.WriteFile does.
func (d *outDir) writeFile(rel string, data []byte) error {
	fd, err := d.openFile(rel, unix.O_TRUNC)
	if err != nil {
		return err
	}
	f := rawFile{fd: fd, sys: d.sys, dir: d.path, rel: rel}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// createFile creates the file rel, which must not exist, to be written
// in parts.
func (d *outDir) createFile(rel string) (io.WriteCloser, error) {
	fd, err := d.openFile(rel, unix.O_EXCL)
	if err != nil {
		return nil, err
	}
	return &rawFile{fd: fd, sys: d.sys, dir: d.path, rel: rel}, nil
}

func (d *outDir) openFile(rel string, flag int) (int, error) {
	for {
		fd, err := d.sys.Openat(d.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag, 0o644)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: filepath.Join(d.path, rel), Err: err}
		}
		return fd, nil
	}
}

// rawFile is an open file descriptor written to until closed: the file
// rel in the folder dir.
type rawFile struct {
	fd       int
	sys      rawsys.Calls
	dir, rel string
}

func (f *rawFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := f.sys.Write(f.fd, b[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, f.error("write", err)
		}
		if m == 0 {
			return n, f.error("write", io.ErrShortWrite)
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
	err := f.sys.Close(f.fd)
	f.fd = -1
	if err != nil {
		return f.error("close", err)
	}
	return nil
}

func (f *rawFile) error(op string, err error) error {
	return &fs.PathError{Op: op, Path: filepath.Join(f.dir, f.rel), Err: err}
}
