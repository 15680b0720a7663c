package timeline

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDirFSReads reads the same files through DirFS and os.DirFS: the same
// bytes, or the same error as a build reports it.
func TestDirFSReads(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/events/a.md", []byte(event(`title = "A"
date = 2001
`)))
	write("content/events/empty.md", nil)
	write("content/events/back\\slash.md", []byte("x"))
	write("content/events/large.md", bytes.Repeat([]byte("a"), MaxFileSize+1))
	write("content/events/max.md", bytes.Repeat([]byte("b"), MaxFileSize))
	if err := os.Mkdir(filepath.Join(dir, "content/folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{"content/to-folder.md": "folder.md", "content/to-a.md": "events/a.md",
		"content/gone.md": "nowhere.md"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	names := []string{"content/events/a.md", "content/events/empty.md", "content/events/back\\slash.md",
		"content/events/large.md", "content/events/max.md", "content/folder.md", "content/to-folder.md",
		"content/to-a.md", "content/gone.md", "content/missing.md", "../outside.md", "/abs.md", "content/nul\x00.md"}
	fast, plain := DirFS(dir), os.DirFS(dir)
	dirs := newFolders(fast)
	defer dirs.close()
	// Three rounds: the files opened by their paths, then in their
	// folders held open from their second file on.
	for round := range 3 {
		for _, name := range names {
			got, gotErr := readContent(fast, dirs, name, nil)
			want, wantErr := readContent(plain, nil, name, nil)
			if !bytes.Equal(got, want) || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("round %d, %q: DirFS read %d bytes, %v; os.DirFS %d bytes, %v", round, name, len(got), gotErr, len(want), wantErr)
				continue
			}
			if gotErr != nil {
				g, w := readError(fast, name, gotErr), readError(plain, name, wantErr)
				if *g != *w {
					t.Errorf("round %d, %q: DirFS's error %q, os.DirFS's %q", round, name, g.Msg, w.Msg)
				}
			}
		}
	}
	if got, err := readContent(fast, dirs, "content/events/a.md", nil); err != nil || !strings.Contains(string(got), `title = "A"`) {
		t.Errorf("read %q, %v", got, err)
	}
	// A named pipe is refused at once, where os.DirFS would wait for a
	// writer.
	if err := mkfifo(filepath.Join(dir, "content/pipe.md")); err == nil {
		for range 2 {
			if _, err := readContent(fast, dirs, "content/pipe.md", nil); err != errNotRegular {
				t.Errorf("a named pipe: %v", err)
			}
		}
	}
}

// TestDirFSLoads loads a site through DirFS as through os.DirFS, and
// re-reads the bodies it left.
func TestDirFSLoads(t *testing.T) {
	src := site("content/events/a.md", event("title = \"A\"\ndate = 2001\n"),
		"content/events/b.md", event("title = \"B\"\ndate = 2002\n"),
		"content/about.md", "+++\ntitle = \"About\"\n+++\nAbout.\n")
	dir := t.TempDir()
	if err := os.CopyFS(dir, src); err != nil {
		t.Fatal(err)
	}
	opts := Options{LeaveBodies: true}
	fast, err := Load(DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Load(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(fast.Events) != 2 || len(fast.Pages) != 1 {
		t.Fatalf("%d events, %d pages", len(fast.Events), len(fast.Pages))
	}
	for i, e := range fast.Events {
		f, p := *e, *plain.Events[i]
		f.srcSum, p.srcSum = 0, 0 // seeded per process: equal, but say so apart
		if !reflect.DeepEqual(f, p) {
			t.Errorf("event %d differs:\n%+v\n%+v", i, f, p)
		}
		body, err := fast.Body(e)
		if err != nil || string(body) != "\nBody text.\n" {
			t.Errorf("body %q, %v", body, err)
		}
	}
}
