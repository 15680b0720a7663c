//go:build linux && !(amd64 || arm64)

package rawsys

// Elsewhere unix.Fstat may call another fstat (fstat64, fstatat, statx)
// than the one these two share: Fstat is then never raw.
const (
	rawFstat         = false
	sysFstat uintptr = 0
)
