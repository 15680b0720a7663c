package importer

// A slide's text: its HTML split into the summary, the sources and the
// body, as timeline's own export writes them.

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// readText splits a slide's HTML into the summary and sources that
// timeline's own export writes (a first <p class="summary">, a <section
// class="sources">) and the body, which becomes Markdown.
func (ev *event) readText(text string) {
	nodes := fragment(text)
	var body []*html.Node
	for i, n := range nodes {
		switch {
		case i == firstElement(nodes) && n.DataAtom == atom.P && hasClass(n, "summary"):
			ev.summary = plainText(renderNode(n))
		case n.DataAtom == atom.Section && hasClass(n, "sources"):
			ev.sources = append(ev.sources, readSources(n)...)
		default:
			body = append(body, n)
		}
	}
	ev.body = mdBlocks(body)
}

func firstElement(nodes []*html.Node) int {
	for i, n := range nodes {
		if n.Type == html.ElementNode {
			return i
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			return -1
		}
	}
	return -1
}

func renderNode(n *html.Node) string {
	var b strings.Builder
	_ = html.Render(&b, n)
	return b.String()
}

// readSources reads the list items of a sources section. timeline's own
// citations are read field by field (see citation); any other item is a
// title and a URL: a link is both (a link whose text is its URL has no
// title), plain text a title alone.
func readSources(n *html.Node) []timeline.Source {
	var out []timeline.Source
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Li {
				walk(c)
				continue
			}
			s, ok := citation(c)
			if !ok {
				s = timeline.Source{Title: plainText(renderNode(c))}
				for a := c.FirstChild; a != nil; a = a.NextSibling {
					if a.DataAtom == atom.A && attr(a, "href") != "" {
						s.URL = attr(a, "href")
						if s.Title == s.URL {
							s.Title = ""
						}
					}
				}
			}
			if s.Title != "" || s.URL != "" {
				out = append(out, s)
			}
		}
	}
	walk(n)
	return out
}

// citation reads a list item as timeline writes a source: a <cite> with
// the title (linked to the URL), a span.publisher, a time.date, an
// a.archive and a span.accessed holding a <time>. The dates come from
// their datetime attributes, circa from the "c." that starts the text;
// ok is false for an item without a <cite>.
func citation(li *html.Node) (s timeline.Source, ok bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.DataAtom == atom.Cite && !ok:
				ok = true
				s.Title = plainText(renderNode(c))
				for a := c.FirstChild; a != nil; a = a.NextSibling {
					if a.DataAtom == atom.A && attr(a, "href") != "" {
						s.URL = attr(a, "href")
						if s.Title == s.URL {
							s.Title = ""
						}
					}
				}
				continue
			case c.DataAtom == atom.Span && hasClass(c, "publisher"):
				s.Publisher = plainText(renderNode(c))
				continue
			case c.DataAtom == atom.Time && hasClass(c, "date"):
				s.Date = timeOf(c)
				continue
			case c.DataAtom == atom.A && hasClass(c, "archive"):
				s.Archive = attr(c, "href")
				continue
			case c.DataAtom == atom.Span && hasClass(c, "accessed"):
				for t := c.FirstChild; t != nil; t = t.NextSibling {
					if t.DataAtom == atom.Time {
						s.Accessed = timeOf(t)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(li)
	return s, ok
}

// timeOf reads a <time>'s datetime, and circa from its text; a date it
// cannot read is left out.
func timeOf(n *html.Node) timeline.Date {
	d, err := timeline.ParseDate(attr(n, "datetime"))
	if err != nil {
		return timeline.Date{}
	}
	d.Circa = strings.HasPrefix(plainText(renderNode(n)), "c. ")
	return d
}
