package markdown

import (
	"bytes"
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// plainText joins the text under n, with line breaks as spaces, and
// with every run of white space made one space and none at either end
// (as strings.Fields and strings.Join would make it).
func plainText(n ast.Node, src []byte) string {
	b := make([]byte, 0, 256)
	for c := n; ; {
		skip := false
		switch x := c.(type) {
		case *ast.Text:
			b = append(b, x.Segment.Value(src)...)
			if x.SoftLineBreak() || x.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, x.Value...)
		case *ast.RawHTML:
			skip = true
		}
		if f := c.FirstChild(); f != nil && !skip {
			c = f
			continue
		}
		for c != n && c.NextSibling() == nil {
			c = c.Parent()
		}
		if c == n {
			break
		}
		c = c.NextSibling()
	}
	// The typographer leaves entities ("&rsquo;") in String nodes; the
	// summary is text, to be escaped once by the template. An entity may
	// stand for white space (&nbsp;), so it is read before the spaces are.
	if bytes.IndexByte(b, '&') >= 0 {
		b = []byte(html.UnescapeString(string(b)))
	}
	return string(collapseSpace(b))
}

// collapseSpace makes every run of white space (unicode.IsSpace) in b one
// space, and drops those at either end, in place. Words are copied in
// runs: a rune is decoded only where its first byte may start a space.
func collapseSpace(b []byte) []byte {
	n := 0                   // the text made so far is b[:n]
	space := false           // a space is due before the next word
	word := func(i, j int) { // b[i:j] is part of a word
		if space {
			b[n] = ' ' // n < i: the space due was at least one byte
			n++
			space = false
		}
		if n != i {
			copy(b[n:], b[i:j])
		}
		n += j - i
	}
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && spaceClass[b[j]] == inWord {
			j++
		}
		if j > i {
			word(i, j)
			i = j
			continue
		}
		size := 1
		isSpace := spaceClass[b[i]] == isSpaceByte
		if !isSpace {
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = n > 0
		} else {
			word(i, i+size)
		}
		i += size
	}
	return b[:n]
}

// The classes of bytes for collapseSpace.
const (
	inWord      = iota // a byte of a word, not the first of a space
	isSpaceByte        // an ASCII space
	mayBeSpace         // the first byte of a rune that may be a space
)

// spaceClass is each byte's class: the ASCII bytes unicode.IsSpace is true
// for, and the first bytes of the UTF-8 of the other white space runes
// (0xC2 of U+00A0, 0xE2 of U+2028...). Any other byte of a text, a byte
// that goes on a rune or starts one that is no space, is of a word.
var spaceClass = func() (class [256]uint8) {
	for c := range utf8.RuneSelf {
		if unicode.IsSpace(rune(c)) {
			class[c] = isSpaceByte
		}
	}
	mark := func(lo, hi, stride rune) {
		for r := lo; r <= hi; r += stride {
			if r >= utf8.RuneSelf {
				class[utf8.AppendRune(nil, r)[0]] = mayBeSpace
			}
		}
	}
	for _, r := range unicode.White_Space.R16 {
		mark(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range unicode.White_Space.R32 {
		mark(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return class
}()

// Summary parses src and returns its first paragraph as plain text, without
// rendering: listing pages need the summaries of every event at once, the
// HTML of each only on its own page.
//
// Most bodies open with their first paragraph, so it parses only the text
// up to a blank line when that holds the paragraph (see summaryPrefixes),
// which is most of the cost of a site's summaries saved.
func (r *Renderer) Summary(src []byte) string {
	// Definitions of link references and footnotes ("[x]: url", "[^1]:
	// note") change what comes before them only in brackets: a "[x]" or
	// "[^1]" a prefix leaves as text may be a link or a note in the whole.
	// A link's text cannot hold another link either, so "[a [x] b](url)"
	// is a link in a prefix and text in the whole. So where src may hold
	// a definition, a prefix's paragraph stands only if no text in it
	// holds a bracket: every one in it was a link or image whatever
	// follows (an inline link comes before a reference), or in none; and
	// if no "[^" is in it (see bracketText). And only if no definition
	// comes before the cut: the notes are parsed where the first is
	// defined, the later ones too, and the typographer counts the quotes
	// left open in them ("[^1]: a\n\nb\"\n\n[^1]: \"c": the second note's
	// quote, parsed first, makes the paragraph's a closing one).
	defs := bytes.Contains(src, []byte("]:"))
	for _, end := range summaryPrefixes(src) {
		p := r.firstParagraph(src[:end])
		if p == nil {
			continue
		}
		if defs && (bytes.Contains(src[:end], []byte("]:")) || bracketText(p, src)) {
			break
		}
		return plainText(p, src)
	}
	if p := r.firstParagraph(src); p != nil {
		return plainText(p, src)
	}
	return ""
}

// firstParagraph parses src and returns its first paragraph, or nil.
func (r *Renderer) firstParagraph(src []byte) ast.Node {
	root, _ := r.parse(src, firstParagraphOf)
	return firstParagraphOf(root)
}

// bracketText reports whether a text node under the paragraph n holds "["
// or "]", or n's text a "[^": a note's reference, where its note is
// defined, is read before a link is ("[^1](/a)").
func bracketText(n ast.Node, src []byte) bool {
	if lines := n.Lines(); lines.Len() > 0 {
		first, last := lines.At(0), lines.At(lines.Len()-1)
		if bytes.Contains(src[first.Start:last.Stop], []byte("[^")) {
			return true
		}
	}
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && bytes.ContainsAny(t.Segment.Value(src), "[]") {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// firstParagraphOf is root's first paragraph, or nil.
func firstParagraphOf(root ast.Node) ast.Node {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok {
			return p
		}
	}
	return nil
}

// summaryPrefixes returns where to cut src, at its first few empty lines,
// for a parse of the start alone to find the first paragraph as a parse
// of the whole would. Markdown is parsed line by line, forward: the blocks
// that end before an empty line are the same whatever follows, and an
// empty line ends a paragraph. What follows can change what comes before
// only through definitions of link references and footnotes ("[x]: url",
// "[^1]: note"), which Summary sees to. A paragraph found in a prefix is
// complete; a block still open at the cut (a list, a quote, a fenced code
// block) is not a paragraph, and the next prefix or the whole text is
// tried.
func summaryPrefixes(src []byte) []int {
	var ends []int
	for off := 0; len(ends) < 3; {
		i := bytes.Index(src[off:], []byte("\n\n"))
		if i < 0 {
			break
		}
		off += i + 1
		ends = append(ends, off)
		off++
	}
	return ends
}
