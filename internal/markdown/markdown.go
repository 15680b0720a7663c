// Package markdown turns the Markdown of events and pages into HTML with
// goldmark, configured once for the whole site, and reads from the same
// syntax tree what the site needs besides the HTML: the first paragraph as
// a plain-text summary and the links, with their lines, for checking.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/timeline-ssg/timeline/internal/bufpool"
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

// Doc is one rendered Markdown text.
type Doc struct {
	HTML  []byte
	Links []Link // every link and image destination, in order

	// The parse, kept so that Rerender need not parse again, and its HTML
	// since Rerender last changed it (nil: HTML).
	r       *Renderer
	src     []byte
	root    ast.Node
	links   []ast.Node // the links, images and autolinks in root
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
	// The links are known from the parse: the tree is walked only for
	// the cells of a table, which has a "|" in its source.
	for _, n := range d.links {
		switch n := n.(type) {
		case *ast.Link:
			set(&n.Destination)
		case *ast.Image:
			set(&n.Destination)
		}
	}
	if bytes.IndexByte(d.src, '|') >= 0 {
		_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			// Rendering an aligned cell adds its alignment to the node's
			// style attribute, which renders again as
			// "text-align:right;text-align:right". Cells have no other
			// attributes (the parser's attribute syntax is off).
			if n, ok := n.(*extast.TableCell); ok && entering && n.Alignment != extast.AlignNone {
				n.RemoveAttributes()
			}
			return ast.WalkContinue, nil
		})
	}
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
	doc := &Doc{r: r, src: src, root: root, links: links}
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
	buf := bytes.NewBuffer(htmlBuffers.Get(len(src) + len(src)/4))
	if err := r.md.Renderer().Render(bufWriter{buf}, src, root); err != nil {
		return nil, err
	}
	doc.HTML = buf.Bytes()
	return doc, nil
}

// htmlBuffers are the buffers of rendered HTML that Recycle gives back: a
// build renders every event's body once, for its page, and is done with
// it once the page is written.
var htmlBuffers = bufpool.Pool{Max: 256 << 10}

// Recycle gives d.HTML's buffer back for a later Render to write into. The
// caller is done with d: it holds no part of d.HTML, and calls neither
// Rerender nor Recycle again.
func (d *Doc) Recycle() {
	htmlBuffers.Put(d.HTML)
	d.HTML, d.current = nil, nil
}

// bufWriter lets goldmark render straight into a bytes.Buffer: given a
// plain io.Writer it wraps it in a new bufio.Writer on every render.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Flush() error     { return nil }
func (w bufWriter) Buffered() int  { return w.Len() }
func (w bufWriter) Available() int { return w.Buffer.Available() }

var _ util.BufWriter = bufWriter{}

// lineIndex finds the line of a node from the byte offset of its first
// text, counting the line feeds before it from where the last node
// asked was: the links come in the order of the text.
type lineIndex struct {
	src  []byte
	off  int // where the count reached
	line int // the line feeds before off
}

func (l *lineIndex) of(n ast.Node) int {
	off := firstOffset(n)
	if off < 0 {
		return 0
	}
	off = min(off, len(l.src))
	if off < l.off {
		l.off, l.line = 0, 0
	}
	l.line += bytes.Count(l.src[l.off:off], []byte{'\n'})
	l.off = off
	return l.line + 1
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
