package timeline_test

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// maxREADME is the README's budget: a user's guide that can be read in one
// sitting. Measurements, test inventories and details go to docs/.
const maxREADME = 25_000

// TestREADMESize keeps the README a guide, not a manual.
func TestREADMESize(t *testing.T) {
	info, err := os.Stat("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > maxREADME {
		t.Errorf("README.md is %d bytes, over the budget of %d: move details to docs/", info.Size(), maxREADME)
	}
}

// TestDocLinks: every relative link in README.md and docs/*.md points to a
// file that exists, and every #fragment to a heading of its document, as
// GitHub names headings.
func TestDocLinks(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	docs = append([]string{"README.md"}, docs...)
	checked := 0
	for _, doc := range docs {
		src, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range relativeLinks(string(src)) {
			checked++
			target, frag, _ := strings.Cut(l.target, "#")
			file := doc
			if target != "" {
				file = path.Join(path.Dir(doc), target)
				if _, err := os.Stat(filepath.FromSlash(file)); err != nil {
					t.Errorf("%s:%d: link to %s: no such file", doc, l.line, l.target)
					continue
				}
			}
			if frag == "" || !strings.HasSuffix(file, ".md") {
				continue
			}
			body, err := os.ReadFile(filepath.FromSlash(file))
			if err != nil {
				t.Errorf("%s:%d: link to %s: %v", doc, l.line, l.target, err)
				continue
			}
			if !headingAnchors(string(body))[frag] {
				t.Errorf("%s:%d: link to %s: %s has no heading #%s", doc, l.line, l.target, file, frag)
			}
		}
	}
	if checked == 0 {
		t.Error("found no relative link: the link scanner is broken")
	}
}

// TestDocLinkScanner pins what the link scanner sees, so that a change to
// it cannot make TestDocLinks pass by finding nothing.
func TestDocLinkScanner(t *testing.T) {
	src := "# Title: `code`\n\nSee [a](docs/a.md#x) and ![b\nc](img.png \"t\"), [web](https://x.org/),\n" +
		"[mail](mailto:a@b.c), `[not](code.md)` and ``[nor](this.md)``.\n\n```\n[fenced](no.md)\n# not a heading\n```\n" +
		"## Title: code\n[self](#title-code-1)\n"
	var got []string
	for _, l := range relativeLinks(src) {
		got = append(got, fmt.Sprintf("%d:%s", l.line, l.target))
	}
	if want := "3:docs/a.md#x 4:img.png 12:#title-code-1"; strings.Join(got, " ") != want {
		t.Errorf("links = %q, want %q", strings.Join(got, " "), want)
	}
	anchors := headingAnchors(src)
	if !anchors["title-code"] || !anchors["title-code-1"] || anchors["not-a-heading"] || len(anchors) != 2 {
		t.Errorf("anchors = %v, want title-code and title-code-1", anchors)
	}
}

type docLink struct {
	line   int
	target string
}

var linkTarget = regexp.MustCompile(`\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)`)

// relativeLinks returns the targets of the Markdown links and images in
// src that are neither absolute URLs nor in code, with their lines.
func relativeLinks(src string) []docLink {
	var out []docLink
	for i, line := range proseLines(src) {
		for _, m := range linkTarget.FindAllStringSubmatch(line, -1) {
			target := m[1]
			if strings.Contains(target, ":") && !strings.HasPrefix(target, "#") {
				continue // https:, mailto:, …
			}
			out = append(out, docLink{line: i + 1, target: target})
		}
	}
	return out
}

// proseLines returns src's lines with fenced code blocks emptied and
// inline code spans removed, so that examples are not taken for links.
func proseLines(src string) []string {
	lines := strings.Split(src, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			lines[i] = ""
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			lines[i] = ""
			continue
		}
		lines[i] = withoutCode(line)
	}
	return lines
}

// withoutCode removes the inline code spans of a line: a run of backticks
// up to the next run of the same length.
func withoutCode(line string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		n := i
		for n < len(line) && line[n] == '`' {
			n++
		}
		ticks := line[i:n]
		end := strings.Index(line[n:], ticks)
		if end < 0 {
			b.WriteString(line[i:]) // no closing run: plain backticks
			return b.String()
		}
		line = line[n+end+len(ticks):]
	}
}

// headingAnchors returns the anchors GitHub gives the ATX headings of a
// Markdown document: the text in lowercase, without punctuation, spaces
// made hyphens, and -1, -2 … after repeats.
func headingAnchors(src string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	fence := ""
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		text, ok := strings.CutPrefix(line, "#")
		if !ok {
			continue
		}
		text = strings.TrimLeft(text, "#")
		if !strings.HasPrefix(text, " ") {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(strings.TrimSpace(text)) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteByte('-')
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			seen[a]++
			a = fmt.Sprintf("%s-%d", a, n)
		} else {
			seen[a] = 1
		}
		anchors[a] = true
	}
	return anchors
}
