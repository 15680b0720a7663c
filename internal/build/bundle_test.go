package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestPreviewFollowsBundleFiles edits the files of a page bundle under a
// Preview, as `timeline serve` sees them, and checks after each change
// that the preview serves what a fresh build makes.
func TestPreviewFollowsBundleFiles(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":                       "title = \"T\"\n",
		"content/events/crimea/index.md":  "+++\ntitle = \"Crimea\"\ndate = \"2014\"\nimage = \"map.svg\"\nimage_alt = \"A map\"\n+++\n\n[Notes](notes.txt)\n",
		"content/events/crimea/map.svg":   "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
		"content/events/crimea/notes.txt": "first notes\n",
	})
	cache := t.TempDir()
	p := NewPreview(Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: cache}, nil)
	rebuild := func(step string, changed ...string) {
		t.Helper()
		g, _, err := p.rebuild(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		packs, err := g.Wait()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		got := packed.Unpack(packs)
		want, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: cache})
		if err != nil {
			t.Fatalf("%s: build: %v", step, err)
		}
		for _, name := range want.Paths() {
			if string(got[name]) != string(want.Files[name]) {
				t.Errorf("%s: %s differs from a build:\n%s", step, name, sitetest.FirstDiff(want.Files[name], got[name]))
			}
		}
		if len(got) != len(want.Files) {
			t.Errorf("%s: %d files, a build makes %d", step, len(got), len(want.Files))
		}
	}
	write := func(name, data string) {
		t.Helper()
		sitetest.Write(t, dir, name, data)
		// A later time than the file had, as an editor's save gives it.
		later := time.Now().Add(time.Duration(len(data)) * time.Second)
		os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), later, later)
	}
	rebuild("first build")

	write("content/events/crimea/notes.txt", "second notes, longer\n")
	rebuild("a bundle's file changed", "content/events/crimea/notes.txt")
	g, _, _ := p.rebuild(context.Background(), nil)
	out, _ := g.Wait()
	if s := string(out["events/crimea/notes.txt"].Bytes()); s != "second notes, longer\n" {
		t.Errorf("served notes.txt = %q", s)
	}

	write("content/events/crimea/extra/photo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>\n")
	rebuild("a file added in a new folder", "content/events/crimea/extra")

	write("content/events/crimea/index.md", "+++\ntitle = \"Crimea\"\ndate = \"2014\"\nimage = \"extra/photo.svg\"\nimage_alt = \"A photo\"\n+++\n\n[Notes](notes.txt)\n")
	rebuild("the image changed to the new file", "content/events/crimea/index.md")

	// A photo, resized; then replaced by a wider one: new copies, and
	// the old ones gone.
	write("content/events/crimea/photo.png", testImage(t, "png", 1000, 500))
	write("content/events/crimea/index.md", "+++\ntitle = \"Crimea\"\ndate = \"2014\"\nimage = \"photo.png\"\nimage_alt = \"A photo\"\n+++\n\n[Notes](notes.txt)\n")
	rebuild("a photo to resize", "content/events/crimea/photo.png", "content/events/crimea/index.md")
	write("content/events/crimea/photo.png", testImage(t, "png", 1200, 500))
	rebuild("the photo replaced", "content/events/crimea/photo.png")
	g, _, _ = p.rebuild(context.Background(), nil)
	out, _ = g.Wait()
	if !strings.Contains(string(out["events/crimea/index.html"].Bytes()), `width="1200" height="500"`) {
		t.Errorf("the preview's page does not show the new photo's size")
	}

	os.Remove(filepath.Join(dir, "content/events/crimea/notes.txt"))
	_, _, err := p.rebuild(context.Background(), []string{"content/events/crimea/notes.txt"})
	if err == nil || !strings.Contains(err.Error(), `link "notes.txt"`) {
		t.Errorf("a link to a removed bundle file: %v", err)
	}

	// Without its index.md the folder is no bundle: its files are errors.
	os.Remove(filepath.Join(dir, "content/events/crimea/index.md"))
	_, _, err = p.rebuild(context.Background(), []string{"content/events/crimea/index.md"})
	if err == nil || !strings.Contains(err.Error(), "content/events/crimea/map.svg: not a Markdown file") {
		t.Errorf("a folder without index.md: %v", err)
	}
	write("content/events/crimea/index.md", "+++\ntitle = \"Crimea\"\ndate = \"2014\"\n+++\n")
	rebuild("index.md back", "content/events/crimea/index.md")
}
