// Package packed keeps files in memory compressed, as the preview holds a
// whole built site: a page of HTML takes a third of its size or less, and
// a listing or an export a tenth. A file is gzip-compressed once, when it
// is made, and read back as often as it is served; a file that would not
// get smaller (an image) is kept as it is.
package packed

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"hash/maphash"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
)

// File is one file's contents, compressed or not. The zero value is an
// empty file. A File is small: maps of thousands share the contents.
type File struct{ f *file }

type file struct {
	data []byte // the contents compressed, or as they are when raw
	// dict is the deflate dictionary data was made with: files of one
	// shape share most of their markup (see shapeOf). Without one, data
	// is a gzip stream.
	dict *shape
	raw  bool
	size int
	sum  uint64
}

// seed makes the sums of one process comparable with each other.
var seed = maphash.MakeSeed()

// Of packs b, which it does not keep.
func Of(name string, b []byte) File {
	f := &file{size: len(b), sum: maphash.Bytes(seed, b)}
	if len(b) < 128 || incompressible[strings.ToLower(path.Ext(name))] {
		f.data, f.raw = bytes.Clone(b), true
		return File{f}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 { // a large file's would be held for nothing
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	if sh := shapeOf(name, b); sh != nil {
		w := sh.writers.Get().(*flate.Writer)
		w.Reset(buf)
		w.Write(b)
		w.Close()
		sh.writers.Put(w)
		f.dict = sh
	} else {
		w := writerPool.Get().(*gzip.Writer)
		w.Reset(buf)
		w.Write(b) // a bytes.Buffer does not fail
		w.Close()
		writerPool.Put(w)
	}
	if buf.Len() >= len(b)-len(b)/8 {
		f.data, f.raw, f.dict = bytes.Clone(b), true, nil
		return File{f}
	}
	f.data = bytes.Clone(buf.Bytes())
	return File{f}
}

// A shape is a kind of file that a site has many of, alike but for their
// text: the pages of events ("events/*/index.html"), of tags, their
// embeds. The first file of a shape packed is the dictionary of the
// others, which then take a fraction of the space alone.
type shape struct {
	dict    []byte
	writers sync.Pool // *flate.Writer with dict
}

var (
	shapesMu sync.Mutex
	shapes   = map[string]*shape{}
)

// shapeOf returns the shape of the file name, whose contents are b, or
// nil for a file of its own kind (timeline.json, a year's page).
func shapeOf(name string, b []byte) *shape {
	segs := strings.Count(name, "/") + 1
	if segs < 3 {
		return nil
	}
	key := name[:strings.IndexByte(name, '/')] + "/" + strconv.Itoa(segs) + path.Ext(name)
	shapesMu.Lock()
	defer shapesMu.Unlock()
	if sh := shapes[key]; sh != nil {
		return sh
	}
	// A deflate window is 32 KiB: a long page gives its start and end,
	// where the markup every page shares is.
	const window = 32 << 10
	dict := bytes.Clone(b)
	if len(dict) > window {
		dict = append(dict[:window/2:window/2], b[len(b)-window/2:]...)
	}
	sh := &shape{dict: dict}
	sh.writers.New = func() any {
		w, _ := flate.NewWriterDict(nil, 2, dict) // the fastest level that uses one
		return w
	}
	shapes[key] = sh
	return sh
}

// incompressible are the extensions of formats that are compressed
// already: packing them would cost time and save nothing.
var incompressible = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true,
	".avif": true, ".woff": true, ".woff2": true, ".mp3": true, ".mp4": true, ".webm": true, ".ogg": true,
	".zip": true, ".gz": true, ".pdf": true}

var (
	bufPool    = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	writerPool = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
		return w
	}}
	readerPool sync.Pool // *gzip.Reader
	flatePool  sync.Pool // io.ReadCloser from flate.NewReaderDict
)

// Size is the length of the contents.
func (f File) Size() int {
	if f.f == nil {
		return 0
	}
	return f.f.size
}

// Sum is a hash of the contents: two files of one process with the same
// contents have the same sum.
func (f File) Sum() uint64 {
	if f.f == nil {
		return maphash.Bytes(seed, nil)
	}
	return f.f.sum
}

// Gzip returns the contents gzip-compressed, and false when the file is
// not kept so (see Bytes). The caller must not change them.
func (f File) Gzip() ([]byte, bool) {
	if f.f == nil || f.f.raw || f.f.dict != nil {
		return nil, false
	}
	return f.f.data, true
}

// Bytes returns the contents, in a new slice when the file is compressed;
// the caller must not change a raw file's.
func (f File) Bytes() []byte {
	if f.f == nil {
		return nil
	}
	if f.f.raw {
		return f.f.data
	}
	out := make([]byte, f.f.size)
	r, done := f.open()
	defer done()
	if _, err := io.ReadFull(r, out); err != nil {
		panic("packed: a file packed here does not read back: " + err.Error())
	}
	return out
}

// WriteTo writes the contents to w without holding them whole.
func (f File) WriteTo(w io.Writer) (int64, error) {
	if f.f == nil {
		return 0, nil
	}
	if f.f.raw {
		n, err := w.Write(f.f.data)
		return int64(n), err
	}
	r, done := f.open()
	defer done()
	return io.Copy(w, r)
}

// open returns a reader of a compressed file's contents, and what to call
// when done with it.
func (f File) open() (io.Reader, func()) {
	src := bytes.NewReader(f.f.data)
	if sh := f.f.dict; sh != nil {
		r, _ := flatePool.Get().(io.ReadCloser)
		if r == nil {
			r = flate.NewReaderDict(src, sh.dict)
		} else {
			r.(flate.Resetter).Reset(src, sh.dict)
		}
		return r, func() { flatePool.Put(r) }
	}
	r, _ := readerPool.Get().(*gzip.Reader)
	var err error
	if r == nil {
		r, err = gzip.NewReader(src)
	} else {
		err = r.Reset(src)
	}
	if err != nil {
		panic("packed: a file packed here does not read back: " + err.Error())
	}
	return r, func() { readerPool.Put(r) }
}

// Unpack returns the contents of every file: what a test compares.
func Unpack(files map[string]File) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for p, f := range files {
		out[p] = f.Bytes()
	}
	return out
}

// A Writer packs a file as it is written, without holding it whole: for a
// file of tens of megabytes.
type Writer struct {
	name string
	buf  bytes.Buffer
	gz   *gzip.Writer
	size int
	sum  maphash.Hash
	done func(File) error
}

// NewWriter returns a Writer of the file name, which hands the file to
// done on Close.
func NewWriter(name string, done func(File) error) *Writer {
	w := &Writer{name: name, done: done}
	w.sum.SetSeed(seed)
	w.gz = writerPool.Get().(*gzip.Writer)
	w.gz.Reset(&w.buf)
	return w
}

func (w *Writer) Write(b []byte) (int, error) {
	w.size += len(b)
	w.sum.Write(b)
	return w.gz.Write(b)
}

// Close packs the file and hands it on.
func (w *Writer) Close() error {
	w.gz.Close()
	writerPool.Put(w.gz)
	w.gz = nil
	return w.done(File{&file{data: bytes.Clone(w.buf.Bytes()), size: w.size, sum: w.sum.Sum64()}})
}
