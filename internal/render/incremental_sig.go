package render

// Signatures: what each page of an incremental render shows, summed, so
// that a page is made again only when its sum changes.

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"sync"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// incRun is what one incremental render knows beside the renderer.
type incRun struct {
	inc    *Incremental
	tmpl   *templateCache
	stream *streamed  // where the late jobs write in parts
	mu     sync.Mutex // guards inc's caches while jobs run

	site        uint64 // signature of what every page sees
	siteUnknown bool   // and it met data it cannot describe
	counts      uint64 // of the events of each term, which not every page sees
	pages       uint64 // hash of links.pages
	cards       map[*eventView]uint64
	terms       map[*termView]uint64 // shallow: without the count
	plans       *planCache
}

// start computes what every signature needs, once prepare is done.
func (x *incRun) start(r *renderer) {
	x.plans = &planCache{plans: map[planKey][]int{}}
	x.cards = make(map[*eventView]uint64, len(r.events))
	x.terms = map[*termView]uint64{}

	// What links to .md files resolve to: a sum, so that the events'
	// order does not count, only which file has which page.
	x.pages = 0
	for file, url := range r.links.pages {
		x.pages += maphash.String(x.inc.seed, file+"\x00"+url)
	}

	counts := x.signer(false)
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags, r.sv.Years} {
		counts.u64(uint64(len(list)))
		for _, t := range list {
			x.terms[t] = x.termSum(t)
			counts.u64(uint64(len(t.Events)))
		}
	}
	x.counts = counts.sum()
	for _, v := range r.events {
		x.cards[v] = x.card(v)
	}

	s := x.signer(false)
	s.fields(reflect.ValueOf(r.sv).Elem(), nil)
	s.fields(reflect.ValueOf(r.site.Config), nil)
	s.u64(x.pages)
	s.str(string(r.intro))
	s.bool(r.condensed)
	s.str(r.opts.BaseURL)
	x.siteUnknown = s.unknown
	x.site = s.sum()
}

func (x *incRun) pagesHash() uint64 { return x.pages }

// eventSum hashes an event's fields but its body, once per event.
func (x *incRun) eventSum(e *timeline.Event) uint64 {
	x.mu.Lock()
	sum, ok := x.inc.eventSums[e]
	x.mu.Unlock()
	if ok {
		return sum
	}
	s := x.signer(false)
	s.fields(reflect.ValueOf(e).Elem(), eventBody)
	sum = s.sum()
	x.mu.Lock()
	x.inc.eventSums[e] = sum
	x.mu.Unlock()
	return sum
}

// card hashes what a page that lists an event shows of it: its fields
// but the body, and what is derived from them (summary, dates, URLs). The
// terms it links to are named in the site signature.
func (x *incRun) card(v *eventView) uint64 {
	s := x.signer(false)
	s.u64(x.eventSum(v.Event))
	s.fields(reflect.ValueOf(v).Elem(), viewLinks)
	s.u64(uint64(v.inPage)) // InTimeline's page, unexported (its year and slug are named already)
	return s.sum()
}

// viewLinks are the fields of the views that lead to other views: a
// signature names what they lead to, or leaves it to the site signature,
// instead of following them.
var viewLinks = &skipSet{"view links", map[string]bool{
	"Event": true, "Track": true, "Tags": true, "Year": true, "Prev": true, "Next": true, // eventView
	"Term": true, "Events": true, // termView
}}

var eventBody = &skipSet{"event body", map[string]bool{"Body": true, "BodyLine": true}}

// The site's own view is in the site signature.
var pageSite = &skipSet{"page site", map[string]bool{"Site": true}}

// termSum hashes a term as a page that names it shows it: name, URL,
// colour, but not its events.
func (x *incRun) termSum(t *termView) uint64 {
	s := x.signer(false)
	s.str(t.Name)
	s.str(t.Slug)
	s.fields(reflect.ValueOf(t).Elem(), viewLinks)
	return s.sum()
}

// signature of a task: the site-wide data and what its sig declares, and
// whether it could describe all of that.
func (x *incRun) signature(t task) (uint64, bool) {
	s := x.signer(true)
	s.u64(x.site)
	t.sig(s)
	known := !s.unknown && !x.siteUnknown
	return s.sum(), known
}

func (x *incRun) signer(counts bool) *signer {
	s := signerPool.Get().(*signer)
	s.x, s.counts, s.unknown, s.buf = x, counts, false, s.buf[:0]
	return s
}

// signerPool recycles signers' buffers: a render makes tens of thousands
// of signatures.
var signerPool = sync.Pool{New: func() any { return &signer{buf: make([]byte, 0, 512)} }}

// sum returns the signature and recycles the signer.
func (s *signer) sum() uint64 {
	h := maphash.Bytes(s.x.inc.seed, s.buf)
	if cap(s.buf) <= 64<<10 {
		signerPool.Put(s)
	}
	return h
}

// A signer builds a signature.
type signer struct {
	x   *incRun
	buf []byte // what the signature is a hash of
	// counts adds to each term the number of its events, which the site
	// signature leaves out: only the pages that list a term show it.
	counts bool
	// unknown is set when a value of a kind a signature cannot describe
	// was met: the signature is then different every time, so that the
	// task always runs.
	unknown bool
}

func (s *signer) u64(n uint64) { s.buf = binary.LittleEndian.AppendUint64(s.buf, n) }

func (s *signer) str(v string) {
	s.u64(uint64(len(v)))
	s.buf = append(s.buf, v...)
}

func (s *signer) bool(b bool) {
	if b {
		s.buf = append(s.buf, 1)
	} else {
		s.buf = append(s.buf, 0)
	}
}

// template adds the template a page of the kind is made with, and the
// number of events of every tag, track and year if it may show them.
func (s *signer) template(kind string) {
	s.u64(s.x.tmpl.kindSum(kind))
	if s.x.tmpl.seesCounts[kind] {
		s.u64(s.x.counts)
	}
}

// event adds an event page's own event: its body, and all of it.
func (s *signer) event(v *eventView) {
	s.u64(identity(v.Event))
	s.card(v)
}

// card adds an event as a listing shows it; nil for none.
func (s *signer) card(v *eventView) {
	if v == nil {
		s.u64(0)
		return
	}
	c, ok := s.x.cards[v]
	if !ok {
		// An event view the site does not list: none are made so far.
		s.unknown = true
		c = uint64(time.Now().UnixNano())
	}
	s.u64(c)
}

// term adds a term as a page that names it shows it.
func (s *signer) term(t *termView) {
	s.u64(s.x.terms[t])
	if s.counts {
		s.u64(uint64(len(t.Events)))
	}
}

// page adds a plain page: its source, which its HTML is made from.
func (s *signer) page(p *pageView) {
	s.u64(identity(p.Page))
	s.str(string(p.HTML))
}

// identity tells events and pages apart by pointer: one that
// timeline.Cache decoded again has a new one. (Incremental.site keeps
// those the remembered signatures name from being freed and reused.)
func identity[T any](p *T) uint64 { return uint64(reflect.ValueOf(p).Pointer()) }

// fields adds the fields of struct v but those in skip.
func (s *signer) fields(v reflect.Value, skip *skipSet) {
	for _, i := range s.x.plans.of(v.Type(), skip) {
		s.value(v.Field(i), 0)
	}
}

// value adds a value by reflection: scalars, strings, slices and structs;
// pointers to views are named by their sums, other pointers followed.
// Anything else makes the signature unknown.
func (s *signer) value(v reflect.Value, depth int) {
	if depth > 8 {
		s.unknowable()
		return
	}
	switch v.Kind() {
	case reflect.String:
		s.str(v.String())
	case reflect.Bool:
		s.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		s.u64(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		s.u64(uint64(v.Len()))
		for i := range v.Len() {
			s.value(v.Index(i), depth+1)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if !v.CanInterface() { // an unexported field
				s.unknowable()
				return
			}
			s.str(v.Interface().(time.Time).Format(time.RFC3339Nano))
			return
		}
		for _, i := range s.x.plans.of(v.Type(), nil) {
			s.value(v.Field(i), depth+1)
		}
	case reflect.Pointer:
		if v.IsNil() {
			s.u64(0)
			return
		}
		if !v.CanInterface() {
			// An unexported field: follow what it points to.
			s.value(v.Elem(), depth+1)
			return
		}
		switch p := v.Interface().(type) {
		case *termView:
			s.term(p)
		case *pageView:
			s.page(p)
		case *eventView:
			s.card(p)
		case *siteView:
			// In the site signature already.
		default:
			if v.Elem().Kind() != reflect.Struct {
				s.unknowable()
				return
			}
			s.value(v.Elem(), depth+1)
		}
	default:
		s.unknowable()
	}
}

func (s *signer) unknowable() {
	s.unknown = true
	s.u64(uint64(time.Now().UnixNano()))
}

// A skipSet names struct fields a signature leaves out.
type skipSet struct {
	name   string
	fields map[string]bool
}

type planKey struct {
	t    reflect.Type
	skip *skipSet
}

// planCache keeps, per struct type and skip set, the fields to follow.
type planCache struct {
	mu    sync.Mutex
	plans map[planKey][]int
}

func (c *planCache) of(t reflect.Type, skip *skipSet) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := planKey{t, skip}
	if p, ok := c.plans[k]; ok {
		return p
	}
	var p []int
	for i := range t.NumField() {
		// Templates see only exported fields; unexported ones are caches
		// and plumbing (eventView.entries, page.r), not what a page shows.
		if !t.Field(i).IsExported() {
			continue
		}
		if skip == nil || !skip.fields[t.Field(i).Name] {
			p = append(p, i)
		}
	}
	c.plans[k] = p
	return p
}

// pageSig declares what a page made from p with the kind's template
// shows: everything p holds but the site's view.
func (r *renderer) pageSig(kind string, p *page) func(*signer) {
	return func(s *signer) {
		s.template(kind)
		s.fields(reflect.ValueOf(p).Elem(), pageSite)
	}
}

// eventSig declares what an event's page shows: the event, all of it, and
// its neighbours, which it links to by title and date and draws on its
// small axis (see page.Neighbours).
func (r *renderer) eventSig(v *eventView) func(*signer) {
	return func(s *signer) {
		s.template("event")
		s.event(v)
		// Its small axis shows its neighbours and its place in the list.
		for p, i := v.Prev, 0; i < contextEvents; p, i = p.Prev, i+1 {
			s.card(p)
			if p == nil {
				break
			}
		}
		for n, i := v.Next, 0; i < contextEvents; n, i = n.Next, i+1 {
			s.card(n)
			if n == nil {
				break
			}
		}
		s.u64(uint64(v.pos))
	}
}
