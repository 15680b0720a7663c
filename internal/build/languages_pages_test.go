package build

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// TestLanguageListPages: a track's list, two events a page, runs to three
// pages in English and two in Ukrainian. Each page's switcher leads to
// the same page in the other language when that language has it, and
// its home page when not; the hreflang alternates and the sitemaps name
// the pages both have.
func TestLanguageListPages(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "site.toml", `title = "A timeline"
language = "en"
baseURL = "https://example.org/"

[lists]
per_page = 2

[languages.uk]
title = "Хронологія"
`)
	for i, day := range []string{"01", "02", "03", "04", "05"} {
		name := "content/events/e" + day
		sitetest.Write(t, dir, name+".md", "+++\ntitle = \"Event "+day+"\"\ndate = \"2014-03-"+day+"\"\ntrack = \"Army\"\n+++\n")
		if i < 4 {
			sitetest.Write(t, dir, name+".uk.md", "+++\ntitle = \"Подія "+day+"\"\ndate = \"2014-03-"+day+"\"\ntrack = \"Army\"\n+++\n")
		}
	}
	out, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	files := out.Files
	base := "https://example.org/"
	for _, c := range []struct {
		page                 string
		alternates, switcher []string
	}{
		{"tracks/army/page/2/index.html",
			[]string{"en " + base + "tracks/army/page/2/", "uk " + base + "uk/tracks/army/page/2/", "x-default " + base + "tracks/army/page/2/"},
			[]string{"en ../../../../tracks/army/page/2/ *", "uk ../../../../uk/tracks/army/page/2/"}},
		{"uk/tracks/army/page/2/index.html",
			[]string{"en " + base + "tracks/army/page/2/", "uk " + base + "uk/tracks/army/page/2/", "x-default " + base + "tracks/army/page/2/"},
			[]string{"en ../../../../../tracks/army/page/2/", "uk ../../../../../uk/tracks/army/page/2/ *"}},
		// Only in English: the switcher goes to the Ukrainian home.
		{"tracks/army/page/3/index.html", nil,
			[]string{"en ../../../../tracks/army/page/3/ *", "uk ../../../../uk/"}},
		// The year's list: five events, three pages in English.
		{"2014/page/2/index.html",
			[]string{"en " + base + "2014/page/2/", "uk " + base + "uk/2014/page/2/", "x-default " + base + "2014/page/2/"},
			[]string{"en ../../../2014/page/2/ *", "uk ../../../uk/2014/page/2/"}},
	} {
		page, ok := files[c.page]
		if !ok {
			t.Fatalf("no %s", c.page)
		}
		if got := alternates(page); !slices.Equal(got, c.alternates) {
			t.Errorf("%s: alternates\n%s\nwant\n%s", c.page, strings.Join(got, "\n"), strings.Join(c.alternates, "\n"))
		}
		if got := switcherLinks(t, page); !slices.Equal(got, c.switcher) {
			t.Errorf("%s: switcher\n%s\nwant\n%s", c.page, strings.Join(got, "\n"), strings.Join(c.switcher, "\n"))
		}
	}
	if _, ok := files["uk/tracks/army/page/3/index.html"]; ok {
		t.Error("uk/tracks/army/page/3/ made: four events fill two pages")
	}
	// The sitemap gives page 2 its versions, and page 3 none.
	sitemap := string(files["sitemap.xml"])
	two := `<url><loc>` + base + `tracks/army/page/2/</loc><xhtml:link rel="alternate" hreflang="en" href="` + base + `tracks/army/page/2/"/>`
	if !strings.Contains(sitemap, two) {
		t.Errorf("sitemap.xml: page 2 without its alternates:\n%s", sitemap)
	}
	if !strings.Contains(sitemap, `<url><loc>`+base+`tracks/army/page/3/</loc></url>`) {
		t.Errorf("sitemap.xml: page 3 not listed alone:\n%s", sitemap)
	}
}
