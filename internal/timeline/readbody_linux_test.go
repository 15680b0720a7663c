package timeline

import (
	"os"
	"testing"
)

// openFiles counts the process's open file descriptors.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	return len(fds)
}

// TestFoldersClosed: Load holds the content folders open for Body only
// with LeaveBodies, and Close closes them, once and for all; a Cache
// closes those it opens on every load.
func TestFoldersClosed(t *testing.T) {
	dir := onDisk(t, readBodyFiles...)
	before := openFiles(t)
	s, err := Load(DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := openFiles(t); n != before {
		t.Errorf("Load without LeaveBodies leaves %d files open", n-before)
	}
	s, err = Load(DirFS(dir), Options{LeaveBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	readAll := func() {
		for _, e := range s.Events {
			if _, err := s.Body(e); err != nil {
				t.Fatal(err)
			}
			_, done, err := s.ReadBody(e)
			if err != nil {
				t.Fatal(err)
			}
			done()
		}
	}
	readAll()
	// content/events/1914 and 1915 have three files each, the bundle one.
	if n := openFiles(t); n != before+2 || s.folders.nopen != 2 {
		t.Errorf("%d files open while bodies are read (%d folders held), want 2", n-before, s.folders.nopen)
	}
	s.Close()
	if n := openFiles(t); n != before {
		t.Errorf("%d files open after Close", n-before)
	}
	readAll()
	s.Close()
	if n := openFiles(t); n != before {
		t.Errorf("%d files open after reading once closed", n-before)
	}

	c := NewCache(DirFS(dir), Options{PackBodies: true})
	for range 2 {
		if _, err := c.Load([]string{"."}); err != nil {
			t.Fatal(err)
		}
		if n := openFiles(t); n != before {
			t.Errorf("%d files open after a Cache's load", n-before)
		}
	}
}
