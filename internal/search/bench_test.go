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
func BenchmarkAnalyze(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	md := markdown.New(markdown.Options{})
	events := make([]*Event, 200)
	size := 0
	for i := range events {
		src := benchsite.Event(r, i, 1900+i)
		front, body, _ := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
		events[i] = &Event{URL: "events/x/", Title: strings.Split(front, "\n")[0], Date: "3 March 1990",
			TrackName: "Science", TagNames: []string{"space", "music"}, Place: "Lima", BodyHTML: render(md, body)}
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
