//go:build !linux

package timeline

func (d dirFS) readContent(name string) ([]byte, error) { return readFSContent(d.FS, name) }
