//go:build !linux

package build

import (
	"io"
	"os"
)

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

func createFile(name string) (io.WriteCloser, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
