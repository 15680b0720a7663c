package packed

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 4000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	page := []byte(strings.Repeat("<li><a href=\"/events/x/\">An event</a></li>\n", 200))
	for _, c := range []struct {
		name     string
		data     []byte
		squeezed bool
	}{
		{"empty.html", nil, false},
		{"small.txt", []byte("robots"), false},
		{"index.html", page, true},
		{"noise.bin", noise, false}, // would not get smaller
		{"photo.jpg", page, false},  // compressed already, by its name
		{"PHOTO.JPG", page, false},  // whatever the case
		{"data.json", page[:1000], true},
	} {
		f := Of(c.name, c.data)
		if got := f.Bytes(); !bytes.Equal(got, c.data) {
			t.Errorf("%s: Bytes gave %d bytes, want the %d packed", c.name, len(got), len(c.data))
		}
		var buf bytes.Buffer
		if n, err := f.WriteTo(&buf); err != nil || n != int64(len(c.data)) || !bytes.Equal(buf.Bytes(), c.data) {
			t.Errorf("%s: WriteTo wrote %d bytes (%v), want the %d packed", c.name, n, err, len(c.data))
		}
		if f.Size() != len(c.data) {
			t.Errorf("%s: Size %d, want %d", c.name, f.Size(), len(c.data))
		}
		gz, ok := f.Gzip()
		if ok != c.squeezed {
			t.Errorf("%s: compressed %v, want %v", c.name, ok, c.squeezed)
		}
		if ok {
			if len(gz) >= len(c.data) {
				t.Errorf("%s: %d bytes compressed to %d", c.name, len(c.data), len(gz))
			}
			r, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			if b, err := io.ReadAll(r); err != nil || !bytes.Equal(b, c.data) {
				t.Errorf("%s: the gzip stream reads back %d bytes (%v)", c.name, len(b), err)
			}
		}
	}
	a, b := Of("a.html", page), Of("b.html", bytes.Clone(page))
	if a.Sum() != b.Sum() {
		t.Error("the same contents have different sums")
	}
	orig, small := bytes.Clone(page), []byte("a small file, kept raw, 1234")
	s := Of("s.txt", small)
	page[10], small[0] = 'X', 'X'
	if Of("a.html", page).Sum() == a.Sum() {
		t.Error("different contents have the same sum")
	}
	if !bytes.Equal(a.Bytes(), orig) || string(s.Bytes()) != "a small file, kept raw, 1234" {
		t.Error("a packed file kept a reference to its source, which changed")
	}
}

func TestWriter(t *testing.T) {
	data := []byte(strings.Repeat("a large export, written in parts; ", 5000))
	var got File
	w := NewWriter("timeline.json", func(f File) error { got = f; return nil })
	for b := data; len(b) > 0; b = b[min(len(b), 1000):] {
		w.Write(b[:min(len(b), 1000)])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), data) || got.Size() != len(data) || got.Sum() != Of("timeline.json", data).Sum() {
		t.Errorf("a file written in parts reads back as %d bytes, sum %x; want %d bytes, sum %x",
			got.Size(), got.Sum(), len(data), Of("x.json", data).Sum())
	}
	if gz, ok := got.Gzip(); !ok || len(gz) > len(data)/10 {
		t.Errorf("compressed %v to %d bytes", ok, len(gz))
	}
}

// Files of one shape pack against the first one's markup.
func TestShapes(t *testing.T) {
	page := func(title string) []byte {
		return []byte("<!doctype html><html><head><title>" + title + "</title></head><body><nav>" +
			strings.Repeat("<a href=\"/tags/x/\">a tag of the site</a>", 60) + "</nav><main><h1>" + title +
			"</h1><p>The text of " + title + ".</p></main></body></html>")
	}
	Of("events/first/index.html", page("First"))
	second := page("Second event")
	f := Of("events/second/index.html", second)
	if !bytes.Equal(f.Bytes(), second) {
		t.Fatal("a page packed against its shape's dictionary does not read back")
	}
	var buf bytes.Buffer
	if f.WriteTo(&buf); !bytes.Equal(buf.Bytes(), second) {
		t.Fatal("WriteTo of a page packed against a dictionary differs")
	}
	alone := Of("second.html", second) // a file of its own kind
	if _, ok := f.Gzip(); ok {
		t.Error("a file packed against a dictionary says it is a gzip stream")
	}
	if !bytes.Equal(alone.Bytes(), second) {
		t.Fatal("the page packed alone does not read back")
	}
	gz, _ := alone.Gzip()
	if len(f.f.data) > len(gz)/2 {
		t.Errorf("against the dictionary the page takes %d bytes, alone %d", len(f.f.data), len(gz))
	}
}
