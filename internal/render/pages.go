package render

import (
	"cmp"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/timeline-ssg/timeline/internal/timeline"
	"github.com/timeline-ssg/timeline/internal/work"
)

// prepare derives, once, what many pages share: the views of every event
// (with summaries), of every tag, track and year, the intro and plain pages.
// It prepares them all whatever fails, and returns every error: a body
// that cannot be read again for its summary, Markdown that cannot be
// rendered. Each is a timeline.Error at its file, so that the render goes
// on and reports them with the rest (joinErrors).
func (r *renderer) prepare() error {
	s, cfg := r.site, r.site.Config
	if r.loc == nil {
		r.loc = english
	}
	r.sv = &siteView{Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		BaseURL: r.opts.BaseURL, Author: cfg.Author, Copyright: cfg.Copyright, EventCount: len(s.Events),
		loc: r.loc, frags: new(fragments)}

	r.events = make([]*eventView, len(s.Events))
	byEvent := make(map[*timeline.Event]*eventView, len(s.Events))
	// The views are made in a few arrays for all events, rather than
	// each with its own entry cache, URL, date and list of tags: the
	// collector's work grows with the objects the heap holds, and these
	// were a fifth of a 100,000-event build's.
	views, caches := make([]eventView, len(s.Events)), make([]entryCache, len(s.Events))
	urls, dates := make([]string, len(s.Events)), make([]string, len(s.Events))
	ntags := 0
	for i, e := range s.Events {
		urls[i], dates[i] = "events/"+e.Slug+"/", r.loc.Range(e.Date, e.End, e.Ongoing)
		ntags += len(e.Tags)
	}
	urls, dates = packStrings(urls), packStrings(dates)
	tags := make([]*termView, ntags)
	for i, e := range s.Events {
		v := &views[i]
		*v = eventView{URL: urls[i], DateText: dates[i], Summary: e.Summary, pos: int32(i), entries: &caches[i]}
		if n := len(e.Tags); n > 0 {
			v.Tags, tags = tags[:0:n], tags[n:] // filled by terms below
		}
		r.setEvent(v, e)
		v.Length = spanLengthIn(r.loc, e.Date, e.End, e.Ongoing, r.opts.Now)
		v.LangAttr = r.langAttr(e.Lang)
		r.events[i] = v
		byEvent[e] = v
	}
	for i, v := range r.events {
		if i > 0 {
			v.Prev = r.events[i-1]
		}
		if i+1 < len(r.events) {
			v.Next = r.events[i+1]
		}
	}
	// Summaries default to the first paragraph: parsing every body is the
	// costliest part of this step, with reading the local images for their
	// sums and sizes, so they run in parallel. An event whose body cannot
	// be read has no summary, and is rendered all the same: its page fails
	// with the same error, reported once (joinErrors).
	errs := make([]error, len(r.events), len(r.events)+1+len(s.Pages))
	work.Do(context.Background(), len(r.events), func(i int) error {
		r.setImage(r.events[i])
		if v := r.events[i]; v.Summary == "" {
			v.Summary, errs[i] = r.summary(v.Event)
		}
		return nil
	})

	terms := func(list []*timeline.Term, kind, dir string) []*termView {
		out := make([]*termView, len(list))
		for i, t := range list {
			name := t.Name
			if kind == "year" && len(t.Events) > 0 {
				name = r.loc.Year(t.Events[0].Date.Year)
			}
			tv := &termView{Term: t, Name: name, Slug: t.Slug, Kind: kind, URL: dir + t.Slug + "/", Index: i, Colour: i % trackColours}
			tv.Events = make([]*eventView, len(t.Events))
			for j, e := range t.Events {
				v := byEvent[e]
				tv.Events[j] = v
				switch kind {
				case "track":
					v.Track = tv
				case "tag":
					v.Tags = append(v.Tags, tv)
				case "year":
					v.Year = tv
				}
			}
			out[i] = tv
		}
		return out
	}
	r.sv.Tracks = terms(s.Tracks, "track", "tracks/")
	r.sv.Tags = terms(s.Tags, "tag", "tags/")
	r.sv.Years = terms(s.Years, "year", "")
	// An event lists its tags in the order written, not the tags' order.
	for _, v := range r.events {
		if len(v.Tags) > 1 {
			slugs := v.Event.TagSlugs() // in the order written
			order := func(t *termView) int { return slices.Index(slugs, t.Slug) }
			tags := v.Tags
			for i := 1; i < len(tags); i++ {
				for j := i; j > 0 && order(tags[j]) < order(tags[j-1]); j-- {
					tags[j], tags[j-1] = tags[j-1], tags[j]
				}
			}
		}
	}

	for _, v := range r.events {
		r.links.pages[v.File] = v.URL
	}
	for _, p := range s.Pages {
		r.links.pages[p.File] = p.Path + "/"
	}
	// The intro and the pages are made whatever fails: a page whose text
	// fails is made empty, so that the links to it still lead somewhere.
	if s.Intro != nil {
		r.links.pages[s.Intro.File] = ""
		doc, err := r.md.RenderResolved(s.Intro.Body, r.links.resolver(s.Intro.File, s.Intro.BodyLine, ""))
		if err != nil {
			errs = append(errs, markdownError(s.Intro.File, err))
		} else {
			r.intro = template.HTML(doc.HTML)
		}
	}
	for _, p := range s.Pages {
		pv := &pageView{Page: p, URL: p.Path + "/"}
		doc, err := r.md.RenderResolved(p.Body, r.links.resolver(p.File, p.BodyLine, p.Path+"/"))
		if err != nil {
			errs = append(errs, markdownError(p.File, err))
		} else {
			pv.HTML = template.HTML(doc.HTML)
		}
		r.sv.Pages = append(r.sv.Pages, pv)
	}
	r.planHome()
	return joinErrors(errs...)
}

// markdownError is the error of the Markdown of file, which goldmark
// could not render: at the file, which the error does not name.
func markdownError(file string, err error) error {
	var list timeline.ErrorList
	if errors.As(err, &list) {
		return list
	}
	return &timeline.Error{File: file, Msg: err.Error()}
}

// newPage starts the data of the page at dir ("" for the home page).
func (r *renderer) newPage(kind, dir, title, description string) *page {
	p := new(page)
	r.initPage(p, kind, dir, title, description)
	if r.sv.BaseURL != "" {
		p.Canonical = r.sv.BaseURL + dir
	}
	return p
}

// initPage sets p to the page at dir, but for its canonical URL.
func (r *renderer) initPage(p *page, kind, dir, title, description string) {
	*p = page{Site: r.sv, Kind: kind, Title: title, Description: cmp.Or(description, r.sv.Description), Root: rootFor(dir), Path: dir}
}

// jobs lists everything the site is made of. A page's job says what the
// page shows (see task in incremental.go), so that the preview re-renders
// it only when that changes; a job added with add runs every time.
func (r *renderer) jobs() []task {
	jobs := make([]task, 0, len(r.events)+64) // an event's, then a few more
	add := func(j job) { jobs = append(jobs, task{run: j}) }
	addPlanned := func(kind string, p *page) { // its entries expected already
		jobs = append(jobs, task{key: p.Path + "index.html", sig: r.pageSig(kind, p),
			run: func(put func(string, []byte) error) error {
				return r.writePage(put, p.Path+"index.html", kind, p)
			}})
	}
	addPage := func(kind string, p *page) {
		r.expectEntries(kind, p)
		addPlanned(kind, p)
	}

	home := r.homePage()
	if r.sv.BaseURL != "" {
		home.OEmbed = r.sv.BaseURL + "oembed.json"
	}
	addPage("home", home)
	addPage("embed", r.embedPage())
	// The files made from the whole site at once, from the views alone,
	// go first: on a large site each keeps a worker for tenths of a second
	// (the calendar of 100,000 events 0.4 s, axis.json 0.24 s), and last
	// they ran alone while the other workers had nothing left to do.
	calendar, fromBodies := r.exportJobs()
	jobs = append(jobs, calendar)
	add(r.axisData)
	add(r.sitemap)
	for _, v := range r.events {
		if r.inc == nil {
			// A full render needs no key or signature, and makes the
			// event's embeds in the same job (see embedJobs).
			jobs = append(jobs, task{run: r.eventJob(v)})
			continue
		}
		jobs = append(jobs, task{key: v.URL + "index.html", sig: r.eventSig(v), event: v, run: r.eventJob(v)})
	}
	// The feeds show the newest events' bodies, held for them until they
	// run: they come right after the event pages, the last of which they
	// may wait for.
	jobs = append(jobs, fromBodies...)
	// The list pages go in the time order of their first events, tracks,
	// tags and years together: an event's entry is made for the first
	// page to list it and kept until the last (see EntryHTML), so pages
	// that list the same events run near each other and only the entries
	// of a stretch of time are held, not the whole site's. At 100,000
	// events, lists of a kind after another held all 143 MB of them.
	var terms []*termView
	for _, kind := range []struct {
		name, title string
		list        []*termView
		dir         string
	}{
		{"tracks", r.loc.T("tracks"), r.sv.Tracks, "tracks/"},
		{"tags", r.loc.T("tags"), r.sv.Tags, "tags/"},
		{"years", r.loc.T("years"), r.sv.Years, "years/"},
	} {
		p := r.newPage("terms", kind.dir, kind.title, "")
		p.Terms = kind.list
		p.Kind = kind.name
		addPage("terms", p)
		terms = append(terms, kind.list...)
	}
	// The list pages are planned, and their entries expected, on every
	// core: nothing renders until the jobs are listed.
	r.eraViews() // made once, before the workers read them
	planned := make([][]*page, len(terms))
	work.Do(context.Background(), len(terms), func(i int) error {
		planned[i] = r.listPages(terms[i])
		return nil
	})
	lists := slices.Concat(planned...)
	first := func(p *page) int { return int(p.Groups[0].Events[0].pos) }
	slices.SortStableFunc(lists, func(a, b *page) int { return first(a) - first(b) })
	work.Do(context.Background(), len(lists), func(i int) error {
		r.expectEntries("list", lists[i])
		return nil
	})
	jobs = slices.Grow(jobs, len(lists)+len(r.sv.Pages)+64)
	for _, lp := range lists {
		addPlanned("list", lp)
	}
	for _, pv := range r.sv.Pages {
		p := r.newPage("page", pv.URL, pv.Title, pv.Description)
		p.Content = pv.HTML
		p.ContentLang = r.langAttr(pv.Lang)
		if pv.Path == "about" {
			p.Embed = r.embedCodeFor("", r.embedTitle(), embedHeight)
			p.OEmbed = home.OEmbed
		}
		addPage("page", p)
	}
	// 404.html is served at any missing path, so its links cannot be
	// relative to where it lies: they start from the site's own path.
	p404 := r.newPage("404", "", r.loc.T("not_found"), "")
	p404.Root = "/"
	if r.opts.langs != nil {
		p404.Root += r.opts.langs.current.prefix
	}
	if r.sv.BaseURL != "" {
		p404.Root = basePath(r.sv.BaseURL)
	}
	p404.Canonical = ""
	jobs = append(jobs, task{key: "404.html", sig: r.pageSig("404", p404),
		run: func(put func(string, []byte) error) error {
			return r.writePage(put, "404.html", "404", p404)
		}})
	add(r.robots)
	jobs = append(jobs, r.embedJobs()...)
	jobs = append(jobs, r.searchJob())
	jobs = append(jobs, task{key: "static/", sig: r.staticSig, run: r.static})
	jobs = append(jobs, task{key: "resources/", sig: r.resourcesSig, run: r.resources})
	jobs = append(jobs, r.imageJobs()...)
	return jobs
}

// expectEntries tells the events a page lists that it will show their
// entries (see EntryHTML), so that each entry is kept until its last page.
func (r *renderer) expectEntries(kind string, p *page) {
	key := entryKey{tmpl: r.tmpl.entrySet[kind], condensed: p.Condensed}
	for _, g := range p.Groups {
		for _, v := range g.Events {
			v.entries.expect(key)
		}
	}
}

// eventJob makes the page of v, and in a full render its embed page and
// oEmbed file too (eventEmbeds), which show the page's iframe; an
// incremental render has jobs of their own for them (see embedJobs).
func (r *renderer) eventJob(v *eventView) job {
	embeds := r.inc == nil
	return func(put func(string, []byte) error) error {
		body, done, err := r.eventBody(v)
		if r.exports != nil {
			r.exports.settle(v, err)
		}
		if r.search != nil {
			r.search.fromPage(v, body, err)
		}
		if err != nil {
			if r.unread != nil {
				r.unread.Store(v.URL+"index.html", true)
			}
			return err
		}
		ep := r.eventPage("event", v, "")
		p := &ep.page
		p.Content = htmlOf(body)
		if r.sv.BaseURL != "" {
			r.setEmbed(ep)
			p.OEmbed = ep.str(ep.Canonical, "oembed.json")
		}
		err = r.writePage(put, p.Path+"index.html", "event", p)
		done()
		if err == nil && embeds {
			err = r.eventEmbeds(put, v, ep.embed.Iframe)
		}
		putEventPage(ep)
		return err
	}
}

// eventPage is the data of an event page, or of an event's embed page,
// with room for the strings made for it: each is written in one job and
// held by nothing after, so that it is kept for the next, and a page and
// its strings are made for each worker rather than for every event.
type eventPage struct {
	page
	embed embedCode
	text  []byte // the bytes of the page's strings (str, appendEmbedCode)
}

var eventPages = sync.Pool{New: func() any { return new(eventPage) }}

// eventPage starts the data of v's page of kind at v.URL + sub, as
// newPage does; its canonical URL is the event page's. Once written,
// putEventPage gives it back.
func (r *renderer) eventPage(kind string, v *eventView, sub string) *eventPage {
	ep := eventPages.Get().(*eventPage)
	ep.text = ep.text[:0]
	dir := v.URL
	if sub != "" {
		dir = ep.str(v.URL, sub)
	}
	r.initPage(&ep.page, kind, dir, v.Title, v.Summary)
	ep.Event = v
	if r.sv.BaseURL != "" {
		ep.Canonical = ep.str(r.sv.BaseURL, v.URL)
	}
	return ep
}

// putEventPage keeps ep for the next event page; its strings are then
// written over.
func putEventPage(ep *eventPage) {
	ep.page, ep.embed = page{}, embedCode{} // what they point to may go
	if cap(ep.text) > 64<<10 {
		ep.text = nil // a rare large title is let go
	}
	eventPages.Put(ep)
}

// setEmbed gives an event's page the "Embed" section of the event's
// embed page.
func (r *renderer) setEmbed(ep *eventPage) {
	v := ep.Event
	start := len(ep.text)
	ep.text = r.appendEventEmbedTitle(ep.text, v)
	title := bytesString(ep.text[start:])
	ep.text = r.appendEmbedCode(&ep.embed, ep.text, v.URL, title, cardHeight)
	ep.Embed = &ep.embed
}

// str appends parts to the page's text and returns them as one string,
// which lasts until the page is kept for the next.
func (ep *eventPage) str(parts ...string) string {
	start := len(ep.text)
	for _, s := range parts {
		ep.text = append(ep.text, s...)
	}
	return bytesString(ep.text[start:])
}

// bytesString is b as a string, without a copy: b must not be written
// while the string is used.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// htmlOf is a rendered body as the page's content, without a copy: a
// body is written to by no one once rendered (it may be the parse's, or
// a kept one), and a large site made a copy of every body here.
func htmlOf(body []byte) template.HTML {
	return template.HTML(unsafe.String(unsafe.SliceData(body), len(body)))
}

// static copies the theme's static/ folder to the output root. A file at
// the path of one the build makes is an error of its own (claimed), and
// the others are copied all the same.
func (r *renderer) static(put func(string, []byte) error) error {
	var clashes timeline.ErrorList
	err := fs.WalkDir(r.theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return nil
			}
			return err
		}
		switch {
		case p != "static" && timeline.IsIgnored(d.Name()) && d.IsDir():
			return fs.SkipDir
		case d.IsDir() || timeline.IsIgnored(d.Name()):
			return nil
		}
		b, err := fs.ReadFile(r.theme, p)
		if err != nil {
			return err
		}
		err = put(strings.TrimPrefix(p, "static/"), b)
		var clash *timeline.Error
		if errors.As(err, &clash) {
			clashes = append(clashes, clash)
			return nil
		}
		return err
	})
	return joinErrors(err, clashes.Err())
}

// basePath is the path of a base URL: "https://x.org/tl/" -> "/tl/".
func basePath(base string) string {
	i := strings.Index(base, "://")
	rest := base[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "/"
	}
	if p := path.Clean(rest[j:]); p != "/" {
		return p + "/"
	}
	return "/"
}
