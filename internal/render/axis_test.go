package render

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestAxisData: /axis.json places every event of homeSite, with its track,
// tags, flags and year, the eras and the build time, the same in every
// build.
func TestAxisData(t *testing.T) {
	fsys := withConfig(homeSite, `title = "Home"
baseURL = "https://example.org/"
[[eras]]
title = "Annexation"
date = "2014-02"
end = "2014-03"
[[eras]]
title = "War"
date = "2014-04"
end = "present"
`)
	// A new MapFile: withConfig's copy shares the files with homeSite.
	fsys["content/events/crimea.md"] = &fstest.MapFile{Data: bytes.Replace(fsys["content/events/crimea.md"].Data, []byte("track ="), []byte("featured = true\ntrack ="), 1)}
	now := time.Date(2026, 7, 2, 12, 0, 0, 0, time.UTC)
	site, out := renderSite(t, fsys, Options{Now: now})
	raw := out.Files["axis.json"]
	var data struct {
		Now                 float64
		Tracks, Tags, Years []struct{ Slug, Name, URL string }
		Eras                [][]any
		Events              [][]any
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatalf("axis.json: %v\n%s", err, raw)
	}
	if want := 2026.5; data.Now < want || data.Now > want+0.01 {
		t.Errorf("now = %v, want about %v", data.Now, want)
	}
	if len(data.Events) != len(site.Events) || len(data.Tracks) != len(site.Tracks) || len(data.Tags) != len(site.Tags) || len(data.Years) != len(site.Years) {
		t.Fatalf("axis.json has %d events, %d tracks, %d tags, %d years; the site %d, %d, %d, %d", len(data.Events), len(data.Tracks),
			len(data.Tags), len(data.Years), len(site.Events), len(site.Tracks), len(site.Tags), len(site.Years))
	}
	bySlug := map[string][]any{}
	for i, row := range data.Events {
		if len(row) != 9 {
			t.Fatalf("event %d: %v, want 9 fields", i, row)
		}
		bySlug[row[5].(string)] = row
		e := site.Events[i]
		if row[5] != e.Slug || row[6] != e.Title || row[7] != e.DateText() {
			t.Errorf("event %d: %v, want %s %q %q", i, row, e.Slug, e.Title, e.DateText())
		}
		track := -1
		for j, tr := range site.Tracks {
			if tr.Slug == e.TrackSlug() {
				track = j
			}
		}
		if int(row[2].(float64)) != track {
			t.Errorf("%s: track %v, want %d", e.Slug, row[2], track)
		}
		var tags []string
		for _, j := range row[3].([]any) {
			tags = append(tags, data.Tags[int(j.(float64))].Slug)
		}
		var want []string
		for _, tg := range e.Tags {
			want = append(want, timeline.Slugify(tg))
		}
		if len(tags) != len(want) {
			t.Errorf("%s: tags %v, want %v", e.Slug, tags, want)
		}
		for k := range tags {
			if k < len(want) && tags[k] != want[k] {
				t.Errorf("%s: tags %v, want %v", e.Slug, tags, want)
			}
		}
		if y := site.Years[int(row[8].(float64))]; !slices.Contains(y.Events, e) {
			t.Errorf("%s: year %s, which does not hold it", e.Slug, y.Name)
		}
	}
	for _, c := range []struct {
		slug     string
		from, to any
		flags    float64
	}{
		{"marathon", -489 + 243.0/365, nil, 0},          // 1 September 490 BC: year 0 is 1 BC
		{"crimea", 2014 + 57.0/365, 2014 + 77.0/365, 1}, // 27 February to the end of 18 March
		{"war", 2014 + 90.0/365, nil, 2},                // ongoing
	} {
		row := bySlug[c.slug]
		if from := row[0].(float64); from < c.from.(float64)-1e-5 || from > c.from.(float64)+1e-5 {
			t.Errorf("%s: from %v, want %v", c.slug, from, c.from)
		}
		if c.to == nil && row[1] != nil {
			t.Errorf("%s: to %v, want null", c.slug, row[1])
		}
		if c.to != nil {
			if to, _ := row[1].(float64); to < c.to.(float64)-1e-5 || to > c.to.(float64)+1e-5 {
				t.Errorf("%s: to %v, want %v", c.slug, row[1], c.to)
			}
		}
		if row[4] != c.flags {
			t.Errorf("%s: flags %v, want %v", c.slug, row[4], c.flags)
		}
	}
	if len(data.Eras) != 2 || data.Eras[0][0] != "Annexation" || !near(data.Eras[0][2], 2014+90.0/365) || data.Eras[1][2] != nil {
		t.Errorf("eras %v", data.Eras)
	}

	_, again := renderSite(t, fsys, Options{Now: now})
	if !bytes.Equal(again.Files["axis.json"], raw) {
		t.Error("two builds wrote different axis.json")
	}
}

func near(v any, want float64) bool {
	f, ok := v.(float64)
	return ok && f > want-1e-5 && f < want+1e-5
}

// TestAppendAxisEvent: an event's array in axis.json is what json.Marshal
// makes of it, for events of every shape: spans, ongoing and featured
// ones, deep time, no track or tags, and text to escape.
func TestAppendAxisEvent(t *testing.T) {
	track := &termView{Index: 3}
	tags := []*termView{{Index: 0}, {Index: 11}}
	year := &termView{Index: 7}
	date := func(s string) timeline.Date {
		d, err := timeline.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, e := range []*timeline.Event{
		{Slug: "a", Title: "A moment", Date: date("2014-03-18")},
		{Slug: "b", Title: `Quotes " and <b>&</b>, a line` + "\u2028" + "end\x01\xff", Date: date("2014"), End: date("2022-02-24T04:00:00+02:00"), Featured: true},
		{Slug: "c", Title: "Ongoing", Date: date("1991-08-24"), Ongoing: true},
		{Slug: "d", Title: "Deep time", Date: date("-13800000000")},
		{Slug: "e", Title: "Year zero", Date: date("0000")},
		{Slug: "f", Title: "Circa", Date: timeline.Date{Year: 1200, Month: 6, Precision: timeline.PrecisionMonth, Circa: true}},
	} {
		for _, terms := range []bool{true, false} {
			v := &eventView{Event: e, DateText: e.DateText(), Year: year}
			if terms {
				v.Track, v.Tags = track, tags
			}
			var to any
			if !v.Ongoing && !v.End.IsZero() {
				to = axisYears(v.End.Next())
			}
			trackIndex, tagIndexes := -1, []int{}
			if v.Track != nil {
				trackIndex = v.Track.Index
			}
			for _, t := range v.Tags {
				tagIndexes = append(tagIndexes, t.Index)
			}
			flags := 0
			if v.Featured {
				flags |= 1
			}
			if v.Ongoing {
				flags |= 2
			}
			want, err := json.Marshal([]any{axisYears(v.Date), to, trackIndex, tagIndexes, flags, v.Slug, v.Title, v.DateText, v.Year.Index})
			if err != nil {
				t.Fatal(err)
			}
			if got := appendAxisEvent([]byte("x"), v); string(got) != "x"+string(want) {
				t.Errorf("%s (terms %v):\n got %s\nwant %s", e.Slug, terms, got[1:], want)
			}
		}
	}
}

// TestAppendJSONFloat: a float is written as json.Marshal writes it, on
// both sides of where it turns to exponents, and for years with fractions.
func TestAppendJSONFloat(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 1914.5, 2022.146575, -13.8e9, 1e-6, 9.99e-7, -1e-7, 1.5e-300,
		1e20, 1e21, 1.2345678901234567e21, -1e21, 123456789012345678, math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		fs = append(fs, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(60)-30)))
	}
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFloat(nil, f); string(got) != string(want) {
			t.Errorf("%v: got %s, want %s", f, got, want)
		}
	}
}

// BenchmarkAxisData is axis.json of a 1,000-event site, written as a
// build writes it, to a file, here counted.
func BenchmarkAxisData(b *testing.B) {
	_, r := benchRenderer(b, 1000)
	var size countingFile
	r.create = func(string) (io.WriteCloser, error) { return &size, nil }
	for b.Loop() {
		size.n = 0
		if err := r.axisData(nil); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(size.n)
}
