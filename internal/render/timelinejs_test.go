package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// checkTimelineJS checks a TimelineJS3 file against the documented format
// (https://timeline.knightlab.com/docs/json-format.html) and returns its
// event slides. It reads the JSON generically, not into the types that
// wrote it, so that a field of the wrong name or type is caught.
func checkTimelineJS(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var file map[string]any
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("timeline.json: %v", err)
	}
	onlyKeys(t, "the file", file, "events", "title", "eras", "scale")
	list, ok := file["events"].([]any)
	if !ok {
		t.Fatal("timeline.json: events is not a list")
	}
	if title, ok := file["title"].(map[string]any); ok {
		checkSlide(t, "title", title, false)
	}
	if eras, ok := file["eras"]; ok {
		list, _ := eras.([]any)
		if len(list) == 0 {
			t.Error("eras is not a list of eras")
		}
		for i, e := range list {
			era, _ := e.(map[string]any)
			checkSlide(t, "era", era, true)
			if _, ok := era["end_date"]; !ok {
				t.Errorf("era %d has no end_date", i)
			}
		}
	}
	if scale, ok := file["scale"]; ok && scale != "human" && scale != "cosmological" {
		t.Errorf("scale %v", scale)
	}
	ids := map[string]bool{}
	var slides []map[string]any
	for i, s := range list {
		slide, ok := s.(map[string]any)
		if !ok {
			t.Fatalf("event %d is not an object", i)
		}
		checkSlide(t, "event", slide, true)
		id, _ := slide["unique_id"].(string)
		if id == "" || ids[id] {
			t.Errorf("event %d: unique_id %q missing or repeated", i, id)
		}
		ids[id] = true
		slides = append(slides, slide)
	}
	return slides
}

func onlyKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for k := range m {
		found := false
		for _, want := range keys {
			found = found || k == want
		}
		if !found {
			t.Errorf("%s has %q, which the format does not define", what, k)
		}
	}
}

func checkSlide(t *testing.T, what string, s map[string]any, needsDate bool) {
	t.Helper()
	onlyKeys(t, what, s, "start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id")
	if _, ok := s["start_date"]; needsDate && !ok {
		t.Errorf("%s has no start_date", what)
	}
	for _, k := range []string{"start_date", "end_date"} {
		if d, ok := s[k]; ok {
			checkTLDate(t, what+" "+k, d)
		}
	}
	if txt, ok := s["text"].(map[string]any); ok {
		onlyKeys(t, what+" text", txt, "headline", "text")
		for k, v := range txt {
			if _, ok := v.(string); !ok {
				t.Errorf("%s text.%s is not a string", what, k)
			}
		}
	}
	if m, ok := s["media"]; ok {
		media, _ := m.(map[string]any)
		onlyKeys(t, what+" media", media, "url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
		if u, _ := media["url"].(string); u == "" {
			t.Errorf("%s media has no url", what)
		}
	}
	for _, k := range []string{"group", "display_date", "unique_id"} {
		if v, ok := s[k]; ok {
			if _, isStr := v.(string); !isStr {
				t.Errorf("%s %s is not a string", what, k)
			}
		}
	}
}

// checkTLDate: a year (a whole number), then each finer field only when
// the coarser one is there, each in its documented range.
func checkTLDate(t *testing.T, what string, v any) {
	t.Helper()
	d, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%s is not an object", what)
		return
	}
	onlyKeys(t, what, d, "year", "month", "day", "hour", "minute", "second", "millisecond", "display_date")
	parts := []struct {
		name     string
		min, max int64
	}{{"year", -timeline.MaxYear, timeline.MaxYear}, {"month", 1, 12}, {"day", 1, 31}, {"hour", 0, 23}, {"minute", 0, 59}, {"second", 0, 59}}
	present := true
	for _, p := range parts {
		x, ok := d[p.name]
		if !ok {
			if p.name == "year" {
				t.Errorf("%s has no year", what)
			}
			present = false
			continue
		}
		if !present {
			t.Errorf("%s has a %s without the coarser fields", what, p.name)
		}
		n, isNum := x.(json.Number)
		i, err := n.Int64()
		if !isNum || err != nil || i < p.min || i > p.max {
			t.Errorf("%s %s = %v: not a whole number in %d–%d", what, p.name, x, p.min, p.max)
		}
	}
}

// slideByID finds a slide by its unique_id.
func slideByID(slides []map[string]any, id string) map[string]any {
	for _, s := range slides {
		if s["unique_id"] == id {
			return s
		}
	}
	return nil
}

// dateText shows a date object compactly: "2014-3-18 15:35".
func dateText(v any) string {
	d, _ := v.(map[string]any)
	if d == nil {
		return ""
	}
	var b strings.Builder
	for i, k := range []string{"year", "month", "day", "hour", "minute", "second"} {
		x, ok := d[k]
		if !ok {
			break
		}
		b.WriteString([]string{"", "-", "-", " ", ":", ":"}[i])
		b.WriteString(x.(json.Number).String())
	}
	return b.String()
}

func TestTimelineJS(t *testing.T) {
	site, out := renderSite(t, exportSite, Options{})
	slides := checkTimelineJS(t, out.Files["timeline.json"])
	if len(slides) != len(site.Events) {
		t.Fatalf("%d slides, want one per event (%d)", len(slides), len(site.Events))
	}
	for i, e := range site.Events {
		if slides[i]["unique_id"] != e.Slug {
			t.Errorf("slide %d is %v, want %s in time order", i, slides[i]["unique_id"], e.Slug)
		}
	}
	cases := []struct {
		id, start, end, display, group string
	}{
		{"bc", "-489-9", "", "September 490 BC", "War"},
		{"year", "1990", "", "c. 1990", ""},
		{"month", "2014-3", "2014-3-18", "March – 18 March 2014", "Military"},
		{"day", "2021-12-31", "", "31 December 2021", "Politics"},
		{"ongoing", "2021-11", "2026-11-30", "November 2021 – present", "Military"},
		{"minute", "2021-12-30 15:35", "2021-12-30 16:25", "30 December 2021, 15:35 UTC-05:00 – 30 December 2021, 16:25 UTC-05:00", "Diplomacy"},
		{"local", "2022-1-10 9:0", "", "10 January 2022, 09:00", ""},
		{"days", "2022-1-10", "2022-1-12", "10–12 January 2022", "Diplomacy"},
	}
	for _, c := range cases {
		s := slideByID(slides, c.id)
		if s == nil {
			t.Errorf("no slide %s", c.id)
			continue
		}
		group, _ := s["group"].(string)
		if got := [4]string{dateText(s["start_date"]), dateText(s["end_date"]), s["display_date"].(string), group}; got != [4]string{c.start, c.end, c.display, c.group} {
			t.Errorf("%s: got %q, want %q", c.id, got, [4]string{c.start, c.end, c.display, c.group})
		}
	}

	month := slideByID(slides, "month")
	media, _ := month["media"].(map[string]any)
	if media["url"] != "https://example.org/tl/img/a.png" || media["alt"] != "An image" || media["credit"] != "Photo: Desk" {
		t.Errorf("media %v", media)
	}
	text := month["text"].(map[string]any)
	if text["headline"] != "A month, with commas; and semicolons" {
		t.Errorf("headline %q", text["headline"])
	}
	body := text["text"].(string)
	for _, want := range []string{
		`<p class="summary">A written summary.</p>`,
		`<a href="https://example.org/tl/events/year/">a relative link</a>`,
		`<li>one</li>`,
		`<section class="sources"><h2>Sources</h2>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("slide text lacks %s:\n%s", want, body)
		}
	}
	// A summary taken from the body is not repeated above it.
	if day := slideByID(slides, "day")["text"].(map[string]any)["text"].(string); strings.Contains(day, `class="summary"`) {
		t.Errorf("the day's slide repeats its first paragraph as a summary: %s", day)
	}
	title := checkTimelineJSTitle(t, out.Files["timeline.json"])
	if title != "Test, timeline; one" {
		t.Errorf("title slide headline %q", title)
	}
}

func checkTimelineJSTitle(t *testing.T, b []byte) string {
	var f struct {
		Title struct {
			Text struct{ Headline string }
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Title.Text.Headline
}

// TestTimelineJSMediaErasDeepTime: media with its caption and credit
// (before an image), eras, seconds, and deep time at TimelineJS's
// cosmological scale.
func TestTimelineJSMediaErasDeepTime(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte(`title = "T"
baseURL = "https://example.org/tl/"

[[eras]]
title = "Before <us>"
date = "-13800000000"
end = "-9999"
summary = "A long while."

[[eras]]
title = "Now"
date = "2000"
end = "present"
`)},
		"static/img/a.png":       {Data: []byte("png")},
		"content/events/bang.md": {Data: []byte("+++\ntitle = \"Big Bang\"\ndate = \"-13800000000\"\n+++\n")},
		"content/events/video.md": {Data: []byte(`+++
title = "Video"
date = "2014-06-18T17:17:44"
media = "https://www.youtube.com/watch?v=abc"
media_caption = "A <video>"
media_credit = "Someone & co"
image = "img/a.png"
image_alt = "An image"
+++
`)},
		"content/events/quote.md": {Data: []byte(`+++
title = "Quote"
date = "2015"
media = "<blockquote><p>Words.</p></blockquote>"
+++
`)},
		"content/events/local.md": {Data: []byte("+++\ntitle = \"Local\"\ndate = \"2016\"\nmedia = \"/video.mp4\"\n+++\n")},
		"static/video.mp4":        {Data: []byte("not really a video")},
	}
	_, out := renderSite(t, fsys, Options{})
	b := out.Files["timeline.json"]
	slides := checkTimelineJS(t, b)
	media := func(id string) map[string]any {
		m, _ := slideByID(slides, id)["media"].(map[string]any)
		return m
	}
	if m := media("video"); m["url"] != "https://www.youtube.com/watch?v=abc" || m["caption"] != "A &lt;video&gt;" || m["credit"] != "Someone &amp; co" || m["alt"] != nil {
		t.Errorf("video's media %v", m)
	}
	if got := dateText(slideByID(slides, "video")["start_date"]); got != "2014-6-18 17:17:44" {
		t.Errorf("video's start %s", got)
	}
	if m := media("quote"); m["url"] != "<blockquote><p>Words.</p></blockquote>" {
		t.Errorf("quote's media %v", m)
	}
	if m := media("local"); m["url"] != "https://example.org/tl/video.mp4" {
		t.Errorf("local media %v", m)
	}
	if got := dateText(slideByID(slides, "bang")["start_date"]); got != "-13800000000" {
		t.Errorf("the Big Bang starts at %s", got)
	}
	var f struct {
		Eras  []map[string]any
		Scale string
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	if f.Scale != "cosmological" {
		t.Errorf("scale %q, want cosmological for the Big Bang", f.Scale)
	}
	type era struct{ Start, End, Headline, Text string }
	var eras []era
	for _, e := range f.Eras {
		text, _ := e["text"].(map[string]any)
		h, _ := text["headline"].(string)
		x, _ := text["text"].(string)
		eras = append(eras, era{dateText(e["start_date"]), dateText(e["end_date"]), h, x})
	}
	want := []era{
		{"-13800000000", "-9999", "Before &lt;us&gt;", "<p>A long while.</p>"},
		{"2000", "2026-11-30", "Now", ""}, // an ongoing era ends at the build date
	}
	if !slices.Equal(eras, want) {
		t.Errorf("eras %+v, want %+v", eras, want)
	}

	// Without deep time, the scale is left to TimelineJS (human).
	delete(fsys, "content/events/bang.md")
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\n")}
	_, out = renderSite(t, fsys, Options{})
	if bytes.Contains(out.Files["timeline.json"], []byte(`"scale"`)) || bytes.Contains(out.Files["timeline.json"], []byte(`"eras"`)) {
		t.Errorf("scale or eras written without deep time or eras")
	}
}
