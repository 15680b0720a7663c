package timeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz tests of every parser of user input. `go test` runs their seeds:
// the files under testdata/fuzz and the shipped site's content, added
// below; `go test -fuzz FuzzX` explores further. None may panic, and each
// checks what must hold for any input.

// shippedContent returns the repository's own content files as seeds.
func shippedContent(f *testing.F) [][]byte {
	var seeds [][]byte
	files, _ := filepath.Glob("../../content/events/*.md")
	more, _ := filepath.Glob("../../content/*.md")
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// linearTime fails the test when fn takes far longer than a pass over an
// input of n bytes should: a guard against quadratic behaviour.
func linearTime(t *testing.T, n int, fn func()) {
	start := time.Now()
	fn()
	if d := time.Since(start); d > 2*time.Second+time.Duration(n)*20*time.Microsecond {
		t.Fatalf("%d bytes took %v", n, d)
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range shippedContent(f) {
		f.Add(s)
	}
	for _, s := range []string{"", "+++", "+++\n", "+++\n+++", "+++\r\n+++\r\n", "\xef\xbb\xbf+++\na=1\n+++\nbody", "---\na: 1\n---\n", "+++ \nx\n+++\t\n", "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var doc document
		var err error
		linearTime(t, len(src), func() { doc, err = splitFrontMatter(src) })
		if err != nil {
			if _, ok := err.(*lineError); !ok {
				t.Fatalf("error %T is not a lineError", err)
			}
			return
		}
		// The parts and their line numbers must account for the whole text.
		norm := normalize(src)
		if doc.Front == nil {
			if doc.BodyLine != 1 || string(doc.Body) != string(norm) {
				t.Fatalf("no front matter, but body %q at line %d", doc.Body, doc.BodyLine)
			}
			return
		}
		if lines := strings.Count(string(norm[:len(norm)-len(doc.Body)]), "\n"); doc.BodyLine != lines+1 && !(len(doc.Body) == 0) {
			t.Fatalf("body starts at line %d, but %d newlines precede it", doc.BodyLine, lines)
		}
	})
}

func FuzzDecodeTOML(f *testing.F) {
	for _, s := range shippedContent(f) {
		if doc, err := splitFrontMatter(s); err == nil && doc.Front != nil {
			f.Add(doc.Front)
		}
	}
	for _, s := range []string{"a = 1", "a = \"\"\"\nx = 1\n\"\"\"\n[t]\nb = 2", "[[s]]\n[[s]]\nx=1", "a.b.c = 1", "'q' = 2", "x = [\n1,\n2]\n", "= 1", "[", "a = 1979-05-27T07:32:00Z"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var m map[string]any
		var err error
		linearTime(t, len(src), func() { m, err = decodeTOML(src, 2) })
		if err != nil {
			le, ok := err.(*lineError)
			if !ok {
				t.Fatalf("error %T is not a lineError", err)
			}
			if le.line < 2 || le.line > 2+strings.Count(string(src), "\n")+1 {
				t.Fatalf("error at line %d of a %d-line text starting at 2", le.line, strings.Count(string(src), "\n")+1)
			}
			return
		}
		lines := keyLines(src, 2)
		for k := range m {
			if n, ok := lines[k]; ok && (n < 2 || n > 2+strings.Count(string(src), "\n")) {
				t.Fatalf("key %q at line %d is outside the text", k, n)
			}
		}
	})
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Crimea Seized", "../../etc", "C++", "Україна", "a\x00b", "日本語", "ﬁ", "İstanbul", "\u200f\u202e", "a_b-c", "-_-",
		"crimea-seized", "2014-03-18-crimea", "a--b", "-a", "a-", "", "a_", "ab9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slugify(s)
		if want := slugify(s); slug != want {
			t.Fatalf("Slugify(%q) = %q, the long way %q", s, slug, want)
		}
		if slug == "" {
			return
		}
		if !utf8.ValidString(slug) || strings.ContainsAny(slug, "/\\. \t\n\x00") || strings.HasPrefix(slug, "-") {
			t.Fatalf("Slugify(%q) = %q: not a safe path segment", s, slug)
		}
		if Slugify(slug) != slug || !ValidSlug(slug) {
			t.Fatalf("Slugify(%q) = %q is not stable", s, slug)
		}
	})
}

func FuzzLoadEvent(f *testing.F) {
	for _, s := range shippedContent(f) {
		f.Add(s)
	}
	f.Add([]byte("+++\ntitle = \"x\"\ndate = \"2014\"\nend = \"present\"\n[[sources]]\nurl = \"/a\"\n+++\n"))
	f.Add([]byte("+++\ntitle = \"x\"\ndate = \"2014\"\nmedia = \"spotify:track:abc\"\nmedia_caption = \"c\"\nmedia_credit = \"d\"\n+++\n"))
	f.Add([]byte("+++\ntitle = \"x\"\ndate = \"2014\"\nmedia = \"\"\"\n> a quote\n> <blockquote>\"\"\"\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs ErrorList
		var e *Event
		linearTime(t, len(src), func() { e = decodeEvent("content/events/x.md", src, &errs) })
		if (e == nil) == (len(errs) == 0) {
			t.Fatalf("event %v with %d errors", e != nil, len(errs))
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, err := range errs {
			if err.File != "content/events/x.md" || err.Line < 0 || err.Line > lines {
				t.Fatalf("error at %s:%d of a %d-line file: %s", err.File, err.Line, lines, err.Msg)
			}
			_ = err.Error()
		}
		if e == nil {
			return
		}
		if e.Title == "" || e.Date.IsZero() || !ValidSlug(e.Slug) {
			t.Fatalf("event without title, date or valid slug: %+v", e)
		}
		if !e.End.IsZero() && e.End.endsBefore(e.Date) {
			t.Fatalf("end %s before start %s", e.End.ISO(), e.Date.ISO())
		}
		for _, s := range e.Sources {
			if s.URL != "" && !validLink(s.URL) {
				t.Fatalf("bad source URL accepted: %q", s.URL)
			}
			if s.Archive != "" && (s.URL == "" || !absoluteURL(s.Archive)) {
				t.Fatalf("bad source archive accepted: %+v", s)
			}
		}
		if m := e.Media; m != "" && !IsQuote(m) && !IsSpotifyURI(m) && !validLink(m) {
			t.Fatalf("bad media accepted: %q", m)
		}
		_ = e.DateText()
	})
}

// FuzzDateOrder checks that Compare is a total order that agrees with
// time, from deep time to seconds: antisymmetric, 0 only for equal dates,
// and never at odds with the dates' places on the axis.
func FuzzDateOrder(f *testing.F) {
	pairs := [][2]string{
		{"-13800000000", "-541000000"}, {"~-13800000000", "-13800000000"}, {"-9999", "2014"},
		{"2014-06-18T17:17:44", "2014-06-18T17:17"}, {"2014-06-18T17:17:44Z", "2014-06-18T19:17:44+02:00"},
		{"99999999999", "-99999999999"}, {"2014", "2014-01-01T00:00:01"},
	}
	for _, p := range pairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		d, err1 := ParseDate(a)
		e, err2 := ParseDate(b)
		if err1 != nil || err2 != nil {
			return
		}
		c := d.Compare(e)
		if c != -e.Compare(d) {
			t.Fatalf("Compare(%q, %q) = %d but the reverse is %d", a, b, c, e.Compare(d))
		}
		if (c == 0) != (d == e) {
			t.Fatalf("Compare(%q, %q) = %d for %+v and %+v", a, b, c, d, e)
		}
		if !d.HasOffset && !e.HasOffset && c < 0 && d.DecimalYear() > e.DecimalYear() {
			t.Fatalf("%q sorts before %q but is placed after it (%v > %v)", a, b, d.DecimalYear(), e.DecimalYear())
		}
	})
}

// FuzzDateFields builds dates from their parts, as an importer does, and
// checks that what parses keeps every part and shows without a panic.
func FuzzDateFields(f *testing.F) {
	f.Add(int64(-13800000000), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add(int64(2014), uint8(6), uint8(18), uint8(17), uint8(17), uint8(44))
	f.Add(int64(-541000000), uint8(2), uint8(29), uint8(23), uint8(59), uint8(59))
	f.Fuzz(func(t *testing.T, year int64, month, day, hour, minute, second uint8) {
		month, day, hour, minute, second = month%100, day%100, hour%100, minute%100, second%100
		s := strconv.FormatInt(year, 10)
		if month > 0 {
			s += fmt.Sprintf("-%02d", month)
			if day > 0 {
				s += fmt.Sprintf("-%02d", day)
				if hour > 0 {
					s += fmt.Sprintf("T%02d:%02d:%02d", hour, minute, second)
				}
			}
		}
		d, err := ParseDate(s)
		if err != nil {
			if year >= -MaxYear && year <= MaxYear && month == 0 {
				t.Fatalf("year %d refused: %v", year, err)
			}
			return
		}
		if int64(d.Year) != year || (month > 0 && int(d.Month) != int(month)) || (day > 0 && month > 0 && int(d.Day) != int(day)) {
			t.Fatalf("%q parsed as %+v", s, d)
		}
		if hour > 0 && month > 0 && day > 0 && (int(d.Hour) != int(hour) || int(d.Minute) != int(minute) || int(d.Second) != min(int(second), 59)) {
			t.Fatalf("%q parsed as %+v", s, d)
		}
		if d.String() == "" || d.ISO() == "" {
			t.Fatalf("%q shows as nothing", s)
		}
	})
}
