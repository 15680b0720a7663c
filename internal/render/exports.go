package render

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-ssg/timeline/internal/bufpool"
	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// exports holds what the feeds, the TimelineJS file and the calendar share:
// each event's body as HTML with absolute links, made once on first use
// whichever export asks first.
//
// In a full render (follow) the event pages make them all, from their own
// parse, and timeline.json follows the pages as they are made, writing
// each body and letting it go unless a feed will show it: a large site's
// bodies are never all in memory at once.
type exports struct {
	r      *renderer
	base   *url.URL   // nil without a baseURL
	bodies []lazyHTML // by the event's place, eventView.pos
	follow bool
	// plainBase is whether base is one (see plainBase).
	plainBase bool
}

type lazyHTML struct {
	once  sync.Once
	ready sync.WaitGroup // done once html and err are set (a channel each cost 11 MB at 100,000 events)
	html  []byte         // from exportBuffers, which release gives it back to (see text)
	err   error
	// feeds is whether a feed shows the body too, so that timeline.json,
	// which shows every body, must not let it go.
	feeds bool
	// atom is the event's Atom entry, for an event several feeds show:
	// the few newest of a large site's, which need not all have room for
	// one.
	atom *lazyAtom
}

// lazyAtom is an event's Atom entry, the same in every feed that shows
// it: made once, and let go when the last of its feeds has it.
type lazyAtom struct {
	once  sync.Once
	entry string
	err   error
	feeds atomic.Int32
}

func newExports(r *renderer) *exports {
	x := &exports{r: r, bodies: make([]lazyHTML, len(r.events)), follow: r.memo.follows()}
	if r.sv.BaseURL != "" {
		x.base, _ = url.Parse(r.sv.BaseURL)
		x.plainBase = x.base != nil && plainBase(x.base, r.sv.BaseURL)
	}
	for i := range x.bodies {
		x.bodies[i].ready.Add(1)
	}
	return x
}

// of is v's body: v is r.events[v.pos].
func (x *exports) of(v *eventView) *lazyHTML { return &x.bodies[v.pos] }

// exportJobs are the jobs of every feed and export, in two parts for the
// order of jobs (see jobs): the calendar, made from the views alone, and
// the rest, which show the events' bodies. Feeds need absolute URLs, so
// without a baseURL there are none (the build has said so once); the
// TimelineJS file and the calendar are made either way.
func (r *renderer) exportJobs() (calendar task, fromBodies []task) {
	x := newExports(r)
	r.exports = x
	calendar = task{run: x.iCalendar}
	jobs := []task{{run: x.timelineJS, follows: x.follow}}
	if x.base == nil {
		return calendar, jobs
	}
	shown := func(list []*eventView) {
		for _, v := range x.feedEvents(list) {
			l := x.of(v)
			// An entry several feeds show is kept for the others
			// (atomEntry); one feed's alone has none.
			if l.feeds {
				if l.atom == nil {
					l.atom = new(lazyAtom)
					l.atom.feeds.Store(1)
				}
				l.atom.feeds.Add(1)
			}
			l.feeds = true
		}
	}
	shown(r.events)
	jobs = append(jobs, task{run: x.atomSite}, task{run: x.jsonFeed})
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags} {
		for _, t := range list {
			shown(t.Events)
			jobs = append(jobs, task{run: x.atomTerm(t)})
		}
	}
	return calendar, jobs
}

// feedEvents are the events a feed of the list shows: the newest.
func (x *exports) feedEvents(list []*eventView) []*eventView {
	return newest(list, x.r.site.Config.Feed.Limit)
}

// abs makes an absolute URL from a site path ("events/x/", "/img/a.jpg",
// "img/a.jpg"); an absolute URL stays as it is. Without a baseURL a site
// path stays as written, for it cannot be made absolute.
func (x *exports) abs(link string) string {
	base, rest := x.absParts(link)
	return base + rest
}

// appendAbs appends abs(link) escaped by esc, without making it first.
func (x *exports) appendAbs(b []byte, link string, esc func([]byte, string) []byte) []byte {
	base, rest := x.absParts(link)
	return esc(esc(b, base), rest)
}

// absParts is abs(link) in two parts: the baseURL, or "" where link
// stays as it is, and the rest.
func (x *exports) absParts(link string) (base, rest string) {
	if strings.Contains(link, "://") || x.base == nil {
		return "", link
	}
	return x.r.sv.BaseURL, strings.TrimPrefix(link, "/")
}

// body returns the event's Markdown body as HTML with every link and image
// made absolute against the event's own page, as a browser on that page
// would resolve them: a feed reader or an embed elsewhere has no page to
// resolve them against. The event's page usually made it already, from
// the same parse (fromPage); if not, it is made here.
func (x *exports) body(v *eventView) (string, error) {
	l := x.of(v)
	if x.follow {
		l.ready.Wait() // its page makes it, or fails (settle)
		return l.text(), l.err
	}
	if html, ok := x.r.memo.exportBody(x.r, v); ok {
		// The preview keeps them packed (its memo): unpacked for
		// each use, never all at once.
		return html, nil
	}
	l.once.Do(func() {
		defer l.ready.Done()
		// A link check of its own: the event's page reports its links.
		quiet := &linkCheck{pages: x.r.links.pages}
		src, err := x.r.site.Body(v.Event)
		if err != nil {
			l.err = err
			return
		}
		doc, err := x.r.md.RenderResolved(src, quiet.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			l.err = err
			return
		}
		x.absolute(v, doc, l)
		doc.Recycle() // absolute made its copy
		if l.err == nil {
			// Kept packed, by absolute: the buffer goes to the next body.
			exportBuffers.Put(l.html)
			l.html = nil
		}
	})
	if l.err != nil {
		return "", l.err
	}
	html, _ := x.r.memo.exportBody(x.r, v)
	return html, nil
}

// fromPage makes the exports' version of an event's body from the parse
// its page rendered, unless it is made already.
func (x *exports) fromPage(v *eventView, doc *markdown.Doc) {
	l := x.of(v)
	l.once.Do(func() {
		defer l.ready.Done()
		x.absolute(v, doc, l)
	})
}

// settle ends the wait for an event's body once its page is done: if the
// page failed before making it, with the page's error (or a stand-in,
// for the build reports the page's own first).
func (x *exports) settle(v *eventView, err error) {
	if !x.follow {
		return
	}
	l := x.of(v)
	l.once.Do(func() {
		defer l.ready.Done()
		l.err = cmp.Or(err, fmt.Errorf("%s: no page made", v.File))
	})
}

// release lets go of an event's body once timeline.json has written it,
// unless a feed still has to show it, and gives its buffer to the next
// event's. Only a full render (follow) lets go: nothing else asks for the
// body after timeline.json.
func (x *exports) release(v *eventView) {
	if l := x.of(v); x.follow && !l.feeds {
		exportBuffers.Put(l.html)
		l.html = nil
	}
}

// exportBuffers hold the exports' bodies from their pages until
// timeline.json has them (see release), or, in the preview, until its
// memo has packed them: a build makes one for every event, and has only
// the few that wait for timeline.json at a time.
var exportBuffers = bufpool.Pool{Max: 256 << 10}

// text is l's body as a string, without a copy: valid until l lets go of
// its buffer.
func (l *lazyHTML) text() string { return bytesString(l.html) }

// keep makes a copy of html l's body, in a buffer of exportBuffers.
func (x *exports) keep(l *lazyHTML, html []byte) { x.keepReplacing(l, html, "", "") }

// keepReplacing is keep, with each old in html replaced by new.
func (x *exports) keepReplacing(l *lazyHTML, html []byte, old, new string) {
	n := len(html)
	if old != "" {
		n += bytes.Count(html, []byte(old)) * (len(new) - len(old))
	}
	b := exportBuffers.Get(n)
	for old != "" {
		i := bytes.Index(html, []byte(old))
		if i < 0 {
			break
		}
		b = append(append(b, html[:i]...), new...)
		html = html[i+len(old):]
	}
	l.html = append(b, html...)
}

// drop lets go of every body, once no export will ask for one again.
func (x *exports) drop() {
	for i := range x.bodies {
		l := &x.bodies[i]
		l.once.Do(l.ready.Done)
		l.html = nil
	}
}

func (x *exports) absolute(v *eventView, doc *markdown.Doc, l *lazyHTML) {
	defer func() {
		if l.err == nil {
			x.r.memo.keepExportBody(x.r, v, l.text())
		}
	}()
	if x.base == nil {
		x.keep(l, doc.HTML)
		return
	}
	// The page's URL, made when a link needs it: most bodies' links are
	// absolute already, and most have no footnote.
	var page *url.URL
	pageURL := func() *url.URL {
		if page == nil {
			page = x.base.ResolveReference(&url.URL{Path: v.URL})
		}
		return page
	}
	b, err := doc.Rerender(func(dest string) string {
		if hasScheme(dest) {
			return dest // absolute already (url.Parse would say the same, slower)
		}
		u, err := url.Parse(strings.TrimSpace(dest))
		if err != nil || u.IsAbs() {
			return dest
		}
		return pageURL().ResolveReference(u).String()
	})
	if l.err = err; err != nil {
		return
	}
	// Footnote references are not links in the parse: make them absolute
	// too. In rendered HTML, href="# can only open an attribute.
	if hasFragmentLink(b) {
		var href string
		if x.plainBase && plainPath(v.URL) {
			href = `href="` + x.r.sv.BaseURL + v.URL + `#` // as resolved, without resolving it
		} else {
			href = `href="` + pageURL().String() + `#`
		}
		x.keepReplacing(l, b, `href="#`, href)
		return
	}
	x.keep(l, b)
}

// plainBase reports whether base, parsed from baseURL, resolves a
// plainPath p to baseURL + p: it is written as url.URL writes it, ends
// with a slash, and has no query, fragment or dot segment to change.
func plainBase(base *url.URL, baseURL string) bool {
	return base.String() == baseURL && strings.HasSuffix(baseURL, "/") && base.RawPath == "" &&
		base.Opaque == "" && base.RawQuery == "" && !base.ForceQuery && base.Fragment == "" &&
		strings.HasPrefix(base.Path, "/") && !strings.Contains(base.Path, ".") && !strings.Contains(base.Path, "//")
}

// plainPath reports whether a site path ("events/x/") is relative, of
// letters, digits, "-", "_" and "/" alone, without "//": what url.URL
// writes as it is and ResolveReference adds to a plainBase as it is.
func plainPath(p string) bool {
	if p == "" || p[0] == '/' || strings.Contains(p, "//") {
		return false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '/') {
			return false
		}
	}
	return true
}

// hasFragmentLink reports whether html has href="#: it looks for the "#",
// which HTML seldom has, where bytes.Contains would stop at every "h".
func hasFragmentLink(html []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(html[i:], '#')
		if j < 0 {
			return false
		}
		i += j
		if bytes.HasSuffix(html[:i], []byte(`href="`)) {
			return true
		}
		i++
	}
}

// hasScheme reports whether a link starts with a URL scheme ("https:",
// "mailto:"), as url.Parse finds one: a letter, then letters, digits, +, -
// or ., then a colon, after leading spaces.
func hasScheme(link string) bool {
	link = strings.TrimSpace(link)
	for i := 0; i < len(link); i++ {
		c := link[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// appendSourcesHTML appends the list of an event's sources the way its
// page shows it (the "cite" template), for the exports whose readers never
// see the page. The importer reads the list back (section class="sources").
func (x *exports) appendSourcesHTML(b []byte, v *eventView) []byte {
	sources := v.Event.Sources
	if len(sources) == 0 {
		return b
	}
	loc := v.locale()
	b = append(b, "<section class=\"sources\"><h2>Sources</h2><ul>"...)
	for i := range sources {
		s := sourceView{Source: &sources[i], loc: loc}
		b = append(b, "<li>"...)
		if s.Publisher != "" {
			b = append(b, `<span class="publisher">`...)
			b = append(appendHTMLEscaped(b, s.Publisher), "</span>: "...)
		}
		if s.URL == "" {
			b = append(b, "<cite>"...)
			b = appendHTMLEscaped(b, s.Title)
		} else {
			b = append(b, `<cite><a href="`...)
			b = append(x.appendAbs(b, s.URL, appendHTMLEscaped), `">`...)
			if s.Title == "" {
				b = x.appendAbs(b, s.URL, appendHTMLEscaped)
			} else {
				b = appendHTMLEscaped(b, s.Title)
			}
			b = append(b, "</a>"...)
		}
		b = append(b, "</cite>"...)
		if text := s.DateText(); text != "" {
			b = append(b, `, <time class="date"`...)
			b = appendDatetimeAttr(b, s.Datetime())
			b = append(appendHTMLEscaped(append(b, '>'), text), "</time>"...)
		}
		if s.Archive != "" {
			b = append(b, ` (<a class="archive" href="`...)
			b = append(appendHTMLEscaped(b, s.Archive), `">archived copy</a>)`...)
		}
		if text := s.AccessedText(); text != "" {
			b = append(b, `<span class="accessed">, accessed <time`...)
			b = appendDatetimeAttr(b, s.AccessedDatetime())
			b = append(appendHTMLEscaped(append(b, '>'), text), "</time></span>"...)
		}
		b = append(b, "</li>"...)
	}
	return append(b, "</ul></section>"...)
}

func appendDatetimeAttr(b []byte, v string) []byte {
	if v == "" {
		return b
	}
	return append(appendHTMLEscaped(append(b, ` datetime="`...), v), '"')
}

// appendHTMLEscaped appends s escaped as html.EscapeString escapes it.
func appendHTMLEscaped(b []byte, s string) []byte { return appendEntities(b, s, &htmlEntity) }

// appendEntities appends s with each byte t replaces replaced.
func appendEntities(b []byte, s string, t *entityTable) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; t.has[c] {
			b = append(append(b, s[start:i]...), t.text[c]...)
			start = i + 1
		}
	}
	return append(b, s[start:]...)
}

// htmlEntity is what html.EscapeString writes for each byte it escapes.
var htmlEntity = newEntityTable([256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"})

// newest returns up to n events, the newest first: the end of the time
// order, which sorts by start date.
func newest(events []*eventView, n int) []*eventView {
	if n <= 0 || n > len(events) {
		n = len(events)
	}
	out := make([]*eventView, 0, n)
	for i := len(events) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, events[i])
	}
	return out
}

// feedID is the stable id of a feed or an entry: a name-based UUID (RFC
// 9562, version 5) of the site's title and a name that does not change
// when the site moves: the event's slug, or the feed's path. Ids made
// from the baseURL would change with it and make every reader show every
// entry again; the title keeps two sites with the same slugs apart, and
// lang, a language's code but the default's (""), the languages of one
// site, which may share its title.
func feedID(siteTitle, lang, name string) string {
	return string(appendUUID(append(make([]byte, 0, 45), "urn:uuid:"...), siteTitle, lang, name))
}

// appendUUID appends the UUID of feedID, without its "urn:uuid:".
func appendUUID(b []byte, siteTitle, lang, name string) []byte {
	var buf [256]byte // the name hashed, unless longer
	key := append(append(append(append(buf[:0], idNamespace[:]...), siteTitle...), 0), name...)
	if lang != "" {
		key = append(append(key, 0), lang...)
	}
	sum := sha1.Sum(key)
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	b = hex.AppendEncode(b, u[0:4])
	b = hex.AppendEncode(append(b, '-'), u[4:6])
	b = hex.AppendEncode(append(b, '-'), u[6:8])
	b = hex.AppendEncode(append(b, '-'), u[8:10])
	return hex.AppendEncode(append(b, '-'), u[10:])
}

// id is feedID of name in the language being rendered.
func (x *exports) id(name string) string { return feedID(x.r.site.Config.Title, x.lang(), name) }

// lang is the code of the language being rendered, but the default's ("").
func (x *exports) lang() string {
	if ls := x.r.opts.langs; ls != nil && ls.current.prefix != "" {
		return ls.current.Code
	}
	return ""
}

// appendRaw appends s as it is: appendAbs's escape for a value that has none.
func appendRaw(b []byte, s string) []byte { return append(b, s...) }

// idNamespace is the UUID namespace of timeline's ids: the URL namespace
// UUID of RFC 9562, since the ids name things on the web.
var idNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// instant is the first moment of a date as a time, for the feeds' RFC 3339
// timestamps. A date without a zone is taken as UTC. RFC 3339 has only
// years 0000–9999, so years outside 1–9999 are clamped to its ends.
func instant(d timeline.Date) time.Time {
	m, day := max(int(d.Month), 1), max(int(d.Day), 1)
	loc := time.UTC
	if d.HasOffset && d.Offset != 0 {
		loc = time.FixedZone("", int(d.Offset)*60)
	}
	switch {
	case d.Year < 1:
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	case d.Year > 9999:
		return time.Date(9999, 12, 31, 23, 59, 0, 0, time.UTC)
	}
	return time.Date(d.Year, time.Month(m), day, int(d.Hour), int(d.Minute), int(d.Second), 0, loc)
}
