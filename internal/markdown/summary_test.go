package markdown

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// TestSummaryPrefixSameAsWhole checks that Summary, which parses only the
// start of a text when it can, finds the first paragraph the parse of the
// whole text finds, on texts whose first paragraph lies behind or inside
// what a prefix would cut: lists, quotes, fenced code, HTML, headings,
// definitions that come later.
func TestSummaryPrefixSameAsWhole(t *testing.T) {
	texts := []string{
		"First paragraph.\n\nSecond.\n",
		"First\nparagraph on two lines.\n\nSecond.",
		"## Heading\n\nThe paragraph.\n\nMore.\n",
		"- a list\n\n  continued in the item\n\nThen the paragraph.\n",
		"- a\n- b\n\n- c\n\nAfter the loose list.\n",
		"> a quote\n\n> another\n\nAfter.\n",
		"```\ncode\n\nstill code\n```\n\nAfter the code.\n",
		"~~~\nnever closed\n\nstill code\n",
		"<!--\ncomment\n\nstill comment\n-->\n\nAfter the comment.\n",
		"<div>\nblock\n\nparagraph after an HTML block\n",
		"A [link][ref] defined below.\n\n[ref]: https://example.org/\n",
		"A footnote[^1].\n\n[^1]: The note.\n",
		"Setext\n===\n\nParagraph.\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter the table.\n",
		"    indented code\n\n    more code\n\nAfter.\n",
		"\n\n\nLeading blank lines.\n\nNext.\n",
		"Only one paragraph, no blank line.",
		"",
		"\"Quotes\" and -- dashes... in the first.\n\nSecond.\n",
		"*Emphasis\n\nnot closed* across paragraphs.\n",
		"1. one\n\n2. two\n\n3. three\n\n4. four\n\nAfter four items.\n",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		src := benchsite.Event(r, i, 1950)
		texts = append(texts, src[strings.LastIndex(src, "+++\n\n")+5:])
	}
	files, _ := filepath.Glob("../../content/events/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(b))
		}
	}
	md := New(Options{})
	for _, text := range texts {
		src := []byte(text)
		want := ""
		if p := md.firstParagraph(src); p != nil {
			want = plainText(p, src)
		}
		if got := md.Summary(src); got != want {
			t.Errorf("Summary(%q) = %q, the whole text's first paragraph is %q", text, got, want)
		}
	}
}
