package timeline

import (
	"testing"
	"unsafe"
)

// The strings an event keeps from its front matter have memory of their
// own, and the short ones that events repeat are shared: a large site's
// events do not each keep their whole front matter alive.
func TestDecodedStringsOwnMemory(t *testing.T) {
	src := func(title string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = \"1915\"\ntrack = \"Culture\"\n" +
			"tags = [\"sanctions\", \"treaties\"]\nplace = \"Odesa\"\n\n[[sources]]\ntitle = \"A report\"\npublisher = \"Reuters\"\n" +
			"url = \"https://example.org/news/1915/debt-257\"\n+++\n\nBody.\n")
	}
	var errs ErrorList
	a := decodeEvent("content/events/a.md", src("The satellite in The Hague arrested sudden reform"), &errs)
	b := decodeEvent("content/events/b.md", src("Another title, long enough not to be shared at all"), &errs)
	if len(errs) > 0 || a == nil || b == nil {
		t.Fatalf("decoding: %v", errs)
	}
	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	if !same(a.Track, b.Track) || !same(a.Tags[0], b.Tags[0]) || !same(a.Place, b.Place) ||
		!same(a.Sources[0].Publisher, b.Sources[0].Publisher) {
		t.Errorf("short strings repeated by events are not shared: track %q, tag %q, place %q, publisher %q",
			a.Track, a.Tags[0], a.Place, a.Sources[0].Publisher)
	}
	// Titles are copied however short: events seldom repeat them.
	if same(a.Sources[0].Title, b.Sources[0].Title) || a.Sources[0].Title != "A report" {
		t.Errorf("a source's title %q is shared", a.Sources[0].Title)
	}
	if same(a.Title, b.Title) || a.Title != "The satellite in The Hague arrested sudden reform" ||
		a.Sources[0].URL != "https://example.org/news/1915/debt-257" {
		t.Errorf("decoded %q, %q", a.Title, a.Sources[0].URL)
	}
}
