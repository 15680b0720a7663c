package render

// Running the generated writers of the built-in templates
// (templates_gen.go, made by go generate; see tmplgen_test.go). A kind
// of page uses them when every file its templates are parsed from is the
// built-in one, byte for byte; a site that overrides one of them keeps
// html/template for that kind. The writers make what html/template makes
// from the same templates and data, byte for byte, several times faster;
// on any error they give up and html/template runs, so that errors are
// reported as they always were.

//go:generate go test -tags tmplgen -run ^TestTemplatesGen$ -args -gen

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

// Tests compare the generated writers with html/template: interpretOnly
// turns the writers off, and genFallbacks counts the times a writer gave
// up and html/template made the page.
var (
	interpretOnly atomic.Bool
	genFallbacks  atomic.Int64
)

// genWriter writes a template for data of the type the renderer passes it.
type genWriter func(w *genBuf, data any)

// genBuf is what a generated writer writes to: a buffer, which a page
// passes on to out as it goes, past genFlushAt bytes at the end of an
// iteration of a range, so that a long listing is not held whole.
type genBuf struct {
	bytes.Buffer
	out    io.Writer // nil holds the whole text
	passed bool      // whether some of the text went to out
	err    error     // out's
}

const genFlushAt = 32 << 10

func (w *genBuf) flush() {
	if w.out != nil && w.Len() >= genFlushAt {
		w.pass()
	}
}

// pass writes the buffer to out.
func (w *genBuf) pass() {
	if w.err == nil {
		_, w.err = w.out.Write(w.Bytes())
	}
	w.passed = true
	w.Reset()
}

// generatedFor returns the generated writers of each kind of page whose
// template files are sources' (path -> content) and the built-in ones.
func generatedFor(sources map[string][]byte) map[string]map[string]genWriter {
	if interpretOnly.Load() {
		return nil
	}
	same := map[string]bool{}
	for f, src := range sources {
		sum := sha256.Sum256(src)
		same[f] = genFiles[f] != "" && genFiles[f] == hex.EncodeToString(sum[:])
	}
	out := map[string]map[string]genWriter{}
kinds:
	for kind, writers := range genWriters {
		for _, f := range kindFiles(kind) {
			if !same[f] {
				continue kinds
			}
		}
		m := map[string]genWriter{}
		for name, w := range writers {
			m[name] = w
		}
		out[kind] = m
	}
	return out
}

var genBufs = sync.Pool{New: func() any { return new(genBuf) }}

func getGenBuf(out io.Writer) *genBuf {
	w := genBufs.Get().(*genBuf)
	w.Reset()
	w.out, w.passed, w.err = out, false, nil
	return w
}

func putGenBuf(w *genBuf) {
	w.out = nil
	if w.Cap() <= 1<<20 { // a rare large buffer is let go
		genBufs.Put(w)
	}
}

// runGenerated writes the template name of kind for data into a buffer and
// passes it to use, reporting whether there is a generated writer and it
// finished.
func (t *templates) runGenerated(kind, name string, data any, use func([]byte)) bool {
	fn := t.gen[kind][name]
	if fn == nil {
		return false
	}
	w := getGenBuf(nil)
	defer putGenBuf(w)
	if !runGen(fn, w, data) {
		genFallbacks.Add(1)
		return false
	}
	use(w.Bytes())
	return true
}

// writeGenerated writes the page p of kind to bw, which writes to f, with
// the generated writer of "base", reporting whether it did. A page the
// writer gives up on is left to html/template: started again when some
// of it was written already, or, when f cannot start again, reported
// with html/template's error.
func (r *renderer) writeGenerated(bw *bufio.Writer, f io.Writer, kind string, p *page) (done bool, err error) {
	fn := r.tmpl.gen[kind]["base"]
	if fn == nil {
		return false, nil
	}
	w := getGenBuf(bw)
	defer putGenBuf(w)
	if runGen(fn, w, p) {
		w.pass()
		return true, w.err
	}
	genFallbacks.Add(1)
	if !w.passed {
		return false, nil
	}
	if restart(f) {
		bw.Reset(f)
		return false, nil
	}
	bw.Reset(io.Discard)
	if err := r.tmpl.page(kind).ExecuteTemplate(io.Discard, "base", p); err != nil {
		return false, nil // html/template fails too, and says why
	}
	return true, fmt.Errorf("templates/%s.html: the generated code failed where html/template did not; "+
		"run go generate ./internal/render", kind)
}

// restart empties f to write it again, if it can: a file, or a page in
// memory.
func restart(f io.Writer) bool {
	switch f := f.(type) {
	case *putOnClose:
		f.Reset()
		return true
	case interface {
		Truncate(int64) error
		Seek(int64, int) (int64, error)
	}:
		if f.Truncate(0) != nil {
			return false
		}
		_, err := f.Seek(0, io.SeekStart)
		return err == nil
	}
	return false
}

// genSortedKeys are m's keys in order: text/template ranges over a map so.
func genSortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	return slices.Sorted(maps.Keys(m))
}
