package timeline

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"strings"
	"testing"
)

func TestStripComments(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"// a\nconst a = 1; // kept\n", "const a = 1; // kept\n"},
		{"/* one\n   two */\nx();\n", "x();\n"},
		{"  /* inline */\n  y();\n", "  y();\n"},
		{"/* a */ z();\n", "/* a */ z();\n"},
		{"const u = \"http://x\";\n", "const u = \"http://x\";\n"},
		{"/* a\n b */ c();\n", "/* a\n b */ c();\n"}, // code after the end: left whole
		{"f();", "f();"},
	} {
		if got := string(StripComments([]byte(c.in))); got != c.want {
			t.Errorf("StripComments(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestThemeScripts: the built-in scripts are served without their
// comment lines, every other line as written, and smaller for it.
func TestThemeScripts(t *testing.T) {
	n := 0
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		n++
		src, _ := files.ReadFile(p)
		got, err := fs.ReadFile(Theme(), p)
		if err != nil {
			return err
		}
		var code []string
		inBlock := false
		for l := range strings.Lines(string(src)) {
			s := strings.TrimSpace(l)
			switch {
			case inBlock:
				inBlock = !strings.HasSuffix(s, "*/")
			case strings.HasPrefix(s, "//"):
			case strings.HasPrefix(s, "/*") && strings.HasSuffix(s, "*/"):
			case strings.HasPrefix(s, "/*") && !strings.Contains(s, "*/"):
				inBlock = true
			default:
				code = append(code, l)
			}
		}
		if string(got) != strings.Join(code, "") {
			t.Errorf("%s: served script is not the source without its comment lines", p)
		}
		if bytes.Contains(src, []byte("\n//")) && len(got) >= len(src) {
			t.Errorf("%s: served %d bytes, the source has %d", p, len(got), len(src))
		}
		f, err := Theme().Open(p)
		if err != nil {
			return err
		}
		info, _ := f.Stat()
		if info.Size() != int64(len(got)) {
			t.Errorf("%s: Stat says %d bytes, the file has %d", p, info.Size(), len(got))
		}
		f.Close()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Fatalf("found %d scripts in static/", n)
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	js, _ := fs.ReadFile(Theme(), "static/timeline.js")
	w.Write(js)
	w.Close()
	t.Logf("timeline.js served: %d bytes, %d gzipped", len(js), b.Len())
}
