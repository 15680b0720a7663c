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
