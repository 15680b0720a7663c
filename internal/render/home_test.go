package render

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"timeline/internal/timeline"
)

// homeSite has what the home page must draw: a year BC, a gap of years, a
// span, an ongoing span, three tracks, shared tags and sources; and an
// event page with every part (place, image, credit).
var homeSite = fstest.MapFS{
	"site.toml":                  {Data: []byte("title = \"Home\"\nbaseURL = \"https://example.org/\"\n")},
	"content/_index.md":          {Data: []byte("The *intro*.\n")},
	"content/events/marathon.md": {Data: []byte("+++\ntitle = \"Marathon\"\ndate = \"-0489-09\"\ntrack = \"War\"\ntags = [\"greece\"]\nplace = \"Marathon\"\n+++\nThe Athenians win.\n")},
	"content/events/crimea.md": {Data: []byte(`+++
title = "Crimea"
date = "2014-02-27"
end = "2014-03-18"
track = "War"
tags = ["crimea", "russia"]

[[sources]]
title = "An article"
url = "https://example.org/a?x=1&y=2"

[[sources]]
title = "A book"
+++
Armed men seize the parliament.
`)},
	"content/events/war.md": {Data: []byte(`+++
title = "War in the east"
date = "2014-04"
end = "present"
track = "War"
tags = ["russia"]
place = "Donbas"
image = "img/war.jpg"
image_alt = "A ruined street"
image_credit = "Photo: Desk"
+++
It goes on.
`)},
	"static/img/war.jpg":          {Data: []byte("jpeg")},
	"content/events/sanctions.md": {Data: []byte("+++\ntitle = \"Sanctions\"\ndate = \"2014-07\"\ntrack = \"Economy\"\ntags = [\"russia\"]\n[[sources]]\nurl = \"/about/\"\n+++\nPrices.\n")},
	"content/events/call.md":      {Data: []byte("+++\ntitle = \"A call\"\ndate = 2021-12-30\ntrack = \"Diplomacy\"\n+++\nA call.\n")},
	"content/events/talks.md":     {Data: []byte("+++\ntitle = \"Talks\"\ndate = \"2021-12\"\ncirca = true\n+++\nTalks.\n")},
	"content/about.md":            {Data: []byte("+++\ntitle = \"About\"\n+++\nAbout.\n")},
}

// TestHomeGoldens pins the home page's HTML, listing every event and
// condensed, and the event page that a condensed home page leaves out.
// go test -update rewrites the goldens in testdata/home.
func TestHomeGoldens(t *testing.T) {
	_, full := renderSite(t, homeSite, Options{})
	_, condensed := renderSite(t, withConfig(homeSite, "title = \"Home\"\nbaseURL = \"https://example.org/\"\n[home]\nmax_events = 3\nlead = 1\n"), Options{})
	for _, c := range []struct {
		golden string
		out    *Output
		path   string
	}{
		{"full.html", full, "index.html"},
		{"condensed.html", condensed, "index.html"},
		{"condensed-event.html", condensed, "events/war/index.html"},
	} {
		checkGolden(t, filepath.Join("testdata", "home", c.golden), c.path, c.out.Files[c.path])
	}
}

// TestCondensedHome: past max_events each year keeps its first lead
// events and a link to its page, and an event left out links back to its
// place on its year's page.
func TestCondensedHome(t *testing.T) {
	_, out := renderSite(t, withConfig(homeSite, "title = \"Home\"\n[home]\nmax_events = 3\nlead = 1\n"), Options{})
	home := string(out.Files["index.html"])
	for _, want := range []string{`id="marathon"`, `id="crimea"`, `id="talks"`,
		`<a href="./2014/">All 3 events of 2014</a>`, `<a href="./2021/">All 2 events of 2021</a>`, `<span class="count">3 events</span>`} {
		if !strings.Contains(home, want) {
			t.Errorf("condensed home page lacks %s", want)
		}
	}
	for _, left := range []string{`id="war"`, `id="sanctions"`, `id="call"`, `class="summary"`, `class="cites"`} {
		if strings.Contains(home, left) {
			t.Errorf("condensed home page has %s", left)
		}
	}
	for path, back := range map[string]string{
		"events/war/index.html":    `<a href="../../2014/#war">See it in the timeline</a>`,
		"events/crimea/index.html": `<a href="../../#crimea">See it in the timeline</a>`,
	} {
		if !strings.Contains(string(out.Files[path]), back) {
			t.Errorf("%s lacks %s", path, back)
		}
	}
	_, out = renderSite(t, homeSite, Options{})
	if !strings.Contains(string(out.Files["events/war/index.html"]), `<a href="../../#war">See it in the timeline</a>`) {
		t.Error("with every event on the home page, an event page does not link to it there")
	}
}

func TestGroupByYear(t *testing.T) {
	site, err := timeline.Load(homeSite, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{site: site}
	r.sv = &siteView{}
	var events []*eventView
	for _, e := range site.Events {
		events = append(events, &eventView{Event: e, Year: &termView{Term: &timeline.Term{Name: timeline.YearSlug(e.Date.Year)}}})
	}
	groups := groupByYear(events, 0)
	var got []string
	for _, g := range groups {
		got = append(got, g.GapText+"|"+strings.Repeat("e", len(g.Events)))
	}
	// 490 BC, then 2014 after 2,503 empty years, then 2021 after six.
	want := []string{"|e", "489 BC – AD 2013|eee", "2015–2020|ee"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups %q, want %q", got, want)
	}
	if groups[1].Gap != 2013+489 {
		t.Errorf("gap %d years, want %d", groups[1].Gap, 2013+489)
	}
	lead := groupByYear(events, 2)
	if len(lead[1].Events) != 2 || lead[1].More != 1 || lead[1].Count() != 3 {
		t.Errorf("lead 2: %d events and %d more in 2014", len(lead[1].Events), lead[1].More)
	}
	if none := groupByYear(events, -1); len(none[1].Events) != 0 || none[1].More != 3 {
		t.Errorf("counts only: %d events and %d more in 2014", len(none[1].Events), none[1].More)
	}
}

func TestYearRange(t *testing.T) {
	for _, c := range []struct {
		from, to int
		want     string
	}{
		{2015, 2015, "2015"},
		{2015, 2020, "2015–2020"},
		{-10, -5, "11–6 BC"},
		{-3, 5, "4 BC – AD 5"},
		{0, 0, "1 BC"},
		{-19999, -9999, "20,000–10,000 BC"},
		{-13799999999, -541000001, "13.8 billion years ago – 541 million years ago"},
		{-13799999999, 2013, "13.8 billion years ago – AD 2013"},
	} {
		if got := yearRange(c.from, c.to); got != c.want {
			t.Errorf("yearRange(%d, %d) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestAxisPosition(t *testing.T) {
	for _, c := range []struct{ date, want string }{
		{"2014", "2014"},
		{"2014-07", "2014.496"},          // 181 of 365 days
		{"2000-03-01", "2000.164"},       // 60 of 366: a leap year
		{"2014-12-31T12:00", "2014.999"}, // the last day, at noon
		{"-0489-09", "-488.334"},         // 490 BC: the year -489
		{"12000-01-02", "12000.003"},     // past 9999
		{"2015-01-01", "2015"},           // the end of a span of 2014 (Next)
		{"2014-03-18T10:30:00+02:00", "2014.209"},
		{"2014-06-18T17:17:44", "2014.462"}, // 168.72 of 365 days
		{"-13800000000", "-13800000000"},    // deep time, exact
		{"-541000000-07", "-540999999.503"}, // 182 of 366: a leap year
		{"~-9999", "-9999"},
	} {
		d, err := timeline.ParseDate(c.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := axisPosition(d); got != c.want {
			t.Errorf("axisPosition(%s) = %s, want %s", c.date, got, c.want)
		}
	}
}

func TestTopTags(t *testing.T) {
	_, out := renderSite(t, homeSite, Options{})
	home := string(out.Files["index.html"])
	// russia (3 events) first; crimea and greece (1 each) in slug order.
	i, j, k := strings.Index(home, `href="./tags/russia/"`), strings.Index(home, `href="./tags/crimea/"`), strings.Index(home, `href="./tags/greece/"`)
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("tags on the home page at %d, %d, %d: want russia, crimea, greece in that order", i, j, k)
	}
	var many []*termView
	for i := range 20 {
		slug := string(rune('a' + i))
		many = append(many, &termView{Term: &timeline.Term{Slug: slug}, Slug: slug, Events: make([]*eventView, i%3)})
	}
	top := topTags(many, homeTags)
	if len(top) != homeTags || len(top[0].Events) != 2 || top[0].Slug != "c" || len(top[homeTags-1].Events) != 1 {
		t.Errorf("topTags kept %d, first %s (%d events)", len(top), top[0].Slug, len(top[0].Events))
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 999: "999", 9999: "9999", 10000: "10\u202f000", 123456: "123\u202f456",
		1234567: "1\u202f234\u202f567", -25000: "-25\u202f000",
	} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}
