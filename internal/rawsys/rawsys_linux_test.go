package rawsys

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// tempFolder is a new folder and its fd, closed when the test ends.
func tempFolder(t *testing.T) (string, int) {
	dir := t.TempDir()
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return dir, fd
}

// Raw or not, the calls make, stat, read and close the same file.
func TestCallsBothWays(t *testing.T) {
	for _, raw := range []bool{true, false} {
		t.Run(fmt.Sprint("raw=", raw), func(t *testing.T) {
			c := Calls{Raw: raw}
			dir, dirfd := tempFolder(t)
			if err := c.Mkdirat(dirfd, "sub", 0o755); err != nil {
				t.Fatal(err)
			}
			want := bytes.Repeat([]byte("0123456789"), 1000)
			fd, err := c.Openat(dirfd, "sub/f", unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := c.Write(fd, want); n != len(want) || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
			if err := c.Close(fd); err != nil {
				t.Fatal(err)
			}
			if err := c.Close(fd); err != unix.EBADF {
				t.Errorf("second Close = %v, want EBADF", err)
			}
			fd, err = c.Openat(dirfd, "sub/f", unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(fd)
			var st unix.Stat_t
			if err := c.Fstat(fd, &st); err != nil {
				t.Fatal(err)
			}
			if st.Size != int64(len(want)) || st.Mode&unix.S_IFMT != unix.S_IFREG {
				t.Errorf("Fstat: size %d mode %o, want %d, a regular file", st.Size, st.Mode, len(want))
			}
			got := make([]byte, len(want)+10)
			n, err := c.Read(fd, got)
			if err != nil || !bytes.Equal(got[:n], want) {
				t.Errorf("Read = %d, %v; the bytes differ: %v", n, err, !bytes.Equal(got[:n], want))
			}
			if _, err := c.Openat(dirfd, "missing", unix.O_RDONLY, 0); err != unix.ENOENT {
				t.Errorf("Openat of a missing file = %v, want ENOENT", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "sub", "f")); err != nil {
				t.Error(err)
			}
		})
	}
}

// Paths of every length around the buffer a raw call copies them into,
// and one with a NUL, are made and opened as unix's own calls do.
func TestCallsPathLengths(t *testing.T) {
	for _, raw := range []bool{true, false} {
		c := Calls{Raw: raw}
		dir, dirfd := tempFolder(t)
		// Folders of 100 bytes each, then files that take the path to
		// each length from 250 to 262 bytes.
		sub := strings.Repeat("d", 99)
		prefix := sub + "/" + sub + "/"
		if err := c.Mkdirat(dirfd, sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := c.Mkdirat(dirfd, prefix[:len(prefix)-1], 0o755); err != nil {
			t.Fatal(err)
		}
		for n := 250; n <= 262; n++ {
			name := prefix + strings.Repeat("f", n-len(prefix))
			fd, err := c.Openat(dirfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
			if err != nil {
				t.Fatalf("raw=%v: Openat of a path of %d bytes: %v", raw, n, err)
			}
			c.Close(fd)
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("raw=%v: the file of a path of %d bytes: %v", raw, n, err)
			}
			if err := c.Mkdirat(dirfd, name+"x", 0o755); err != nil {
				t.Fatalf("raw=%v: Mkdirat of a path of %d bytes: %v", raw, n+1, err)
			}
			if st, err := os.Stat(filepath.Join(dir, name+"x")); err != nil || !st.IsDir() {
				t.Errorf("raw=%v: the folder of a path of %d bytes: %v", raw, n+1, err)
			}
		}
		if _, err := c.Openat(dirfd, "a\x00b", unix.O_RDONLY, 0); err != unix.EINVAL {
			t.Errorf("raw=%v: Openat of a path with a NUL = %v, want EINVAL", raw, err)
		}
		if err := c.Mkdirat(dirfd, "a\x00b", 0o755); err != unix.EINVAL {
			t.Errorf("raw=%v: Mkdirat of a path with a NUL = %v, want EINVAL", raw, err)
		}
	}
}

// A folder in memory is on a local file system: its calls are raw.
func TestForLocal(t *testing.T) {
	fd, err := unix.Open("/dev/shm", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skip("no /dev/shm")
	}
	defer unix.Close(fd)
	if !For(fd).Raw {
		t.Error("calls in /dev/shm (tmpfs) are not raw")
	}
	if For(-1).Raw {
		t.Error("calls on a closed descriptor are raw")
	}
}
