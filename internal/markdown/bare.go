package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// parse parses src as r.md does, through r.noBare when that gives the
// same tree, and returns the links in it with it (see scan): top picks
// the part of the tree that must be the same, the first paragraph for a
// summary, nil for the whole.
//
// Autolinking bare URLs and addresses is what Linkify does; where it
// finds no link it changes nothing, but for one thing: it cuts the text
// of a line at every space to look for a link there, and a line's text is
// trimmed of white space at its end only after the last cut, so that a
// line ending in two white space characters or more (other than the two
// spaces of a hard line break) keeps all but the last of them. Otherwise
// parsing goes the same with it or without until the first link it would
// find, and the start of that link is, without it, in a text node:
// nothing else reads a space or a "(" and the letters after it, and what
// does read an "@" (a code span) keeps it in a text node too. So a tree
// made without Linkify is the tree when no line ends in such white space
// and no text node in it holds one of the places in src where a bare
// link could start (bareMarks). A source with an "@", with "http" or
// "www" other than right after "(" or "<" (as in a link destination), or
// with such a line, is parsed with Linkify at once.
func (r *Renderer) parse(src []byte, top func(ast.Node) ast.Node) (root ast.Node, links []ast.Node) {
	if marks, likely := bareMarks(src); !likely {
		root = r.noBare.Parser().Parse(text.NewReader(src))
		part := partOf(root, top)
		if part == nil {
			return root, nil
		}
		if links, bare := scan(part, src, marks); !bare {
			return root, links
		}
	}
	root = r.md.Parser().Parse(text.NewReader(src))
	if part := partOf(root, top); part != nil {
		links, _ = scan(part, src, nil)
	}
	return root, links
}

// partOf is the part of the tree parse looks into: top's, or all of it.
func partOf(root ast.Node, top func(ast.Node) ast.Node) ast.Node {
	if top == nil {
		return root
	}
	return top(root)
}

// bareMarks returns where in src a bare link could start: a URL Linkify
// finds starts with "http://", "https://", "ftp://" or "www.", and where
// the typographer cuts a "www..." the "www" is still text. It returns
// too whether Linkify likely matters: src has an "@" (an e-mail
// address), one of those not right after "(" or "<" (where a link
// destination has it), or a line that ends in white space Linkify would
// not trim (see parse). The search is for "://" and "www.", which prose
// seldom has, rather than for words that start with common letters.
func bareMarks(src []byte) (at []int, likely bool) {
	if bytes.IndexByte(src, '@') >= 0 || trailingSpace(src) {
		return nil, true
	}
	mark := func(i int) bool {
		at = append(at, i)
		return i > 0 && (src[i-1] == '(' || src[i-1] == '<')
	}
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("://"))
		if i < 0 {
			break
		}
		i += off
		off = i + 3
		for _, scheme := range [...]string{"https", "http", "ftp"} {
			if bytes.HasSuffix(src[:i], []byte(scheme)) {
				if !mark(i - len(scheme)) {
					return nil, true
				}
				break
			}
		}
	}
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("www."))
		if i < 0 {
			break
		}
		i += off
		off = i + 4
		if !mark(i) {
			return nil, true
		}
	}
	return at, false
}

// trailingSpace reports whether a line of src ends in two white space
// characters or more, other than the two spaces of a hard line break.
func trailingSpace(src []byte) bool {
	for off := 0; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		off = end + 1
		i := end
		for i > 0 && isLineSpace(src[i-1]) {
			i--
		}
		if run := src[i:end]; len(run) >= 2 && string(run) != "  " && string(run) != "  \r" {
			return true
		}
	}
	return false
}

// isLineSpace is the white space goldmark trims, but for the line feed.
func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// scan returns the links, images and autolinks under top, in the order
// of the text, unless a text node under it holds one of the offsets
// marks: then bare is true.
func scan(top ast.Node, src []byte, marks []int) (links []ast.Node, bare bool) {
	for n := top; ; {
		switch x := n.(type) {
		case *ast.Text:
			for _, m := range marks {
				if x.Segment.Start <= m && m < x.Segment.Stop {
					return nil, true
				}
			}
		case *ast.Link, *ast.Image, *ast.AutoLink:
			links = append(links, n)
		}
		if c := n.FirstChild(); c != nil {
			n = c
			continue
		}
		for n != top && n.NextSibling() == nil {
			n = n.Parent()
		}
		if n == top {
			return links, false
		}
		n = n.NextSibling()
	}
}
