package rawsys

import (
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// RawMax is the largest read or write made raw: a larger one may wait on
// the disk.
const RawMax = 1 << 20

// Calls makes system calls on files, raw or not.
type Calls struct{ Raw bool }

// localFileSystems are the file systems whose calls are raw: those kept
// in memory or on a local disk, by the magic number statfs gives.
var localFileSystems = map[int64]bool{
	unix.TMPFS_MAGIC: true, unix.RAMFS_MAGIC: true, unix.EXT4_SUPER_MAGIC: true,
	unix.XFS_SUPER_MAGIC: true, unix.BTRFS_SUPER_MAGIC: true, unix.F2FS_SUPER_MAGIC: true,
	unix.OVERLAYFS_SUPER_MAGIC: true, 0x2fc12fc1: true, // ZFS
}

// For says how to make the system calls in the open folder fd: raw on a
// local file system.
func For(fd int) Calls {
	var st unix.Statfs_t
	if err := unix.Fstatfs(fd, &st); err != nil {
		return Calls{}
	}
	return Calls{Raw: localFileSystems[int64(st.Type)]}
}

func (c Calls) Openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	if !c.Raw {
		return unix.Openat(dirfd, path, flags, mode)
	}
	var buf pathBuf
	p, err := buf.ptr(path)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), uintptr(mode), 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

func (c Calls) Mkdirat(dirfd int, path string, mode uint32) error {
	if !c.Raw {
		return unix.Mkdirat(dirfd, path, mode)
	}
	var buf pathBuf
	p, err := buf.ptr(path)
	if err != nil {
		return err
	}
	if _, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(mode)); e != 0 {
		return e
	}
	return nil
}

// pathBuf holds a path and the NUL that ends it for a raw call, on the
// caller's stack: a build opens and makes hundreds of thousands of files
// and folders, and a copy of each path on the heap was a hundredth of all
// it allocated.
type pathBuf [256]byte

// ptr is path as the system reads it, in b when it fits.
func (b *pathBuf) ptr(path string) (*byte, error) {
	if len(path) >= len(b) {
		return unix.BytePtrFromString(path)
	}
	if strings.IndexByte(path, 0) >= 0 {
		return nil, unix.EINVAL // as BytePtrFromString says
	}
	copy(b[:], path)
	b[len(path)] = 0
	return &b[0], nil
}

func (c Calls) Write(fd int, b []byte) (int, error) {
	if !c.Raw || len(b) > RawMax {
		return unix.Write(fd, b)
	}
	return rawIO(unix.SYS_WRITE, fd, b)
}

func (c Calls) Read(fd int, b []byte) (int, error) {
	if !c.Raw || len(b) > RawMax {
		return unix.Read(fd, b)
	}
	return rawIO(unix.SYS_READ, fd, b)
}

// rawIO makes the read or write trap on fd with b, raw.
func rawIO(trap uintptr, fd int, b []byte) (int, error) {
	n, _, e := unix.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// Fstat is unix.Fstat, raw where the system's fstat fills a unix.Stat_t
// (see fstat_linux_64.go).
func (c Calls) Fstat(fd int, st *unix.Stat_t) error {
	if !c.Raw || !rawFstat {
		return unix.Fstat(fd, st)
	}
	if _, _, e := unix.RawSyscall(sysFstat, uintptr(fd), uintptr(unsafe.Pointer(st)), 0); e != 0 {
		return e
	}
	return nil
}

func (c Calls) Close(fd int) error {
	if !c.Raw {
		return unix.Close(fd)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0); e != 0 {
		return e
	}
	return nil
}
