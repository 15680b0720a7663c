package build

import (
	"os"
	"path/filepath"
	"testing"
)

// removeAll removes a tree of folders and files at every depth, and the
// links in it, never what a link points to.
func TestRemoveAll(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	dir := filepath.Join(root, "public")
	for _, p := range []string{"outside/keep/a.txt", "public/index.html", "public/events/a/index.html",
		"public/events/a/embed/index.html", "public/events/b/oembed.json", "public/search/x.bin", "public/tags/t/page/2/index.html"} {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{"public/linked", "public/events/linked", "public/events/a/linked"} {
		if err := os.Symlink(outside, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
	if _, err := os.Stat(filepath.Join(outside, "keep/a.txt")); err != nil {
		t.Errorf("a file a link pointed to is gone: %v", err)
	}
	if err := removeAll(dir); err != nil {
		t.Errorf("removing a folder that is gone: %v", err)
	}
}
