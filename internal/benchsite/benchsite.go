// Package benchsite makes a site of any number of events in memory, for the
// Go benchmarks of the build's hot paths. Its events look like those of the
// benchmark corpus (../shared/bench/gencorpus): front matter with a track,
// tags, a place and sources; bodies of a few paragraphs with links,
// emphasis, a list and a table. The same n always gives the same site, so
// that benchmark figures compare across commits.
package benchsite

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
)

var (
	tracks = []string{"Politics", "Science", "Culture", "Economy", "Conflict", "Sport"}
	tags   = []string{"elections", "chemistry", "treaties", "strikes", "space", "music",
		"floods", "trade", "courts", "protests", "medicine", "railways"}
	places = []string{"Seoul", "Cairo", "Lima", "Rome", "Delhi", "Havana", "Baku", "Warsaw"}
	words  = strings.Fields(`the envoy in Havana demanded under Johannesburg across between
		thousands a evacuated summit Canberra revealed while navy region report hospital by
		coalition from and during Mandela negotiated parliament many not minor scientific
		for as judge her warned final earthquake declared reactor controversial than
		council proposed foreign less several unexpected coastal that partly inquiry`)
)

// Site returns a site of n events, with site.toml, an intro and an about page.
func Site(n int) fstest.MapFS {
	r := rand.New(rand.NewPCG(uint64(n), 8))
	fsys := fstest.MapFS{}
	set := func(p, s string) { fsys[p] = &fstest.MapFile{Data: []byte(s)} }
	set("site.toml", fmt.Sprintf("title = \"Benchmark (%d events)\"\nbaseURL = \"https://example.org/\"\n"+
		"description = \"A generated site for benchmarks.\"\nlanguage = \"en\"\n", n))
	set("content/_index.md", "A generated site; every event is invented.\n")
	set("content/about.md", "+++\ntitle = \"About\"\n+++\n\n## About\n\nMade by *benchsite*.\n")
	for i := range n {
		year := 1900 + r.IntN(126)
		slug := fmt.Sprintf("event-%d", i)
		set(fmt.Sprintf("content/events/%d/%s.md", year, slug), Event(r, i, year))
	}
	return fsys
}

// Event returns the file of event i in year, drawing its words from r.
func Event(r *rand.Rand, i, year int) string {
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	sentence := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = pick(words)
		}
		switch r.IntN(4) {
		case 0:
			w[n/2] = "*" + w[n/2] + "*"
		case 1:
			w[n/2] = fmt.Sprintf("[%s](https://example.org/archive/%s-%d)", w[n/2], w[0], r.IntN(9999))
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() string {
		s := make([]string, 3+r.IntN(3))
		for j := range s {
			s[j] = sentence(8 + r.IntN(10))
		}
		return strings.Join(s, " ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\n", fmt.Sprintf("Event %d: %s", i, sentence(5)))
	switch r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "date = \"%d\"\n", year)
	case 1:
		fmt.Fprintf(&b, "date = \"%d-%02d\"\nend = \"%d-%02d\"\n", year, 1+r.IntN(12), year+1, 1+r.IntN(12))
	default:
		fmt.Fprintf(&b, "date = \"%d-%02d-%02d\"\n", year, 1+r.IntN(12), 1+r.IntN(28))
	}
	t := r.Perm(len(tags))
	fmt.Fprintf(&b, "track = %q\ntags = [%q, %q]\nplace = %q\n", pick(tracks), tags[t[0]], tags[t[1]], pick(places))
	fmt.Fprintf(&b, "\n[[sources]]\ntitle = %q\nurl = \"https://example.org/news/%d\"\n+++\n\n", sentence(6), i)
	for range 2 + r.IntN(3) {
		b.WriteString(paragraph() + "\n\n")
	}
	if r.IntN(2) == 0 {
		for range 4 {
			b.WriteString("- " + sentence(6) + "\n")
		}
		b.WriteString("\n")
	}
	if r.IntN(3) == 0 {
		b.WriteString("| Year | Place | Figure |\n|---:|:---|---:|\n")
		for range 4 {
			fmt.Fprintf(&b, "| %d | %s | %d |\n", 1900+r.IntN(126), pick(places), r.IntN(100))
		}
	}
	return b.String()
}
