package render

import (
	"cmp"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
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
// condensed, the event page that a condensed home page leaves out, and a
// home page with eras and a featured event, newest first.
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
		{"eras-newest.html", erasNewest(t), "index.html"},
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

// erasConfig has two eras with events and one without.
const erasConfig = `title = "Home"
baseURL = "https://example.org/"
[[eras]]
title = "Annexation"
date = "2014-02"
end = "2014-03-18"
summary = "The peninsula is taken."
[[eras]]
title = "Nothing happened"
date = "1990"
end = "1991"
[[eras]]
title = "The crisis"
date = "2021-11"
end = "present"
`

// erasNewest renders homeSite with erasConfig, newest first, Sanctions
// featured.
func erasNewest(t *testing.T) *Output {
	fsys := withConfig(homeSite, erasConfig+"[home]\norder = \"newest\"\n")
	fsys["content/events/sanctions.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Sanctions\"\ndate = \"2014-07\"\ntrack = \"Economy\"\nfeatured = true\n+++\nPrices.\n")}
	_, out := renderSite(t, fsys, Options{})
	return out
}

// ids lists the ids of the entries and the titles of the eras of a page,
// in the page's order.
func ids(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<li class="entry[^"]*" id="([^"]+)"|<h3 class="era-title">([^<]+)<`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1]+m[2])
	}
	return out
}

// TestErasAndOrder: an era's heading comes before the first event listed
// that falls in it, oldest first or newest first; an era without events
// has none; a featured event is marked.
func TestErasAndOrder(t *testing.T) {
	_, out := renderSite(t, withConfig(homeSite, erasConfig), Options{})
	got := strings.Join(ids(string(out.Files["index.html"])), " ")
	if want := "marathon Annexation crimea war sanctions The crisis talks call"; got != want {
		t.Errorf("oldest first:\n got %s\nwant %s", got, want)
	}
	home := string(erasNewest(t).Files["index.html"])
	got = strings.Join(ids(home), " ")
	if want := "The crisis call talks sanctions war Annexation crimea marathon"; got != want {
		t.Errorf("newest first:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(home, `<li class="entry is-featured track-1" id="sanctions"`) {
		t.Error("the featured event is not marked is-featured")
	}
	for _, want := range []string{`<time datetime="2014-02">February – 18 March 2014</time> · 7 weeks`, `<p class="era-summary">The peninsula is taken.</p>`,
		`<time datetime="2021-11">November 2021 – present</time> · 5 years, ongoing`} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if strings.Contains(home, "Nothing happened") {
		t.Error("an era without events has a heading")
	}
	// Newest first, the gap still names its years low to high.
	if !strings.Contains(home, `<span class="gap-years">2015–2020</span>`) {
		t.Error("newest first, the gap between 2021 and 2014 is not 2015–2020")
	}
	// A year's page shows the eras of its events too.
	year := string(erasNewest(t).Files["2014/index.html"])
	if got, want := strings.Join(ids(year), " "), "Annexation crimea war sanctions"; got != want {
		t.Errorf("2014's page: %s, want %s", got, want)
	}
}

// TestCondensedFeaturedFirst: a condensed year shows its featured events
// first, then the others by date, newest first when the order says so.
func TestCondensedFeaturedFirst(t *testing.T) {
	mk := func(slug string, day int, featured bool) *eventView {
		e := &timeline.Event{Slug: slug, Featured: featured, Date: timeline.Date{Year: 2014, Month: 3, Day: int8(day), Precision: timeline.PrecisionDay}}
		return &eventView{Event: e}
	}
	events := []*eventView{mk("a", 1, false), mk("b", 2, true), mk("c", 3, false), mk("d", 4, true), mk("e", 5, false)}
	names := func(g *yearGroup) string {
		var s []string
		for _, e := range g.Events {
			s = append(s, e.Slug)
		}
		return strings.Join(s, "")
	}
	for _, c := range []struct {
		lead int
		want string
	}{{1, "b"}, {2, "bd"}, {3, "bda"}, {4, "bdac"}, {5, "abcde"}, {0, "abcde"}} {
		g := groupByYear(events, c.lead)[0]
		if got := names(g); got != c.want || g.Count() != 5 {
			t.Errorf("lead %d: %s (%d in all), want %s", c.lead, got, g.Count(), c.want)
		}
	}
	newest := slices.Clone(events)
	slices.Reverse(newest)
	if got := names(groupByYear(newest, 3)[0]); got != "dbe" {
		t.Errorf("newest first, lead 3: %s, want dbe", got)
	}
}

func TestSpanLength(t *testing.T) {
	now := time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		start, end string
		want       string
	}{
		{"2014-03", "2014-03-18", "3 weeks"},
		{"2014-02-27", "2014-03-18", "3 weeks"},
		{"2014-03-18", "2014-03-21", "4 days"},
		{"2014-03-18", "2014-03-18", "1 day"},
		{"2014-03-18T10:00", "2014-03-18T12:00", "2 hours"},
		{"2014-02", "2014-05", "4 months"},
		{"1914", "1918", "4 years"},
		{"2014-04", "present", "8 years, ongoing"},
		{"2021-12-30", "present", "5 weeks, ongoing"},
		{"2014-03-18", "", ""},
	} {
		s, _ := timeline.ParseDate(c.start)
		var e timeline.Date
		if c.end != "" && c.end != "present" {
			e, _ = timeline.ParseDate(c.end)
		}
		if got := spanLength(s, e, c.end == "present", now); got != c.want {
			t.Errorf("spanLength(%s, %s) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

// TestYearNav: a link per year, or per decade or century past 24 years;
// none for fewer than three years or on a year's page.
func TestYearNav(t *testing.T) {
	groups := func(years ...int) []*yearGroup {
		var out []*yearGroup
		for _, y := range years {
			name := timeline.Date{Year: y, Precision: timeline.PrecisionYear}.String()
			out = append(out, &yearGroup{year: y, Year: &termView{Name: name, Slug: timeline.YearSlug(y)}})
		}
		return out
	}
	labels := func(p *page) string {
		var s []string
		for _, l := range p.YearNav() {
			s = append(s, l.Label+">"+l.Slug)
		}
		return strings.Join(s, " ")
	}
	if got := labels(&page{Kind: "home", Groups: groups(-489, 2014, 2021)}); got != "490 BC>490-bc 2014>2014 2021>2021" {
		t.Errorf("three years: %s", got)
	}
	if got := labels(&page{Kind: "home", Groups: groups(2014, 2021)}); got != "" {
		t.Errorf("two years: %s", got)
	}
	if got := labels(&page{Kind: "year", Groups: groups(2014, 2015, 2016)}); got != "" {
		t.Errorf("a year's page: %s", got)
	}
	var many []int
	for y := 1903; y < 2026; y += 2 {
		many = append(many, y)
	}
	got := labels(&page{Kind: "home", Groups: groups(many...)})
	if !strings.HasPrefix(got, "1900s>1903 1910s>1911 ") || !strings.HasSuffix(got, " 2020s>2021") {
		t.Errorf("decades: %s", got)
	}
	slices.Reverse(many)
	if got := labels(&page{Kind: "home", Groups: groups(many...)}); !strings.HasPrefix(got, "2020s>2025 2010s>2019 ") {
		t.Errorf("decades, newest first: %s", got)
	}
	var ages []int
	for y := 1000; y < 2000; y += 20 {
		ages = append(ages, y)
	}
	if got := labels(&page{Kind: "home", Groups: groups(ages...)}); !strings.HasPrefix(got, "1000–1099>1000 1100–1199>1100 ") {
		t.Errorf("centuries: %s", got)
	}
}

// TestNeighbours: an event page's small axis shows up to three events on
// either side, in time order, the event itself marked, a step of over a
// year folded; and nothing on a site of one event.
func TestNeighbours(t *testing.T) {
	_, out := renderSite(t, homeSite, Options{})
	page := string(out.Files["events/sanctions/index.html"])
	var order []string
	for _, m := range regexp.MustCompile(`<a href="../../events/([a-z]+)/"[^>]*><title>|<circle class="cur"`).FindAllStringSubmatch(page, -1) {
		order = append(order, cmp.Or(m[1], "*"))
	}
	// marathon, crimea, war | sanctions | talks, call
	if got, want := strings.Join(order, " "), "marathon crimea war * talks call"; got != want {
		t.Errorf("small axis of sanctions: %s, want %s", got, want)
	}
	for _, want := range []string{`class="folded"`, `3 events before this one, 2 after it.`, `class="cur">Jul 2014</text>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the small axis lacks %s", want)
		}
	}
	_, one := renderSite(t, fstest.MapFS{"site.toml": homeSite["site.toml"], "content/events/call.md": homeSite["content/events/call.md"]}, Options{})
	if strings.Contains(string(one.Files["events/call/index.html"]), `class="context"`) {
		t.Error("a site of one event draws a small axis")
	}
}

// TestYearChart: a bar per year with events, as tall as its count
// against the busiest year's, placed by year so that empty years show.
func TestYearChart(t *testing.T) {
	_, out := renderSite(t, homeSite, Options{})
	page := string(out.Files["years/index.html"])
	for _, want := range []string{
		`<a href="../490-bc/"><title>490 BC: 1 event</title><rect x="0%" y="80" width="0.4%" height="40" rx="1.5"/></a>`,
		`<a href="../2014/"><title>2014: 3 events</title><rect x="99.681%" y="0" width="0.4%" height="120" rx="1.5"/></a>`,
		`<text x="0" y="142">490 BC</text>`, `<text x="100%" y="142" text-anchor="end">2021</text>`, `at most 3 in a year`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Years page lacks %s", want)
		}
	}
	// Eight years have room for each bar's year and count.
	recent := maps.Clone(homeSite)
	delete(recent, "content/events/marathon.md")
	_, out = renderSite(t, recent, Options{})
	page = string(out.Files["years/index.html"])
	for _, want := range []string{`<text x="5%" y="142" text-anchor="middle">2014</text><text class="n" x="5%" y="-6" text-anchor="middle">3</text>`,
		`<text x="92.5%" y="142" text-anchor="middle">2021</text>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Years page of 2014–2021 lacks %s", want)
		}
	}
}

// TestCondensedByChapter: in a condensed year the featured events come
// first within each era's stretch, so that an era's heading is followed
// by its own events.
func TestCondensedByChapter(t *testing.T) {
	fsys := withConfig(homeSite, erasConfig+"[home]\nmax_events = 3\nlead = 2\n")
	fsys["content/events/sanctions.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Sanctions\"\ndate = \"2014-07\"\nfeatured = true\n+++\nPrices.\n")}
	_, out := renderSite(t, fsys, Options{})
	if got, want := strings.Join(ids(string(out.Files["index.html"])), " "), "marathon Annexation crimea sanctions The crisis talks call"; got != want {
		t.Errorf("condensed with eras:\n got %s\nwant %s", got, want)
	}
	// Without eras, the featured event leads its year.
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Home\"\n[home]\nmax_events = 3\nlead = 2\n")}
	_, out = renderSite(t, fsys, Options{})
	if got, want := strings.Join(ids(string(out.Files["index.html"])), " "), "marathon sanctions crimea talks call"; got != want {
		t.Errorf("condensed without eras:\n got %s\nwant %s", got, want)
	}
}
