// Package markdown turns the Markdown of events and pages into HTML with
// goldmark, configured once for the whole site, and reads from the same
// syntax tree what the site needs besides the HTML: the first paragraph as
// a plain-text summary and the links, with their lines, for checking.
package markdown

import (
	"bytes"
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer. The zero value is the safe default.
type Options struct {
	// Unsafe lets raw HTML and javascript: links in Markdown through. It is
	// off unless site.toml says [markdown] unsafe = true, so that text pasted
	// from elsewhere cannot put scripts on the site.
	Unsafe bool
}

// Renderer renders Markdown. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// noBare is md without GFM's autolinks of bare URLs and e-mail
	// addresses (extension.Linkify), which try to read a link at every
	// space of the text: a quarter of the parse of a text that has none
	// (see parse).
	noBare goldmark.Markdown
}

// New configures goldmark once; every event and page goes through it.
func New(opts Options) *Renderer {
	config := func(gfm ...goldmark.Extender) goldmark.Markdown {
		o := []goldmark.Option{
			goldmark.WithExtensions(gfm...),
			goldmark.WithExtensions(
				extension.Footnote,    // a news timeline cites; footnotes are how long notes are cited in text
				extension.Typographer, // curly quotes and dashes without typing them
			),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(), // every heading gets an id, so a section can be linked to
			),
		}
		if opts.Unsafe {
			o = append(o, goldmark.WithRendererOptions(goldhtml.WithUnsafe()))
		}
		return goldmark.New(o...)
	}
	return &Renderer{
		// GFM: tables, strikethrough, autolinks, task lists: what writers
		// expect from GitHub (extension.GFM, in its order).
		md:     config(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList),
		noBare: config(extension.Table, extension.Strikethrough, extension.TaskList),
	}
}

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
		part := root
		if top != nil {
			part = top(root)
		}
		if part == nil {
			return root, nil
		}
		if links, bare := scan(part, src, marks); !bare {
			return root, links
		}
	}
	root = r.md.Parser().Parse(text.NewReader(src))
	part := root
	if top != nil {
		part = top(root)
	}
	if part == nil {
		return root, nil
	}
	links, _ = scan(part, src, nil)
	return root, links
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

// Doc is one rendered Markdown text.
type Doc struct {
	HTML  []byte
	Links []Link // every link and image destination, in order

	// The parse, kept so that Rerender need not parse again, and its HTML
	// since Rerender last changed it (nil: HTML).
	r       *Renderer
	src     []byte
	root    ast.Node
	current []byte
}

// Rerender renders the same parse again with every link and image
// destination passed through rewrite: the feeds need each body with
// absolute links, and parsing is most of the cost of rendering. When
// rewrite changes no destination (a body whose links are all absolute
// already), the HTML is the same as last time and Rerender returns it
// again, d.HTML the first time: the caller must not modify it.
func (d *Doc) Rerender(rewrite func(dest string) string) ([]byte, error) {
	changed := false
	set := func(dest *[]byte) {
		if s := rewrite(string(*dest)); s != string(*dest) {
			*dest, changed = []byte(s), true
		}
	}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				set(&n.Destination)
			case *ast.Image:
				set(&n.Destination)
			case *extast.TableCell:
				// Rendering an aligned cell adds its alignment to the
				// node's style attribute, which renders again as
				// "text-align:right;text-align:right". Cells have no other
				// attributes (the parser's attribute syntax is off).
				if n.Alignment != extast.AlignNone {
					n.RemoveAttributes()
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if !changed {
		if d.current != nil {
			return d.current, nil
		}
		return d.HTML, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(d.HTML) + len(d.HTML)/8)
	if err := d.r.md.Renderer().Render(bufWriter{&buf}, d.src, d.root); err != nil {
		return nil, err
	}
	d.current = buf.Bytes()
	return d.current, nil
}

// Link is a link or image destination in the Markdown and the line it is on,
// counted from 1 at the first line of the Markdown text.
type Link struct {
	Dest  string
	Line  int
	Image bool
	Auto  bool // an autolink: a bare URL in the text
}

// A Resolver sees the destination of every link and image before it is
// rendered, and returns the destination to render in its place: the site
// checks its internal links and turns links to .md files into page URLs.
type Resolver func(dest string, line int) string

// Render parses src once and renders it, collecting the links. The
// summary, which listing pages need before any body is rendered, is
// Summary's.
func (r *Renderer) Render(src []byte) (*Doc, error) {
	return r.RenderResolved(src, nil)
}

// RenderResolved is Render with each link and image destination passed
// through resolve, when it is not nil.
func (r *Renderer) RenderResolved(src []byte, resolve Resolver) (*Doc, error) {
	root, links := r.parse(src, nil)
	doc := &Doc{r: r, src: src, root: root}
	lines := lineIndex{src: src}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			l := Link{Dest: string(n.Destination), Line: lines.of(n)}
			doc.Links = append(doc.Links, l)
			if resolve != nil {
				n.Destination = []byte(resolve(l.Dest, l.Line))
			}
		case *ast.Image:
			l := Link{Dest: string(n.Destination), Line: lines.of(n), Image: true}
			doc.Links = append(doc.Links, l)
			if resolve != nil {
				n.Destination = []byte(resolve(l.Dest, l.Line))
			}
		case *ast.AutoLink:
			// Listed for the link checker; an autolink is absolute, so
			// the resolver has nothing to do with it.
			if n.AutoLinkType == ast.AutoLinkURL {
				doc.Links = append(doc.Links, Link{Dest: string(n.URL(src)), Line: lines.of(n), Auto: true})
			}
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(bufWriter{&buf}, src, root); err != nil {
		return nil, err
	}
	doc.HTML = buf.Bytes()
	return doc, nil
}

// bufWriter lets goldmark render straight into a bytes.Buffer: given a
// plain io.Writer it wraps it in a new bufio.Writer on every render.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Flush() error     { return nil }
func (w bufWriter) Buffered() int  { return w.Len() }
func (w bufWriter) Available() int { return w.Buffer.Available() }

var _ util.BufWriter = bufWriter{}

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

// lineIndex finds the line of a node from the byte offset of its first text,
// computing line starts only once, and only for a text that has links.
type lineIndex struct {
	src    []byte
	starts []int
}

func (l *lineIndex) of(n ast.Node) int {
	off := firstOffset(n)
	if off < 0 {
		return 0
	}
	if l.starts == nil {
		l.starts = []int{0}
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	// Binary search for the last line start at or before off.
	lo, hi := 0, len(l.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// firstOffset is the source offset of the first text inside n, or of the
// nearest block around it, or -1.
func firstOffset(n ast.Node) int {
	if _, ok := n.(*ast.AutoLink); ok && n.Pos() >= 0 {
		return n.Pos() // it has no Text child to tell
	}
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return -1
}

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
