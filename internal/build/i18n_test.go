package build

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestMissingTranslation builds a site in a language it translates only
// in part: it builds, the missing strings are English, and each missing
// key is warned about once, naming it.
func TestMissingTranslation(t *testing.T) {
	dir := writeSite(t, txtar.Parse([]byte(`-- site.toml --
title = "Prova"
language = "it"
-- i18n/it.toml --
timeline = "Cronologia"
-- content/events/a.md --
+++
title = "Un evento"
date = "2014-03-18"
+++
Testo.
-- content/events/b.md --
+++
title = "Un altro"
date = "2015"
+++
Testo.
`)))
	out, res, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	home := string(out.Files["index.html"])
	if !strings.Contains(home, ">Cronologia</a>") || !strings.Contains(home, ">Tags</a>") {
		t.Errorf("the home page does not mix the site's string and the English ones")
	}
	seen := map[string]int{}
	for _, w := range res.Warnings() {
		if w.File == "i18n/it.toml" {
			seen[w.Msg]++
		}
	}
	want := `no "tags": using the English text`
	if seen[want] != 1 {
		t.Errorf("warning %q given %d times, want once; warnings: %v", want, seen[want], res.Warnings())
	}
	for msg, n := range seen {
		if n != 1 {
			t.Errorf("%q given %d times", msg, n)
		}
		if strings.Contains(msg, `"timeline"`) {
			t.Errorf("warned about a key the site gives: %s", msg)
		}
	}
}
