package importer

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/render"
	"github.com/timeline-ssg/timeline/internal/sitetest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// The round trip: a site's own /timeline.json, imported into an empty
// site, gives back its events. These fields survive it, and are compared
// exactly: slug, title, start and end dates with their precision and
// circa, ongoing, track, image, image_alt, image_credit, media,
// media_caption, media_credit, summary (when written), sources, the body
// (compared as the HTML it renders to, whitespace aside, since Markdown
// has many spellings of one document), and the eras. Not in the TimelineJS
// format, so not compared: tags, place, weight, draft, and the zone of a
// time of day. Then both sites are built, and each event page must be
// the same (but those that show a time with a zone: the event's and its
// neighbours').

var roundTripNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// exportTimelineJS renders the site at dir and returns its timeline.json.
func exportTimelineJS(t *testing.T, dir string) (*timeline.Site, []byte) {
	t.Helper()
	site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := render.Render(site, defaults.Theme(), render.Options{Now: roundTripNow})
	if err != nil {
		t.Fatal(err)
	}
	b, ok := out.Files["timeline.json"]
	if !ok {
		t.Fatal("no timeline.json")
	}
	return site, b
}

// roundTrip exports the site at dir, imports the export into a new site
// (with the same static/ files, which images point into), and compares
// the events.
func roundTrip(t *testing.T, dir string, comparePages bool) {
	t.Helper()
	orig, export := exportTimelineJS(t, dir)
	dst := t.TempDir()
	writeFiles(t, dst, map[string]string{"site.toml": "title = " + tomlString(orig.Config.Title) + "\nbaseURL = " + tomlString(orig.Config.BaseURL) + "\n"})
	if err := os.CopyFS(filepath.Join(dst, "static"), os.DirFS(filepath.Join(dir, "static"))); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "timeline.json")
	if err := os.WriteFile(file, export, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Import(os.DirFS(dst), dst, file, Options{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(res.Written) != len(orig.Events) {
		t.Fatalf("wrote %d files for %d events", len(res.Written), len(orig.Events))
	}
	got, err := timeline.Load(os.DirFS(dst), timeline.Options{})
	if err != nil {
		t.Fatalf("the imported site does not load: %v", err)
	}
	if len(got.Events) != len(orig.Events) {
		t.Fatalf("%d events after the round trip, want %d", len(got.Events), len(orig.Events))
	}
	md := markdown.New(markdown.Options{})
	abs := func(link string) string {
		if link == "" || strings.Contains(link, "://") || orig.Config.BaseURL == "" {
			return link
		}
		return orig.Config.BaseURL + strings.TrimPrefix(link, "/")
	}
	for i, want := range orig.Events {
		g := got.Events[i]
		wantSources := slices.Clone(want.Sources)
		for j := range wantSources {
			wantSources[j].URL = abs(wantSources[j].URL)
		}
		type fields struct {
			Slug, Title, Start, End, Track, Image, Alt, Credit, Summary string
			Media, MediaCaption, MediaCredit                            string
			Ongoing                                                     bool
			Sources                                                     []timeline.Source
		}
		zoneless := func(d timeline.Date) string {
			d.HasOffset, d.Offset = false, 0
			return d.ISO()
		}
		wantMedia := want.Media
		if !strings.HasPrefix(wantMedia, "<") {
			wantMedia = abs(wantMedia)
		}
		w := fields{want.Slug, want.Title, zoneless(want.Date), zoneless(want.End), want.Track, abs(want.Image), want.ImageAlt, want.Credit, want.Summary,
			wantMedia, want.MediaCaption, want.MediaCredit, want.Ongoing, wantSources}
		h := fields{g.Slug, g.Title, zoneless(g.Date), zoneless(g.End), g.Track, g.Image, g.ImageAlt, g.Credit, g.Summary,
			g.Media, g.MediaCaption, g.MediaCredit, g.Ongoing, g.Sources}
		if !slices.Equal(w.Sources, h.Sources) || w.Slug != h.Slug || w.Title != h.Title || w.Start != h.Start || w.End != h.End ||
			w.Track != h.Track || w.Image != h.Image || w.Alt != h.Alt || w.Credit != h.Credit || w.Summary != h.Summary || w.Ongoing != h.Ongoing ||
			w.Media != h.Media || w.MediaCaption != h.MediaCaption || w.MediaCredit != h.MediaCredit {
			t.Errorf("event %d (%s) changed in the round trip:\nwant %+v\n got %+v", i, want.File, w, h)
		}
		wb, err := md.Render(want.Body)
		if err != nil {
			t.Fatal(err)
		}
		gb, err := md.Render(g.Body)
		if err != nil {
			t.Fatal(err)
		}
		if nw, ng := normalizeHTML(string(wb.HTML)), normalizeHTML(string(gb.HTML)); nw != ng {
			t.Errorf("event %d (%s): the body renders differently after the round trip:\nwant %s\n got %s\nimported Markdown:\n%s", i, want.File, nw, ng, g.Body)
		}
	}
	if !slices.Equal(got.Config.Eras, orig.Config.Eras) {
		t.Errorf("eras changed in the round trip:\nwant %+v\n got %+v", orig.Config.Eras, got.Config.Eras)
	}
	if !comparePages {
		return
	}
	// The event pages, built from both sites.
	pages := func(site *timeline.Site) map[string][]byte {
		out, err := render.Render(site, defaults.Theme(), render.Options{Now: roundTripNow})
		if err != nil {
			t.Fatal(err)
		}
		return out.Files
	}
	wantPages, gotPages := pages(orig), pages(got)
	compared := 0
	zoned := func(i int) bool {
		return i >= 0 && i < len(orig.Events) && (orig.Events[i].Date.HasOffset || orig.Events[i].End.HasOffset)
	}
	for i, e := range orig.Events {
		// The page shows the dates of its neighbours: the previous and next
		// in its links, three either side on its small axis.
		near := false
		for j := i - 3; j <= i+3; j++ {
			near = near || zoned(j)
		}
		if near {
			continue
		}
		p := "events/" + e.Slug + "/index.html"
		if wp, gp := mainOf(wantPages[p]), mainOf(gotPages[p]); wp == "" || normalizeHTML(wp) != normalizeHTML(gp) {
			t.Errorf("%s differs after the round trip at %s", p, sitetest.FirstDiff([]byte(normalizeHTML(wp)), []byte(normalizeHTML(gp))))
		}
		compared++
	}
	if compared == 0 {
		t.Error("no event page compared")
	}
}

// mainOf is a page's <main> element, where the event is shown.
func mainOf(page []byte) string {
	s := string(page)
	i, j := strings.Index(s, "<main"), strings.LastIndex(s, "</main>")
	if i < 0 || j < i {
		return ""
	}
	return s[i : j+len("</main>")]
}

var (
	interTag = regexp.MustCompile(`>\s+<`)
	spaceRun = regexp.MustCompile(`\s+`)
)

// normalizeHTML parses and re-renders HTML (one spelling of each entity
// and attribute) and collapses whitespace, which HTML does not show.
func normalizeHTML(s string) string {
	var b strings.Builder
	for _, n := range fragment(s) {
		_ = html.Render(&b, n)
	}
	out := spaceRun.ReplaceAllString(b.String(), " ")
	return strings.TrimSpace(interTag.ReplaceAllString(out, "><"))
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	sitetest.WriteAll(t, dir, files)
}

// TestRoundTripShippedSite: the repository's own site survives its
// /timeline.json.
func TestRoundTripShippedSite(t *testing.T) {
	roundTrip(t, "../..", false) // tags and places do not come back
}

// TestRoundTripEveryFeature: a site with every date form and every
// Markdown construct the importer writes back.
func TestRoundTripEveryFeature(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, featureSite)
	roundTrip(t, dir, true)
	// With a baseURL the links come back absolute, and still equal.
	writeFiles(t, dir, map[string]string{"site.toml": "title = \"Features\"\nbaseURL = \"https://example.org/f/\"\n" + featureEras})
	roundTrip(t, dir, false) // a site path comes back as an absolute URL
}

// featureEras are the eras of featureSite, ongoing and closed.
const featureEras = `
[[eras]]
title = "Deep time"
date = "-13800000000"
end = "-9999"
summary = "Before anyone."

[[eras]]
title = "Our times"
date = "1990"
end = "present"
`

var featureSite = map[string]string{
	"site.toml":        "title = \"Features\"\ndescription = \"Every feature.\"\n" + featureEras,
	"static/img/a.png": "png",
	"content/about.md": "+++\ntitle = \"About\"\n+++\nAbout.\n",
	"content/events/bc.md": `+++
title = "Battle of Marathon"
date = "~-0489-09"
track = "War"
+++
Long *ago*.
`,
	"content/events/video.md": `+++
title = "A video"
date = "2014-06-18T17:17:44"
media = "https://www.youtube.com/watch?v=C-nTpGMMVjY"
media_caption = "A caption, with <angles> & more"
media_credit = "Someone"
+++
A video.
`,
	"content/events/quote.md": `+++
title = "A quotation"
date = "1950"
media = "<blockquote><p>You have brains in your head.</p></blockquote>"
media_credit = "Dr. Seuss"
+++
`,
	"content/events/song.md": `+++
title = "A song"
date = "2015-01-01T01:01:01"
media = "spotify:track:1OT1G66Lt9EpKFWkwK8i9z"
+++
`,
	"content/events/bang.md": `+++
title = "The Big Bang"
date = "~-13800000000"
end = "-13797623000"
+++
`,
	"content/events/year.md": `+++
title = "A year"
date = "1990"
end = "1992"
+++
`,
	"content/events/ongoing.md": `+++
title = "Ongoing"
date = "2021-11"
end = "present"
track = "Military"
+++
Still going.
`,
	"content/events/minute.md": `+++
title = "A call, at last"
date = "2021-12-30T15:35:00-05:00"
end = "2021-12-30T16:25:00-05:00"
track = "Diplomacy"
+++
An hour's call.
`,
	"content/events/local.md": `+++
title = "A local time"
date = "2022-01-10T09:00"
end = "2022-01-12"
slug = "local-time"
+++
No zone.
`,
	"content/events/rich.md": `+++
title = "Everything <at> once & more"
date = 2014-03-18
track = "Politics"
summary = "A written summary, with \"quotes\"."
image = "img/a.png"
image_alt = "An image, described"
image_credit = "Photo: Desk & Co"

[[sources]]
title = "A source with a URL"
url = "https://example.com/a?b=1&c=2"
publisher = "Example & Co: <News>"
date = "~2021-12"
archive = "https://web.archive.org/web/20211231/https://example.com/a?b=1&c=2"
accessed = 2022-01-03

[[sources]]
title = "c. A title that starts like a circa date"
url = "https://example.com/c"
date = "2021-12-30T15:35:00-05:00"
accessed = "2022"

[[sources]]
publisher = "A publisher alone with a title"
title = "Untitled letter"
date = 2022-01-02

[[sources]]
url = "https://example.com/bare"

[[sources]]
title = "A source on this site"
url = "/about/"

[[sources]]
title = "A source without a URL"
+++
A paragraph with *emphasis*, **strong**, ~~struck~~, ` + "`code`" + `, a [link](https://example.com/x "its title"),
an autolink https://example.com/auto, an image ![alt text](https://example.com/i.png) and a footnote.[^note]
"Quotes" -- and dashes... and a hard\
break.

# Not a heading: 1. not a list * not emphasis_ [not a link] \<not html\> & 5 < 6

## A heading

- one
- two
  - nested
- three

1. first
2. second

3) loose
4) list

   with a second paragraph

> A quote that runs
> over two lines.
>
> -- Someone

| Year | Place | Figure |
|---:|:---|:---:|
| 1900 | Kyiv | 1,000 |
| 2000 | Lviv \| Odesa | *2* |

` + "```go\nfunc main() {\n\tfmt.Println(\"<hi>\")\n}\n```" + `

---

The end.

[^note]: The note, with a [link](https://example.com/n).
`,
}

// TestRoundTripSplit: a site past [timelinejs] max_events, whose export is
// a file per year, comes back whole from importing every year's file.
func TestRoundTripSplit(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, featureSite)
	writeFiles(t, dir, map[string]string{"site.toml": "title = \"Features\"\n[timelinejs]\nmax_events = 2\n" + featureEras})
	orig, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := render.Render(orig, defaults.Theme(), render.Options{Now: roundTripNow})
	if err != nil {
		t.Fatal(err)
	}
	dst, tmp := t.TempDir(), t.TempDir()
	writeFiles(t, dst, map[string]string{"site.toml": "title = \"Features\"\n", "static/img/a.png": "png"})
	files := 0
	for _, p := range slices.Sorted(maps.Keys(out.Files)) {
		if !strings.HasPrefix(p, "timeline/") || p == "timeline/index.json" {
			continue
		}
		files++
		file := filepath.Join(tmp, filepath.Base(p))
		if err := os.WriteFile(file, out.Files[p], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Import(os.DirFS(dst), dst, file, Options{}); err != nil {
			t.Fatalf("import %s: %v", p, err)
		}
	}
	got, err := timeline.Load(os.DirFS(dst), timeline.Options{})
	if err != nil {
		t.Fatalf("the imported site does not load: %v", err)
	}
	slugs := func(s *timeline.Site) (out []string) {
		for _, e := range s.Events {
			d := e.Date
			d.HasOffset, d.Offset = false, 0 // TimelineJS has no zone
			out = append(out, e.Slug+" "+d.ISO())
		}
		return out
	}
	if files < 3 || !slices.Equal(slugs(got), slugs(orig)) {
		t.Errorf("from %d files, imported\n%v\nwant\n%v", files, slugs(got), slugs(orig))
	}
}
