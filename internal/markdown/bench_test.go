package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// benchBody is the Markdown body of one benchmark event.
func benchBody() []byte {
	src := benchsite.Event(rand.New(rand.NewPCG(1, 2)), 1, 1950)
	_, body, _ := cut(src, "+++\n\n")
	return []byte(body)
}

func cut(s, sep string) (before, after string, found bool) {
	for i := len(s) - len(sep); i >= 0; i-- { // the last separator: the front matter's end
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// BenchmarkRender is one event body: parse, summary, links, HTML.
func BenchmarkRender(b *testing.B) {
	r := New(Options{})
	src := benchBody()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRerender is the second rendering of a parsed body, with
// absolute links, as the feeds need it: each time with other links, for a
// rewrite that changes none returns the last rendering.
func BenchmarkRerender(b *testing.B) {
	r := New(Options{})
	src := benchBody()
	doc, err := r.Render(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := doc.Rerender(toggle); err != nil {
			b.Fatal(err)
		}
	}
}

// toggle changes every destination: "x" goes on, and comes off again.
func toggle(dest string) string {
	if rest, ok := strings.CutPrefix(dest, "x"); ok {
		return rest
	}
	return "x" + dest
}

// BenchmarkSummary is an event's default summary, its first paragraph,
// which listing pages need for every event before any page renders.
func BenchmarkSummary(b *testing.B) {
	r := New(Options{})
	src := benchBody()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if r.Summary(src) == "" {
			b.Fatal("no summary")
		}
	}
}

// BenchmarkSummaries is the summaries of 500 generated events, a site's
// mix: most with their first paragraph first, some with notes defined at
// the end, lists and quotes; per event.
func BenchmarkSummaries(b *testing.B) {
	r := New(Options{})
	rnd := rand.New(rand.NewPCG(5, 6))
	var bodies [][]byte
	size := 0
	for i := range 500 {
		_, body, _ := cut(benchsite.Event(rnd, i, 1900+i%120), "+++\n\n")
		bodies = append(bodies, []byte(body))
		size += len(body)
	}
	b.SetBytes(int64(size / len(bodies)))
	i := 0
	for b.Loop() {
		_ = r.Summary(bodies[i%len(bodies)])
		i++
	}
}
