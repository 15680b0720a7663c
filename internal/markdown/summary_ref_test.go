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
	texts = append(texts, definitionCases...)
	return append(texts,
		"Non\u00a0breaking&nbsp;space &amp; &#32; entity\u2003em space\u0085next",
		"  lead and trail  \t\n", "a\v\fb", "\xff broken \xc3 UTF-8\xe2\x80",
		"\"Quotes\" -- and --- dashes... <<a>>", "*a* **b** `c` ~~d~~ [e](f) ![g](h) <i>j</i>",
		"text <span>raw\nhtml</span> after", "hard  \nbreak\\\nand soft\nbreak")
}

// definitionCases have definitions after the first paragraph, and
// brackets in it that they may or may not change.
var definitionCases = []string{
	"[a [x] b](/u) after.\n\nMore.\n\n[x]: /y\n",
	"[foo](not a link)\n\nNext.\n\n[foo]: /url1\n",
	"[foo]() inline wins.\n\n[foo]: /url1\n",
	"Note[^1] here.\n\nNext.\n\n[^1]: The note.\n",
	"Note[^2] undefined.\n\n[^1]: The note.\n",
	"[x] and [y](z) and [X].\n\n[x]: /u\n",
	"[x][] and [x][x] and [y][x].\n\n[x]: /u\n",
	"![a [x] b](i.png) image.\n\n[x]: /u\n",
	"`[x]` in code, \\[x\\] escaped.\n\n[x]: /u\n",
	"*[x]* emphasised, **[link](/a)** too.\n\n[x]: /u\n",
	"Plain [link](/u) and ![img](/i.png).\n\nNext [x].\n\n[x]: /v\n",
	"No brackets at all.\n\n[x]: /v\n",
	"- a list [x]\n\nThen [x] paragraph.\n\n[x]: /v\n",
	"[x]: /v\n\nAfter a definition [x].\n",
	"[x]: /v\nnot a definition line? [x]\n\nNext.\n",
	"Text ]: with [a](/b).\n\nNext.\n",
	"[a](/b) [^1]: not a def.\n\n[^1]: note\n",
	"[^1]: a\n\nb\"\n\n[^1]: \"c\n",
	"\n\n[^1]: note\n> \n![i](/p.png)\"\n\n[^1]: note\n word \"> [x]",
	"Quote \"open.\n\nNext.\n\n[^1]: \"a note\n[^2]: \"another\n",
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

// TestSummaryDefinitionsRandom holds Summary to referenceSummary on random
// texts of links, references, notes, brackets and definitions, in
// paragraphs.
func TestSummaryDefinitionsRandom(t *testing.T) {
	parts := []string{"a", " ", "word ", "[", "]", "[x]", "[X]", "[y]", "[x][]", "[a][x]", "[a](/b)", "[a [x] b](/c)",
		"![i](/p.png)", "![i [x]](/p.png)", "[^1]", "[^2]", "(", ")", "(/d)", "*", "`", "\\[", "\n", "\n\n",
		"\n\n[x]: /u\n", "\n\n[^1]: note\n", "\n\n[^1]: \"q\n", "\n\n[y]:\n/v\n", "]:", "- ", "> ", "\"", "'", "--"}
	r := New(Options{})
	rng := rand.New(rand.NewPCG(11, 12))
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		src := []byte(b.String())
		if got, want := r.Summary(src), referenceSummary(r, src); got != want {
			t.Fatalf("Summary(%q)\n = %q\nwant %q", src, got, want)
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
