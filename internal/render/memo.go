package render

import (
	"io"

	"github.com/timeline-ssg/timeline/internal/search"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// A memo is what a render keeps for the next one, so that what did not
// change is not made again. A full build keeps nothing (noMemo); the
// preview keeps, in its Incremental, the events' summaries, page bodies,
// export bodies and search docs (incRun, incremental_bodies.go). The
// renderer asks its memo, and never which kind it has.
type memo interface {
	// follows reports whether the exports and the search index follow
	// the event pages as they are made, taking each body from its
	// page's parse (a full build), or run after the pages, from what the
	// memo keeps.
	follows() bool
	// summary returns the default summary of e, which has no lead.
	summary(r *renderer, e *timeline.Event) (string, error)
	// body renders v's body for its page, resolving its links and
	// adding them to r's link check. done lets go of html once the page
	// is written: nothing may hold any of it then.
	body(r *renderer, v *eventView) (html []byte, done func(), err error)
	// exportBody returns the body the exports made for v before.
	exportBody(r *renderer, v *eventView) (string, bool)
	// keepExportBody remembers the body the exports made for v.
	keepExportBody(r *renderer, v *eventView, html string)
	// searchDoc returns the search index's doc of v, when the index does
	// not follow the pages.
	searchDoc(r *renderer, x *searchIndex, v *eventView) (*search.Doc, error)
	// open opens a file for a job to write in parts, or returns nil to
	// leave it to the renderer (see renderer.open).
	open(path string) (io.WriteCloser, error)
}

// noMemo is the memo of a full build: it keeps nothing.
type noMemo struct{}

func (noMemo) follows() bool { return true }

func (noMemo) summary(r *renderer, e *timeline.Event) (string, error) {
	body, err := r.site.Body(e)
	return r.md.Summary(body), err
}

// body renders the body, and hands its parse to the exports, which follow
// the pages. Nothing keeps the Markdown once the exports have their copy,
// nor the HTML once its page is written, so their buffers go to the next
// body's.
func (noMemo) body(r *renderer, v *eventView) ([]byte, func(), error) {
	body, free, err := r.site.ReadBody(v.Event)
	if err != nil {
		return nil, nil, err
	}
	defer free() // after the exports' fromPage, which renders the parse again
	doc, err := r.md.RenderResolved(body, r.links.resolver(v.File, v.BodyLine, v.URL))
	// The parse holds what it needs of the body; the event is done with it.
	r.site.LeaveBody(v.Event)
	if err != nil {
		return nil, nil, err
	}
	if r.exports != nil {
		r.exports.fromPage(v, doc)
	}
	return doc.HTML, doc.Recycle, nil
}

func (noMemo) exportBody(*renderer, *eventView) (string, bool) { return "", false }

func (noMemo) keepExportBody(*renderer, *eventView, string) {}

// searchDoc makes the doc from the body the exports have: the index
// follows the pages in a full build, and does not ask.
func (noMemo) searchDoc(r *renderer, x *searchIndex, v *eventView) (*search.Doc, error) {
	body, err := r.exports.body(v)
	if err != nil {
		return nil, err
	}
	return x.an.Analyze(x.event(v, body)), nil
}

func (noMemo) open(string) (io.WriteCloser, error) { return nil, nil }
