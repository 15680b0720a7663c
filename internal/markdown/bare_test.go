package markdown

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// bareCases are texts where a bare link is, or nearly is, found.
var bareCases = []string{
	"see https://example.org and http://example.org/a?b=c.",
	"see www.example.org, or www...com, or www..., or ftp://x.org",
	"write to a@example.org; or `a@b.org`; or a`b@x.org` c`",
	"[x] (a@b.org) and [x](mailto:a@b.org) and o'brien@example.org and a--b@example.org",
	"*http://x.org* _www.x.org_ ~https://x.org~ (https://x.org) ((http://x.org))",
	"[x](https://x.org) [y](<https://y.org>) <https://z.org> <a@b.org>",
	"[x]: https://x.org\n\n[ref][x] and [x]",
	"[not a link] (https://x.org) [a](b) (http://y.org)",
	"[https://x.org](https://x.org) ![www.x.org](https://x.org/a.png)",
	"| a | b |\n|---|---|\n| https://x.org | (www.x.org) |\n",
	"- [ ] http://x.org\n- [x] done\n\n> www.x.org\n\n1. a@b.org",
	"Note[^1].\n\n[^1]: See https://x.org.",
	"code `http://x.org` and\n\n    http://indented.org\n\n```\nwww.fenced.org\n```\n",
	"line\nhttp://x.org\n(\nhttps://y.org)",
	"http\nftp www @ h@ @x .http: (http: (www",
	"<span>http://x.org</span> <!-- www.x.org -->",
	"\\http://x.org \\(https://x.org) \\ www.x.org",
	"https://x.org/(a)b) https://x.org/a&amp; x.org",
	"0\t \n0", "a \t\nb", "a  \nb", "a   \nb", "a    \nb", "a  \r\nb", "a \r\nb", "a\t\nb", "a \t",
	"# h \t\n\n| a \t | b  |\n|---|---|\n| x \t | y\t |\n",
}

// TestNoBareSame holds parse to what goldmark with Linkify makes, on the
// repository's events, generated ones and texts with bare links: the same
// HTML, links and summary.
func TestNoBareSame(t *testing.T) {
	var srcs [][]byte
	files, _ := filepath.Glob("../../content/events/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, b)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		_, body, _ := cut(benchsite.Event(rnd, i, 1900+i%120), "+++\n\n")
		srcs = append(srcs, []byte(body))
	}
	for _, c := range bareCases {
		srcs = append(srcs, []byte(c))
	}
	for _, opts := range []Options{{}, {Unsafe: true}} {
		r := New(opts)
		for _, src := range srcs {
			checkNoBare(t, r, src)
		}
	}
	r := New(Options{})
	noBare := 0
	for _, src := range srcs {
		if marks, likely := bareMarks(src); !likely {
			if _, bare := scan(r.noBare.Parser().Parse(text.NewReader(src)), src, marks); !bare {
				noBare++
			}
		}
	}
	if noBare < 200 {
		t.Errorf("%d of %d texts parsed without Linkify; the generated events have no bare link", noBare, len(srcs))
	}
}

// checkNoBare compares r's rendering of src with goldmark's with Linkify.
func checkNoBare(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	doc, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := r.md.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc.HTML, want.Bytes()) {
		t.Fatalf("%q:\nHTML %s\nwith Linkify %s", src, doc.HTML, want.Bytes())
	}
	full := &Renderer{md: r.md, noBare: r.md}
	wantDoc, err := full.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Links) != len(wantDoc.Links) {
		t.Fatalf("%q: links %+v, with Linkify %+v", src, doc.Links, wantDoc.Links)
	}
	for i := range doc.Links {
		if doc.Links[i] != wantDoc.Links[i] {
			t.Fatalf("%q: links %+v, with Linkify %+v", src, doc.Links, wantDoc.Links)
		}
	}
	if got, want := r.Summary(src), full.Summary(src); got != want {
		t.Fatalf("%q: summary %q, with Linkify %q", src, got, want)
	}
}

// FuzzNoBare is TestNoBareSame on any text, most usefully texts made of
// what bare links and Markdown's inline syntax are made of.
func FuzzNoBare(f *testing.F) {
	for _, c := range bareCases {
		f.Add(c)
	}
	f.Add(strings.Repeat("(http://a.b] [x](www.c.d) ", 3))
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		checkNoBare(t, r, []byte(src))
	})
}

// TestNoBareRandom is TestNoBareSame on texts pieced together at random
// from Markdown's inline syntax, white space and the starts of bare links.
func TestNoBareRandom(t *testing.T) {
	pieces := []string{" ", " ", "\t", "\n", "\n\n", "  \n", "a", "word", "(", ")", "[", "]", "](", "*", "_", "~", "~~",
		"`", "<", ">", "\\", "!", "...", "--", "'", "\"", "|", "- ", "# ", "> ", "1. ", ":", ".", ",",
		"http://x.org", "https://x.org/a", "(https://x.org)", "www.x.org", "www", "ftp://x.org", "http", "[^1]", "[^1]: n\n",
		"[r]: https://r.org\n", "<https://x.org>", "```\n", "    ", "&amp;", "\r\n"}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	r := New(Options{})
	noBare := 0
	for range n {
		var b strings.Builder
		for range 1 + rnd.IntN(30) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		src := []byte(b.String())
		checkNoBare(t, r, src)
		if marks, likely := bareMarks(src); !likely {
			if _, bare := scan(r.noBare.Parser().Parse(text.NewReader(src)), src, marks); !bare {
				noBare++
			}
		}
	}
	if noBare < n/10 {
		t.Errorf("only %d of %d texts parsed without Linkify", noBare, n)
	}
	t.Logf("%d of %d texts parsed without Linkify", noBare, n)
}
