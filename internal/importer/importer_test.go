package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/internal/timeline"
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

`

func TestImportCSV(t *testing.T) {
	dir, file := newSite(t, "sheet.csv", sheet)
	res, err := Import(dir, file, Options{})
	bad := errorLines(t, err)
	for line, want := range map[int]string{8: "month 13 out of range", 9: "no start date with a year", 12: "day 30 out of range"} {
		if !strings.Contains(bad[line], want) {
			t.Errorf("line %d: error %q, want one saying %q", line, bad[line], want)
		}
	}
	if len(bad) != 3 {
		t.Errorf("errors at lines %v, want 8, 9 and 12", bad)
	}
	if len(res.Written) != 5 || !res.Intro || res.Eras != 1 {
		t.Errorf("wrote %v, intro %v, %d eras; want the 5 good rows, the title row and the era", res.Written, res.Intro, res.Eras)
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
}

func TestImportNeverOverwrites(t *testing.T) {
	const data = `{"events": [{"start_date": {"year": "2014", "month": "3"}, "text": {"headline": "Crimea"}}]}`
	dir, file := newSite(t, "tl.json", data)
	res, err := Import(dir, file, Options{})
	if err != nil || len(res.Written) != 1 || res.Written[0] != "content/events/2014-03-crimea.md" {
		t.Fatalf("first import: %v, %v", res, err)
	}
	p := filepath.Join(dir, "content/events/2014-03-crimea.md")
	if err := os.WriteFile(p, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Import(dir, file, Options{})
	if bad := errorLines(t, err); !strings.Contains(bad[1], "exists; not overwriting it") {
		t.Errorf("second import: %v", bad)
	}
	if b, _ := os.ReadFile(p); string(b) != "edited by hand" || len(res.Written) != 0 {
		t.Errorf("the file was overwritten: %q", b)
	}
	if _, err := Import(dir, file, Options{Force: true}); err != nil {
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
	res, err := Import(dir, file, Options{})
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
	_, err := Import(dir, file, Options{})
	if bad := errorLines(t, err); !strings.Contains(bad[3], "JSON") {
		t.Errorf("want a JSON error at line 3, got %v", bad)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content")); len(entries) != 0 {
		t.Errorf("wrote files from a broken file: %v", entries)
	}
}
