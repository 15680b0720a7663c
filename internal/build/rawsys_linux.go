package build

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The system calls that make the output are made raw, on a local file
// system: without telling the scheduler that the goroutine is in a
// system call. A build makes some 145,000 at 10,000 events (four for a
// file, one for a folder), each of some microseconds. Told of each, the
// runtime's monitor woke every 20 µs to take back the processor of a
// call that had lasted that long and hand it to another thread: 45,000
// nanosleep and 15,000 futex calls, 0.16 s of the build's 2.7 s of CPU
// time. A raw call keeps its processor until it returns, so a write
// larger than rawWriteMax, which may wait on the disk, is made as usual,
// and so are all the calls on a file system that may take milliseconds
// for each (a network's, a FUSE mount, a container's shared folder),
// where the processor is better given to a page being made meanwhile.

const rawWriteMax = 1 << 20

// sysCalls makes the output's system calls, raw or not.
type sysCalls struct{ raw bool }

// localFileSystems are the file systems whose calls are raw: those kept
// in memory or on a local disk, by the magic number statfs gives.
var localFileSystems = map[int64]bool{
	unix.TMPFS_MAGIC: true, unix.RAMFS_MAGIC: true, unix.EXT4_SUPER_MAGIC: true,
	unix.XFS_SUPER_MAGIC: true, unix.BTRFS_SUPER_MAGIC: true, unix.F2FS_SUPER_MAGIC: true,
	unix.OVERLAYFS_SUPER_MAGIC: true, 0x2fc12fc1: true, // ZFS
}

// callsFor says how to make the system calls in the open folder fd.
func callsFor(fd int) sysCalls {
	var st unix.Statfs_t
	if err := unix.Fstatfs(fd, &st); err != nil {
		return sysCalls{}
	}
	return sysCalls{raw: localFileSystems[int64(st.Type)]}
}

func (s sysCalls) openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	if !s.raw {
		return unix.Openat(dirfd, path, flags, mode)
	}
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), uintptr(mode), 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

func (s sysCalls) mkdirat(dirfd int, path string, mode uint32) error {
	if !s.raw {
		return unix.Mkdirat(dirfd, path, mode)
	}
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return err
	}
	if _, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(mode)); e != 0 {
		return e
	}
	return nil
}

func (s sysCalls) write(fd int, b []byte) (int, error) {
	if !s.raw || len(b) > rawWriteMax {
		return unix.Write(fd, b)
	}
	n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

func (s sysCalls) close(fd int) error {
	if !s.raw {
		return unix.Close(fd)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0); e != 0 {
		return e
	}
	return nil
}
