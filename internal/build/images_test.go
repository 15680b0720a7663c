package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// testImage encodes a w×h picture (a gradient, so that resizing has work
// to do) as format: "jpeg", "png" or "gif".
func testImage(t testing.TB, format string, w, h int) string {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), 255})
		}
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "jpeg":
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: 90})
	case "png":
		err = png.Encode(&b, m)
	case "gif":
		err = gif.Encode(&b, m, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func imageEvent(title, date, image string) string {
	return "+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\nimage = \"" + image + "\"\nimage_alt = \"A picture\"\n+++\n\nText.\n"
}

// listFiles lists the files under dir with their sizes and times.
func listFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fmt.Sprint(info.ModTime(), info.Size())
		return nil
	})
	return out
}

// TestImages builds a site with images of every kind twice: the first
// build resizes, the second finds every copy in the cache and writes none
// there, and makes the same site.
func TestImages(t *testing.T) {
	src, cache := t.TempDir(), t.TempDir()
	sitetest.WriteAll(t, src, map[string]string{
		"site.toml":                       "title = \"Images\"\n",
		"static/img/big.jpg":              testImage(t, "jpeg", 2000, 1500),
		"static/img/small.jpg":            testImage(t, "jpeg", 300, 200),
		"static/img/anim.gif":             testImage(t, "gif", 100, 50),
		"content/events/big.md":           imageEvent("Big", "2014-01", "img/big.jpg"),
		"content/events/big-again.md":     imageEvent("Big again", "2014-02", "/img/big.jpg"),
		"content/events/small.md":         imageEvent("Small", "2014-03", "img/small.jpg"),
		"content/events/anim.md":          imageEvent("Animated", "2014-04", "img/anim.gif"),
		"content/events/crimea/index.md":  imageEvent("Crimea", "2014-05", "photo.png"),
		"content/events/crimea/photo.png": testImage(t, "png", 700, 400),
	})
	dest := filepath.Join(t.TempDir(), "public")
	sources := listFiles(t, src)
	res, err := Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	// big.jpg: 480, 960, 1600 (once for both events); photo.png: 480.
	if res.Resized != 4 || res.Cached != 0 {
		t.Errorf("first build: %d resized, %d from the cache; want 4 and 0", res.Resized, res.Cached)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("events/big/index.html")
	srcset := regexp.MustCompile(`srcset="([^"]*)"`).FindStringSubmatch(page)
	if srcset == nil {
		t.Fatalf("no srcset on the event page:\n%s", page)
	}
	parts := strings.Split(srcset[1], ", ")
	if len(parts) != 4 || !strings.HasSuffix(parts[3], "../../img/big.jpg 2000w") {
		t.Fatalf("srcset = %q", srcset[1])
	}
	for i, w := range []int{480, 960, 1600} {
		p, width, _ := strings.Cut(parts[i], " ")
		if width != strconv.Itoa(w)+"w" {
			t.Errorf("srcset entry %q: want width %dw", parts[i], w)
		}
		m, format, err := image.Decode(strings.NewReader(read(strings.TrimPrefix(p, "../../"))))
		if err != nil || format != "jpeg" || m.Bounds().Dx() != w || m.Bounds().Dy() != w*3/4 {
			t.Errorf("%s: %v %s %v, want a %d×%d JPEG", p, err, format, m.Bounds(), w, w*3/4)
		}
	}
	for _, want := range []string{`width="2000" height="1500"`, `loading="lazy"`, `decoding="async"`, `sizes="`} {
		if !strings.Contains(page, want) {
			t.Errorf("event page: no %s", want)
		}
	}
	// Never upscaled: a small image and a GIF get their size, no copies.
	for p, want := range map[string]string{"events/small/index.html": `<img src="../../img/small.jpg" width="300" height="200" alt=`,
		"events/anim/index.html":   `<img src="../../img/anim.gif" width="100" height="50" alt=`,
		"events/crimea/index.html": `<img src="../../events/crimea/photo.png" srcset="../../_img/`} {
		if !strings.Contains(read(p), want) {
			t.Errorf("%s: no %s", p, want)
		}
	}
	// List cards show thumbnails: the narrowest copy.
	home := read("index.html")
	if n := strings.Count(home, `class="thumb"`); n != 5 {
		t.Errorf("home page: %d thumbnails, want 5", n)
	}
	if !strings.Contains(home, `<img class="thumb" src="./_img/`) {
		t.Errorf("home page: no thumbnail from the resized copies")
	}

	// check reads the cache, and writes nothing there.
	checkCache := t.TempDir()
	if res, err := Check(Options{FS: os.DirFS(src), Source: src, ImageCache: checkCache, Now: testNow}); err != nil || res.Files == 0 {
		t.Fatalf("check: %v", err)
	}
	if files := listFiles(t, checkCache); len(files) != 0 {
		t.Errorf("check wrote %v into the image cache", files)
	}

	// Nothing written into the site's folder.
	if after := listFiles(t, src); len(after) != len(sources) {
		t.Errorf("the build wrote into the site folder: %d files, was %d", len(after), len(sources))
	}

	first := listFiles(t, dest)
	cached := listFiles(t, cache)
	if len(cached) != 4 {
		t.Errorf("cache holds %d files, want 4: %v", len(cached), cached)
	}
	firstBytes := map[string]string{}
	for p := range first {
		firstBytes[p] = read(p)
	}
	time.Sleep(10 * time.Millisecond) // so that a rewritten file would show a new time
	res, err = Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resized != 0 || res.Cached != 4 {
		t.Errorf("second build: %d resized, %d from the cache; want 0 and 4", res.Resized, res.Cached)
	}
	if again := listFiles(t, cache); len(again) != len(cached) {
		t.Errorf("the cache changed: %v, was %v", again, cached)
	} else {
		for p, v := range cached {
			if again[p] != v {
				t.Errorf("the second build wrote %s into the cache again", p)
			}
		}
	}
	second := listFiles(t, dest)
	if len(second) != len(first) {
		t.Errorf("second build made %d files, the first %d", len(second), len(first))
	}
	for p, b := range firstBytes {
		if read(p) != b {
			t.Errorf("%s differs between the builds", p)
		}
	}

	// A changed image is resized again, and only it.
	sitetest.Write(t, src, "content/events/crimea/photo.png", testImage(t, "png", 800, 400))
	res, err = Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resized != 1 || res.Cached != 3 {
		t.Errorf("after a change: %d resized, %d from the cache; want 1 and 3", res.Resized, res.Cached)
	}
	if !strings.Contains(read("events/crimea/index.html"), `width="800" height="400"`) {
		t.Errorf("the changed image's size is not on its page")
	}
}
