package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadTimelineJS: no input panics the reader or the conversion of
// what it reads, and every row is at a line of the input. The seeds are
// the TimelineJS examples, when test.sh has installed them.
func FuzzReadTimelineJS(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"title": {"text": {"headline": "T"}}, "eras": [{"start_date": {"year": "-13800000000"}, "end_date": {"year": 1}}],
"events": [{"start_date": {"year": 2014, "second": 61}, "media": {"url": "<blockquote>q</blockquote>"}}, {"date": {}}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		rows, err := readTimelineJS(src)
		checkRows(t, src, rows, err)
	})
}

// FuzzReadCSV: the same for the Google Sheets layout.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(sheet))
	f.Add([]byte("Year,Headline,Time,Type,Media\n-13800000000,Bang,,,\n2014,Toast,17:17:44,,spotify:track:1\n,Title,,title,x.png\n1,E,,era,\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		rows, err := readCSV(src)
		checkRows(t, src, rows, err)
	})
}

func checkRows(t *testing.T, src []byte, rows []row, err error) {
	t.Helper()
	lines := bytes.Count(src, []byte("\n")) + 1
	if err != nil {
		if le, ok := err.(*lineError); ok && (le.line < 1 || le.line > lines) {
			t.Fatalf("error at line %d of %d", le.line, lines)
		}
		return
	}
	for _, r := range rows {
		if r.line < 1 || r.line > lines {
			t.Fatalf("row at line %d of %d", r.line, lines)
		}
		if r.slide == nil {
			continue
		}
		switch r.kind {
		case rowTitle:
			_ = convertTitle(r.slide)
		case rowEra:
			_, _ = convertEra(r.slide)
		default:
			if ev, err := convert(r.slide); err == nil {
				if ev.title == "" || ev.date.IsZero() {
					t.Fatalf("an event without a title or a date: %+v", ev)
				}
				_ = ev.file()
			}
		}
	}
}
