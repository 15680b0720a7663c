package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // GIF's size, for width and height
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // WebP's size, for width and height

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// An event's local image (in static/ or its bundle) gets width and height
// (so that the page does not move as it loads) and, when it is a JPEG or
// a PNG wider than 480 pixels, copies 480, 960 and 1600 pixels wide
// (never wider than itself) offered by srcset, which list cards use as
// thumbnails. The copies are named by the image's content,
// _img/HASH-WIDTH.EXT, and kept in Options.ImageCache between builds, so
// that a build resizes only images it has not seen. GIF, WebP and SVG
// images are shown as they are; a file that is no image is shown as
// before, without a size.

// imageWidths are the widths of the resized copies.
var imageWidths = []int{480, 960, 1600}

// ImageStats counts the resized copies a render made and found in the
// cache. Options.Images receives them.
type ImageStats struct {
	Resized atomic.Int64 // made by resizing
	Cached  atomic.Int64 // read from Options.ImageCache
}

// imageView is a local image as pages show it.
type imageView struct {
	Width, Height int         // the original's
	Set           []imageCopy // the resized copies and the original, narrowest first; nil for none
	Thumb         string      // the narrowest of Set, from the site root: a list card's image
	hash          string      // of the file's bytes
	file          string      // the original, from the site root
	format        string      // "jpeg", "png"
}

// imageCopy is one entry of a srcset: a file from the site root, and its width.
type imageCopy struct {
	Path  string
	Width int
}

// imageSource is a file read once for its sum and size.
type imageSource struct {
	size    int64
	modTime time.Time
	hash    string
	format  string
	w, h    int
}

// imageSet finds the images of a site, remembering each file's sum and
// size by its size and time, so that a preview reads an unchanged image
// once. Safe for concurrent use.
type imageSet struct {
	mu    sync.Mutex
	files map[string]*imageSource
}

func newImageSet() *imageSet { return &imageSet{files: map[string]*imageSource{}} }

// open opens a local image of the site: a bundle's file through the site,
// anything else in the theme's static/ (the site's own over the defaults).
func (r *renderer) openImage(file string) (fs.File, error) {
	if strings.HasPrefix(file, "content/") {
		return r.site.Open(file)
	}
	return r.theme.Open(file)
}

// imageOf makes the view of e's local image, or nil for an image of
// another site or none.
func (r *renderer) imageOf(e *timeline.Event, path string) *imageView {
	if r.imgs == nil || !timeline.IsLocal(e.Image) {
		return nil
	}
	file := "static/" + path
	if res := r.site.Resource(e, e.Image); res != nil {
		file = res.File
	}
	src := r.imgs.source(r, file)
	if src == nil {
		return nil
	}
	v := &imageView{Width: src.w, Height: src.h, hash: src.hash, file: file, format: src.format}
	if src.format == "jpeg" || src.format == "png" {
		ext := map[string]string{"jpeg": ".jpg", "png": ".png"}[src.format]
		for _, w := range imageWidths {
			if w < src.w {
				v.Set = append(v.Set, imageCopy{Path: "_img/" + src.hash + "-" + strconv.Itoa(w) + ext, Width: w})
			}
		}
		if v.Set != nil {
			v.Set = append(v.Set, imageCopy{Path: path, Width: src.w})
		}
	}
	v.Thumb = path
	if v.Set != nil {
		v.Thumb = v.Set[0].Path
	}
	return v
}

// source reads file for its sum and size, or returns what it read before
// if the file has the same size and time. nil when it is no image.
func (s *imageSet) source(r *renderer, file string) *imageSource {
	f, err := r.openImage(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	s.mu.Lock()
	old := s.files[file]
	s.mu.Unlock()
	if old != nil && !info.ModTime().IsZero() && old.size == info.Size() && old.modTime.Equal(info.ModTime()) {
		return old
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil
	}
	sum := sha256.Sum256(b)
	src := &imageSource{size: info.Size(), modTime: info.ModTime(), hash: hex.EncodeToString(sum[:8]),
		format: format, w: cfg.Width, h: cfg.Height}
	s.mu.Lock()
	s.files[file] = src
	s.mu.Unlock()
	return src
}

// imageJobs makes the resized copies of every event's image, one job per
// image, however many events show it.
func (r *renderer) imageJobs() []task {
	var jobs []task
	seen := map[string]bool{}
	for _, v := range r.events {
		img := v.Img
		if img == nil || len(img.Set) == 0 || seen[img.hash] {
			continue
		}
		seen[img.hash] = true
		jobs = append(jobs, task{key: "_img/" + img.hash,
			sig: func(s *signer) {
				s.str(img.hash)
				for _, c := range img.Set {
					s.str(c.Path)
				}
			},
			run: func(put func(string, []byte) error) error { return r.resize(img, put) }})
	}
	return jobs
}

// resize puts the resized copies of img, from the cache when it has them.
func (r *renderer) resize(img *imageView, put func(string, []byte) error) error {
	var src image.Image
	copies := img.Set[:len(img.Set)-1] // the last is the original
	// Widest first, each made from the one before: as sharp, and much
	// cheaper than scaling the original down each time. Each step shrinks
	// by 2 or less, where the bilinear (tent) filter, widened to the
	// step, is as good to the eye as Catmull-Rom's, for 60% of its CPU
	// time (a 2400-px photo to its three copies: 300 against 494 ms).
	for i := len(copies) - 1; i >= 0; i-- {
		c := copies[i]
		cached := ""
		if r.opts.ImageCache != "" {
			cached = filepath.Join(r.opts.ImageCache, strings.TrimPrefix(c.Path, "_img/"))
			if b, err := os.ReadFile(cached); err == nil {
				if r.opts.Images != nil {
					r.opts.Images.Cached.Add(1)
				}
				if err := put(c.Path, b); err != nil {
					return err
				}
				src = nil // a narrower copy is made from the original
				continue
			}
		}
		if src == nil {
			var err error
			if src, err = r.decodeImage(img); err != nil {
				return timeline.ErrorList{{File: img.file, Msg: "reading the image to resize it: " + err.Error()}}
			}
		}
		h := max(1, (img.Height*c.Width+img.Width/2)/img.Width)
		dst := image.NewRGBA(image.Rect(0, 0, c.Width, h))
		draw.BiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		var err error
		if img.format == "jpeg" {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82})
		} else {
			err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, dst)
		}
		if err != nil {
			return fmt.Errorf("%s: resizing to %d pixels: %w", img.file, c.Width, err)
		}
		if r.opts.Images != nil {
			r.opts.Images.Resized.Add(1)
		}
		if cached != "" && !r.opts.ImageCacheReadOnly {
			writeCached(cached, buf.Bytes())
		}
		src = dst
		if err := put(c.Path, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) decodeImage(img *imageView) (image.Image, error) {
	f, err := r.openImage(img.file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, _, err := image.Decode(f)
	if err != nil {
		return nil, err
	}
	if b := m.Bounds(); b.Dx() != img.Width || b.Dy() != img.Height {
		return nil, fmt.Errorf("it changed while the site was being built")
	}
	return m, nil
}

// writeCached keeps a resized copy for later builds: written beside and
// renamed, so that a build running at the same time never reads half of
// it. A cache that cannot be written only costs time.
func writeCached(name string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".resize-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// Srcset writes a srcset for this page: each copy's path from here, and
// its width.
func (p *page) Srcset(set []imageCopy) string {
	var b strings.Builder
	for i, c := range set {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Root + c.Path + " " + strconv.Itoa(c.Width) + "w")
	}
	return b.String()
}
