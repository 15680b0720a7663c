package render

// The memo of an incremental render (incRun): the summaries, bodies,
// export bodies and search docs it keeps between runs, so that an
// unchanged event is not rendered again.

import (
	"io"
	"strconv"
	"strings"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/search"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// summary is the default summary of an event: its first paragraph.
func (r *renderer) summary(e *timeline.Event) (string, error) {
	if e.HasLead {
		return e.Lead, nil
	}
	return r.memo.summary(r, e)
}

// eventBody renders an event's body for its page, resolving and checking
// its links; done lets go of it once the page is written.
func (r *renderer) eventBody(v *eventView) (html []byte, done func(), err error) {
	return r.memo.body(r, v)
}

func (x *incRun) follows() bool { return false }

func (x *incRun) summary(r *renderer, e *timeline.Event) (string, error) {
	x.mu.Lock()
	s, ok := x.inc.summaries[e]
	x.mu.Unlock()
	if !ok {
		body, err := r.site.Body(e)
		if err != nil {
			return "", err
		}
		s = r.md.Summary(body)
		x.mu.Lock()
		x.inc.summaries[e] = s
		x.mu.Unlock()
	}
	return s, nil
}

// body renders the body with a link check of its own, keeping what it
// found beside it, packed. A body it renders goes back to markdown's
// buffers once its page is written; one unpacked from the memo is left
// to the collector.
func (x *incRun) body(r *renderer, v *eventView) ([]byte, func(), error) {
	key := bodyKey{v.Event, v.URL}
	pages, unsafe := x.pagesHash(), r.site.Config.Markdown.Unsafe
	x.mu.Lock()
	b := x.inc.bodies[key]
	x.mu.Unlock()
	if b == nil || b.pages != pages || b.unsafe != unsafe {
		lc := &linkCheck{pages: r.links.pages}
		body, err := r.site.Body(v.Event)
		if err != nil {
			return nil, nil, err
		}
		doc, err := r.md.RenderResolved(body, lc.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			return nil, nil, err
		}
		b = &bodyEntry{pages: pages, unsafe: unsafe, html: packed.Of("", doc.HTML), pending: lc.pending, errs: lc.errs}
		x.mu.Lock()
		x.inc.bodies[key] = b
		x.mu.Unlock()
		if len(b.pending) > 0 || len(b.errs) > 0 {
			r.links.add(b.pending, b.errs)
		}
		return doc.HTML, doc.Recycle, nil // packed above: the page is the last to read it
	}
	if len(b.pending) > 0 || len(b.errs) > 0 {
		r.links.add(b.pending, b.errs)
	}
	return b.html.Bytes(), leftToCollector, nil
}

// exportKey names an event's body as the exports show it: with links made
// absolute against its page.
type exportKey struct {
	event  *timeline.Event
	page   string // its URL, absolute when the site has a baseURL
	unsafe bool
}

func (r *renderer) exportKey(v *eventView) exportKey {
	return exportKey{v.Event, r.opts.BaseURL + v.URL, r.site.Config.Markdown.Unsafe}
}

func (x *incRun) exportBody(r *renderer, v *eventView) (string, bool) {
	x.inc.exportMu.Lock()
	defer x.inc.exportMu.Unlock()
	f, ok := x.inc.exportBodies[r.exportKey(v)]
	if !ok {
		return "", false
	}
	return string(f.Bytes()), true
}

func (x *incRun) keepExportBody(r *renderer, v *eventView, html string) {
	x.inc.exportMu.Lock()
	defer x.inc.exportMu.Unlock()
	x.inc.exportBodies[r.exportKey(v)] = packed.Of("", []byte(html))
}

// searchEntry is an event's doc as the last incremental render made it
// (packed),
// and the names and colours of its track and tags then, which the doc
// shows and which other events can change, with its date as the site's
// language writes it.
type searchEntry struct {
	terms string
	doc   packed.File // search.Doc.AppendBinary
}

// searchDoc returns the doc of v, made again only when v's event or the
// terms it shows changed.
func (x *incRun) searchDoc(r *renderer, si *searchIndex, v *eventView) (*search.Doc, error) {
	var b strings.Builder
	if v.Track != nil {
		b.WriteString(v.Track.Slug + "\x00" + v.Track.Name + "\x00" + strconv.Itoa(v.Track.Colour))
	}
	for _, t := range v.Tags {
		b.WriteString("\x01" + t.Slug + "\x00" + t.Name)
	}
	// The date as the site's language writes it, and the language, whose
	// stop words the analysis leaves out: a change of language remakes it.
	b.WriteString("\x02" + v.DateText + "\x00" + r.site.Config.Language)
	terms := b.String()
	inc := x.inc
	inc.searchMu.Lock()
	e, ok := inc.searchDocs[v.Event]
	inc.searchMu.Unlock()
	if ok && e.terms == terms {
		d := new(search.Doc)
		if err := d.UnmarshalBinary(e.doc.Bytes()); err != nil {
			panic("render: a search doc kept does not read back: " + err.Error())
		}
		return d, nil
	}
	body, err := r.exports.body(v)
	if err != nil {
		return nil, err
	}
	d := si.an.Analyze(si.event(v, body))
	kept, _ := d.AppendBinary(nil)
	inc.searchMu.Lock()
	inc.searchDocs[v.Event] = searchEntry{terms: terms, doc: packed.Of("", kept)}
	inc.searchMu.Unlock()
	return d, nil
}

// open packs a file as it is written, once the late jobs run (streamed).
func (x *incRun) open(path string) (io.WriteCloser, error) {
	if !x.stream.on.Load() {
		return nil, nil
	}
	return x.stream.create(path)
}

// pagesOnly is the memo of the fast path, which makes pages alone: they
// are never streamed, even while the late jobs of the pass it copies
// stream theirs.
type pagesOnly struct{ *incRun }

func (pagesOnly) open(string) (io.WriteCloser, error) { return nil, nil }

// leftToCollector is the done of a body no pool takes back.
func leftToCollector() {}
