package jsonstr

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// marshal is what encoding/json makes of s.
func marshal(t testing.TB, s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAppendAsEncodingJSON: every ASCII byte, the runes JavaScript ends a
// line at, broken UTF-8, and random strings of all of them with 2-, 3-
// and 4-byte runes, come out as encoding/json writes them.
func TestAppendAsEncodingJSON(t *testing.T) {
	parts := []string{"a", " ", "\"", "\\", "<", ">", "&", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f",
		"é", "Київ", "€", "𝄞", "\u2028", "\u2029", "\xff", "\xe2\x82", "\xf0\x9d", "</script>", "\u00a0"}
	for c := range 128 {
		parts = append(parts, string(rune(c)))
	}
	check := func(s string) {
		t.Helper()
		if got, want := string(Append(nil, s)), marshal(t, s); got != want {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want)
		}
	}
	for _, p := range parts {
		check(p)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		check(b.String())
	}
}

// TestAppendEveryByteEveryPlace: each byte value, at each place of a
// plain text long enough for the eight-byte skip, and next to another
// byte, alone or as the start of a two-byte rune, comes out as
// encoding/json writes it; so do random bytes.
func TestAppendEveryByteEveryPlace(t *testing.T) {
	const text = "The quick brown fox jumps over the lazy dog"
	for c := range 256 {
		for i := range len(text) + 1 {
			for _, ins := range []string{string(byte(c)), string(byte(c)) + "\x80", string(byte(c)) + "\xa0\xa8", "\xc3" + string(byte(c))} {
				s := text[:i] + ins + text[i:]
				if got, want := string(Append(nil, s)), marshal(t, s); got != want {
					t.Fatalf("Append(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(2) == 0 {
				b[i] = 'a' + byte(rng.IntN(26))
			}
		}
		if got, want := string(Append(nil, string(b))), marshal(t, string(b)); got != want {
			t.Fatalf("Append(%q) = %s, want %s", b, got, want)
		}
	}
}

// A string written in parts is the string written whole, where no part
// splits a rune.
func TestAppendEscapedParts(t *testing.T) {
	parts := []string{"Kyiv <", "& \"Київ\"", "\n", "€"}
	var b []byte
	for _, p := range parts {
		b = AppendEscaped(b, p)
	}
	if got, want := `"`+string(b)+`"`, marshal(t, strings.Join(parts, "")); got != want {
		t.Errorf("in parts: %s, whole: %s", got, want)
	}
}

func BenchmarkAppend(b *testing.B) {
	s := strings.Repeat("Russia masses about 100,000 troops near Ukraine's border — «Київ» <b>", 8)
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = Append(buf[:0], s)
	}
}

// BenchmarkAppendPlain is the common case of timeline.json and the search
// index: English prose with nothing to escape.
func BenchmarkAppendPlain(b *testing.B) {
	s := strings.Repeat("Russia masses about 100,000 troops near the border, officials say. ", 8)
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = Append(buf[:0], s)
	}
}
