package timeline_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// siteFromTxtar writes one of the build goldens' sites to a folder.
func siteFromTxtar(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("internal/build/testdata/sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestThemeLanguages opens the home and an event page of the small site
// in Ukrainian and in Arabic: axe-core finds nothing, the script runs
// without an error, and in Arabic the page is right to left and time on
// the axis runs from right to left.
func TestThemeLanguages(t *testing.T) {
	browser := browsertest.Start(t)
	for _, c := range []struct {
		site, dir string
	}{{"i18n-uk", ""}, {"i18n-ar", "rtl"}} {
		s := serve(t, siteFromTxtar(t, c.site))
		first, last := s.site.Events[0].Slug, s.site.Events[len(s.site.Events)-1].Slug
		for _, v := range []view{{}, {width: 390, height: 844}} {
			tab, w := open(t, browser, s.url, v)
			settle(t, tab, w, s)
			if got := eval[string](t, tab, `document.documentElement.dir`); got != c.dir {
				t.Errorf("%s: <html dir=%q>, want %q", c.site, got, c.dir)
			}
			// The first event in time lies left of the last in a left-to-
			// right language, right of it in a right-to-left one.
			x := func(slug string) float64 {
				// The axis lays out its rows after the first frame: on a
				// loaded machine that may come after the page settles.
				drawn := `!!(window.__timelineAxis && __timelineAxis.rect(` + jsString(slug) + `))`
				for deadline := time.Now().Add(10 * time.Second); !eval[bool](t, tab, drawn); time.Sleep(20 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatalf("%s: %s is not on the axis after 10 s", c.site, slug)
					}
				}
				return eval[float64](t, tab, `__timelineAxis.rect(`+jsString(slug)+`).x`)
			}
			a, b := x(first), x(last)
			if (c.dir == "rtl") != (a > b) {
				t.Errorf("%s at %dpx: %s drawn at x=%.0f, %s at x=%.0f: time runs the wrong way", c.site, v.width, first, a, last, b)
			}
			audit(t, tab, c.site+" /")
		}
		tab, w := open(t, browser, s.url+"events/"+first+"/", view{})
		settle(t, tab, w, s)
		audit(t, tab, c.site+" /events/"+first+"/")
	}
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}
