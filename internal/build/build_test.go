package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/search"
	"github.com/timeline-ssg/timeline/internal/sitetest"

	"github.com/rogpeppe/go-internal/txtar"

	defaults "github.com/timeline-ssg/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testNow is the build time of every golden build, so that outputs that
// depend on it ("present" in the calendar) are stable.
var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// writeSite writes the files of a txtar archive into a new folder.
func writeSite(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ar.Files {
		sitetest.Write(t, dir, f.Name, string(f.Data))
	}
	return dir
}

// themeStatic reports whether an output file is a verbatim copy of a
// built-in static file: those are pinned by the theme, not by goldens.
func themeStatic(p string) bool {
	_, err := fs.Stat(defaults.Theme(), "static/"+p)
	if lang, rest, ok := strings.Cut(p, "/"); err != nil && ok && len(lang) == 2 {
		return themeStatic(rest) // a language's copy: uk/style.css
	}
	return err == nil
}

// TestGolden builds each site in testdata/sites and compares every output
// file (or, for a site that fails, broken*.txtar, the error list) with
// testdata/golden/NAME.txtar. go test -update rewrites the goldens.
func TestGolden(t *testing.T) {
	sites, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(sites) == 0 {
		t.Fatal("no test sites")
	}
	for _, file := range sites {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := writeSite(t, ar)
			got := &txtar.Archive{Comment: []byte("Output of testdata/sites/" + name + ".txtar; go test -update rewrites it.\n")}
			out, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
			// Only the sites named broken* are meant to fail: -update must
			// not turn a site that stopped building into an errors golden.
			if meantToFail := strings.HasPrefix(name, "broken"); (err != nil) != meantToFail {
				t.Fatalf("%s: error = %v; the site is meant to %s", name, err, map[bool]string{true: "fail", false: "build"}[meantToFail])
			}
			if err != nil {
				got.Files = append(got.Files, txtar.File{Name: "errors", Data: []byte(err.Error() + "\n")})
			} else {
				for _, p := range out.Paths() {
					if themeStatic(p) {
						continue
					}
					data := out.Files[p]
					if strings.HasSuffix(p, ".bin") { // the search index's, shown as text
						s, err := search.Dump(p[strings.Index(p, "search/"):], data) // "uk/search/…" too
						if err != nil {
							t.Errorf("%s: %v", p, err)
						}
						data = []byte(s)
					}
					got.Files = append(got.Files, txtar.File{Name: p, Data: data})
				}
			}
			golden := filepath.Join("testdata/golden", name+".txtar")
			if *update {
				if err := os.WriteFile(golden, txtar.Format(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := txtar.ParseFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			compareArchives(t, want, got)
		})
	}
}

func compareArchives(t *testing.T, want, got *txtar.Archive) {
	t.Helper()
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Name] = f.Data
	}
	seen := map[string]bool{}
	for _, f := range got.Files {
		seen[f.Name] = true
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			t.Errorf("unexpected output %s", f.Name)
		case !bytes.Equal(w, f.Data):
			t.Errorf("%s differs from the golden:\n%s", f.Name, sitetest.FirstDiff(w, f.Data))
		}
	}
	for _, f := range want.Files {
		if !seen[f.Name] {
			t.Errorf("missing output %s", f.Name)
		}
	}
}
