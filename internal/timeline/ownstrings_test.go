package timeline

import (
	"strings"
	"testing"
	"unique"
	"unsafe"
)

// decodeTOML gives the long strings of a front matter one array of their
// own, outside the text, and shares the short ones.
func TestDecodeTOMLOwnsStringsInOneArray(t *testing.T) {
	long1 := strings.Repeat("a title of some length ", 3)
	long2 := strings.Repeat("https://example.org/news/", 2)
	long3 := "a summary with \\\"escapes\\\" that is longer than a short string"
	src := []byte("title = \"" + long1 + "\"\ntrack = \"Culture\"\nsummary = \"" + long3 + "\"\n" +
		"tags = [\"space\", \"" + long2 + "x\"]\n[[sources]]\nurl = '" + long2 + "'\n")
	text := []byte(string(src))
	m, err := decodeTOML(text, 1)
	if err != nil {
		t.Fatal(err)
	}
	sources := m["sources"].([]map[string]any)
	tags := m["tags"].([]any)
	long := []string{m["title"].(string), m["summary"].(string), tags[1].(string), sources[0]["url"].(string)}
	want := []string{long1, strings.ReplaceAll(long3, `\"`, `"`), long2 + "x", long2}
	lo, hi, n := uintptr(1<<63), uintptr(0), 0
	for i, s := range long {
		if s != want[i] {
			t.Fatalf("string %d = %q, want %q", i, s, want[i])
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo, hi, n = min(lo, p), max(hi, p+uintptr(len(s))), n+len(s)
	}
	if int(hi-lo) != n {
		t.Errorf("the long strings span %d bytes, not the %d of one array holding them", hi-lo, n)
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(text)))
	if lo < start+uintptr(len(text)) && hi > start {
		t.Error("the long strings share the text's memory")
	}
	for _, s := range []string{m["track"].(string), tags[0].(string)} {
		if unsafe.StringData(s) != unsafe.StringData(unique.Make(s).Value()) {
			t.Errorf("%q is not shared", s)
		}
	}
}
