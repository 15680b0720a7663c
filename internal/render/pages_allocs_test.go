package render

import "testing"

// TestEventPageOnStack: the generated event page's JSON-LD and small axis
// are on its writer's stack, JSONLD and Neighbours being small enough to
// be inlined: writing what they return allocates no more than filling in
// a description or an axis held on the stack.
func TestEventPageOnStack(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters change what is inlined")
	}
	_, r := benchRenderer(t, 100)
	for _, v := range []*eventView{r.events[0], r.events[50], r.events[99]} {
		ep := r.eventPage("event", v, "")
		p := &ep.page
		w := getGenBuf(nil)
		described := testing.AllocsPerRun(20, func() {
			var ld jsonLD
			p.describe(&ld)
			w.Reset()
			mustWrite(writeJSONLD(w, &ld))
		})
		written := testing.AllocsPerRun(20, func() {
			w.Reset()
			mustWrite(writeJSONLD(w, p.JSONLD()))
		})
		if written > described {
			t.Errorf("%s: the JSON-LD allocates %v times, filled in on the stack %v: is JSONLD still inlined?", v.Slug, written, described)
		}
		laidOut := testing.AllocsPerRun(20, func() {
			var ax contextAxis
			ax.Dots, ax.Segments = p.layOut(&ax)
			w.Reset()
			mustWrite(ax.writeSVG(w, p.Root))
		})
		written = testing.AllocsPerRun(20, func() {
			w.Reset()
			mustWrite(p.Neighbours().writeSVG(w, p.Root))
		})
		if written > laidOut {
			t.Errorf("%s: the small axis allocates %v times, laid out on the stack %v: is Neighbours still inlined?", v.Slug, written, laidOut)
		}
		putGenBuf(w)
		putEventPage(ep)
	}
}
