package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// parseICS checks the content-line rules of RFC 5545 3.1 (CRLF endings,
// at most 75 octets a line, folds that never split a character) and
// parses the calendar with golang-ical, an independent parser.
func parseICS(t *testing.T, b []byte) []*ics.VEvent {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("events.ics does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a character: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare line break: %q", i+1, line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("golang-ical: %v", err)
	}
	return cal.Events()
}

func icsProp(e *ics.VEvent, p ics.ComponentProperty) (value, valueType string) {
	prop := e.GetProperty(p)
	if prop == nil {
		return "", ""
	}
	if v := prop.ICalParameters["VALUE"]; len(v) == 1 {
		valueType = v[0]
	}
	return prop.Value, valueType
}

func TestICalendar(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{})
	events := parseICS(t, out.Files["events.ics"])
	type want struct{ start, startType, end, endType string }
	cases := map[string]want{
		// A year and a month span the whole of them; DTEND is exclusive.
		"c. A year":                            {"19900101", "DATE", "19910101", "DATE"},
		"A month, with commas; and semicolons": {"20140301", "DATE", "20140319", "DATE"},
		"A day":                                {"20211231", "DATE", "20220101", "DATE"},
		"Some days":                            {"20220110", "DATE", "20220113", "DATE"},
		// An ongoing span ends with the build date (2026-11-30).
		"Ongoing": {"20211101", "DATE", "20261201", "DATE"},
		// Times with a zone in UTC; without one, floating; a moment has no end.
		"A call":       {"20211230T203500Z", "", "20211230T212500Z", ""},
		"A local time": {"20220110T090000", "", "", ""},
	}
	// The year BC cannot be written in iCalendar's four-digit years.
	if len(events) != len(cases) {
		t.Errorf("%d events, want %d", len(events), len(cases))
	}
	uids := map[string]bool{}
	for _, e := range events {
		summary, _ := icsProp(e, ics.ComponentPropertySummary)
		summary = ics.FromText(summary)
		w, ok := cases[summary]
		if !ok {
			t.Errorf("unexpected event %q", summary)
			continue
		}
		var got want
		got.start, got.startType = icsProp(e, ics.ComponentPropertyDtStart)
		got.end, got.endType = icsProp(e, ics.ComponentPropertyDtEnd)
		if got != w {
			t.Errorf("%s: DTSTART %s (%s) DTEND %s (%s), want %s (%s) %s (%s)", summary,
				got.start, got.startType, got.end, got.endType, w.start, w.startType, w.end, w.endType)
		}
		uid, _ := icsProp(e, ics.ComponentPropertyUniqueId)
		if uid == "" || uids[uid] {
			t.Errorf("%s: UID %q missing or repeated", summary, uid)
		}
		uids[uid] = true
		if stamp, _ := icsProp(e, ics.ComponentPropertyDtstamp); stamp != "20261130T000000Z" {
			t.Errorf("%s: DTSTAMP %q, want the build date", summary, stamp)
		}
		if u, _ := icsProp(e, ics.ComponentPropertyUrl); !strings.HasPrefix(u, "https://example.org/tl/events/") {
			t.Errorf("%s: URL %q", summary, u)
		}
	}

	// Text survives escaping and folding.
	for _, e := range events {
		summary, _ := icsProp(e, ics.ComponentPropertySummary)
		desc, _ := icsProp(e, ics.ComponentPropertyDescription)
		switch ics.FromText(summary) {
		case "Some days":
			want := "10–12 January 2022: Three days of talks, with letters like é, ü and ж that take two octets each, so that folding must not split them, and enough words to need two folds."
			if got := ics.FromText(desc); got != want {
				t.Errorf("description:\n got %q\nwant %q", got, want)
			}
		case "A month, with commas; and semicolons":
			loc, _ := icsProp(e, ics.ComponentPropertyLocation)
			cats := e.GetProperty(ics.ComponentPropertyCategories)
			if loc != "Crimea" || cats == nil || cats.Value != `Military,Alpha,Beta` {
				t.Errorf("location %q, categories %v", loc, cats)
			}
		}
	}
	if !bytes.Contains(out.Files["events.ics"], []byte("SUMMARY:A month\\, with commas\\; and semicolons\r\n")) {
		t.Error("commas and semicolons are not escaped in SUMMARY")
	}
}

// TestICalendarUIDsStable: the UIDs come from the slugs, not the baseURL.
func TestICalendarUIDsStable(t *testing.T) {
	_, a := renderSite(t, exportSite, Options{})
	_, b := renderSite(t, exportSite, Options{BaseURL: "https://moved.example/"})
	ea, eb := parseICS(t, a.Files["events.ics"]), parseICS(t, b.Files["events.ics"])
	if len(ea) != len(eb) {
		t.Fatalf("%d and %d events", len(ea), len(eb))
	}
	for i := range ea {
		ua, _ := icsProp(ea[i], ics.ComponentPropertyUniqueId)
		ub, _ := icsProp(eb[i], ics.ComponentPropertyUniqueId)
		if ua != ub {
			t.Errorf("event %d: UID %s became %s", i, ua, ub)
		}
	}
}

func TestICSFold(t *testing.T) {
	// Runs of 1- to 4-byte characters, shifted by 0 to 7 octets, so that
	// lines end at every offset within a character: a fold that allows
	// 76 octets, splits a character or cuts early shows on some of them.
	values := []string{strings.Repeat("ж", 100)}
	for shift := range 8 {
		values = append(values, strings.Repeat("a", shift)+strings.Repeat("aжअ😀", 30))
		values = append(values, strings.Repeat("a", shift)+strings.Repeat("😀अжa", 30))
	}
	for _, value := range values {
		var w icsWriter
		w.prop("DESCRIPTION", value)
		lines := strings.Split(strings.TrimSuffix(w.b.String(), "\r\n"), "\r\n")
		var joined strings.Builder
		for i, l := range lines {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Errorf("line %d: %d octets, valid UTF-8 %v", i, len(l), utf8.ValidString(l))
			}
			rest := strings.Join(lines[i+1:], "")
			if i+1 < len(lines) {
				// Full: the next character would not have fitted.
				_, n := utf8.DecodeRuneInString(strings.TrimPrefix(rest, " "))
				if len(l)+n <= 75 {
					t.Errorf("line %d: %d octets, folded before a %d-octet character that fits", i, len(l), n)
				}
			}
			if i > 0 {
				if l[0] != ' ' {
					t.Errorf("continuation line %d does not start with a space", i)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != "DESCRIPTION:"+value {
			t.Error("unfolding does not give the line back")
		}
	}
}

// TestICalendarSecondsAndDeepTime: a time keeps its seconds, and a year
// iCalendar cannot write (deep time) leaves the event out.
func TestICalendarSecondsAndDeepTime(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n")},
		"content/events/toast.md": {Data: []byte("+++\ntitle = \"Toast\"\ndate = \"2014-06-18T17:17:44\"\nend = \"2014-06-18T19:17:44+02:00\"\n+++\n")},
		"content/events/bang.md":  {Data: []byte("+++\ntitle = \"Bang\"\ndate = \"-13800000000\"\n+++\n")},
	}
	_, out := renderSite(t, fsys, Options{})
	events := parseICS(t, out.Files["events.ics"])
	if len(events) != 1 {
		t.Fatalf("%d events, want the toast alone", len(events))
	}
	start, _ := icsProp(events[0], ics.ComponentPropertyDtStart)
	end, _ := icsProp(events[0], ics.ComponentPropertyDtEnd)
	if start != "20140618T171744" || end != "20140618T171744Z" {
		t.Errorf("DTSTART %s DTEND %s, want the seconds kept", start, end)
	}
}

// TestICSDate: a date in events.ics is what fmt's %04d%02d%02d writes.
func TestICSDate(t *testing.T) {
	for _, d := range []timeline.Date{{Year: 1, Month: 1, Day: 1}, {Year: 99, Month: 10, Day: 9}, {Year: 999, Month: 12, Day: 31},
		{Year: 2024, Month: 2, Day: 29}, {Year: 9999, Month: 12, Day: 31}, {Year: 10000, Month: 1, Day: 1}} {
		if got, want := string(appendICSDate(nil, d)), fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day); got != want {
			t.Errorf("appendICSDate(%+v) = %q, want %q", d, got, want)
		}
	}
}

// BenchmarkICalendar is events.ics of a 1,000-event site, written as a
// build writes it, to a file, here counted.
func BenchmarkICalendar(b *testing.B) {
	_, r := benchRenderer(b, 1000)
	r.exportJobs()
	var size countingFile
	r.create = func(string) (io.WriteCloser, error) { return &size, nil }
	for b.Loop() {
		size.n = 0
		if err := r.exports.iCalendar(nil); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(size.n)
}
