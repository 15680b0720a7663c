package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/benchsite"
	"github.com/timeline-ssg/timeline/internal/markdown"
)

// BenchmarkAnalyze splits the bodies of benchsite's events into words, as
// a build does for each event.
func BenchmarkAnalyze(b *testing.B) { benchAnalyze(b, nil) }

// BenchmarkAnalyzeAccented is BenchmarkAnalyze with a word in six
// accented or Cyrillic, as a site in French or Russian has them.
func BenchmarkAnalyzeAccented(b *testing.B) {
	benchAnalyze(b, strings.NewReplacer("the ", "thé ", "in ", "à ", "and ", "naïve ", "of ", "Ёлка ", "The ", "Genève "))
}

// BenchmarkIndex adds 1,000 analyzed events to an index and writes it.
func BenchmarkIndex(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	md := markdown.New(markdown.Options{})
	an := NewAnalyzer("en")
	docs := make([]*Doc, 1000)
	for i := range docs {
		src := benchsite.Event(r, i, 1900+i%120)
		front, body, _ := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
		docs[i] = an.Analyze(&Event{URL: "events/x/", Title: strings.Split(front, "\n")[0], Date: "3 March 1990",
			Track: "science", TrackName: "Science", Tags: []string{"space"}, TagNames: []string{"space"}, BodyHTML: render(md, body)})
	}
	for b.Loop() {
		x := an.NewIndex(func(string, []byte) error { return nil })
		for _, d := range docs {
			if err := x.Add(d); err != nil {
				b.Fatal(err)
			}
		}
		if err := x.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchAnalyze(b *testing.B, rp *strings.Replacer) {
	r := rand.New(rand.NewPCG(1, 2))
	md := markdown.New(markdown.Options{})
	events := make([]*Event, 200)
	size := 0
	for i := range events {
		src := benchsite.Event(r, i, 1900+i)
		front, body, _ := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
		events[i] = &Event{URL: "events/x/", Title: strings.Split(front, "\n")[0], Date: "3 March 1990",
			TrackName: "Science", TagNames: []string{"space", "music"}, Place: "Lima", BodyHTML: render(md, body)}
		if rp != nil {
			events[i].BodyHTML = rp.Replace(events[i].BodyHTML)
		}
		size += len(events[i].BodyHTML)
	}
	an := NewAnalyzer("en")
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, e := range events {
			an.Analyze(e)
		}
	}
}

func render(md *markdown.Renderer, src string) string {
	d, err := md.Render([]byte(src))
	if err != nil {
		panic(err)
	}
	return string(d.HTML)
}
