package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	src := "Intro with \"quotes\" -- and a [link](../other/).\nSecond line.\n\n" +
		"## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\nsee https://example.org\n\n" +
		"Note[^1] and ![img](/img/a.png \"t\").\n\n[^1]: The note.\n"
	doc, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	for _, want := range []string{
		"&ldquo;quotes&rdquo; &ndash; and",  // typographer
		`<h2 id="a-heading">A heading</h2>`, // heading ids
		"<table>",                           // GFM tables
		"<del>gone</del>",                   // strikethrough
		`<a href="https://example.org">`,    // autolinks
		`class="footnote-ref"`,              // footnotes
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	if want, got := `Intro with “quotes” – and a link. Second line.`, New(Options{}).Summary([]byte(src)); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	want := []Link{{Dest: "../other/", Line: 1}, {Dest: "https://example.org", Line: 11, Auto: true}, {Dest: "/img/a.png", Line: 13, Image: true}}
	if len(doc.Links) != len(want) {
		t.Fatalf("links = %+v, want %+v", doc.Links, want)
	}
	for i := range want {
		if doc.Links[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, doc.Links[i], want[i])
		}
	}
}

func TestRawHTMLAndDangerousLinks(t *testing.T) {
	src := "<script>alert(1)</script>\n\nText <b>bold</b> [x](javascript:alert(1)) ![y](data:text/html,z)\n"
	safe, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<b>", "javascript:", "data:text/html"} {
		if strings.Contains(string(safe.HTML), bad) {
			t.Errorf("safe HTML contains %q:\n%s", bad, safe.HTML)
		}
	}
	unsafe, err := New(Options{Unsafe: true}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(unsafe.HTML), "<b>bold</b>") {
		t.Errorf("unsafe HTML lacks raw HTML:\n%s", unsafe.HTML)
	}
}

func TestSummary(t *testing.T) {
	r := New(Options{})
	tests := map[string]string{
		"":                             "",
		"# Only a heading\n":           "",
		"# Heading\n\nFirst *para*.\n": "First para.",
		"- a list\n\nThen text.\n":     "Then text.",
		"It's `code` & <i>x</i>.\n":    "It’s code & x.",
	}
	for src, want := range tests {
		if got := r.Summary([]byte(src)); got != want {
			t.Errorf("Summary(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestRerender(t *testing.T) {
	r := New(Options{})
	doc, err := r.Render([]byte("[Here](x/) and [there](https://e.org/) and ![a](img.png).\n"))
	if err != nil {
		t.Fatal(err)
	}
	first := string(doc.HTML)
	abs := func(dest string) string {
		if strings.Contains(dest, "://") {
			return dest
		}
		return "https://s.org/" + dest
	}
	same := func(dest string) string { return dest }

	if b, err := doc.Rerender(same); err != nil || string(b) != first {
		t.Errorf("a rewrite that changes nothing gives %q, %v; want the HTML", b, err)
	}
	b, err := doc.Rerender(abs)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="https://s.org/x/">Here</a> and <a href="https://e.org/">there</a> and <img src="https://s.org/img.png" alt="a">.</p>` + "\n"
	if string(b) != want {
		t.Errorf("absolute: got %q, want %q", b, want)
	}
	// The parse now holds the absolute links: rewriting nothing again
	// gives them, not the first HTML.
	if b, err := doc.Rerender(same); err != nil || string(b) != want {
		t.Errorf("after a change, a rewrite that changes nothing gives %q, %v; want %q", b, err, want)
	}
	if string(doc.HTML) != first {
		t.Errorf("Rerender changed doc.HTML to %q", doc.HTML)
	}
}

// TestRerenderTable checks that an aligned table renders again as it did
// the first time: goldmark adds a cell's alignment to its node's style.
func TestRerenderTable(t *testing.T) {
	doc, err := New(Options{}).Render([]byte("[a](x/)\n\n| n | w |\n|--:|:--|\n| 1 | a |\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Rerender(func(dest string) string { return "https://s.org/" + dest })
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(doc.HTML), `href="x/"`, `href="https://s.org/x/"`, 1)
	if string(b) != want {
		t.Errorf("rendered again:\n%s\nwant:\n%s", b, want)
	}
}

// TestRerenderEveryLink: every link and image is rewritten, wherever it
// is (a footnote, a list, a quote, a table cell), in a body parsed with
// and without the autolinks of bare URLs.
func TestRerenderEveryLink(t *testing.T) {
	for _, bare := range []string{"", " See https://e.org/x."} {
		src := "A[^1] and [b](b/)." + bare + "\n\n- [c](c/)\n\n> ![d](d.png)\n\n| h |\n|---|\n| [e](e/) |\n\n[^1]: [f](f/)\n"
		doc, err := New(Options{}).Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		b, err := doc.Rerender(func(dest string) string {
			if strings.Contains(dest, "://") {
				return dest
			}
			return "https://s.org/" + dest
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`href="https://s.org/b/"`, `href="https://s.org/c/"`, `src="https://s.org/d.png"`,
			`href="https://s.org/e/"`, `href="https://s.org/f/"`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%q: no %s in\n%s", bare, want, b)
			}
		}
		if bare != "" && !strings.Contains(string(b), `href="https://e.org/x"`) {
			t.Errorf("the bare URL is no link:\n%s", b)
		}
	}
}
