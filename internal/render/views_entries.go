package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/timeline-ssg/timeline/internal/bufpool"
)

// entryCache holds an event's rendered "entry", one for each way listing
// pages show it (see eventView.entries), for as long as a page still will.
type entryCache struct {
	mu   sync.Mutex
	list []cachedEntry
	// first is where list starts: most events are listed one way, and
	// their list is then no object of its own.
	first [1]cachedEntry
}

type entryKey struct {
	tmpl      string // the page template set it was made with
	root      string // its links start with this; "" for a kept entry, made with rootMark
	condensed bool
}

type cachedEntry struct {
	key entryKey
	buf []byte // the entry, made with rootMark, from entryBuffers; nil when not kept
	// left is how many pages still to render list the event with this
	// key (see expectEntries): an entry is kept only while another page
	// will show it, so that the entries of a large site, most shown by one
	// page alone (the home page, a year's), are not all held to the end.
	left int
	// readers are the pages writing buf now: it is given back once left
	// and readers are both 0.
	readers int
}

// expect notes that one more page will list the event with key.
func (c *entryCache) expect(key entryKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.list {
		if c.list[i].key == key {
			c.list[i].left++
			return
		}
	}
	if c.list == nil {
		c.list = c.first[:0]
	}
	c.list = append(c.list, cachedEntry{key: key, left: 1})
}

// EntryHTML is the "entry" template executed for an event as this page
// lists it. A site lists each event on many pages (home, its tags, track,
// year), and every listing page shows it alike but for the relative path
// to the root its links start with: so each is executed once per kind of
// page, with rootMark in place of the root, kept, and given each page's
// root by replacing the mark. This makes the listing pages of a large site
// several times cheaper to render. A theme whose entries use the root
// where it would be escaped (say, in a query string) is found out by
// rootFreeFor and gets its entries made for each page.
func (p *page) EntryHTML(e *eventView) (template.HTML, error) {
	var html string
	err := p.withEntry(e, func(entry string, marked bool) {
		if !marked {
			html = entry
			return
		}
		html = replaceRoot(entry, p.Root) // a copy: entry is a kept buffer's, given back after
	})
	return template.HTML(html), err
}

// writeEntryHTML writes what EntryHTML returns, for the generated
// writers: a kept entry is given the page's root as it is written.
func (p *page) writeEntryHTML(w *genBuf, e *eventView) error {
	return p.withEntry(e, func(entry string, marked bool) {
		if marked {
			writeWithRoot(w, entry, p.Root)
		} else {
			w.WriteString(entry)
		}
	})
}

// entryBuffers hold the entries kept for the listing pages still to
// show them (see withEntry): an entry is made once for its first page and
// given back once its last has written it, for the next event's. A large
// site's entries were a thirtieth of all its build allocated. They are
// kept through collections (Keep): the pages list the events in time
// order, so that a few megabytes of entries are held at a time, at
// 100,000 events too, and given back as fast as new ones are made.
var entryBuffers = bufpool.Pool{Max: 64 << 10, Keep: 4 << 20}

// withEntry calls write with the event's entry as this page shows it,
// with rootMark for the root when marked. The entry is valid only until
// write returns.
func (p *page) withEntry(e *eventView, write func(entry string, marked bool)) error {
	free, err := p.rootFreeFor(e)
	if err != nil || !free {
		html, err := p.entry(e, p.Root)
		if err == nil {
			write(html, false)
		}
		return err
	}
	key := entryKey{tmpl: p.r.tmpl.entrySet[p.tmpl], condensed: p.Condensed}
	c := e.entries
	c.mu.Lock()
	if ce := c.find(key); ce != nil && ce.buf != nil {
		// Kept: written while counted among its readers, so that the
		// last page to show it, if it is another, gives it back only
		// once this one is done.
		buf := ce.buf
		ce.left--
		ce.readers++
		c.mu.Unlock()
		write(bytesString(buf), true)
		c.mu.Lock()
		ce = c.find(key) // found again: the list is c's to grow meanwhile
		ce.readers--
		c.releaseIfDone(ce)
		c.mu.Unlock()
		return nil
	}
	c.mu.Unlock()
	buf, err := p.markedEntry(e)
	if err != nil {
		return err
	}
	write(bytesString(buf), true)
	c.mu.Lock()
	kept := false
	// Kept only if a page still to come shows it. A page that was not
	// expected (no entry for its key) makes the entry itself. Another
	// page may have kept its own meanwhile (both made it at once): if
	// this was its last page, that one goes back too.
	if ce := c.find(key); ce != nil {
		if ce.left--; ce.left > 0 && ce.buf == nil {
			ce.buf, kept = buf, true
		}
		c.releaseIfDone(ce)
	}
	c.mu.Unlock()
	if !kept {
		entryBuffers.Put(buf)
	}
	return nil
}

// find is the cached entry for key, or nil. The caller holds c.mu.
func (c *entryCache) find(key entryKey) *cachedEntry {
	for i := range c.list {
		if c.list[i].key == key {
			return &c.list[i]
		}
	}
	return nil
}

// releaseIfDone gives ce's buffer back once no page is still to show it
// nor showing it. The caller holds c.mu.
func (c *entryCache) releaseIfDone(ce *cachedEntry) {
	if ce.left <= 0 && ce.readers == 0 && ce.buf != nil {
		entryBuffers.Put(ce.buf)
		ce.buf = nil
	}
}

// rootMark stands for a page's root in a kept entry. Letters and digits
// only, so that no escaper changes it; random, so that no content holds it.
// It starts with a letter rare in text, "Q", for strings.Index looks for
// its first byte: from "t" the search stopped at every "t" of an entry,
// and took five times as long.
var rootMark = fmt.Sprintf("QZroot%016x", rand.Uint64())

// replaceRoot is s with root in place of each rootMark, a new string.
func replaceRoot(s, root string) string {
	var b strings.Builder
	b.Grow(len(s) + max(0, len(root)-len(rootMark))*8)
	writeWithRoot(&b, s, root)
	return b.String()
}

// writeWithRoot writes s with root in place of each rootMark.
func writeWithRoot(w io.StringWriter, s, root string) {
	for {
		i := strings.Index(s, rootMark)
		if i < 0 {
			break
		}
		w.WriteString(s[:i])
		w.WriteString(root)
		s = s[i+len(rootMark):]
	}
	w.WriteString(s)
}

// entry executes the "entry" template for e as this page would with root
// as its root.
func (p *page) entry(e *eventView, root string) (string, error) {
	var s string
	err := p.runEntry(e, root, func(b []byte) { s = string(b) })
	return s, err
}

// markedEntry is entry with rootMark for the root, in a buffer of
// entryBuffers: the caller gives it back, or keeps it for later pages.
func (p *page) markedEntry(e *eventView) ([]byte, error) {
	var buf []byte
	err := p.runEntry(e, rootMark, func(b []byte) { buf = append(entryBuffers.Get(len(b)), b...) })
	return buf, err
}

// runEntry executes the "entry" template for e with root, by the
// generated writer or else html/template, and passes use the text, which
// lasts only until use returns.
func (p *page) runEntry(e *eventView, root string, use func([]byte)) error {
	args := entryArgs{Root: root, E: e, Page: p.rooted(root)}
	if p.r.tmpl.runGenerated(p.tmpl, "entry", args, use) {
		return nil
	}
	var b bytes.Buffer
	if err := p.r.tmpl.page(p.tmpl).ExecuteTemplate(&b, "entry", args); err != nil {
		return err
	}
	use(b.Bytes())
	return nil
}

// rooted is p as the entry template sees it when made with root: p, or
// a copy of p with root for its own, made once for the page. A listing
// page makes hundreds of entries with rootMark, and a copy of the page
// for each was a tenth of what a large site's listing pages allocate.
func (p *page) rooted(root string) *page {
	if root == p.Root {
		return p
	}
	if p.rootedCopy == nil || p.rootedCopy.Root != root {
		pp := *p
		pp.Root, pp.rootedCopy = root, nil
		p.rootedCopy = &pp
	}
	return p.rootedCopy
}

// rootFreeFor reports whether, for pages of this kind and depth, the entry
// made with rootMark and given the root is the entry made with the root.
// The first event to ask finds out, once per build.
func (p *page) rootFreeFor(e *eventView) (bool, error) {
	key := entryKey{tmpl: p.r.tmpl.entrySet[p.tmpl], root: p.Root, condensed: p.Condensed}
	if v, ok := p.r.tmpl.rootFree.Load(key); ok {
		return v.(bool), nil
	}
	direct, err := p.entry(e, p.Root)
	if err != nil {
		return false, err
	}
	marked, err := p.entry(e, rootMark)
	if err != nil {
		return false, err
	}
	free := replaceRoot(marked, p.Root) == direct
	p.r.tmpl.rootFree.Store(key, free)
	return free, nil
}

// Fragment executes the named template of the theme for this page: a part
// of every page that depends only on the site, the page's kind and depth,
// and whether the page is one the navigation links to (site-links,
// site-header and site-footer in base.html). Each is executed once per
// such kind of page and reused; 10,000 event pages share one header.
// It is made with a stand-in page that has nothing of the page's own but
// those, and compared once with the real page's: a theme whose fragment
// shows more of the page (its title, say) gets it made for every page.
func (p *page) Fragment(name string) (template.HTML, error) {
	if p.Site.frags == nil {
		return p.fragment(name, p)
	}
	key := fragKey{tmpl: p.tmpl, name: name, kind: p.Kind, root: p.Root, path: p.navPath()}
	if f, ok := p.Site.frags.load(key); ok {
		if f.shared {
			return f.html, nil
		}
		return p.fragment(name, p)
	}
	own, err := p.fragment(name, p)
	if err != nil {
		return "", err
	}
	stand := &page{Site: p.Site, Kind: p.Kind, Root: p.Root, Path: key.path, r: p.r, tmpl: p.tmpl}
	shared, err := p.fragment(name, stand)
	if err != nil {
		return "", err
	}
	p.Site.frags.store(key, fragment{html: shared, shared: shared == own})
	return own, nil
}

type fragKey struct{ tmpl, name, kind, root, path string }

// fragments are the fragments made: a map under a lock rather than a
// sync.Map, whose key, boxed, cost an allocation for each of the three
// fragments of every page.
type fragments struct {
	mu sync.RWMutex
	m  map[fragKey]fragment
}

func (fr *fragments) load(key fragKey) (fragment, bool) {
	fr.mu.RLock()
	defer fr.mu.RUnlock()
	f, ok := fr.m[key]
	return f, ok
}

// store keeps f for key, unless a fragment is kept for it already.
func (fr *fragments) store(key fragKey, f fragment) {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if fr.m == nil {
		fr.m = map[fragKey]fragment{}
	}
	if _, ok := fr.m[key]; !ok {
		fr.m[key] = f
	}
}

type fragment struct {
	html   template.HTML
	shared bool // whether pages of its key can share it
}

// navPath is the page's path if the navigation links to it, and
// otherwise a path no link has, which every such page shares.
func (p *page) navPath() string {
	switch p.Path {
	case "", "tracks/", "tags/", "years/":
		return p.Path
	}
	for _, pv := range p.Site.Pages {
		if pv.URL == p.Path {
			return pv.URL // not p.Path, which may be a pooled page's bytes (see eventPage): fragKey keeps it
		}
	}
	return "\x00"
}

func (p *page) fragment(name string, data *page) (template.HTML, error) {
	var html template.HTML
	if p.r.tmpl.runGenerated(p.tmpl, name, data, func(b []byte) { html = template.HTML(b) }) {
		return html, nil
	}
	var b strings.Builder
	err := p.r.tmpl.page(p.tmpl).ExecuteTemplate(&b, name, data)
	return template.HTML(b.String()), err
}

type entryArgs struct {
	Root string
	E    *eventView
	Page *page
}
