//go:build linux && (amd64 || arm64)

package rawsys

import "golang.org/x/sys/unix"

// sysFstat is the fstat whose struct is unix.Stat_t, as unix.Fstat calls it.
const (
	rawFstat         = true
	sysFstat uintptr = unix.SYS_FSTAT
)
