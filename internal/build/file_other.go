//go:build !linux

package build

import (
	"io"
	"os"
	"path/filepath"
)

// outDir is the folder a build writes into.
type outDir struct{ path string }

func openOutDir(path string) (*outDir, error) { return &outDir{path: path}, nil }

func (d *outDir) Close() error { return nil }

// mkdir makes the folder rel, whose parent exists.
func (d *outDir) mkdir(rel string) error { return os.Mkdir(filepath.Join(d.path, rel), 0o755) }

func (d *outDir) writeFile(rel string, data []byte) error {
	return os.WriteFile(filepath.Join(d.path, rel), data, 0o644)
}

func (d *outDir) createFile(rel string) (io.WriteCloser, error) {
	return os.OpenFile(filepath.Join(d.path, rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
