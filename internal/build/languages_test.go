package build

import (
	"context"
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/sitetest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// renderSite renders the site of testdata/sites/NAME.txtar.
func renderSite(t *testing.T, name string) map[string][]byte {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	out, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return out.Files
}

var (
	hreflang = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	switcher = regexp.MustCompile(`(?s)<nav class="langs" aria-label="[^"]+">(.*?)</nav>`)
	langLink = regexp.MustCompile(`<a href="([^"]*)" lang="([^"]+)" hreflang="([^"]+)"( aria-current="true")?>`)
)

// alternates lists a page's hreflang links as "lang href".
func alternates(page []byte) []string {
	var out []string
	for _, m := range hreflang.FindAllSubmatch(page, -1) {
		out = append(out, string(m[1])+" "+string(m[2]))
	}
	return out
}

// switcherLinks lists the links of a page's language switcher as
// "lang href", with a * on the current one.
func switcherLinks(t *testing.T, page []byte) []string {
	t.Helper()
	nav := switcher.FindSubmatch(page)
	if nav == nil {
		t.Fatal("no language switcher")
	}
	var out []string
	for _, m := range langLink.FindAllSubmatch(nav[1], -1) {
		if string(m[2]) != string(m[3]) {
			t.Errorf("lang %s, hreflang %s", m[2], m[3])
		}
		s := string(m[2]) + " " + string(m[1])
		if len(m[4]) > 0 {
			s += " *"
		}
		out = append(out, s)
	}
	return out
}

func TestLanguageAlternates(t *testing.T) {
	files := renderSite(t, "languages")
	base := "https://example.org/tl/"
	for _, c := range []struct {
		page       string
		alternates []string
		switcher   []string
	}{
		{"uk/events/2014-crimea/index.html",
			[]string{"en " + base + "events/2014-crimea/", "uk " + base + "uk/events/2014-crimea/",
				"ar " + base + "ar/events/2014-crimea/", "x-default " + base + "events/2014-crimea/"},
			[]string{"en ../../../events/2014-crimea/", "uk ../../../uk/events/2014-crimea/ *", "ar ../../../ar/events/2014-crimea/"}},
		{"index.html",
			[]string{"en " + base, "uk " + base + "uk/", "ar " + base + "ar/", "x-default " + base},
			[]string{"en ./ *", "uk ./uk/", "ar ./ar/"}},
		// Only in English: no alternates, and the switcher goes to the
		// other languages' home pages.
		{"events/2015-talks/index.html", nil,
			[]string{"en ../../events/2015-talks/ *", "uk ../../uk/", "ar ../../ar/"}},
		// The About page is in English and Ukrainian only.
		{"ar/about/index.html", nil, nil},
		{"uk/about/index.html",
			[]string{"en " + base + "about/", "uk " + base + "uk/about/", "x-default " + base + "about/"},
			[]string{"en ../../about/", "uk ../../uk/about/ *", "ar ../../ar/"}},
		{"ar/404.html", nil, []string{"en /tl/", "uk /tl/uk/", "ar /tl/ar/ *"}},
	} {
		page, ok := files[c.page]
		if c.switcher == nil {
			if ok {
				t.Errorf("%s: made, but the language has no such page", c.page)
			}
			continue
		}
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

	// Each language's sitemap gives each page's versions.
	entry := regexp.MustCompile(`<url><loc>([^<]+)</loc>(.*?)</url>`)
	link := regexp.MustCompile(`<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>`)
	for _, sitemap := range []string{"sitemap.xml", "uk/sitemap.xml", "ar/sitemap.xml"} {
		got := map[string][]string{}
		for _, m := range entry.FindAllStringSubmatch(string(files[sitemap]), -1) {
			for _, l := range link.FindAllStringSubmatch(m[2], -1) {
				got[m[1]] = append(got[m[1]], l[1]+" "+l[2])
			}
			if _, ok := got[m[1]]; !ok {
				got[m[1]] = nil
			}
		}
		prefix := strings.TrimSuffix(sitemap, "sitemap.xml")
		crimea := []string{"en " + base + "events/2014-crimea/", "uk " + base + "uk/events/2014-crimea/",
			"ar " + base + "ar/events/2014-crimea/", "x-default " + base + "events/2014-crimea/"}
		if g := got[base+prefix+"events/2014-crimea/"]; !slices.Equal(g, crimea) {
			t.Errorf("%s: the Crimea event's alternates %q", sitemap, g)
		}
		if prefix == "" {
			if g, ok := got[base+"events/2015-talks/"]; !ok || g != nil {
				t.Errorf("%s: an event in one language: %v, %q", sitemap, ok, g)
			}
		} else if _, ok := got[base+prefix+"events/2015-talks/"]; ok {
			t.Errorf("%s lists an event the language has not", sitemap)
		}
	}
	robots := string(files["robots.txt"])
	for _, l := range []string{"", "uk/", "ar/"} {
		if !strings.Contains(robots, "Sitemap: "+base+l+"sitemap.xml\n") {
			t.Errorf("robots.txt does not name the %ssitemap.xml:\n%s", l, robots)
		}
	}
	for _, p := range []string{"uk/robots.txt", "ar/robots.txt"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s made: robots.txt is read at the root only", p)
		}
	}
	// Every export, per language.
	for _, p := range []string{"feed.xml", "feed.json", "timeline.json", "events.ics", "axis.json", "search/index.json",
		"embed/index.html", "events/2014-crimea/embed/index.html", "events/2014-crimea/map.svg"} {
		for _, l := range []string{"", "uk/", "ar/"} {
			if _, ok := files[l+p]; !ok {
				t.Errorf("no %s%s", l, p)
			}
		}
	}
	if !strings.Contains(string(files["uk/feed.xml"]), "Росія захоплює Крим") || strings.Contains(string(files["uk/feed.xml"]), "Talks in Minsk") {
		t.Errorf("uk/feed.xml is not the Ukrainian feed")
	}
	if !strings.Contains(string(files["ar/index.html"]), `<html lang="ar" dir="rtl">`) {
		t.Errorf("ar/index.html is not right to left")
	}
}

func TestLanguageErrorsAtTheirLines(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":           "title = \"T\"\nlanguage = \"en\"\n\n[languages.ua]\ntitle = \"Т\"\n\n[languages.de]\ntitle = \"D\"\n\n[languages.xx]\ntitle = \"X\"\n",
		"content/events/a.md": "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n",
	})
	_, err := Check(Options{FS: os.DirFS(dir), Source: dir})
	var list timeline.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	got := list.Error()
	for _, want := range []string{
		"site.toml:4: language \"ua\" is not one this generator ships\n\tdid you mean \"uk\"?",
		"site.toml:10: language \"xx\" is not one this generator ships",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant:\n%s", got, want)
		}
	}
	if strings.Contains(got, "site.toml:7") {
		t.Errorf("de is shipped:\n%s", got)
	}

	// The default language, named by no language tag.
	sitetest.Write(t, dir, "site.toml", "title = \"T\"\nlanguage = \"../x\"\n")
	_, err = Check(Options{FS: os.DirFS(dir), Source: dir})
	if err == nil || !strings.HasPrefix(err.Error(), "site.toml:2: language \"../x\" is not one this generator ships") {
		t.Errorf("language = \"../x\": %v", err)
	}
}

// TestPreviewLanguages previews a multilingual site, as `timeline serve`
// does: every language is served, and a change to a translation shows.
func TestPreviewLanguages(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/languages.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	p := NewPreview(Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"}, nil)
	served := func(changed ...string) map[string][]byte {
		t.Helper()
		g, _, err := p.rebuild(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		out, err := g.Wait()
		if err != nil {
			t.Fatal(err)
		}
		return packed.Unpack(out)
	}
	files := served()
	want := renderSite(t, "languages")
	for name, b := range want {
		if string(files[name]) != string(b) {
			t.Errorf("%s differs from a build", name)
		}
	}
	if len(files) != len(want) {
		t.Errorf("%d files, a build makes %d", len(files), len(want))
	}
	sitetest.Write(t, dir, "content/events/2014-04-war.uk.md", "+++\ntitle = \"Війна на Донбасі\"\ndate = \"2014-04\"\nend = \"present\"\n+++\n")
	files = served("content/events/2014-04-war.uk.md")
	if !strings.Contains(string(files["uk/events/2014-04-war/index.html"]), "Війна на Донбасі") {
		t.Error("the preview does not show the changed translation")
	}
}
