package render

import (
	"bufio"
	"encoding/xml"
	"slices"
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
	text := func(tag, s string, attrs ...string) { b.Write(appendXMLElement(b.AvailableBuffer(), tag, s, attrs...)) }

	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`)
	b.Write(appendXMLEscaped(b.AvailableBuffer(), cfg.Language))
	b.WriteString("\">\n")
	text("title", f.title)
	if f.subtitle != "" {
		text("subtitle", f.subtitle)
	}
	b.Write(x.appendXMLLink(b.AvailableBuffer(), "alternate", "text/html", f.page))
	b.Write(x.appendXMLLink(b.AvailableBuffer(), "self", "application/atom+xml", f.path))
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
	b.Write(appendXMLEscaped(b.AvailableBuffer(), author))
	b.WriteString("</name></author>\n")
	if cfg.Copyright != "" {
		text("rights", cfg.Copyright)
	}
	text("generator", "timeline")

	var bufs atomBufs
	for _, v := range f.events {
		entry, err := x.atomEntry(v, &bufs)
		if err != nil {
			return err
		}
		b.WriteString(entry)
	}
	b.WriteString("</feed>\n")
	return nil
}

// atomBufs are the buffers a feed makes its entries in, each entry's in
// the last one's.
type atomBufs struct{ content, entry []byte }

// atomEntry returns the event's <entry>, which is the same in every feed
// that shows it: the site's, its track's and each of its tags'. One that
// several feeds show is made once, kept as a string of its size, and let
// go once the last of those feeds has it; one that a single feed shows
// (its atom is nil, see exportJobs) is made in bufs and is valid until
// the feed's next entry.
func (x *exports) atomEntry(v *eventView, bufs *atomBufs) (string, error) {
	a := x.of(v).atom
	if a == nil {
		return x.makeAtomEntry(v, bufs)
	}
	a.once.Do(func() {
		entry, err := x.makeAtomEntry(v, bufs)
		a.entry, a.err = strings.Clone(entry), err
	})
	entry, err := a.entry, a.err
	if a.feeds.Add(-1) == 0 {
		a.entry = ""
	}
	return entry, err
}

// makeAtomEntry makes the event's entry in bufs.entry, its content in
// bufs.content.
func (x *exports) makeAtomEntry(v *eventView, bufs *atomBufs) (string, error) {
	body, err := x.body(v)
	if err != nil {
		return "", err
	}
	// Room for the content, and for it escaped and the rest, made at
	// once rather than grown to it.
	bufs.content = x.appendFeedContent(slices.Grow(bufs.content[:0], len(body)+512), v, body)
	b := append(slices.Grow(bufs.entry[:0], len(bufs.content)+len(bufs.content)/8+1024), "<entry>\n"...)
	b = appendXMLElement(b, "title", v.Title)
	b = x.appendXMLLink(b, "alternate", "text/html", v.URL)
	b = append(appendUUID(append(b, "<id>urn:uuid:"...), x.r.site.Config.Title, x.lang(), v.Slug), "</id>\n"...)
	t := instant(v.Date)
	b = append(t.AppendFormat(append(b, "<published>"...), time.RFC3339), "</published>\n"...)
	b = append(t.AppendFormat(append(b, "<updated>"...), time.RFC3339), "</updated>\n"...)
	if v.Summary != "" {
		b = appendXMLElement(b, "summary", v.Summary)
	}
	if v.Track != nil {
		b = x.appendCategory(b, v.Track, "tracks/")
	}
	for _, tag := range v.Tags {
		b = x.appendCategory(b, tag, "tags/")
	}
	b = appendXMLElement(b, "content", bytesString(bufs.content), "type", "html")
	bufs.entry = append(b, "</entry>\n"...)
	return bytesString(bufs.entry), nil
}

// appendCategory appends an entry's <category/> of a track or a tag, whose
// listing pages are under scheme.
func (x *exports) appendCategory(b []byte, t *termView, scheme string) []byte {
	b = append(appendXMLEscaped(append(b, `<category term="`...), t.Slug), `" label="`...)
	b = append(appendXMLEscaped(b, t.Name), `" scheme="`...)
	return append(x.appendAbs(b, scheme, appendXMLEscaped), "\"/>\n"...)
}

// appendXMLElement appends <tag attrs>s</tag>, or <tag attrs/> when s is
// "", and a line break.
func appendXMLElement(b []byte, tag, s string, attrs ...string) []byte {
	b = append(append(b, '<'), tag...)
	for i := 0; i+1 < len(attrs); i += 2 {
		b = append(append(append(b, ' '), attrs[i]...), `="`...)
		b = append(appendXMLEscaped(b, attrs[i+1]), '"')
	}
	if s == "" {
		return append(b, "/>\n"...)
	}
	b = appendXMLEscaped(append(b, '>'), s)
	return append(append(append(b, "</"...), tag...), ">\n"...)
}

// appendXMLLink appends an Atom <link/> to link, made absolute (see abs),
// and a line break.
func (x *exports) appendXMLLink(b []byte, rel, typ, link string) []byte {
	b = append(append(append(append(b, `<link rel="`...), rel...), `" type="`...), typ...)
	return append(x.appendAbs(append(b, `" href="`...), link, appendXMLEscaped), "\"/>\n"...)
}

// feedContent is an entry's HTML in a feed: the date as the page shows it,
// the image with its credit, the body, and the sources.
func (x *exports) feedContent(v *eventView) (string, error) {
	body, err := x.body(v)
	if err != nil {
		return "", err
	}
	b := x.appendFeedContent(make([]byte, 0, len(body)+512), v, body)
	return bytesString(b), nil
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

// appendXMLEscaped appends s escaped for an element or a quoted
// attribute. Unlike xml.EscapeText it leaves line breaks as they are, so
// that the HTML in a feed stays readable; characters XML cannot hold at
// all become U+FFFD.
func appendXMLEscaped(b []byte, s string) []byte {
	return appendEntities(b, xmlChars(s), &xmlEntity)
}

// xmlEntity is what appendXMLEscaped writes for each byte it escapes.
var xmlEntity = newEntityTable([256]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;"})

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
