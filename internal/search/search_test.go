package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func words(s string) []string {
	var out []string
	Words(s, func(w string, start, end int) { out = append(out, w) })
	return out
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Genève talks, GENEVA!", []string{"geneve", "talks", "geneva"}},
		{"Ёлка и Йошкар-Ола", []string{"елка", "и", "иошкар", "ола"}},
		{"ΣΊΣΥΦΟΣ σίσυφος", []string{"σισυφοσ", "σισυφοσ"}},
		{"Straße Ångström naïve Łódź", []string{"straße", "angstrom", "naive", "łodz"}},
		{"東京タワー opened", []string{"東", "京", "タ", "ワ", "ー", "opened"}},
		{"on 2014-03-05, in 1939-1945 and 12-b", []string{"on", "2014-03-05", "in", "1939-1945", "and", "12", "b"}},
		{"don't — e-mail", []string{"don", "t", "e", "mail"}},
		{"", nil},
	} {
		if got := words(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Offsets point at the word as written.
	text := "Zürich, Genève"
	Words(text, func(w string, start, end int) {
		if Fold(text[start:end]) != w {
			t.Errorf("%q at %d:%d is %q", w, start, end, text[start:end])
		}
	})
}

func TestHTMLWords(t *testing.T) {
	h := `<p>One <em>emph</em> &amp; <a href="x">link</a>&rsquo;s.</p><ul><li>a</li></ul><script>var x = "<p>";</script><p>Two<sup>1</sup></p>`
	var got []string
	htmlWords(h, nil, func(w []byte, start, end int) {
		got = append(got, string(w))
		if Fold(h[start:end]) != string(w) {
			t.Errorf("%q at %d:%d is %q", w, start, end, h[start:end])
		}
	})
	if want := []string{"one", "emph", "link", "s", "a", "two", "1"}; !slices.Equal(got, want) {
		t.Errorf("htmlWords = %q, want %q", got, want)
	}
}

func TestStopWords(t *testing.T) {
	if !slices.Contains(StopWords("en-GB"), "the") || !slices.Contains(StopWords("ru"), "что") || StopWords("xx") != nil {
		t.Error("stop words by language tag")
	}
	if got := Terms("The Treaty of the Seas", StopWords("en")); !slices.Equal(got, []string{"treaty", "seas"}) {
		t.Errorf("Terms = %q", got)
	}
	if got := Terms("The The", StopWords("en")); !slices.Equal(got, []string{"the"}) {
		t.Errorf("a query of stop words alone looks for them: %q", got)
	}
}

func TestSets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, density := range []int{1, 3, 10, 100} {
		var gaps []byte
		p := &postings{}
		var want []int
		for id := range 5000 {
			if r.IntN(density) == 0 {
				p.add(0, id)
				want = append(want, id)
			}
		}
		gaps = p.gaps[0]
		b := appendSet([]byte{7}, gaps, int(p.last[0]))
		var got []int
		rest, err := decodeSet(b[1:], func(id int) { got = append(got, id) })
		if err != nil || len(rest) != 0 || !slices.Equal(got, want) {
			t.Fatalf("density 1/%d: %v, %d left, %d of %d ids", density, err, len(rest), len(got), len(want))
		}
		if density == 1 && len(b) > 5000/8+8 {
			t.Errorf("a set of every event takes %d bytes, not a bitmap", len(b))
		}
		if skipped, _ := skipSet(b[1:]); len(skipped) != 0 {
			t.Error("skipSet")
		}
	}
}

// site indexes events into memory and returns a loader of its files.
func site(t *testing.T, lang string, events []*Event) (map[string][]byte, Loader) {
	t.Helper()
	files := map[string][]byte{}
	put := func(p string, b []byte) error {
		if _, dup := files[p]; dup {
			t.Fatalf("%s written twice", p)
		}
		files[p] = bytes.Clone(b) // the index writes its next file in b
		return nil
	}
	an := NewAnalyzer(lang)
	idx := an.NewIndex(put)
	for _, e := range events {
		if err := idx.Add(an.Analyze(e)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Finish(); err != nil {
		t.Fatal(err)
	}
	return files, func(p string) ([]byte, error) {
		b, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("%s: not found", p)
		}
		return b, nil
	}
}

func TestRanking(t *testing.T) {
	events := []*Event{
		0: {Title: "A quiet year", BodyHTML: "<p>Nothing about the treaty at all.</p>"},
		1: {Title: "Talks", Summary: "The treaty is signed.", Track: "diplomacy", Tags: []string{"peace"}},
		2: {Title: "Treaty of Rome", Track: "diplomacy"},
		3: {Title: "Treaties everywhere", BodyHTML: "<p>Genève</p>"},
		4: {Title: "Signing", Place: "Treaty Island", Date: "March 1957", DateWords: []string{"1957-03"}, Tags: []string{"peace"}},
		5: {Title: "Rome", BodyHTML: "<p>The treaty of Rome, in Rome.</p>", Track: "law", Tags: []string{"peace"}},
	}
	_, load := site(t, "en", events)
	for _, c := range []struct {
		q    string
		f    Filter
		want []int
	}{
		// Title, then meta, summary, body; whole words before prefixes.
		{"treaty", Filter{}, []int{2, 4, 1, 0, 5}},
		{"treat", Filter{}, []int{2, 3, 4, 1, 0, 5}},
		{"TREATY rome", Filter{}, []int{2, 5}},
		{"the treaty", Filter{}, []int{2, 4, 1, 0, 5}},
		{"treaty", Filter{Track: "diplomacy"}, []int{2, 1}},
		{"treaty", Filter{Track: "diplomacy", Tag: "peace"}, []int{1}},
		{"treaty", Filter{Tag: "nope"}, nil},
		{"geneve", Filter{}, []int{3}},
		{"GENÈVE", Filter{}, []int{3}},
		{"1957", Filter{}, []int{4}},
		{"1957-03", Filter{}, []int{4}},
		{"march", Filter{}, []int{4}},
		{"r", Filter{}, nil}, // one letter: no prefix
		{"", Filter{}, nil},
	} {
		got, err := Query(load, c.q, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Query(%q, %+v) = %v, want %v", c.q, c.f, got, c.want)
		}
	}
}

// TestLead: a summary that is the body's first paragraph is found in
// the same pass as the body, word for word as a written one.
func TestLead(t *testing.T) {
	body := "<p>First <em>words</em> here.</p>\n<p>Then more words.</p>"
	for _, lead := range []bool{true, false} {
		files, _ := site(t, "en", []*Event{{Title: "T", Summary: "First words here.", BodyHTML: body, Lead: lead}})
		got, err := Dump("search/w/0.bin", files["search/w/0.bin"])
		if err != nil {
			t.Fatal(err)
		}
		want := `"first" summary=[0] body=[0]
"here" summary=[0] body=[0]
"more" body=[0]
"t" title=[0]
"then" body=[0]
"words" summary=[0] body=[0]
`
		if got != want {
			t.Errorf("lead %v:\n%s\nwant\n%s", lead, got, want)
		}
	}
}

func TestShardRange(t *testing.T) {
	shards := []string{"", "b", "ga", "gb", "gc", "h"}
	for _, c := range []struct {
		term   string
		lo, hi int
	}{
		{"a", 0, 0}, {"b", 1, 1}, {"ba", 1, 1}, {"g", 1, 1}, {"ga", 2, 2}, {"gaz", 2, 2},
		{"gb", 3, 3}, {"z", 5, 5}, {"fz", 1, 1},
	} {
		if lo, hi := ShardRange(shards, c.term); lo != c.lo || hi != c.hi {
			t.Errorf("ShardRange(%q) = %d, %d; want %d, %d", c.term, lo, hi, c.lo, c.hi)
		}
	}
	// A prefix that the next shards begin with looks in them too, up to
	// MaxShards.
	shards = []string{"", "ge", "gea", "geb", "gec"}
	if lo, hi := ShardRange(shards, "ge"); lo != 1 || hi != MaxShards {
		t.Errorf("ShardRange(ge) = %d, %d", lo, hi)
	}
	if lo, hi := ShardRange([]string{"", "gea", "geb"}, "ge"); lo != 0 || hi != MaxShards-1 {
		t.Errorf("ShardRange(ge) before its shards = %d, %d", lo, hi)
	}
}

// TestLargeIndex indexes thousands of events: shards stay near ShardSize,
// a query loads one shard per word, and finds what a scan of the events
// finds.
func TestLargeIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx", i)
	}
	events := make([]*Event, 4000)
	for i := range events {
		var body []string
		for range 60 {
			body = append(body, vocab[int(r.ExpFloat64()*300)%len(vocab)])
		}
		events[i] = &Event{Title: fmt.Sprintf("Event %d", i), BodyHTML: "<p>" + strings.Join(body, " ") + "</p>"}
	}
	files, load := site(t, "", events)
	shards := 0
	for p, b := range files {
		if strings.HasPrefix(p, "search/w/") {
			shards++
			if len(b) > 2*ShardSize+4000/8*4 {
				t.Errorf("%s is %d bytes", p, len(b))
			}
		}
	}
	if shards < 5 {
		t.Fatalf("%d shards", shards)
	}
	for _, w := range []string{"w0x", "w5x", "w700x", "w2999x"} {
		var want []int
		for i, e := range events {
			if slices.Contains(strings.Fields(strings.Trim(e.BodyHTML, "<p/>")), w) {
				want = append(want, i)
			}
		}
		var loaded []string
		got, err := Query(func(p string) ([]byte, error) { loaded = append(loaded, p); return load(p) }, w, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d events, want %d", w, len(got), len(want))
		}
		if len(loaded) > 1+MaxShards {
			t.Errorf("%s loaded %q", w, loaded)
		}
	}
}

func TestFragment(t *testing.T) {
	e := &Event{URL: "events/x/", Title: "A \"quoted\" \\ title\n\twith\x01 <tags> & \u2028", Date: "1914",
		Track: "war", TrackName: "War", Colour: 3, Tags: []string{"a", "b"}, Summary: "Bad \xff byte.", BodyHTML: "<p>Body.</p>"}
	var f struct {
		URL, Title, Date, Track, TrackName, Summary, Body string
		Colour                                            int
		Tags                                              []string
	}
	d := NewAnalyzer("en").Analyze(e)
	if err := json.Unmarshal(d.frag, &struct {
		U, T, D, K, Kn, S, B *string
		C                    *int
		G                    *[]string
	}{&f.URL, &f.Title, &f.Date, &f.Track, &f.TrackName, &f.Summary, &f.Body, &f.Colour, &f.Tags}); err != nil {
		t.Fatalf("%s: %v", d.frag, err)
	}
	if f.Title != e.Title || f.URL != e.URL || f.Track != "war" || f.TrackName != "War" || f.Colour != 3 ||
		!slices.Equal(f.Tags, e.Tags) || f.Summary != "Bad \ufffd byte." || f.Body != "" {
		t.Errorf("fragment %s read back as %+v", d.frag, f)
	}
	if bytes.ContainsAny(d.frag, "<>&\u2028") {
		t.Errorf("fragment %s holds markup characters or a line separator as they are", d.frag)
	}
}

// TestFragmentGroups: each group's file holds its own events' fragments,
// in order, though the index writes every group in one buffer.
func TestFragmentGroups(t *testing.T) {
	var events []*Event
	for i := range 3*Group + 1 {
		events = append(events, &Event{URL: fmt.Sprintf("events/e%d/", i), Title: fmt.Sprintf("Event %d%s", i, strings.Repeat(" long", i%5*40))})
	}
	files, _ := site(t, "en", events)
	for g := 0; g*Group < len(events); g++ {
		var frags []struct{ U, T string }
		if err := json.Unmarshal(files[FragmentPath(g*Group)], &frags); err != nil {
			t.Fatalf("%s: %v", FragmentPath(g*Group), err)
		}
		want := min(Group, len(events)-g*Group)
		if len(frags) != want {
			t.Fatalf("%s has %d fragments, want %d", FragmentPath(g*Group), len(frags), want)
		}
		for k, f := range frags {
			if e := events[g*Group+k]; f.U != e.URL || f.T != e.Title {
				t.Errorf("%s fragment %d is %s, want %s", FragmentPath(g*Group), k, f.U, e.URL)
			}
		}
	}
}
