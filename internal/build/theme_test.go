package build

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	defaults "github.com/timeline-ssg/timeline"
)

// TestOverlayBuiltInScripts: a site's unchanged copy of a built-in script
// is served as the theme serves it (without its comment lines); a script
// the site changed is served as written.
func TestOverlayBuiltInScripts(t *testing.T) {
	served, err := fs.ReadFile(defaults.Theme(), "static/timeline.js")
	if err != nil {
		t.Fatal(err)
	}
	// The repository's own static/timeline.js is the built-in source.
	src, err := os.ReadFile("../../static/timeline.js")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(src, served) {
		t.Fatal("the theme serves timeline.js as written: nothing to test")
	}
	changed := append([]byte("// mine\n"), src...)
	for _, c := range []struct {
		name string
		top  []byte
		want []byte
	}{{"a copy", src, served}, {"a changed copy", changed, changed}} {
		o := overlay{top: fstest.MapFS{"static/timeline.js": {Data: c.top}}, bottom: defaults.Theme()}
		got, err := fs.ReadFile(o, "static/timeline.js")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, c.want) {
			t.Errorf("%s: served %d bytes, want %d", c.name, len(got), len(c.want))
		}
	}
}
