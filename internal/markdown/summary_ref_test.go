package markdown

import (
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// referenceSummary is a summary made the plain way, for Summary to be
// held to: goldmark, with every extension the site uses, parses the whole
// text; the text under its first paragraph is joined by ast.Walk, its
// entities read by html.UnescapeString and its spaces made one by
// strings.Fields and strings.Join.
func referenceSummary(r *Renderer, src []byte) string {
	p := firstParagraphOf(r.md.Parser().Parse(text.NewReader(src)))
	if p == nil {
		return ""
	}
	var b strings.Builder
	_ = ast.Walk(p, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// summaryTexts are the Markdown texts of the repository's events and
// pages, of the golden sites, of generated events, and the texts of the
// other tests here.
func summaryTexts(t testing.TB) []string {
	var texts []string
	for _, glob := range []string{"../../content/*.md", "../../content/events/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	sites, _ := filepath.Glob("../build/testdata/*/*.txtar")
	for _, p := range sites {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".md") {
				texts = append(texts, string(f.Data))
			}
		}
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	for i := range 500 {
		src := benchsite.Event(rnd, i, 1900+i%120)
		texts = append(texts, src[strings.LastIndex(src, "+++\n\n")+5:])
	}
	texts = append(texts, bareCases...)
	return append(texts,
		"Non\u00a0breaking&nbsp;space &amp; &#32; entity\u2003em space\u0085next",
		"  lead and trail  \t\n", "a\v\fb", "\xff broken \xc3 UTF-8\xe2\x80",
		"\"Quotes\" -- and --- dashes... <<a>>", "*a* **b** `c` ~~d~~ [e](f) ![g](h) <i>j</i>",
		"text <span>raw\nhtml</span> after", "hard  \nbreak\\\nand soft\nbreak")
}

// TestSummaryAsReference holds Summary, with its shortcuts (a prefix, no
// Linkify, its own walk and space handling), to referenceSummary.
func TestSummaryAsReference(t *testing.T) {
	texts := summaryTexts(t)
	if len(texts) < 600 {
		t.Fatalf("only %d texts", len(texts))
	}
	for _, opts := range []Options{{}, {Unsafe: true}} {
		r := New(opts)
		for _, s := range texts {
			if got, want := r.Summary([]byte(s)), referenceSummary(r, []byte(s)); got != want {
				t.Errorf("Summary(%q)\n = %q\nwant %q", s, got, want)
			}
		}
	}
}

// FuzzSummary holds Summary to referenceSummary on any text.
func FuzzSummary(f *testing.F) {
	for _, s := range summaryTexts(f) {
		f.Add([]byte(s))
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := r.Summary(src), referenceSummary(r, src); got != want {
			t.Fatalf("Summary(%q)\n = %q\nwant %q", src, got, want)
		}
	})
}

// TestCollapseSpace holds collapseSpace to strings.Fields and
// strings.Join on random texts of words, every white space rune, runes
// that share a first byte with one, and broken UTF-8.
func TestCollapseSpace(t *testing.T) {
	parts := []string{"a", "word", "Київ", "€", "𝄞", "\x00", "\x1f", "\x7f", "\xc2", "\xe2\x80", "\xe2", "\xe1\x9a",
		"\xe3\x80", "\x80", "\xff", "\u00a1", "\u2010", "\u3001", "\u1681", "\u205e"}
	for r := range rune(0x3001) {
		if unicode.IsSpace(r) {
			parts = append(parts, string(r))
		}
	}
	check := func(s string) {
		t.Helper()
		if got, want := string(collapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
	for _, p := range parts {
		check(p)
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		check(b.String())
	}
}
