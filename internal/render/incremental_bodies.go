package render

// The bodies, summaries and export bodies an incremental render keeps
// between runs, so that an unchanged event is not rendered again.

import (
	"timeline/internal/packed"
	"timeline/internal/timeline"
)

// summary is the default summary of an event: its first paragraph.
func (r *renderer) summary(e *timeline.Event) (string, error) {
	if e.HasLead {
		return e.Lead, nil
	}
	if r.inc == nil {
		body, err := r.site.Body(e)
		return r.md.Summary(body), err
	}
	r.inc.mu.Lock()
	s, ok := r.inc.inc.summaries[e]
	r.inc.mu.Unlock()
	if !ok {
		body, err := r.site.Body(e)
		if err != nil {
			return "", err
		}
		s = r.md.Summary(body)
		r.inc.mu.Lock()
		r.inc.inc.summaries[e] = s
		r.inc.mu.Unlock()
	}
	return s, nil
}

// eventBody renders an event's body for its page, resolving and checking
// its links.
func (r *renderer) eventBody(v *eventView) ([]byte, error) {
	if r.inc == nil {
		body, err := r.site.Body(v.Event)
		if err != nil {
			return nil, err
		}
		doc, err := r.md.RenderResolved(body, r.links.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			return nil, err
		}
		if r.exports != nil {
			r.exports.fromPage(v, doc)
		}
		return doc.HTML, nil
	}
	key := bodyKey{v.Event, v.URL}
	pages, unsafe := r.inc.pagesHash(), r.site.Config.Markdown.Unsafe
	r.inc.mu.Lock()
	b := r.inc.inc.bodies[key]
	r.inc.mu.Unlock()
	if b == nil || b.pages != pages || b.unsafe != unsafe {
		// Render with a link check of its own, to keep what it found.
		lc := &linkCheck{pages: r.links.pages}
		body, err := r.site.Body(v.Event)
		if err != nil {
			return nil, err
		}
		doc, err := r.md.RenderResolved(body, lc.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			return nil, err
		}
		b = &bodyEntry{pages: pages, unsafe: unsafe, html: packed.Of("", doc.HTML), pending: lc.pending, errs: lc.errs}
		r.inc.mu.Lock()
		r.inc.inc.bodies[key] = b
		r.inc.mu.Unlock()
		if len(b.pending) > 0 || len(b.errs) > 0 {
			r.links.add(b.pending, b.errs)
		}
		return doc.HTML, nil
	}
	if len(b.pending) > 0 || len(b.errs) > 0 {
		r.links.add(b.pending, b.errs)
	}
	return b.html.Bytes(), nil
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

// cachedExportBody returns the body the exports made for the event last
// time, when rendering incrementally.
func (r *renderer) cachedExportBody(v *eventView) (string, bool) {
	if r.inc == nil {
		return "", false
	}
	r.inc.inc.exportMu.Lock()
	defer r.inc.inc.exportMu.Unlock()
	f, ok := r.inc.inc.exportBodies[r.exportKey(v)]
	if !ok {
		return "", false
	}
	return string(f.Bytes()), true
}

// keepExportBody remembers the body the exports made for the event.
func (r *renderer) keepExportBody(v *eventView, html string, err error) {
	if r.inc == nil || err != nil {
		return
	}
	r.inc.inc.exportMu.Lock()
	defer r.inc.inc.exportMu.Unlock()
	r.inc.inc.exportBodies[r.exportKey(v)] = packed.Of("", []byte(html))
}
