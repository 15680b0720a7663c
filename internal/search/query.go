package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// weights rank a match by its field (title, meta, summary, body); a whole
// word counts three times its field's weight, a prefix twice, so that a
// whole word in a field is above a prefix in it and below any match in a
// field of twice the weight.
var weights = [numFields]int{8, 4, 3, 1}

// MaxShards is how many shards a word of a query may load: a short
// prefix ("ge") spans many, and is looked for in the first ones only.
const MaxShards = 2

// maxTerms bounds the words of a query that are looked for.
const maxTerms = 8

// Filter is the home page's filter: events of a track, of a tag, or both.
type Filter struct{ Track, Tag string }

// Terms splits a query into the words it looks for: folded, without
// repeats, and without stop words unless it has nothing else.
func Terms(q string, stop []string) []string {
	var all, kept []string
	Words(q, func(w string, _, _ int) {
		if !slices.Contains(all, w) && len(all) < maxTerms {
			all = append(all, w)
			if !slices.Contains(stop, w) {
				kept = append(kept, w)
			}
		}
	})
	if len(kept) == 0 {
		return all
	}
	return kept
}

// prefixes reports whether a term also finds the words it starts: not a
// single character, which would find most of a shard.
func prefixes(term string) bool { return utf8.RuneCountInString(term) >= 2 }

// ShardRange returns the shards, first and last, that a term's words may
// be in: the one where the term would be, and for a prefix the following
// ones whose first word it starts, up to MaxShards in all.
func ShardRange(shards []string, term string) (lo, hi int) {
	lo = sort.Search(len(shards), func(i int) bool { return shards[i] > term }) - 1
	lo = max(lo, 0)
	hi = lo
	if prefixes(term) {
		for hi+1 < len(shards) && hi+1 < lo+MaxShards && strings.HasPrefix(shards[hi+1], term) {
			hi++
		}
	}
	return lo, hi
}

// Loader reads a file of the built site by its path ("search/index.json").
type Loader func(path string) ([]byte, error)

// Query returns the events that match q within f, best first, as the
// browser's script finds them. It reads the index through load.
func Query(load Loader, q string, f Filter) ([]int, error) {
	hits, err := QueryHits(load, q, f)
	ids := make([]int, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids, err
}

// A Hit is an event that a query found.
type Hit struct {
	ID int
	// Body is whether a word of the query is found in the event's body
	// alone: its snippet is cut from the body, which the browser loads
	// from the event's page.
	Body bool
}

// QueryHits is Query, telling which events it found by their bodies.
func QueryHits(load Loader, q string, f Filter) ([]Hit, error) {
	b, err := load("search/index.json")
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	terms := Terms(q, m.Stop)
	if len(terms) == 0 || m.Events == 0 {
		return nil, nil
	}
	total := make([]int, m.Events)
	body := make([]bool, m.Events)
	for k, term := range terms {
		best := make([]int, m.Events)
		lo, hi := ShardRange(m.Shards, term)
		for i := lo; i <= hi; i++ {
			shard, err := load(ShardPath(i))
			if err != nil {
				return nil, err
			}
			if err := scan(shard, term, best); err != nil {
				return nil, err
			}
		}
		for id, s := range best {
			body[id] = body[id] || s > 0 && s <= 3*weights[FieldBody]
			switch {
			case s == 0 || k > 0 && total[id] == 0:
				total[id] = 0
			default:
				total[id] += s
			}
		}
	}
	for _, set := range []struct{ dir, slug string }{{"search/track/", f.Track}, {"search/tag/", f.Tag}} {
		if set.slug == "" {
			continue
		}
		in := make([]bool, m.Events)
		if b, err := load(set.dir + set.slug + ".bin"); err == nil {
			if _, err := decodeSet(b, func(id int) { in[id] = true }); err != nil {
				return nil, err
			}
		}
		for id := range total {
			if !in[id] {
				total[id] = 0
			}
		}
	}
	var hits []Hit
	for id, s := range total {
		if s > 0 {
			hits = append(hits, Hit{ID: id, Body: body[id]})
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int { return total[b.ID] - total[a.ID] })
	return hits, nil
}

// scan finds the words of a shard that a term matches and raises each
// event's score in best to the best match it has.
func scan(b []byte, term string, best []int) error {
	count, n := binary.Uvarint(b)
	if n <= 0 {
		return errCorrupt
	}
	b = b[n:]
	t := []byte(term)
	pre := prefixes(term)
	var word []byte
	for range count {
		shared, n := binary.Uvarint(b)
		if n <= 0 || int(shared) > len(word) {
			return errCorrupt
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || int(size) >= len(b)-n {
			return errCorrupt
		}
		b = b[n:]
		word = append(word[:shared], b[:size]...)
		b = b[size:]
		mask := b[0]
		b = b[1:]
		exact := bytes.Equal(word, t)
		match := exact || pre && bytes.HasPrefix(word, t)
		for f := range numFields {
			if mask&(1<<f) == 0 {
				continue
			}
			var err error
			if !match {
				b, err = skipSet(b)
			} else {
				s := weights[f] * 2
				if exact {
					s = weights[f] * 3
				}
				b, err = decodeSet(b, func(id int) {
					if id < len(best) && best[id] < s {
						best[id] = s
					}
				})
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// skipSet returns b past the set at its start.
func skipSet(b []byte) ([]byte, error) {
	h, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, errCorrupt
	}
	b = b[n:]
	if h&1 == 1 {
		if _, n = binary.Uvarint(b); n <= 0 {
			return nil, errCorrupt
		}
		b = b[n:]
	}
	if int(h>>1) > len(b) {
		return nil, errCorrupt
	}
	return b[h>>1:], nil
}
