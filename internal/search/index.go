package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"unsafe"

	"github.com/timeline-ssg/timeline/internal/bufpool"
	"github.com/timeline-ssg/timeline/internal/jsonstr"
)

// The fields of an event a word can be found in, in the order of rank.
const (
	FieldTitle   = iota
	FieldMeta    // place, track, tags and date
	FieldSummary // written, or the body's first paragraph
	FieldBody
	numFields
)

// ShardSize is about how large a shard grows before the next begins. A
// query loads a shard or two per word: smaller shards would load less but
// lengthen the manifest, which every query loads.
const ShardSize = 24 << 10

// Group is how many events' fragments share a file: a fragment is small
// (its title, date, track, tags and summary), and a file per event would
// double the files of a build.
const Group = 4

// Event is what the index holds of one event.
type Event struct {
	URL       string // from the site root: "events/SLUG/"
	Title     string
	Date      string   // as the site shows it: "March 2014 – present"
	Datetime  string   // of the start, for <time datetime>; may be ""
	DateWords []string // what else finds its time: "2014-03", "2014-03-18", the years of a span
	Track     string   // slug, or ""
	TrackName string
	Colour    int      // the track's colour in the theme
	Tags      []string // slugs
	TagNames  []string
	Place     string
	Summary   string
	// BodyHTML is the body as the event's page shows it. Its text is
	// indexed; the snippet of a match in it is cut from the page itself,
	// which the browser asks for then, so fragments need not repeat it.
	BodyHTML string
	// Lead says that the summary is the body's first paragraph (none was
	// written): when the body opens with it, one pass finds both.
	Lead bool
}

// Doc is an event made ready to index: its fragment, and its words with
// the fields each is in. Making it is most of the cost of an index, and
// is done for each event apart, in parallel.
type Doc struct {
	frag  []byte
	words []byte // word, 0, field bits; and again
	track string
	tags  []string
}

// Analyzer splits events into words for one site's language.
type Analyzer struct {
	lang     string
	stopList []string
	stops    *wordSet // the stop words, which every event's set starts with
}

// NewAnalyzer returns the analyzer of a site in language lang.
func NewAnalyzer(lang string) *Analyzer {
	a := &Analyzer{lang: lang, stopList: StopWords(lang), stops: &wordSet{slots: make([]wordSlot, 1024)}}
	for _, s := range a.stopList {
		a.stops.index([]byte(s), hashWord([]byte(s)))
	}
	a.stops.stops = len(a.stops.masks)
	return a
}

// A wordSet is where Analyze gathers an event's words, with the fields
// each is in: an open-addressing table of the words' hashes, which the
// tokenizer computes as it reads, since looking words up is most of the
// cost of indexing.
type wordSet struct {
	slots []wordSlot
	ends  []int32 // of each word in text
	text  []byte  // the words, one after the other
	masks []uint8
	stops int    // the first words are the stop words
	buf   []byte // a word being folded
	// filled are the slots filled since the table was last made, which
	// load empties to take the next event's words, when base is the set
	// it loaded then.
	filled []uint32
	base   *wordSet
}

// A wordSlot is a word's place in the table: what a lookup compares, in
// one place.
type wordSlot struct {
	hash     uint32
	at       int32 // the word's index + 1, or 0 for an empty slot
	from, to int32 // the word in text
}

var wordSets = sync.Pool{New: func() any { return &wordSet{slots: make([]wordSlot, 1024)} }}

// load makes w hold the words of base and nothing else.
func (w *wordSet) load(base *wordSet) {
	w.text, w.ends = append(w.text[:0], base.text...), append(w.ends[:0], base.ends...)
	w.masks, w.stops = append(w.masks[:0], base.masks...), base.stops
	if w.base == base {
		for _, k := range w.filled {
			w.slots[k] = wordSlot{}
		}
		w.filled = w.filled[:0]
		return
	}
	w.base, w.filled = base, w.filled[:0]
	if len(w.slots) == len(base.slots) {
		copy(w.slots, base.slots)
		return
	}
	clear(w.slots)
	mask := uint32(len(w.slots) - 1)
	for _, s := range base.slots {
		if s.at != 0 {
			k := s.hash & mask
			for w.slots[k].at != 0 {
				k = (k + 1) & mask
			}
			w.slots[k] = s
		}
	}
}

func (w *wordSet) word(i int) []byte {
	from := int32(0)
	if i > 0 {
		from = w.ends[i-1]
	}
	return w.text[from:w.ends[i]]
}

// index returns the index of word b of hash h, adding it if new.
func (w *wordSet) index(b []byte, h uint32) (i int, added bool) {
	mask := uint32(len(w.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		s := &w.slots[k]
		if s.at == 0 {
			w.text = append(w.text, b...)
			w.add(k, h)
			return len(w.masks) - 1, true
		}
		if s.hash == h && string(w.text[s.from:s.to]) == string(b) {
			return int(s.at - 1), false
		}
	}
}

// add fills empty slot k with the word of hash h that ends text, with no
// fields yet.
func (w *wordSet) add(k, h uint32) {
	from := int32(0)
	if n := len(w.ends); n > 0 {
		from = w.ends[n-1]
	}
	w.masks = append(w.masks, 0)
	w.ends = append(w.ends, int32(len(w.text)))
	w.slots[k] = wordSlot{hash: h, at: int32(len(w.masks)), from: from, to: int32(len(w.text))}
	w.filled = append(w.filled, k)
	if 2*len(w.masks) > len(w.slots) {
		w.grow()
	}
}

func (w *wordSet) grow() {
	old := w.slots
	w.slots = make([]wordSlot, 2*len(old))
	w.base = nil // the slots filled are now elsewhere
	mask := uint32(len(w.slots) - 1)
	for _, s := range old {
		if s.at == 0 {
			continue
		}
		k := s.hash & mask
		for w.slots[k].at != 0 {
			k = (k + 1) & mask
		}
		w.slots[k] = s
	}
}

// appendFragment appends an event's fragment, an object of short keys in
// the array of search/e/N.json, written by hand since a large site has a
// hundred thousand of them:
//
//	u: the URL from the site root, t: the title, d: the date as shown,
//	dt: its <time datetime>, k, kn: the track's slug and name, c: its
//	colour, g: the tags' slugs, s: the summary.
//
// Empty strings and lists are left out.
func appendFragment(b []byte, e *Event) []byte {
	field := func(key, v string) {
		if v != "" {
			b = jsonstr.Append(append(append(b, ',', '"'), key...), v)
		}
	}
	b = jsonstr.Append(append(b, `{"u":`...), e.URL)
	b = jsonstr.Append(append(b, `,"t":`...), e.Title)
	b = jsonstr.Append(append(b, `,"d":`...), e.Date)
	field(`dt":`, e.Datetime)
	field(`k":`, e.Track)
	field(`kn":`, e.TrackName)
	b = strconv.AppendInt(append(b, `,"c":`...), int64(e.Colour), 10)
	if len(e.Tags) > 0 {
		b = append(b, `,"g":[`...)
		for i, t := range e.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonstr.Append(b, t)
		}
		b = append(b, ']')
	}
	field(`s":`, e.Summary)
	return append(b, '}')
}

// Analyze makes e ready to index. It may be called from several
// goroutines at once.
func (a *Analyzer) Analyze(e *Event) *Doc { return a.analyze(e, exactBuffer) }

// exactBuffer is an empty buffer of n bytes' capacity, for a doc that may
// be kept: the preview keeps each event's between renders.
func exactBuffer(n int) []byte { return make([]byte, 0, n) }

// analyze is Analyze, with the doc's buffers from buffer(n).
func (a *Analyzer) analyze(e *Event, buffer func(n int) []byte) *Doc {
	w := wordSets.Get().(*wordSet)
	defer wordSets.Put(w)
	// The stop words are in the set from the start: a word is then looked
	// up once, stop word or not.
	w.load(a.stops)
	w.addText(e.Title, 1<<FieldTitle, false)
	w.addText(e.Place, 1<<FieldMeta, true)
	w.addText(e.TrackName, 1<<FieldMeta, true)
	for _, t := range e.TagNames {
		w.addText(t, 1<<FieldMeta, true)
	}
	w.addText(e.Date, 1<<FieldMeta, true)
	for _, dw := range e.DateWords {
		w.addText(dw, 1<<FieldMeta, false)
	}
	// A summary taken from the body is its first paragraph: when the body
	// opens with it, one pass finds the words of both.
	if lead, ok := leadParagraph(e); ok {
		w.addHTML(e.BodyHTML[:lead], 1<<FieldSummary|1<<FieldBody)
		w.addHTML(e.BodyHTML[lead:], 1<<FieldBody)
	} else {
		w.addText(e.Summary, 1<<FieldSummary, true)
		w.addHTML(e.BodyHTML, 1<<FieldBody)
	}

	d := &Doc{track: e.Track, tags: e.Tags}
	n := 0
	for i, m := range w.masks {
		if m != 0 {
			n += len(w.word(i)) + 2
		}
	}
	d.words = buffer(n)
	for i, m := range w.masks {
		if m != 0 {
			d.words = append(append(append(d.words, w.word(i)...), 0), m)
		}
	}
	d.frag = appendFragment(buffer(128+len(e.Title)+len(e.Summary)), e)
	return d
}

// docBuffers hold the words and fragments of AnalyzeBody's docs, until
// Recycle.
var docBuffers = bufpool.Pool{Max: 64 << 10}

// Recycle gives d's buffers to the docs AnalyzeBody makes next, once the
// index has it (Index.Add copies what it needs): a build's docs live from
// their event's page until the index adds them, in time order, and not
// after. d is not to be used again.
func (d *Doc) Recycle() {
	docBuffers.Put(d.words)
	docBuffers.Put(d.frag)
	d.words, d.frag = nil, nil
}

// AnalyzeBody is Analyze for a build, which adds each doc to its index
// once, then recycles it (Doc.Recycle). It reads body, e's BodyHTML, where
// it is, without a copy, and does not keep it: a build has each body as
// the bytes it rendered, and copying them to a string cost more than a
// tenth of the splitting. The doc's buffers come from those recycled.
func (a *Analyzer) AnalyzeBody(e *Event, body []byte) *Doc {
	e.BodyHTML = unsafe.String(unsafe.SliceData(body), len(body))
	d := a.analyze(e, docBuffers.Get)
	e.BodyHTML = ""
	return d
}

// Index gathers the docs of a site's events, in time order.
type Index struct {
	a      *Analyzer
	n      int
	words  map[string]*postings
	tracks map[string]*postings
	tags   map[string]*postings
	put    func(path string, data []byte) error
	frags  []byte // the group being gathered
}

// postings are the events of a word in each field (or of a track or a
// tag, in the first), as gaps: see appendSet.
type postings struct {
	last [numFields]int32
	gaps [numFields][]byte
}

func (p *postings) add(f, id int) {
	prev := p.last[f] - 1
	if len(p.gaps[f]) == 0 {
		prev = -1
	}
	p.gaps[f] = binary.AppendUvarint(p.gaps[f], uint64(int32(id)-prev-1))
	p.last[f] = int32(id) + 1
}

// NewIndex starts the index of a site, which writes the fragment of each
// event to put as it is added. put writes a file, or copies what it keeps
// of data: the index writes the next group of fragments in the same
// buffer, a hundred megabytes in all at 100,000 events.
func (a *Analyzer) NewIndex(put func(path string, data []byte) error) *Index {
	return &Index{a: a, words: map[string]*postings{}, tracks: map[string]*postings{}, tags: map[string]*postings{}, put: put}
}

// FragmentPath is the path of the file that holds event id's fragment,
// at index id % Group of its array.
func FragmentPath(id int) string { return "search/e/" + strconv.Itoa(id/Group) + ".json" }

// Add adds the next event's doc, in time order, and writes its group of
// fragments when it is the last of it.
func (x *Index) Add(d *Doc) error {
	id := x.n
	x.n++
	for w := d.words; len(w) > 0; {
		i := 0
		for w[i] != 0 {
			i++
		}
		p := x.words[string(w[:i])]
		if p == nil {
			p = &postings{}
			x.words[string(w[:i])] = p
		}
		for f := range numFields {
			if w[i+1]&(1<<f) != 0 {
				p.add(f, id)
			}
		}
		w = w[i+2:]
	}
	set := func(m map[string]*postings, slug string) {
		if slug == "" {
			return
		}
		p := m[slug]
		if p == nil {
			p = &postings{}
			m[slug] = p
		}
		p.add(0, id)
	}
	set(x.tracks, d.track)
	for _, t := range d.tags {
		set(x.tags, t)
	}
	if id%Group == 0 {
		x.frags = append(x.frags[:0], '[')
	} else {
		x.frags = append(x.frags, ',', '\n')
	}
	x.frags = append(x.frags, d.frag...)
	if id%Group == Group-1 {
		return x.flushFrags()
	}
	return nil
}

// flushFrags writes the group of fragments gathered.
func (x *Index) flushFrags() error {
	if len(x.frags) == 0 {
		return nil
	}
	b := append(x.frags, "]\n"...)
	x.frags = b[:0]
	return x.put(FragmentPath(x.n-1), b)
}

// ShardPath is the path of shard i.
func ShardPath(i int) string { return "search/w/" + strconv.Itoa(i) + ".bin" }

// Manifest is search/index.json.
type Manifest struct {
	Version int      `json:"version"`
	Events  int      `json:"events"`
	Lang    string   `json:"lang"`
	Stop    []string `json:"stop"`
	// Shards are the first word of each shard: shard i holds the words
	// from Shards[i] to before Shards[i+1]. The first is "".
	Shards []string `json:"shards"`
	// Group is how many events' fragments share a file (see Group).
	Group int `json:"group"`
	// ID names this build of the index: the script asks for each file
	// with ?v=ID, so that a browser never mixes files of two builds.
	ID string `json:"id"`
}

// Finish writes the shards, the sets of the tracks and tags, and the
// manifest.
func (x *Index) Finish() error {
	if err := x.flushFrags(); err != nil {
		return err
	}
	words := make([]string, 0, len(x.words))
	for w := range x.words {
		words = append(words, w)
	}
	slices.Sort(words)
	h := fnv.New64a()
	m := Manifest{Version: 1, Events: x.n, Lang: x.a.lang, Stop: StopWords(x.a.lang), Shards: []string{}, Group: Group}
	if m.Stop == nil {
		m.Stop = []string{}
	}
	var entries []byte
	count := 0
	prev := ""
	flush := func() error {
		if count == 0 {
			return nil
		}
		b := binary.AppendUvarint(make([]byte, 0, len(entries)+4), uint64(count))
		b = append(b, entries...)
		h.Write(b)
		path := ShardPath(len(m.Shards) - 1)
		entries, count, prev = entries[:0], 0, ""
		return x.put(path, b)
	}
	for _, w := range words {
		if count == 0 {
			if len(m.Shards) == 0 {
				m.Shards = append(m.Shards, "")
			} else {
				m.Shards = append(m.Shards, w)
			}
		}
		shared := 0
		for shared < len(w) && shared < len(prev) && w[shared] == prev[shared] {
			shared++
		}
		entries = binary.AppendUvarint(entries, uint64(shared))
		entries = binary.AppendUvarint(entries, uint64(len(w)-shared))
		entries = append(entries, w[shared:]...)
		p := x.words[w]
		var mask byte
		for f := range numFields {
			if len(p.gaps[f]) > 0 {
				mask |= 1 << f
			}
		}
		entries = append(entries, mask)
		for f := range numFields {
			if len(p.gaps[f]) > 0 {
				entries = appendSet(entries, p.gaps[f], int(p.last[f]))
			}
		}
		prev = w
		count++
		if len(entries) >= ShardSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, kind := range []struct {
		dir string
		m   map[string]*postings
	}{{"search/track/", x.tracks}, {"search/tag/", x.tags}} {
		for slug, p := range kind.m {
			if err := x.put(kind.dir+slug+".bin", appendSet(nil, p.gaps[0], int(p.last[0]))); err != nil {
				return err
			}
		}
	}
	m.ID = fmt.Sprintf("%016x", h.Sum64())[:12]
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return x.put("search/index.json", append(b, '\n'))
}

// appendSet appends a set of events, given as gaps (each id less the one
// before it, less one; the first id as it is) with end one past its last
// id, in the smaller of two forms, each led by a uvarint h:
//
//   - h = len<<1: len bytes of the gaps, as uvarints;
//   - h = len<<1 | 1: a uvarint base, then len bytes of bitmap: bit j of
//     byte k (least significant first) is event (base+k)*8 + j.
func appendSet(b, gaps []byte, end int) []byte {
	first, _ := binary.Uvarint(gaps)
	base := int(first) / 8
	size := (end+7)/8 - base
	if size+binary.MaxVarintLen32 >= len(gaps) {
		b = binary.AppendUvarint(b, uint64(len(gaps))<<1)
		return append(b, gaps...)
	}
	b = binary.AppendUvarint(b, uint64(size)<<1|1)
	b = binary.AppendUvarint(b, uint64(base))
	start := len(b)
	b = append(b, make([]byte, size)...)
	id := -1
	for g := gaps; len(g) > 0; {
		v, n := binary.Uvarint(g)
		g = g[n:]
		id += int(v) + 1
		b[start+id/8-base] |= 1 << (id % 8)
	}
	return b
}

// decodeSet calls fn with each event of a set that appendSet wrote at
// the start of b, and returns the rest of b.
func decodeSet(b []byte, fn func(id int)) ([]byte, error) {
	h, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, errCorrupt
	}
	b = b[n:]
	size := int(h >> 1)
	if h&1 == 0 {
		if size > len(b) {
			return nil, errCorrupt
		}
		id := -1
		for g := b[:size]; len(g) > 0; {
			v, n := binary.Uvarint(g)
			if n <= 0 {
				return nil, errCorrupt
			}
			g = g[n:]
			id += int(v) + 1
			fn(id)
		}
		return b[size:], nil
	}
	base, n := binary.Uvarint(b)
	if n <= 0 || size > len(b)-n {
		return nil, errCorrupt
	}
	b = b[n:]
	for k, c := range b[:size] {
		for c != 0 {
			j := bits.TrailingZeros8(c)
			fn((int(base)+k)*8 + j)
			c &= c - 1
		}
	}
	return b[size:], nil
}

var errCorrupt = fmt.Errorf("search: corrupt index file")
