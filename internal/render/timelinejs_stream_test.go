package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestTimelineJSLikeEncoder checks that timeline.json, written a slide at a
// time, is byte for byte what json.Encoder writes for the whole file, with
// and without a title slide and with no events at all.
func TestTimelineJSLikeEncoder(t *testing.T) {
	empty := fstest.MapFS{"site.toml": {Data: []byte("title = \"\"\n")}}
	for name, fsys := range map[string]fstest.MapFS{
		"events":        exportSite,
		"no title":      withConfig(exportSite, "title = \"\"\n"),
		"empty":         empty,
		"titled, empty": withConfig(empty, "title = \"T\"\ndescription = \"D\"\n"),
		"eras, deep time": func() fstest.MapFS {
			f := withConfig(exportSite, "title = \"T\"\n[[eras]]\ntitle = \"E\"\ndate = \"-13800000000\"\nend = \"present\"\nsummary = \"S\"\n[[eras]]\ntitle = \"F\"\ndate = \"2014\"\nend = \"2015\"\n")
			f["content/events/bang.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Big Bang\"\ndate = \"-13800000000\"\nmedia = \"https://example.org/v\"\nmedia_caption = \"C\"\n+++\n")}
			return f
		}(),
		"split by year": splitSite(4),
	} {
		t.Run(name, func(t *testing.T) {
			_, out := renderSite(t, fsys, Options{})
			for p, got := range out.Files {
				if p != "timeline.json" && !(strings.HasPrefix(p, "timeline/") && p != "timeline/index.json") {
					continue
				}
				var f tlFile
				if err := json.Unmarshal(got, &f); err != nil {
					t.Fatal(err)
				}
				want, err := marshalJSON(f)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from json.Encoder's output at %s", p, sitetest.FirstDiff(want, got))
				}
			}
		})
	}
}

// BenchmarkTimelineJS is the writing of timeline.json for a 1,000-event
// site, the bodies made beforehand: the encoding alone.
func BenchmarkTimelineJS(b *testing.B) {
	_, r := benchRenderer(b, 1000)
	r.site.Config.TimelineJS.MaxEvents = 1000 // one file, as before the split
	x := newExports(r)
	x.follow = false // bodies made on first use and kept, not waited for from pages
	var n countingWriter
	r.create = func(string) (io.WriteCloser, error) { return &n, nil }
	if err := x.timelineJS(discard); err != nil { // makes the bodies
		b.Fatal(err)
	}
	b.SetBytes(n.n)
	for b.Loop() {
		if err := x.timelineJS(discard); err != nil {
			b.Fatal(err)
		}
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
func (w *countingWriter) Close() error                { return nil }

// tlTricky are strings with every character encoding/json escapes, or
// could be thought to: HTML's <, > and &, quotes and backslashes, every
// ASCII control character and DEL, U+2028 and U+2029 and their neighbours,
// bytes that are not UTF-8 (alone, cut short, overlong, surrogates, past
// U+10FFFF, at either end), multi-byte letters and emoji.
var tlTricky = func() []string {
	var ascii strings.Builder
	for b := range 0x80 {
		ascii.WriteByte(byte(b))
	}
	return []string{
		"",
		"plain",
		ascii.String(),
		`<script>alert("x & y")</script> \ \\ \" '`,
		"&lt;p&gt; &amp;amp; &#39;",
		"\x00\x01\x1f\x7f\b\f\n\r\t\v",
		"line\u2028para\u2029 \u2027\u202a\u2028\u2029",
		"\xff", "\xfe\xff", "a\xc3", "\xc3(", "\xe2\x80", "\xe2\x80<\xa8", "\xed\xa0\x80",
		"\xc0\xaf", "\xf4\x90\x80\x80", "\x80\x80x", "\xf0\x9f\x98",
		"\ufffd real replacement character",
		"Zoë, Straße, Ελληνικά, 日本語, עברית",
		"😀 👩\u200d👩\u200d👧 🇫🇷 \U0010ffff",
		"mixed <\xff\u2028é\x00>\"",
	}
}()

// tlTrickySlides are slides with and without each optional field, their
// strings the tricky ones in turn.
func tlTrickySlides() []*tlSlide {
	hour, minute, zero := 23, 59, 0
	dates := []*tlDate{
		nil,
		{Year: 2024},
		{Year: -490, Month: 9},
		{Year: 0, Month: 1, Day: 31},
		{Year: 1969, Month: 7, Day: 20, Hour: &hour, Minute: &minute},
		{Year: 2000, Month: 1, Day: 1, Hour: &zero, Minute: &zero},
		{Year: 12, Day: 3, Minute: &minute}, // gaps: each field left out on its own
		{Year: 2014, Month: 6, Day: 18, Hour: &hour, Minute: &minute, Second: &minute},
		{Year: -13800000000, Second: &zero},
	}
	var slides []*tlSlide
	slides = append(slides, &tlSlide{}, &tlSlide{Text: &tlText{}}, &tlSlide{Media: &tlMedia{}})
	for i, str := range tlTricky {
		other := tlTricky[(i+1)%len(tlTricky)]
		for mask := range 1 << 7 {
			on := func(bit int) bool { return mask&(1<<bit) != 0 }
			s := &tlSlide{StartDate: dates[(i+mask)%len(dates)]}
			if on(0) {
				s.EndDate = dates[(i+mask+3)%len(dates)]
			}
			if on(1) {
				s.DisplayDate = str
			}
			if on(2) {
				s.Text = &tlText{Headline: str, Text: other}
			} else if mask%3 == 0 {
				s.Text = &tlText{Headline: other} // an empty text
			}
			switch {
			case on(3) && on(4) && on(6):
				s.Media = &tlMedia{URL: str, Caption: other, Credit: str}
			case on(3) && on(4):
				s.Media = &tlMedia{URL: str, Credit: other, Alt: str}
			case on(3):
				s.Media = &tlMedia{URL: str}
			case on(4):
				s.Media = &tlMedia{URL: other, Credit: str}
			case mask%5 == 0:
				s.Media = &tlMedia{URL: other, Alt: str}
			}
			if on(5) {
				s.Group = str
			}
			if on(6) {
				s.UniqueID = other
			}
			slides = append(slides, s)
		}
	}
	return slides
}

// encoderSlide is what json.Encoder writes for s under prefix, without its
// trailing newline, and what tlWriter writes. With text, s's text is
// text's parts joined for json.Encoder, and the parts for tlWriter.
func encoderSlide(t testing.TB, s *tlSlide, prefix string, text ...string) (want, got []byte) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	joined := *s
	if text != nil {
		joined.Text = &tlText{Headline: s.Text.Headline, Text: strings.Join(text, "")}
	}
	if err := enc.Encode(&joined); err != nil {
		t.Fatal(err)
	}
	want = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	// Small buffers: runs cross their flushes, and strings are escaped
	// in pieces (tlWriter.escaped) of every size it cuts them to.
	for _, size := range []int{16, 40, 64, 100} {
		var out bytes.Buffer
		w := &tlWriter{w: bufio.NewWriterSize(&out, size)}
		if err := w.slide(s, prefix, text...); err != nil {
			t.Fatal(err)
		}
		if err := w.w.Flush(); err != nil {
			t.Fatal(err)
		}
		if got = out.Bytes(); !bytes.Equal(got, want) {
			break
		}
	}
	return want, got
}

// TestTLWriterLikeEncoder holds tlWriter to json.Encoder's bytes for
// slides of every shape and every character that needs care.
func TestTLWriterLikeEncoder(t *testing.T) {
	slides := tlTrickySlides()
	for _, prefix := range []string{"    ", "  ", ""} {
		for i, s := range slides {
			want, got := encoderSlide(t, s, prefix)
			if !bytes.Equal(got, want) {
				j, _ := json.Marshal(s)
				t.Fatalf("prefix %q, slide %d %s:\ngot  %s\nwant %s\nfirst difference at %s",
					prefix, i, j, got, want, sitetest.FirstDiff(want, got))
			}
		}
	}
	// A text in parts, cut anywhere: in a UTF-8 sequence, in an escape's
	// bytes, at either end; with parts of ASCII about it as timelineJS has.
	for _, str := range tlTricky {
		for i := range len(str) + 1 {
			for _, parts := range [][]string{
				{str[:i], str[i:]},
				{"", str[:i], str[i:], ""},
				{`<p class="summary">` + str[i:] + "</p>\n", str[:i], `<section class="sources">`},
				{str[i:], str[:i], str[i:]},
			} {
				s := &tlSlide{Text: &tlText{Headline: str, Text: "left for the parts"}}
				want, got := encoderSlide(t, s, "    ", parts...)
				if !bytes.Equal(got, want) {
					t.Fatalf("text in parts %q:\ngot  %s\nwant %s", parts, got, want)
				}
			}
		}
	}
	// The same writer, slide after slide, as timelineJS uses it.
	var want, out bytes.Buffer
	w := &tlWriter{w: bufio.NewWriter(&out)}
	for i, s := range slides {
		prefix := "    "
		if i%7 == 0 {
			prefix = "  "
		}
		wa, _ := encoderSlide(t, s, prefix)
		want.Write(wa)
		if err := w.slide(s, prefix); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want.Bytes()) {
		t.Fatalf("slides written in turn differ at %s", sitetest.FirstDiff(want.Bytes(), out.Bytes()))
	}
}

// FuzzTLWriterString holds tlWriter's strings to json.Encoder's for any
// bytes. go test runs the tricky strings; go test -fuzz looks further.
func FuzzTLWriterString(f *testing.F) {
	for i, s := range tlTricky {
		f.Add(s, uint(i), uint(i*7))
	}
	f.Fuzz(func(t *testing.T, s string, i, j uint) {
		slide := &tlSlide{Text: &tlText{Headline: s, Text: s + s}, Group: s}
		want, got := encoderSlide(t, slide, "    ")
		if !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		// And as a text in three parts.
		i, j = i%uint(len(s)+1), j%uint(len(s)+1)
		i, j = min(i, j), max(i, j)
		parts := []string{s[:i], s[i:j], s[j:]}
		want, got = encoderSlide(t, slide, "    ", parts...)
		if !bytes.Equal(got, want) {
			t.Fatalf("%q in parts: got %s, want %s", parts, got, want)
		}
	})
}
