package timeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// TestListFoldersWalk checks that a walk over listFolders's listings
// visits what a walk of the folders themselves does, in the same order,
// with the same errors: an ignored folder is walked into by neither, a
// folder that cannot be read is reported by both.
func TestListFoldersWalk(t *testing.T) {
	mapFS := fstest.MapFS{
		"content/_index.md":                      {},
		"content/events/2014/a.md":               {},
		"content/events/2014/b.md":               {},
		"content/events/2014/crimea/index.md":    {},
		"content/events/2014/crimea/photo.jpg":   {},
		"content/events/2014/crimea/img/map.png": {},
		"content/events/.git/HEAD":               {},
		"content/events/2022/c.md":               {},
		"content/about.md":                       {},
	}
	dir := t.TempDir()
	for _, p := range []string{"content/events/1990/x.md", "content/events/1991/y.md", "content/locked/z.md"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("events", filepath.Join(dir, "content/link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "content/locked"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "content/locked"), 0o755) })

	for name, fsys := range map[string]fs.FS{"map": mapFS, "dir": DirFS(dir), "none": fstest.MapFS{}} {
		walk := func(fsys fs.FS) []string {
			var seen []string
			fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
				seen = append(seen, p+" "+errText(err))
				if d != nil && d.IsDir() && p != "content" && IsIgnored(d.Name()) {
					return fs.SkipDir
				}
				return nil
			})
			return seen
		}
		listed := listFolders(fsys, "content")
		want, got := walk(fsys), walk(listed)
		if !slices.Equal(got, want) {
			t.Errorf("%s: walked\n%q\nwant\n%q", name, got, want)
		}
		// Every folder the walk read was listed beforehand.
		var dirs []string
		fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
			if d != nil && d.IsDir() {
				if p != "content" && IsIgnored(d.Name()) {
					return fs.SkipDir
				}
				dirs = append(dirs, p)
			}
			return nil
		})
		for _, d := range dirs {
			if _, ok := listed.dirs[d]; !ok {
				t.Errorf("%s: %s was not listed beforehand", name, d)
			}
		}
		if len(want) < 2 && name != "none" {
			t.Errorf("%s: walked only %q", name, want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
