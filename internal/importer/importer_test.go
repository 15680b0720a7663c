package importer

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/scaffold"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// newSite makes an empty site and writes file (named name) beside it.
func newSite(t *testing.T, name, data string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	writeFiles(t, dir, map[string]string{"site.toml": "title = \"T\"\n"})
	file = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func errorLines(t *testing.T, err error) map[int]string {
	t.Helper()
	var list timeline.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an error list, got %v", err)
	}
	out := map[int]string{}
	for _, e := range list {
		out[e.Line] = e.Msg
	}
	return out
}

func loadEvents(t *testing.T, dir string) map[string]*timeline.Event {
	t.Helper()
	site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		t.Fatalf("the imported site does not load: %v", err)
	}
	out := map[string]*timeline.Event{}
	for _, e := range site.Events {
		out[e.Title] = e
	}
	return out
}

// sheet is a CSV in the TimelineJS template's layout: a title row, good
// rows of each precision, an era, and bad rows.
const sheet = `Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background
,,,,,,,,,The sheet's title,<p>About it.</p>,,,,,title,,
1815,12,10,,1852,11,27,,,Ada Lovelace,"<p>She wrote <a href=""https://example.com/ada"">notes</a>.</p>",https://example.com/ada.jpg,Wikimedia Commons,"Portrait of <i>Ada</i>",,,People,
1943,7,,,1946,,,,,ENIAC,"Multi-line
text, in <b>one</b> cell.",https://www.youtube.com/watch?v=x,Museum,A video,,,Machines,#fff
"1,951",,,,,,,,c. 1951,Recursion,,,,,,,,
2022,1,10,2:30 PM,,,,,,Afternoon,,,,,,,,
1960,13,,,,,,,,Bad month,,,,,,,,
,,,,,,,,,No year at all,,,,,,,,
1970,,,,,,,,,,No headline,,,,,,,
1990,,,,2000,,,,,An era,,,,,,era,,
1999,2,30,,,,,,,Bad day,,,,,,,,
2014,6,18,17:17:44,,,,,,Toast,,https://vimeo.com/1,,,,,,

`

func TestImportCSV(t *testing.T) {
	dir, file := newSite(t, "sheet.csv", sheet)
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	bad := errorLines(t, err)
	for line, want := range map[int]string{8: "month 13 out of range", 9: "no start date with a year", 12: "day 30 out of range"} {
		if !strings.Contains(bad[line], want) {
			t.Errorf("line %d: error %q, want one saying %q", line, bad[line], want)
		}
	}
	if len(bad) != 3 {
		t.Errorf("errors at lines %v, want 8, 9 and 12", bad)
	}
	if len(res.Written) != 6 || !res.Intro || res.Eras != 1 {
		t.Errorf("wrote %v, intro %v, %d eras; want the 6 good rows, the title row and the era", res.Written, res.Intro, res.Eras)
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Error())
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{`:4: column "Background" left out`, `:10: no headline: the title "No headline" is taken from the text`} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
	if len(notes) != 2 {
		t.Errorf("notes:\n%s\nwant 2", joined)
	}
	site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if site.Intro == nil || strings.TrimSpace(string(site.Intro.Body)) != "About it." {
		t.Errorf("intro: %+v", site.Intro)
	}
	if len(site.Config.Eras) != 1 || site.Config.Eras[0].Title != "An era" || site.Config.Eras[0].Date.ISO() != "1990" || site.Config.Eras[0].End.ISO() != "2000" {
		t.Errorf("eras: %+v", site.Config.Eras)
	}

	ev := loadEvents(t, dir)
	ada := ev["Ada Lovelace"]
	if ada == nil || ada.Date.ISO() != "1815-12-10" || ada.End.ISO() != "1852-11-27" || ada.Track != "People" ||
		ada.Image != "https://example.com/ada.jpg" || ada.ImageAlt != "Portrait of Ada" || ada.Credit != "Wikimedia Commons" {
		t.Errorf("Ada: %+v", ada)
	}
	if ada != nil && strings.TrimSpace(string(ada.Body)) != "She wrote [notes](https://example.com/ada)." {
		t.Errorf("Ada's body: %q", ada.Body)
	}
	eniac := ev["ENIAC"]
	if eniac == nil || eniac.Date.ISO() != "1943-07" || eniac.End.ISO() != "1946" || eniac.Image != "" || len(eniac.Sources) != 0 ||
		eniac.Media != "https://www.youtube.com/watch?v=x" || eniac.MediaCaption != "A video" || eniac.MediaCredit != "Museum" {
		t.Errorf("ENIAC: %+v", eniac)
	}
	if eniac != nil && strings.TrimSpace(string(eniac.Body)) != "Multi-line text, in **one** cell." {
		t.Errorf("ENIAC's body: %q", eniac.Body)
	}
	if r := ev["Recursion"]; r == nil || r.Date.ISO() != "~1951" {
		t.Errorf("Recursion: %+v (want circa 1951 from \"1,951\" and its display date)", r)
	}
	if a := ev["Afternoon"]; a == nil || a.Date.ISO() != "2022-01-10T14:30" {
		t.Errorf("Afternoon: %+v", a)
	}
	if n := ev["No headline"]; n == nil || n.Date.ISO() != "1970" {
		t.Errorf("No headline: %+v", n)
	}
	if n := ev["Toast"]; n == nil || n.Date.ISO() != "2014-06-18T17:17:44" || n.Media != "https://vimeo.com/1" {
		t.Errorf("Toast: %+v", n)
	}
}

func TestImportNeverOverwrites(t *testing.T) {
	const data = `{"events": [{"start_date": {"year": "2014", "month": "3"}, "text": {"headline": "Crimea"}}]}`
	dir, file := newSite(t, "tl.json", data)
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	if err != nil || len(res.Written) != 1 || res.Written[0] != "content/events/2014-03-crimea.md" {
		t.Fatalf("first import: %v, %v", res, err)
	}
	p := filepath.Join(dir, "content/events/2014-03-crimea.md")
	if err := os.WriteFile(p, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Import(os.DirFS(dir), dir, file, Options{})
	if bad := errorLines(t, err); !strings.Contains(bad[1], "exists; not overwriting it") {
		t.Errorf("second import: %v", bad)
	}
	if b, _ := os.ReadFile(p); string(b) != "edited by hand" || len(res.Written) != 0 {
		t.Errorf("the file was overwritten: %q", b)
	}
	if _, err := Import(os.DirFS(dir), dir, file, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), `title = "Crimea"`) {
		t.Errorf("--force did not replace the file: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("files left beside it: %v", entries)
	}
}

// TestImportJSONLines: a bad slide is reported at the line its object
// starts on, and the others are imported.
func TestImportJSONLines(t *testing.T) {
	const data = `{
  "title": {"text": {"headline": "T"}},
  "events": [
    {"start_date": {"year": 2001}, "text": {"headline": "Good"}, "unique_id": "good-one"},
    {"start_date": {"year": "two thousand"}, "text": {"headline": "Bad year"}},
    {"start_date": {"year": 2002, "day": 3}, "text": {"headline": "Day without month"}},
    {"text": "not an object"},
    {"start_date": {"year": 2003}, "end_date": {"year": 2002}, "text": {"headline": "Ends before"}},
    {"start_date": {"year": 2004, "month": 5, "day": 6, "hour": 7, "minute": 8, "second": 9}, "text": {"headline": "To the second"}, "group": "G"}
  ],
  "eras": [{"start_date": {"year": 2000}, "end_date": {"year": 2001}}]
}
`
	dir, file := newSite(t, "tl.json", data)
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	bad := errorLines(t, err)
	for line, want := range map[int]string{5: `year "twothousand" is not a whole number`, 6: "has a day but no month", 7: "text: expected", 8: "is before the start"} {
		if !strings.Contains(bad[line], want) {
			t.Errorf("line %d: %q, want %q", line, bad[line], want)
		}
	}
	if len(res.Written) != 2 {
		t.Errorf("wrote %v", res.Written)
	}
	ev := loadEvents(t, dir)
	if g := ev["Good"]; g == nil || g.Slug != "good-one" {
		t.Errorf("Good: %+v", g)
	}
	if m := ev["To the second"]; m == nil || m.Date.ISO() != "2004-05-06T07:08:09" || m.Track != "G" {
		t.Errorf("To the second: %+v", m)
	}
	if len(res.Notes) != 1 || res.Notes[0].Line != 11 || !strings.Contains(res.Notes[0].Msg, `its title is "2000 – 2001"`) {
		t.Errorf("notes %v, want the era without a headline (line 11)", res.Notes)
	}
	if !res.Intro || res.Eras != 1 {
		t.Errorf("intro %v, %d eras; want both", res.Intro, res.Eras)
	}
}

func TestImportSyntaxError(t *testing.T) {
	dir, file := newSite(t, "tl.json", "{\n  \"events\": [\n    {\"start_date\": }\n  ]\n}\n")
	_, err := Import(os.DirFS(dir), dir, file, Options{})
	if bad := errorLines(t, err); !strings.Contains(bad[3], "JSON") {
		t.Errorf("want a JSON error at line 3, got %v", bad)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content")); len(entries) != 0 {
		t.Errorf("wrote files from a broken file: %v", entries)
	}
}

// TestImportCollisions: slides that map to one file name are all kept,
// as -2, -3, with --force too (which replaces the files of the first
// import rather than adding more).
func TestImportCollisions(t *testing.T) {
	const data = `{"events": [
  {"start_date": {"year": 2014, "month": 6, "day": 18, "hour": 17, "minute": 17, "second": 44}, "text": {"headline": "Wedding Day", "text": "One"}},
  {"start_date": {"year": 2014, "month": 6, "day": 18, "hour": 17, "minute": 17, "second": 44}, "text": {"headline": "Wedding Day", "text": "Two"}},
  {"start_date": {"year": 2014, "month": 6, "day": 18, "hour": 17, "minute": 17, "second": 44, "millisecond": 5}, "text": {"headline": "Wedding Day", "text": "Three"}},
  {"start_date": {"year": 2014, "month": 6, "day": 18, "hour": 17, "minute": 17, "second": 45}, "text": {"headline": "Wedding Day", "text": "Four"}}
]}`
	dir, file := newSite(t, "tl.json", data)
	want := []string{
		"content/events/2014-06-18T171744-wedding-day.md",
		"content/events/2014-06-18T171744-wedding-day-2.md",
		"content/events/2014-06-18T171744-wedding-day-3.md",
		"content/events/2014-06-18T171745-wedding-day.md",
	}
	for _, force := range []bool{false, true} {
		res, err := Import(os.DirFS(dir), dir, file, Options{Force: force})
		if err != nil {
			t.Fatalf("force %v: %v", force, err)
		}
		if !slices.Equal(res.Written, want) {
			t.Errorf("force %v: wrote %v, want %v", force, res.Written, want)
		}
		if len(res.Notes) != 1 || res.Notes[0].Line != 4 || !strings.Contains(res.Notes[0].Msg, "millisecond 5 left out") {
			t.Errorf("force %v: notes %v, want the millisecond of line 4", force, res.Notes)
		}
		site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, e := range site.Events {
			bodies = append(bodies, strings.TrimSpace(string(e.Body)))
		}
		if len(site.Events) != 4 || !slices.Equal(bodies, []string{"One", "Two", "Three", "Four"}) {
			t.Errorf("force %v: events %q, want One to Four in order", force, bodies)
		}
	}
}

// One era left out is counted as one.
func TestImportOneEraLeftOut(t *testing.T) {
	const data = `{"events": [{"start_date": {"year": 2001}, "text": {"headline": "Good"}}],
  "eras": [{"start_date": {"year": 2000}, "end_date": {"year": 2001}, "text": {"headline": "Turn"}}]}`
	dir, file := newSite(t, "tl.json", data)
	writeFiles(t, dir, map[string]string{"site.toml": "title = \"T\"\n\n[[eras]]\ntitle = \"Ours\"\nstart = \"1990\"\nend = \"1999\"\n"})
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.HasPrefix(res.Notes[0].Msg, "1 era left out: site.toml has eras already") {
		t.Errorf("notes %v, want one: 1 era left out", res.Notes)
	}
}

// TestImportIntroAndEras: the title slide replaces the starter's intro
// but not one of the site's own; eras are appended to site.toml, whose
// contents stay byte for byte, unless it has eras already.
func TestImportIntroAndEras(t *testing.T) {
	const data = `{
  "title": {"text": {"headline": "Seventh <i>century</i>", "text": "<p>Events of the 600s.</p>"},
            "media": {"url": "https://example.org/map.png", "caption": "A map", "credit": "Atlas"}},
  "eras": [
    {"start_date": {"year": "600"}, "end_date": {"year": "650"}, "text": {"headline": "First half", "text": "<p>From 600.</p>"}},
    {"start_date": {"year": "650"}, "end_date": {"year": "600"}, "text": {"headline": "Backwards"}},
    {"start_date": {"year": "650"}, "text": {"headline": "No end"}}
  ],
  "events": [{"start_date": {"year": 626}, "text": {"headline": "Siege"}}]
}`
	const siteTOML = "title = \"T\" # the title\n\n[home]\nmax_events = 50"
	dir, file := newSite(t, "tl.json", data)
	writeFiles(t, dir, map[string]string{"site.toml": siteTOML})
	starterDir := t.TempDir()
	if _, err := scaffold.Init(starterDir); err != nil {
		t.Fatal(err)
	}
	starter, _ := os.ReadFile(filepath.Join(starterDir, "content/_index.md"))
	writeFiles(t, dir, map[string]string{"content/_index.md": string(starter)})

	res, err := Import(os.DirFS(dir), dir, file, Options{})
	bad := errorLines(t, err)
	if !strings.Contains(bad[6], "is before its start") || !strings.Contains(bad[7], "no end_date") || len(bad) != 2 {
		t.Errorf("errors %v, want the era ending before its start (line 6) and the one without an end (line 7)", bad)
	}
	if !res.Intro || res.Eras != 1 || len(res.Written) != 1 {
		t.Errorf("intro %v, %d eras, wrote %v", res.Intro, res.Eras, res.Written)
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	if !strings.HasPrefix(string(toml), siteTOML+"\n") {
		t.Errorf("site.toml no longer starts with what it held:\n%s", toml)
	}
	site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		t.Fatalf("the site does not load: %v\nsite.toml:\n%s", err, toml)
	}
	if site.Config.Home.MaxEvents != 50 || len(site.Config.Eras) != 1 || site.Config.Eras[0].Title != "First half" ||
		site.Config.Eras[0].Summary != "From 600." || site.Config.Eras[0].End.ISO() != "0650" {
		t.Errorf("config: %+v", site.Config)
	}
	intro := string(site.Intro.Body)
	for _, want := range []string{"Events of the 600s.", "![A map](https://example.org/map.png)", "*A map Atlas*"} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro lacks %q:\n%s", want, intro)
		}
	}
	if site.Intro.Title != "Seventh century" {
		t.Errorf("intro title %q", site.Intro.Title)
	}

	// Again, into the same site: its intro is its own now, and it has
	// eras; both are left as they are, with notes.
	before, _ := os.ReadFile(filepath.Join(dir, "content/_index.md"))
	writeFiles(t, dir, map[string]string{"content/_index.md": "Our own intro.\n"})
	res, _ = Import(os.DirFS(dir), dir, file, Options{})
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Msg)
	}
	joined := strings.Join(notes, "\n")
	if !strings.Contains(joined, "content/_index.md exists") || !strings.Contains(joined, "2 eras left out: site.toml has eras already") || res.Intro || res.Eras != 0 {
		t.Errorf("second import: intro %v, %d eras, notes:\n%s", res.Intro, res.Eras, joined)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/_index.md")); string(b) != "Our own intro.\n" || len(before) == 0 {
		t.Errorf("the site's own intro was replaced: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(b) != string(toml) {
		t.Errorf("site.toml changed again:\n%s", b)
	}
}

// TestImportMediaKinds: every kind of media comes in, as the image when
// it is an image file and as media otherwise.
func TestImportMediaKinds(t *testing.T) {
	const data = `{"events": [
  {"start_date": {"year": 2001}, "text": {"headline": "Video"}, "media": {"url": "http://youtu.be/lIvftGgps24", "caption": "<b>A</b> video", "credit": "Someone"}},
  {"start_date": {"year": 2002}, "text": {"headline": "Quote"}, "media": {"url": "<blockquote><p>You have brains in your head.</p></blockquote>", "credit": "Dr. Seuss"}},
  {"start_date": {"year": 2003}, "text": {"headline": "Song"}, "media": {"url": "spotify:track:1OT1G66Lt9EpKFWkwK8i9z"}},
  {"start_date": {"year": 2004}, "text": {"headline": "Map"}, "media": {"url": "https://www.google.com/maps/place/Evanston", "alt": "a map"}},
  {"start_date": {"year": 2005}, "text": {"headline": "Image"}, "media": {"url": "https://example.org/a.JPG?w=2", "caption": "A caption", "credit": "Photo", "thumbnail": "https://example.org/t.jpg"}},
  {"start_date": {"year": 2006}, "text": {"headline": "Image with alt"}, "media": {"url": "https://example.org/b.png", "alt": "Alt text", "caption": "A caption"}}
]}`
	dir, file := newSite(t, "tl.json", data)
	res, err := Import(os.DirFS(dir), dir, file, Options{})
	if err != nil || len(res.Written) != 6 {
		t.Fatalf("wrote %v: %v", res.Written, err)
	}
	ev := loadEvents(t, dir)
	type media struct{ Media, Caption, Credit, Image, Alt, ImageCredit string }
	for title, want := range map[string]media{
		"Video":          {"http://youtu.be/lIvftGgps24", "A video", "Someone", "", "", ""},
		"Quote":          {"<blockquote><p>You have brains in your head.</p></blockquote>", "", "Dr. Seuss", "", "", ""},
		"Song":           {"spotify:track:1OT1G66Lt9EpKFWkwK8i9z", "", "", "", "", ""},
		"Map":            {"https://www.google.com/maps/place/Evanston", "", "", "", "", ""},
		"Image":          {"", "", "", "https://example.org/a.JPG?w=2", "A caption", "Photo"},
		"Image with alt": {"", "", "", "https://example.org/b.png", "Alt text", ""},
	} {
		e := ev[title]
		if e == nil {
			t.Errorf("%s: missing", title)
			continue
		}
		if got := (media{e.Media, e.MediaCaption, e.MediaCredit, e.Image, e.ImageAlt, e.Credit}); got != want {
			t.Errorf("%s: %+v, want %+v", title, got, want)
		}
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Error())
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{`:5: media alt "a map" left out`, ":6: media.thumbnail left out", `:7: media caption "A caption" left out`} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
}

// TestImportDeepTime: deep-time years and seconds come in exactly.
func TestImportDeepTime(t *testing.T) {
	const data = `{"scale": "cosmological", "events": [
  {"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang"}},
  {"start_date": {"year": -541000000}, "end_date": {"year": -485400000}, "text": {"headline": "Cambrian"}},
  {"start_date": {"year": "-9999"}, "display_date": "c. 10,000 BC", "text": {"headline": "Farming"}},
  {"start_date": {"year": "2014", "month": "06", "day": "18", "hour": "17", "minute": "17", "second": "44"}, "text": {"headline": "Toast"}},
  {"start_date": {"year": "123456789012"}, "text": {"headline": "Too far"}}
]}`
	dir, file := newSite(t, "tl.json", data)
	_, err := Import(os.DirFS(dir), dir, file, Options{})
	if bad := errorLines(t, err); len(bad) != 1 || !strings.Contains(bad[6], "more than 11 digits") {
		t.Errorf("errors %v, want the 12-digit year at line 6", bad)
	}
	ev := loadEvents(t, dir)
	for title, want := range map[string]string{
		"Big Bang": "13.8 billion years ago",
		"Cambrian": "541–485.4 million years ago",
		"Farming":  "c. 10,000 BC",
		"Toast":    "18 June 2014, 17:17:44",
	} {
		if e := ev[title]; e == nil || e.DateText() != want {
			t.Errorf("%s: %v, want %q", title, e, want)
		}
	}
}
