package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzRender feeds any text through the Markdown path, safe and unsafe:
// it must not panic, must finish in time linear in the input, and the safe
// renderer must never let a script or a javascript: link through.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("../../content/events/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
		"![x](data:text/html;base64,PHNjcmlwdD4=)", "<img src=x onerror=alert(1)>", "[^1]\n\n[^1]: note",
		strings.Repeat("[", 5000), strings.Repeat("*a", 3000), strings.Repeat("> ", 2000) + "x", "| a |\n|---|\n" + strings.Repeat("| x |\n", 500)} {
		f.Add([]byte(s))
	}
	safe, unsafe := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		doc, err := safe.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := unsafe.Render(src); err != nil {
			t.Fatal(err)
		}
		_ = safe.Summary(src)
		if d := time.Since(start); d > 3*time.Second+time.Duration(len(src))*50*time.Microsecond {
			t.Fatalf("%d bytes took %v", len(src), d)
		}
		lower := strings.ToLower(string(doc.HTML))
		for _, bad := range []string{"<script", `href="javascript:`, `src="javascript:`, "<img src=x onerror"} {
			if strings.Contains(lower, bad) {
				t.Fatalf("safe HTML contains %q:\n%s", bad, doc.HTML)
			}
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, l := range doc.Links {
			if l.Line < 0 || l.Line > lines {
				t.Fatalf("link %q at line %d of %d", l.Dest, l.Line, lines)
			}
		}
	})
}
