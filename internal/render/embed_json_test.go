package render

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"testing"
)

// encodeOEmbed is the oEmbed file as encoding/json writes it, which
// oEmbed.write must match byte for byte.
func encodeOEmbed(t testing.TB, o oEmbed) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOEmbedWriteIsJSON(t *testing.T) {
	texts := []string{"", "Plain title", `"Quoted" \ back\slash`, "<script>alert(1)</script> & more",
		"tab\tnew\nline\rret\bback\fform\x00nul\x1funit\x7fdel", "Bogotá · Київ — 東京 🙂",
		"line\u2028para\u2029sep", "bad \xff\xfe utf-8 \xe2\x82", "\xe2\x80\xa8 at start",
	}
	// And random strings of the characters that are escaped, or not.
	alphabet := []string{"a", " ", `"`, `\`, "<", ">", "&", "\n", "\t", "\x01", "\x7f", "é", "\u2028",
		"\u2029", "\xff", "\xe2\x80", "🙂", "/", "'"}
	texts = append(texts, randomStrings(alphabet, 2000)...)
	for i, s := range texts {
		o := oEmbed{Version: "1.0", Type: "rich", Title: s, ProviderName: s + "p", ProviderURL: "https://example.org/",
			HTML: `<iframe src="https://example.org/events/x/embed/" title="` + s + `"></iframe>`, Width: 720, Height: 420 + i}
		if i%2 == 0 {
			o.AuthorName = s + "a"
		}
		var got bytes.Buffer
		o.write(&got)
		if want := encodeOEmbed(t, o); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%q:\ngot  %s\nwant %s", s, got.Bytes(), want)
		}
	}
}

// BenchmarkOEmbed is one event's oEmbed file, written by oEmbed.write and
// by encoding/json.
func BenchmarkOEmbed(b *testing.B) {
	o := oEmbed{Version: "1.0", Type: "rich", Title: "The alliance in Warsaw condemned summit with Crimea",
		ProviderName: "Benchmark timeline", ProviderURL: "https://example.org/",
		HTML:  `<iframe src="https://example.org/events/1900-the-alliance/embed/" title="The alliance in Warsaw (1900), from Benchmark timeline" height="420" loading="lazy" style="display:block;width:100%;height:420px;border:0"></iframe>`,
		Width: 720, Height: 420}
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			o.write(&buf)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			encodeOEmbed(b, o)
		}
	})
}

// TestEmbedIframe: the iframe, and the snippet of embed.js, are their
// markup around the URL and the title, each escaped as html.EscapeString
// escapes it.
func TestEmbedIframe(t *testing.T) {
	for _, c := range [][2]string{{"events/x/", "Plain"}, {"events/a&b/", `"Quoted" <b> & 'apostrophe', Київ`}, {"", ""}} {
		for _, h := range []int{420, 600, 7} {
			hs := strconv.Itoa(h)
			want := `<iframe src="` + html.EscapeString("https://example.org/?a=1&b=2/"+c[0]+"embed/") + `" title="` + html.EscapeString(c[1]) +
				`" height="` + hs + `" loading="lazy" style="display:block;width:100%;height:` + hs + `px;border:0"></iframe>`
			if got := string(appendEmbedIframe(nil, "https://example.org/?a=1&b=2/", c[0], c[1], h)); got != want {
				t.Errorf("appendEmbedIframe(%q, %d):\n got %s\nwant %s", c, h, got, want)
			}
			if got := string(appendEmbedIframe([]byte("x"), "https://example.org/?a=1&b=2/", c[0], c[1], h)); got != "x"+want {
				t.Errorf("appendEmbedIframe(%q, %d) = %s", c, h, got)
			}
			src := html.EscapeString("https://example.org/?a=1&b=2/" + c[0] + "embed/")
			want = `<div class="timeline-embed" data-src="` + src + `" data-height="` + hs + `"><a href="` + src + `">` + html.EscapeString(c[1]) + `</a></div>` + "\n" +
				`<script src="` + html.EscapeString("https://example.org/?a=1&b=2/"+embedScriptPath) + `" async></script>`
			if got := string(appendEmbedScript([]byte("x"), "https://example.org/?a=1&b=2/", c[0], c[1], h)); got != "x"+want {
				t.Errorf("appendEmbedScript(%q, %d):\n got %s\nwant x%s", c, h, got, want)
			}
		}
	}
}
