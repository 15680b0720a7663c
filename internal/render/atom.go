package render

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// atomSite writes /feed.xml: the site's newest events as an Atom feed
// (RFC 4287), the newest first.
func (x *exports) atomSite(put func(string, []byte) error) error {
	cfg := x.r.site.Config
	return x.atom(put, atomFeed{
		path:     "feed.xml",
		title:    cfg.Title,
		subtitle: cfg.Description,
		page:     "",
		events:   x.feedEvents(x.r.events),
	})
}

// atomTerm writes the feed of one tag or track beside its listing page:
// /tags/crimea/feed.xml.
func (x *exports) atomTerm(t *termView) job {
	return func(put func(string, []byte) error) error {
		kind := x.r.loc.T("tag_prefix")
		if t.Kind == "track" {
			kind = x.r.loc.T("track_prefix")
		}
		return x.atom(put, atomFeed{
			path:   t.URL + "feed.xml",
			title:  kind + t.Name + " · " + x.r.site.Config.Title,
			page:   t.URL,
			events: x.feedEvents(t.Events),
		})
	}
}

type atomFeed struct {
	path     string // of the feed, from the site root
	title    string
	subtitle string
	page     string // the HTML page the feed stands for
	events   []*eventView
}

func (x *exports) atom(put func(string, []byte) error, f atomFeed) error {
	// The feed goes to its file as its entries come, through a buffered
	// writer, rather than into a buffer grown to the whole feed first.
	return x.r.writeFile(put, f.path, func(b *bufio.Writer) error { return x.writeAtom(b, f) })
}

func (x *exports) writeAtom(b *bufio.Writer, f atomFeed) error {
	cfg := x.r.site.Config
	text := func(tag, s string, attrs ...string) { writeXMLElement(b, tag, s, attrs...) }

	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`)
	writeXMLEscaped(b, cfg.Language)
	b.WriteString("\">\n")
	text("title", f.title)
	if f.subtitle != "" {
		text("subtitle", f.subtitle)
	}
	writeXMLLink(b, "alternate", "text/html", x.abs(f.page))
	writeXMLLink(b, "self", "application/atom+xml", x.abs(f.path))
	text("id", x.id(f.path))
	// The feed changes when its newest entry does; the build time would
	// make every build's output differ.
	updated := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range f.events {
		if t := instant(v.Date); t.After(updated) {
			updated = t
		}
	}
	text("updated", updated.Format(time.RFC3339))
	// Atom requires an author for every entry; one for the feed covers
	// them all. A site without an author is its own.
	author := cfg.Author
	if author == "" {
		author = cfg.Title
	}
	b.WriteString("<author><name>")
	writeXMLEscaped(b, author)
	b.WriteString("</name></author>\n")
	if cfg.Copyright != "" {
		text("rights", cfg.Copyright)
	}
	text("generator", "timeline")

	for _, v := range f.events {
		entry, err := x.atomEntry(v)
		if err != nil {
			return err
		}
		b.WriteString(entry)
	}
	b.WriteString("</feed>\n")
	return nil
}

// atomEntry returns the event's <entry>, which is the same in every feed
// that shows it: the site's, its track's and each of its tags'. It is made
// once and let go once the last of those feeds has it.
func (x *exports) atomEntry(v *eventView) (string, error) {
	a := x.of(v).atom
	if a == nil { // not counted as shown (exportJobs): made for this feed
		return x.makeAtomEntry(v)
	}
	a.once.Do(func() { a.entry, a.err = x.makeAtomEntry(v) })
	entry, err := a.entry, a.err
	if a.feeds.Add(-1) == 0 {
		a.entry = ""
	}
	return entry, err
}

func (x *exports) makeAtomEntry(v *eventView) (string, error) {
	content, err := x.feedContent(v)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(content) + len(content)/8 + 1024) // the content, escaped, and the rest
	text := func(tag, s string, attrs ...string) { writeXMLElement(&b, tag, s, attrs...) }
	b.WriteString("<entry>\n")
	text("title", v.Title)
	writeXMLLink(&b, "alternate", "text/html", x.abs(v.URL))
	text("id", x.id(v.Slug))
	t := instant(v.Date).Format(time.RFC3339)
	text("published", t)
	text("updated", t)
	if v.Summary != "" {
		text("summary", v.Summary)
	}
	if v.Track != nil {
		text("category", "", "term", v.Track.Slug, "label", v.Track.Name, "scheme", x.abs("tracks/"))
	}
	for _, tag := range v.Tags {
		text("category", "", "term", tag.Slug, "label", tag.Name, "scheme", x.abs("tags/"))
	}
	text("content", content, "type", "html")
	b.WriteString("</entry>\n")
	return b.String(), nil
}

// xmlWriter is what the feeds are written to: a strings.Builder, a
// bytes.Buffer or a bufio.Writer, whose writes do not fail.
type xmlWriter interface {
	io.Writer
	io.StringWriter
}

// writeXMLElement writes <tag attrs>s</tag>, or <tag attrs/> when s is "",
// and a line break.
func writeXMLElement(b xmlWriter, tag, s string, attrs ...string) {
	b.WriteString("<")
	b.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteString(" ")
		b.WriteString(attrs[i])
		b.WriteString(`="`)
		writeXMLEscaped(b, attrs[i+1])
		b.WriteString(`"`)
	}
	if s == "" {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">")
	writeXMLEscaped(b, s)
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteString(">\n")
}

// writeXMLLink writes an Atom <link/> and a line break.
func writeXMLLink(b xmlWriter, rel, typ, href string) {
	b.WriteString(`<link rel="` + rel + `" type="` + typ + `" href="`)
	writeXMLEscaped(b, href)
	b.WriteString("\"/>\n")
}

// feedContent is an entry's HTML in a feed: the date as the page shows it,
// the image with its credit, the body, and the sources.
func (x *exports) feedContent(v *eventView) (string, error) {
	body, err := x.body(v)
	if err != nil {
		return "", err
	}
	b := x.appendFeedContent(make([]byte, 0, len(body)+512), v, body)
	return bufString(b), nil
}

// appendFeedContent appends feedContent, body the event's body.
func (x *exports) appendFeedContent(b []byte, v *eventView, body string) []byte {
	b = append(b, "<p><time>"...)
	b = append(appendHTMLEscaped(b, v.DateText), "</time>"...)
	if v.Place != "" {
		b = appendHTMLEscaped(append(b, " · "...), v.Place)
	}
	b = append(b, "</p>\n"...)
	if v.Image != "" {
		b = append(b, `<figure><img src="`...)
		b = append(x.appendAbs(b, v.Image, appendHTMLEscaped), `" alt="`...)
		b = append(appendHTMLEscaped(b, v.ImageAlt), `">`...)
		if v.Credit != "" {
			b = append(b, "<figcaption>"...)
			b = append(appendHTMLEscaped(b, v.Credit), "</figcaption>"...)
		}
		b = append(b, "</figure>\n"...)
	}
	b = append(b, body...)
	return x.appendSourcesHTML(b, v)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// xmlEscape escapes text for an element or a quoted attribute. Unlike
// xml.EscapeText it leaves line breaks as they are, so that the HTML in a
// feed stays readable; characters XML cannot hold at all become U+FFFD.
func xmlEscape(s string) string {
	return xmlEscaper.Replace(xmlChars(s))
}

// writeXMLEscaped writes s escaped as xmlEscape does, without making the
// escaped string first: an entry's content is a whole body.
func writeXMLEscaped(b xmlWriter, s string) {
	xmlEscaper.WriteString(b, xmlChars(s))
}

// xmlChars is s with the characters XML cannot hold made U+FFFD.
func xmlChars(s string) string {
	for _, c := range s {
		if !isXMLChar(c) {
			return strings.Map(func(c rune) rune {
				if isXMLChar(c) {
					return c
				}
				return utf8.RuneError
			}, s)
		}
	}
	return s
}

// isXMLChar reports whether XML 1.0 allows c in a document (its Char production).
func isXMLChar(c rune) bool {
	return c == 0x09 || c == 0x0A || c == 0x0D ||
		c >= 0x20 && c <= 0xD7FF && c != utf8.RuneError ||
		c >= 0xE000 && c <= 0xFFFD ||
		c >= 0x10000 && c <= 0x10FFFF
}
