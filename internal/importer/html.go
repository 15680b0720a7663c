package importer

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TimelineJS holds text as HTML; an event's body is Markdown. toMarkdown
// writes the HTML that Markdown can say (paragraphs, headings, emphasis,
// links, images, lists, quotes, code, tables, footnotes as goldmark writes
// them) as Markdown, and keeps the text of any other element without its
// markup, so that nothing a reader could see is lost and no raw HTML
// (which the site would drop) is written.

// fragment parses an HTML fragment as the content of a <div>.
func fragment(s string) []*html.Node {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil { // ParseFragment fails only when reading fails
		return nil
	}
	return nodes
}

// plainText is the text of an HTML fragment, whitespace collapsed: for
// headlines, credits and captions, which the site shows as plain text.
func plainText(s string) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range fragment(s) {
		walk(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// isBlock reports whether an element starts a block of its own.
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer, atom.Main, atom.Nav,
		atom.Figure, atom.Figcaption, atom.Blockquote, atom.Pre, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Hr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Address, atom.Details, atom.Summary:
		return true
	}
	return false
}

// mdBlocks writes a sequence of nodes as Markdown blocks separated by
// blank lines; runs of inline nodes between blocks become paragraphs.
func mdBlocks(nodes []*html.Node) string { return joinBlocks(nodes, "\n\n") }

// joinBlocks writes blocks separated by sep: a blank line, or a line
// break inside the item of a tight list.
func joinBlocks(nodes []*html.Node, sep string) string {
	var blocks []string
	var run []*html.Node
	var prevList *html.Node
	alt := false
	flush := func() {
		if p := paragraph(run); p != "" {
			blocks = append(blocks, p)
			prevList = nil
		}
		run = nil
	}
	for _, n := range nodes {
		if n.Type == html.CommentNode {
			continue
		}
		if !isBlock(n) {
			if n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" && len(run) == 0 {
				continue
			}
			run = append(run, n)
			continue
		}
		flush()
		var b string
		if n.DataAtom == atom.Ul || n.DataAtom == atom.Ol {
			// Two lists in a row with the same marker would be read as
			// one: the second takes the other marker.
			alt = prevList != nil && prevList.DataAtom == n.DataAtom && !alt
			b = list(n, alt)
			prevList = n
		} else {
			b = mdBlock(n)
			prevList = nil
		}
		if b != "" {
			blocks = append(blocks, b)
		}
	}
	flush()
	return strings.Join(blocks, sep)
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func mdBlock(n *html.Node) string {
	switch n.DataAtom {
	case atom.P, atom.Dt, atom.Dd, atom.Figcaption, atom.Summary, atom.Address:
		return paragraph(children(n))
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		text := strings.ReplaceAll(inline(children(n)), "\n", " ")
		if strings.TrimSpace(text) == "" {
			return ""
		}
		level := int(n.Data[1] - '0')
		return strings.Repeat("#", level) + " " + strings.TrimSpace(text)
	case atom.Hr:
		return "---"
	case atom.Blockquote:
		inner := mdBlocks(children(n))
		if inner == "" {
			return ""
		}
		return prefixLines(inner, "> ", ">")
	case atom.Pre:
		return codeBlock(n)
	case atom.Ul, atom.Ol:
		return list(n, false)
	case atom.Table:
		return table(n)
	case atom.Div, atom.Section:
		if hasClass(n, "footnotes") {
			return footnotes(n)
		}
	}
	return mdBlocks(children(n))
}

// paragraph writes inline nodes as one paragraph. A line may not start
// with what Markdown would read as the start of another block.
func paragraph(nodes []*html.Node) string {
	text := strings.TrimSpace(inline(nodes))
	if text == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimLeft(l, " \t")
		lines[i] = escapeLineStart(l)
	}
	return strings.Join(lines, "\n")
}

var orderedStart = regexp.MustCompile(`^(\d{1,9})([.)])`)

func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '-', '+', '=':
		return `\` + l
	}
	if m := orderedStart.FindStringSubmatch(l); m != nil {
		return m[1] + `\` + l[len(m[1]):]
	}
	return l
}

// inline writes inline nodes as Markdown. HTML collapses runs of
// whitespace, so they become one space here; only <br> breaks a line.
func inline(nodes []*html.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(inlineNode(n))
	}
	return b.String()
}

var spaces = regexp.MustCompile(`[ \t\r\n\f]+`)

func inlineNode(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return escapeText(spaces.ReplaceAllString(n.Data, " "))
	case html.ElementNode:
	default:
		return ""
	}
	switch n.DataAtom {
	case atom.Br:
		return "\\\n"
	case atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Var:
		return wrap(inline(children(n)), "*")
	case atom.Strong, atom.B:
		return wrap(inline(children(n)), "**")
	case atom.Del, atom.S, atom.Strike:
		return wrap(inline(children(n)), "~~")
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		return codeSpan(textOf(n))
	case atom.Img:
		src := attr(n, "src")
		if src == "" {
			return escapeText(attr(n, "alt"))
		}
		return "![" + escapeText(attr(n, "alt")) + "](" + linkDest(src) + linkTitle(attr(n, "title")) + ")"
	case atom.A:
		if hasClass(n, "footnote-backref") {
			return ""
		}
		if hasClass(n, "footnote-ref") {
			return "[^" + strings.TrimSpace(textOf(n)) + "]"
		}
		text := inline(children(n))
		href := attr(n, "href")
		if href == "" {
			return text
		}
		if strings.TrimSpace(text) == "" {
			text = escapeText(href)
		}
		return "[" + text + "](" + linkDest(href) + linkTitle(attr(n, "title")) + ")"
	case atom.Script, atom.Style, atom.Template:
		return ""
	}
	if isBlock(n) { // a block inside inline content: keep its text on the line
		return " " + inline(children(n)) + " "
	}
	return inline(children(n))
}

// wrap puts delimiters around text, moving spaces at its ends outside,
// where Markdown needs them to see the delimiters.
func wrap(text, delim string) string {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return text
	}
	lead := text[:strings.Index(text, trimmed)]
	trail := text[len(lead)+len(trimmed):]
	return lead + delim + trimmed + delim + trail
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// mdEscaper escapes the characters that can start Markdown syntax inside
// a line. A backslash before ASCII punctuation always means the character
// itself, so escaping more than needed is harmless.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "&", `\&`, "~", `\~`, "|", `\|`)

func escapeText(s string) string { return mdEscaper.Replace(s) }

func codeSpan(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func linkDest(u string) string {
	if u == "" || strings.ContainsAny(u, " <>()\n") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "").Replace(u) + ">"
	}
	return u
}

func linkTitle(t string) string {
	if t == "" {
		return ""
	}
	return ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
}

func prefixLines(s, prefix, blankPrefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = blankPrefix
		} else {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func codeBlock(pre *html.Node) string {
	code, lang := pre, ""
	if c := pre.FirstChild; c != nil && c.DataAtom == atom.Code && c.NextSibling == nil {
		code = c
		for _, cl := range strings.Fields(attr(c, "class")) {
			if l, ok := strings.CutPrefix(cl, "language-"); ok {
				lang = l
			}
		}
	}
	text := strings.TrimSuffix(textOf(code), "\n")
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + text + "\n" + fence
}

// list writes a ul or ol; items are loose (blank lines between them) when
// any item holds a paragraph, as in the HTML goldmark writes for them.
func list(n *html.Node, alt bool) string {
	ordered := n.DataAtom == atom.Ol
	num := 1
	if s, err := strconv.Atoi(attr(n, "start")); err == nil && s >= 0 {
		num = s
	}
	bullet, delim := "- ", ". "
	if alt {
		bullet, delim = "* ", ") "
	}
	loose := false
	for _, li := range children(n) {
		for _, c := range children(li) {
			loose = loose || c.DataAtom == atom.P
		}
	}
	sep := "\n"
	if loose {
		sep = "\n\n"
	}
	var items []string
	for _, li := range children(n) {
		if li.DataAtom != atom.Li {
			continue
		}
		marker := bullet
		if ordered {
			marker = strconv.Itoa(num) + delim
			num++
		}
		body := joinBlocks(children(li), sep)
		if body == "" {
			items = append(items, strings.TrimSpace(marker))
			continue
		}
		pad := strings.Repeat(" ", len(marker))
		lines := strings.Split(body, "\n")
		for i := range lines {
			switch {
			case i == 0:
				lines[i] = marker + lines[i]
			case lines[i] != "":
				lines[i] = pad + lines[i]
			}
		}
		items = append(items, strings.Join(lines, "\n"))
	}
	return strings.Join(items, sep)
}

// table writes a GFM table: the first row is the header, and the
// alignment of each column is taken from its header cell.
func table(n *html.Node) string {
	var rows [][]*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, c := range children(n) {
			switch c.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			case atom.Tr:
				var cells []*html.Node
				for _, cell := range children(c) {
					if cell.DataAtom == atom.Th || cell.DataAtom == atom.Td {
						cells = append(cells, cell)
					}
				}
				rows = append(rows, cells)
			}
		}
	}
	walk(n)
	if len(rows) == 0 {
		return ""
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	line := func(cells []*html.Node) string {
		var b strings.Builder
		b.WriteString("|")
		for i := range cols {
			text := ""
			if i < len(cells) {
				text = strings.TrimSpace(strings.ReplaceAll(inline(children(cells[i])), "\\\n", " "))
			}
			b.WriteString(" " + text + " |")
		}
		return b.String()
	}
	out := []string{line(rows[0])}
	var sep strings.Builder
	sep.WriteString("|")
	for i := range cols {
		align := ""
		if i < len(rows[0]) {
			align = cellAlign(rows[0][i])
		}
		switch align {
		case "left":
			sep.WriteString(":---|")
		case "right":
			sep.WriteString("---:|")
		case "center":
			sep.WriteString(":---:|")
		default:
			sep.WriteString("---|")
		}
	}
	out = append(out, sep.String())
	for _, r := range rows[1:] {
		out = append(out, line(r))
	}
	return strings.Join(out, "\n")
}

func cellAlign(cell *html.Node) string {
	if a := attr(cell, "align"); a != "" {
		return strings.ToLower(a)
	}
	style := strings.ReplaceAll(strings.ToLower(attr(cell, "style")), " ", "")
	for _, a := range []string{"left", "right", "center"} {
		if strings.Contains(style, "text-align:"+a) {
			return a
		}
	}
	return ""
}

// footnotes writes goldmark's footnote list back as [^N]: definitions.
func footnotes(n *html.Node) string {
	var defs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, c := range children(n) {
			if c.DataAtom == atom.Li {
				label := strings.TrimPrefix(attr(c, "id"), "fn:")
				if label == "" {
					label = strconv.Itoa(len(defs) + 1)
				}
				body := strings.TrimRight(mdBlocks(children(c)), " \u00a0")
				// Lines after the first are indented to stay in the note.
				defs = append(defs, "[^"+label+"]: "+strings.TrimPrefix(prefixLines(body, "    ", ""), "    "))
				continue
			}
			if c.DataAtom != atom.Hr {
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(defs, "\n\n")
}
