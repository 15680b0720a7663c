package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// splitSite has eight events: two in deep time, two in 2001, one in 2003,
// three in 2005; an era over 2000–2002 and an ongoing one from 2005; and
// [timelinejs] max_events = max.
func splitSite(max int) fstest.MapFS {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(fmt.Sprintf(`title = "Split"
baseURL = "https://example.org/tl/"

[timelinejs]
max_events = %d

[[eras]]
title = "Turn"
date = "2000"
end = "2002"

[[eras]]
title = "Now"
date = "2005"
end = "present"
`, max))}}
	for i, d := range []string{"-13800000000", "-13800000000", "2001-01", "2001-02", "2003-05", "2005-01", "2005-02", "2005-03"} {
		fsys[fmt.Sprintf("content/events/e%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = %q\n+++\nBody %d.\n", i, d, i))}
	}
	return fsys
}

// tlContents reads a TimelineJS file's events (by unique_id), eras (by
// headline) and scale.
func tlContents(t *testing.T, b []byte) (events, eras []string, scale string) {
	t.Helper()
	for _, s := range checkTimelineJS(t, b) {
		events = append(events, s["unique_id"].(string))
	}
	var f struct {
		Eras  []struct{ Text struct{ Headline string } }
		Scale string
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Eras {
		eras = append(eras, e.Text.Headline)
	}
	return events, eras, f.Scale
}

func TestTimelineJSSplit(t *testing.T) {
	t.Run("at the threshold", func(t *testing.T) {
		_, out := renderSite(t, splitSite(8), Options{})
		events, eras, scale := tlContents(t, out.Files["timeline.json"])
		if len(events) != 8 || !slices.Equal(eras, []string{"Turn", "Now"}) || scale != "cosmological" {
			t.Errorf("timeline.json holds %v, eras %v, scale %q; want every event and era", events, eras, scale)
		}
		for p := range out.Files {
			if strings.HasPrefix(p, "timeline/") {
				t.Errorf("%s written for a site within max_events", p)
			}
		}
	})

	t.Run("past it", func(t *testing.T) {
		_, out := renderSite(t, splitSite(4), Options{})
		type want struct {
			events, eras []string
			scale        string
		}
		files := map[string]want{
			// The newest whole years of at most four events.
			"timeline.json":                {[]string{"e4", "e5", "e6", "e7"}, []string{"Now"}, ""},
			"timeline/13800000001-bc.json": {[]string{"e0", "e1"}, nil, "cosmological"},
			"timeline/2001.json":           {[]string{"e2", "e3"}, []string{"Turn"}, ""},
			"timeline/2003.json":           {[]string{"e4"}, nil, ""},
			"timeline/2005.json":           {[]string{"e5", "e6", "e7"}, []string{"Now"}, ""},
		}
		for p, w := range files {
			events, eras, scale := tlContents(t, out.Files[p])
			if !slices.Equal(events, w.events) || !slices.Equal(eras, w.eras) || scale != w.scale {
				t.Errorf("%s holds %v, eras %v, scale %q; want %v, %v, %q", p, events, eras, scale, w.events, w.eras, w.scale)
			}
			if title := checkTimelineJSTitle(t, out.Files[p]); title != "Split" {
				t.Errorf("%s: title slide %q", p, title)
			}
		}
		var idx struct {
			Title  string
			Newest []string
			Years  []struct {
				Name   string
				Year   int
				Events int
				URL    string
			}
		}
		if err := json.Unmarshal(out.Files["timeline/index.json"], &idx); err != nil {
			t.Fatal(err)
		}
		var listed []string
		for _, y := range idx.Years {
			listed = append(listed, fmt.Sprintf("%s %d %d %s", y.Name, y.Year, y.Events, y.URL))
		}
		wantYears := []string{
			"13.8 billion years ago -13800000000 2 https://example.org/tl/timeline/13800000001-bc.json",
			"2001 2001 2 https://example.org/tl/timeline/2001.json",
			"2003 2003 1 https://example.org/tl/timeline/2003.json",
			"2005 2005 3 https://example.org/tl/timeline/2005.json",
		}
		if idx.Title != "Split" || !slices.Equal(idx.Newest, []string{"2003", "2005"}) || !slices.Equal(listed, wantYears) {
			t.Errorf("index.json: %q, newest %v, years\n%s\nwant newest [2003 2005], years\n%s",
				idx.Title, idx.Newest, strings.Join(listed, "\n"), strings.Join(wantYears, "\n"))
		}
		var written []string
		for p := range maps.Keys(out.Files) {
			if strings.HasPrefix(p, "timeline") && p != "timeline.js" {
				written = append(written, p)
			}
		}
		slices.Sort(written)
		if want := append(slices.Sorted(maps.Keys(files)), "timeline/index.json"); !slices.Equal(written, slices.Sorted(slices.Values(want))) {
			t.Errorf("wrote %v, want %v", written, want)
		}
	})

	t.Run("a year past it", func(t *testing.T) {
		// The newest year alone has more events than max_events: it is
		// timeline.json still.
		_, out := renderSite(t, splitSite(2), Options{})
		if events, _, _ := tlContents(t, out.Files["timeline.json"]); !slices.Equal(events, []string{"e5", "e6", "e7"}) {
			t.Errorf("timeline.json holds %v, want the newest year", events)
		}
	})
}
