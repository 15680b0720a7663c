package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// benchPhoto is a 2400×1600 JPEG with a photograph's detail (noise over
// a gradient), made once: encoding 200 of them would take longer than
// the builds measured.
var benchPhoto = sync.OnceValue(func() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	m := image.NewRGBA(image.Rect(0, 0, 2400, 1600))
	for y := range 1600 {
		for x := range 2400 {
			n := uint8(r.IntN(48))
			m.Set(x, y, color.RGBA{uint8(x/12) + n, uint8(y/8) + n, 120 + n, 255})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, m, &jpeg.Options{Quality: 85})
	return b.Bytes()
})

// imageSite writes a site of n events, each with its own 2400×1600 JPEG
// (the same picture with a different last byte of comment, so that each
// has its own sum), half in static/ and half in page bundles.
func imageSite(b *testing.B, n int) string {
	dir := b.TempDir()
	sitetest.Write(b, dir, "site.toml", "title = \"Photos\"\n")
	photo := benchPhoto()
	for i := range n {
		// A JPEG comment segment after the SOI marker makes each file
		// different without changing the picture.
		data := append([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0, 6, 'n', 'o', byte('0' + i/10%10), byte('0' + i%10)}, photo[2:]...)
		data[7] = byte('0' + i/100%10)
		front := "+++\ntitle = \"Photo %d\"\ndate = \"2014-%02d-%02d\"\nimage = \"%s\"\nimage_alt = \"A photo\"\n+++\n\nText.\n"
		if i%2 == 0 {
			name := fmt.Sprintf("img/p%03d.jpg", i)
			sitetest.Write(b, dir, "static/"+name, string(data))
			sitetest.Write(b, dir, fmt.Sprintf("content/events/p%03d.md", i), fmt.Sprintf(front, i, 1+i%12, 1+i%28, name))
		} else {
			sitetest.Write(b, dir, fmt.Sprintf("content/events/b%03d/photo.jpg", i), string(data))
			sitetest.Write(b, dir, fmt.Sprintf("content/events/b%03d/index.md", i), fmt.Sprintf(front, i, 1+i%12, 1+i%28, "photo.jpg"))
		}
	}
	return dir
}

// reportCPU adds the CPU time per build to b's results: on a shared
// machine it moves less with the load than the wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if end := cpuTime(); end > 0 {
		b.ReportMetric((end-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkImages builds a site of 200 events with a 2400×1600 photo each:
// cold (an empty image cache: 600 copies to make) and warm (every copy in
// the cache, as a rebuild finds them).
//
//	go test ./internal/build -run '^$' -bench Images -benchtime 3x -timeout 30m
func BenchmarkImages(b *testing.B) {
	src := imageSite(b, 200)
	dest := filepath.Join(b.TempDir(), "public")
	b.Run("cold", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			b.StopTimer()
			cache := b.TempDir()
			b.StartTimer()
			res, err := Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow})
			if err != nil {
				b.Fatal(err)
			}
			if res.Resized != 600 {
				b.Fatalf("%d resized, want 600", res.Resized)
			}
		}
	})
	cache := b.TempDir()
	if _, err := Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow}); err != nil {
		b.Fatal(err)
	}
	b.Run("warm", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			res, err := Build(Options{FS: os.DirFS(src), Source: src, Dest: dest, ImageCache: cache, Now: testNow})
			if err != nil {
				b.Fatal(err)
			}
			if res.Resized != 0 {
				b.Fatalf("%d resized, want 0", res.Resized)
			}
		}
	})
	// The same site without its images, for what the images cost.
	b.Run("no-images", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			b.StopTimer()
			plain := b.TempDir()
			sitetest.Write(b, plain, "site.toml", "title = \"Photos\"\n")
			for i := range 200 {
				sitetest.Write(b, plain, fmt.Sprintf("content/events/p%03d.md", i), fmt.Sprintf("+++\ntitle = \"Photo %d\"\ndate = \"2014-%02d-%02d\"\n+++\n\nText.\n", i, 1+i%12, 1+i%28))
			}
			b.StartTimer()
			if _, err := Build(Options{FS: os.DirFS(plain), Source: plain, Dest: filepath.Join(plain, "public"), ImageCache: "-", Now: testNow}); err != nil {
				b.Fatal(err)
			}
		}
	})
	if fi, err := os.ReadDir(cache); err == nil {
		b.Logf("cache: %d files", len(fi))
	}
}
