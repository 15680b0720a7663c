package render

import (
	"bytes"
	"testing"
)

// hasFragmentLink is bytes.Contains(html, `href="#`).
func TestHasFragmentLink(t *testing.T) {
	for _, s := range []string{"", "#", `href="#`, `<a href="#fn:1">`, `<a href="x#y">#</a>`, `id="#"`, `href='#'`,
		`#href="#`, `<p>#1</p><a href="https://x.org/">x</a> <a href="#top">`, `href="`} {
		if got, want := hasFragmentLink([]byte(s)), bytes.Contains([]byte(s), []byte(`href="#`)); got != want {
			t.Errorf("hasFragmentLink(%q) = %v, want %v", s, got, want)
		}
	}
}
