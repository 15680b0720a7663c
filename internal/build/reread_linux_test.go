package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/timeline-ssg/timeline/internal/bufpool"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestRereadSameOutput renders each test site with its events' bodies
// read again as their pages are made, as a site too large to keep them
// is (the files opened in their folders, held open by timeline.DirFS):
// every output file is the one a render that keeps them makes, with the
// buffers they are read into poisoned as they are given back. Build
// closes the folders: no file is left open.
func TestRereadSameOutput(t *testing.T) {
	defer bufpool.Poison()()
	sites, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(sites) == 0 {
		t.Fatal("no test sites")
	}
	defer func(k int64) { keptBodies = k }(keptBodies)
	for _, file := range sites {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dir := writeSite(t, ar)
		keptBodies = 32 << 20
		want, _, wantErr := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
		keptBodies = 0
		got, _, err := Render(Options{FS: timeline.DirFS(dir), Source: dir, Now: testNow})
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("%s: error %v, kept %v", name, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if len(got.Files) != len(want.Files) {
			t.Errorf("%s: %d files, kept %d", name, len(got.Files), len(want.Files))
		}
		for p, w := range want.Files {
			if g, ok := got.Files[p]; !ok || !bytes.Equal(g, w) {
				t.Errorf("%s: %s differs when the bodies are read again", name, p)
			}
		}
	}

	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{FS: timeline.DirFS(dir), Source: dir, Dest: dest, Now: testNow, ImageCache: "-"}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadDir("/proc/self/fd"); len(after) != len(fds) {
		t.Errorf("%d files open before the build, %d after", len(fds), len(after))
	}
}
