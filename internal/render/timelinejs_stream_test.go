package render

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/fstest"
)

// TestTimelineJSLikeEncoder checks that timeline.json, written a slide at a
// time, is byte for byte what json.Encoder writes for the whole file, with
// and without a title slide and with no events at all.
func TestTimelineJSLikeEncoder(t *testing.T) {
	empty := fstest.MapFS{"site.toml": {Data: []byte("title = \"\"\n")}}
	for name, fsys := range map[string]fstest.MapFS{
		"events":        exportSite,
		"no title":      withConfig(exportSite, "title = \"\"\n"),
		"empty":         empty,
		"titled, empty": withConfig(empty, "title = \"T\"\ndescription = \"D\"\n"),
	} {
		t.Run(name, func(t *testing.T) {
			_, out := renderSite(t, fsys, Options{})
			got := out.Files["timeline.json"]
			var f tlFile
			if err := json.Unmarshal(got, &f); err != nil {
				t.Fatal(err)
			}
			want, err := marshalJSON(f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("timeline.json differs from json.Encoder's output at %s", firstDiff(want, got))
			}
		})
	}
}
