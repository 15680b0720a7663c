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
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
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
type genWriter func(w *bytes.Buffer, data any)

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

var genBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// runGenerated writes the template name of kind for data into a buffer and
// passes it to use, reporting whether there is a generated writer and it
// finished.
func (t *templates) runGenerated(kind, name string, data any, use func([]byte)) bool {
	fn := t.gen[kind][name]
	if fn == nil {
		return false
	}
	b := genBufs.Get().(*bytes.Buffer)
	b.Reset()
	ok := runGen(fn, b, data)
	if ok {
		use(b.Bytes())
	} else {
		genFallbacks.Add(1)
	}
	if b.Cap() <= 1<<20 { // a large listing's buffer is let go
		genBufs.Put(b)
	}
	return ok
}

// genSortedKeys are m's keys in order: text/template ranges over a map so.
func genSortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	return slices.Sorted(maps.Keys(m))
}
