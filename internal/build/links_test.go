package build

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func TestInternalLinks(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/links/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	_, _, err = Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err == nil {
		t.Fatal("a site with broken links built")
	}
	var got []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "\t") {
			got = append(got, line)
		}
	}
	want := []string{
		`content/about.md:5: link "../events/ghost/": the site has no page or file at /events/ghost`,
		`content/events/a.md:10: link "../nope/": the site has no page or file at /events/nope`,
		`content/events/a.md:11: link "../../../../etc/passwd" leads out of the site`,
		`content/events/a.md:11: link "c.md": there is no page made from content/events/c.md (or it is a draft)`,
		`content/events/a.md:12: link "../../img/missing.png": the site has no page or file at /img/missing.png`,
		`content/events/a.md:12: link "/events/zz/": the site has no page or file at /events/zz`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Fixed, the site builds, and links to .md files point at pages.
	fixed := strings.NewReplacer("[nope](../nope/)", "", "[old](c.md)", "", "[up](../../../../etc/passwd)", "",
		"![missing](../../img/missing.png)", "", "[abs](/events/zz/)", "", "[ghost](../events/ghost/)", "")
	for i, f := range ar.Files {
		ar.Files[i].Data = []byte(fixed.Replace(string(f.Data)))
	}
	dir = writeSite(t, ar)
	out, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"events/a/index.html": `<a href="../../events/b/">b by file</a>`,
		"about/index.html":    `<a href="../events/b/#details">event b</a>`,
		"index.html":          `<a href="./about/">about</a>`,
	} {
		if !strings.Contains(string(out.Files[page]), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}
