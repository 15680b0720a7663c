package build

import "golang.org/x/sys/unix"

// exchange swaps the names a and b atomically with renameat2, so that at
// no moment is there no output folder. It reports false when the file
// system cannot do it, and the caller falls back to two renames.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return false, nil
	}
	return true, err
}
