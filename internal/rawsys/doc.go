// Package rawsys makes the system calls of the files a build reads and
// writes, raw where they are quick: on Linux, on a local file system,
// without telling the scheduler that the goroutine is in a system call.
//
// A build makes some 145,000 calls for its output at 10,000 events (four
// for a file, one for a folder), and four more for each event whose body
// it reads again, each of some microseconds. Told of each, the runtime's
// monitor woke every 20 µs to take back the processor of a call that had
// lasted that long and hand it to another thread: 45,000 nanosleep and
// 15,000 futex calls, 0.16 s of the build's 2.7 s of CPU time. A raw call
// keeps its processor until it returns, so a read or write larger than
// RawMax, which may wait on the disk, is made as usual, and so are all the
// calls on a file system that may take milliseconds for each (a
// network's, a FUSE mount, a container's shared folder), where the
// processor is better given to a page being made meanwhile.
//
// On other systems the package is empty: its callers use the os package.
package rawsys
