package render

import (
	"html"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// escapeParts are pieces of text each export escape has a rule for.
var escapeParts = []string{"a", " ", "&", "'", "<", ">", `"`, `\`, ";", ",", ":", "\r", "\n", "\r\n", "\t",
	"\x00", "\x1f", "é", "ж", "€", "𝄞", "\u2028", "\xff", "\xe2\x82", "\ufffd", "&amp;", "https://x.org/?a=1&b=2"}

// randomTexts are strings made of escapeParts, and each part alone.
func randomTexts() []string {
	return append(append([]string{""}, escapeParts...), randomStrings(escapeParts, 500)...)
}

// randomStrings are n strings of up to 11 of parts each, the same on
// every run.
func randomStrings(parts []string, n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		out[i] = b.String()
	}
	return out
}

func TestAppendHTMLEscapedAsEscapeString(t *testing.T) {
	odd := `a<b>&"c'd é` // as the embed snippets' tests write titles
	for _, s := range append(randomTexts(), odd, odd+odd) {
		if got, want := string(appendHTMLEscaped([]byte("x"), s)), "x"+html.EscapeString(s); got != want {
			t.Errorf("appendHTMLEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSourcesHTML: every part of a source, and characters to escape in
// each, come out as the event page's "cite" template lists them.
func TestSourcesHTML(t *testing.T) {
	r := exportRenderer(t, fstest.MapFS{
		"site.toml": {Data: []byte(`title = "T"
baseURL = "https://example.org/tl/"
`)},
		"content/events/z.md": {Data: []byte("+++\ntitle = \"None\"\ndate = 2020-01-01\n+++\nNo sources.\n")},
		"content/events/a.md": {Data: []byte(`+++
title = "Sources"
date = 2014-03-01

[[sources]]
title = "Title <with> \"quotes\" & 'apostrophes'"
url = "https://example.com/a?b=1&c=2"
publisher = "Smith & Sons <Ltd>"
date = "2014-03-02"
archive = "https://web.archive.org/web/2014/https://example.com/a?b=1&c=2"
accessed = 2022-01-03

[[sources]]
url = "/about/?q=\"x\""

[[sources]]
title = "Relative"
url = "docs/a&b.pdf"

[[sources]]
title = "Plain, no URL <b>"
publisher = "Éditions"
date = "~1990"
+++
Body.
`)},
	})
	x := newExports(r)
	v := r.events[0]
	got := string(x.appendSourcesHTML([]byte("before"), v))
	want := "before" + `<section class="sources"><h2>Sources</h2><ul>` +
		`<li><span class="publisher">Smith &amp; Sons &lt;Ltd&gt;</span>: <cite><a href="https://example.com/a?b=1&amp;c=2">Title &lt;with&gt; &#34;quotes&#34; &amp; &#39;apostrophes&#39;</a></cite>, <time class="date" datetime="2014-03-02">2 March 2014</time> (<a class="archive" href="https://web.archive.org/web/2014/https://example.com/a?b=1&amp;c=2">archived copy</a>)<span class="accessed">, accessed <time datetime="2022-01-03">3 January 2022</time></span></li>` +
		`<li><cite><a href="https://example.org/tl/about/?q=&#34;x&#34;">https://example.org/tl/about/?q=&#34;x&#34;</a></cite></li>` +
		`<li><cite><a href="https://example.org/tl/docs/a&amp;b.pdf">Relative</a></cite></li>` +
		`<li><span class="publisher">Éditions</span>: <cite>Plain, no URL &lt;b&gt;</cite>, <time class="date" datetime="1990">c. 1990</time></li>` +
		`</ul></section>`
	if got != want {
		t.Errorf("sources:\n got %s\nwant %s", got, want)
	}
	if got := string(x.appendSourcesHTML([]byte("x"), r.events[1])); got != "x" {
		t.Errorf("no sources: %q, want nothing appended", got)
	}
}

// exportRenderer loads fsys and prepares a renderer, as a render does
// before its jobs run.
func exportRenderer(t *testing.T, fsys fstest.MapFS) *renderer {
	t.Helper()
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return preparedRenderer(t, site)
}

// TestAppendICSText: a TEXT value is escaped as strings.Replacer escapes
// it, a CRLF as one line break.
func TestAppendICSText(t *testing.T) {
	replacer := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	for _, s := range append(randomTexts(), "\r\r\n\n\r", "a\r", "\r\na") {
		if got, want := string(appendICSText([]byte("x"), s)), "x"+replacer.Replace(s); got != want {
			t.Errorf("appendICSText(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestAppendICSDateTime: a floating time is what fmt writes, a zoned one
// is in UTC, the day changed if need be.
func TestAppendICSDateTime(t *testing.T) {
	for _, c := range []struct {
		d    timeline.Date
		want string
	}{
		{timeline.Date{Year: 7, Month: 1, Day: 2, Hour: 3, Minute: 4, Second: 5}, "00070102T030405"},
		{timeline.Date{Year: 2014, Month: 12, Day: 31, Hour: 23, Minute: 59}, "20141231T235900"},
		{timeline.Date{Year: 2014, Month: 12, Day: 31, Hour: 23, Minute: 30, HasOffset: true, Offset: -60}, "20150101T003000Z"},
		{timeline.Date{Year: 2014, Month: 1, Day: 1, Hour: 0, Minute: 15, Second: 9, HasOffset: true, Offset: 330}, "20131231T184509Z"},
	} {
		if got := string(appendICSDateTime([]byte("x"), c.d)); got != "x"+c.want {
			t.Errorf("appendICSDateTime(%+v) = %q, want %q", c.d, got, "x"+c.want)
		}
	}
}

// TestFeedID: the ids are name-based UUIDs (version 5) of the title, the
// name and the language, however long; the same names give the same id.
func TestFeedID(t *testing.T) {
	long := strings.Repeat("long title ", 40)
	seen := map[string]bool{}
	for _, c := range [][3]string{{"T", "", "a"}, {"T", "", "b"}, {"T", "uk", "a"}, {"U", "", "a"}, {long, "", "a"}, {long, "uk", long}} {
		id := feedID(c[0], c[1], c[2])
		if len(id) != 45 || !strings.HasPrefix(id, "urn:uuid:") || id[23] != '5' || !strings.ContainsRune("89ab", rune(id[28])) {
			t.Errorf("feedID%q = %s, not a version 5 UUID", c, id)
		}
		if seen[id] {
			t.Errorf("feedID%q = %s, as another's", c, id)
		}
		seen[id] = true
		if again := feedID(c[0], c[1], c[2]); again != id {
			t.Errorf("feedID%q = %s, then %s", c, id, again)
		}
	}
	// As RFC 9562 makes them (Python's uuid.uuid5 of the same bytes).
	if got, want := feedID(long, "uk", long), "urn:uuid:73004ad7-959d-55bc-b00f-9980909eec91"; got != want {
		t.Errorf("feedID of a long title = %s, want %s", got, want)
	}
}

// TestAppendXMLEscaped: text is escaped as strings.Replacer escapes it,
// once the characters XML cannot hold are U+FFFD.
func TestAppendXMLEscaped(t *testing.T) {
	replacer := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	for _, s := range randomTexts() {
		if got, want := string(appendXMLEscaped([]byte("x"), s)), "x"+replacer.Replace(xmlChars(s)); got != want {
			t.Errorf("appendXMLEscaped(%q) = %q, want %q", s, got, want)
		}
	}
	if got := string(appendXMLElement(nil, "category", "", "term", `a"b`, "label", "<T>")); got != `<category term="a&quot;b" label="&lt;T&gt;"/>`+"\n" {
		t.Errorf("empty element: %q", got)
	}
	if got := string(appendXMLElement(nil, "title", "A & B")); got != "<title>A &amp; B</title>\n" {
		t.Errorf("element: %q", got)
	}
}

// TestPlainPageURL: where a base and a site path are plain, the page's URL
// is the two joined, as ResolveReference makes it; the common ones are.
func TestPlainPageURL(t *testing.T) {
	bases := []string{"https://example.org/", "https://example.org/tl/", "https://user@example.org:8080/a-b/",
		"https://example.org/a/../", "https://example.org/./", "https://example.org/?q", "https://example.org/?",
		"https://example.org/#f", "https://example.org", "https://example.org/%7Euser/", "https://example.org/~user/",
		"https://EXAMPLE.org/", "https://example.org//x/", "http://[::1]:80/", "https://example.org/a b/",
		"https://example.org/ü/", "https://example.org/a%2Fb/", "mailto:x@example.org", "/relative/", "https://example.org/a;b/"}
	paths := []string{"events/x/", "events/x", "events/a_b-C9/", "", "/x/", "events//x/", "events/./x/", "events/../x/",
		"events/ü/", "events/a b/", "events/a%20b/", "events/x/?q", "tags/x.y/", "x#y/", "..", "."}
	for _, b := range bases {
		base, err := url.Parse(b)
		if err != nil {
			continue
		}
		for _, p := range paths {
			if !plainBase(base, b) || !plainPath(p) {
				continue
			}
			if got, want := b+p, base.ResolveReference(&url.URL{Path: p}).String(); got != want {
				t.Errorf("base %q, path %q: joined %q, resolved %q", b, p, got, want)
			}
		}
	}
	base, _ := url.Parse("https://example.org/tl/")
	if !plainBase(base, "https://example.org/tl/") || !plainPath("events/1914-06-28-sarajevo/") {
		t.Error("a common base and event path are not plain")
	}
}
