package build

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// feedIDs gathers the ids of the feeds and the calendar under prefix:
// the Atom feeds' and entries' <id>, the JSON Feed items' "id" and the
// calendar's UIDs, each once.
func feedIDs(files map[string][]byte, prefix string) map[string]bool {
	atom := regexp.MustCompile(`<id>urn:uuid:([^<]+)</id>`)
	json := regexp.MustCompile(`"id": ?"urn:uuid:([^"]+)"`)
	uid := regexp.MustCompile(`(?m)^UID:(\S+)\r?$`)
	ids := map[string]bool{}
	for p, b := range files {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok || prefix == "" && (strings.HasPrefix(p, "uk/") || strings.HasPrefix(p, "ar/")) {
			continue
		}
		var re *regexp.Regexp
		switch {
		case strings.HasSuffix(rest, "feed.xml"):
			re = atom
		case rest == "feed.json":
			re = json
		case rest == "events.ics":
			re = uid
		default:
			continue
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids
}

// TestLanguageFeedIDs builds a site whose other languages have no title of
// their own, so share the default language's: each language's feeds,
// entries and calendar events have ids of their own, the same from build
// to build, and the default language's are those of the site in one
// language.
func TestLanguageFeedIDs(t *testing.T) {
	files := map[string]string{
		"content/events/crimea.md":    "+++\ntitle = \"Russia seizes Crimea\"\ndate = \"2014-02-27\"\ntags = [\"Crimea\"]\n+++\n\nArmed men.\n",
		"content/events/crimea.uk.md": "+++\ntitle = \"Росія захоплює Крим\"\ndate = \"2014-02-27\"\ntags = [\"Crimea\"]\n+++\n\nОзброєні люди.\n",
		"content/events/crimea.ar.md": "+++\ntitle = \"روسيا تستولي على القرم\"\ndate = \"2014-02-27\"\ntags = [\"Crimea\"]\n+++\n\nرجال مسلحون.\n",
		"content/events/talks.md":     "+++\ntitle = \"Talks in Minsk\"\ndate = \"2014-09-05\"\n+++\n\nA ceasefire.\n",
		"content/events/talks.uk.md":  "+++\ntitle = \"Переговори в Мінську\"\ndate = \"2014-09-05\"\n+++\n\nПеремир'я.\n",
	}
	one := "title = \"A timeline\"\nlanguage = \"en\"\nbaseURL = \"https://example.org/\"\n"
	build := func(toml string) map[string][]byte {
		t.Helper()
		dir := t.TempDir()
		sitetest.WriteAll(t, dir, files)
		sitetest.Write(t, dir, "site.toml", toml)
		out, _, err := Render(Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		return out.Files
	}
	multi := one + "\n[languages.uk]\ndescription = \"Хронологія\"\n\n[languages.ar]\n"
	first, again := build(multi), build(multi)

	langs := map[string]map[string]bool{}
	for _, l := range []string{"", "uk/", "ar/"} {
		ids := feedIDs(first, l)
		// The site's feed, the tag's, two entries (one in Arabic) and the
		// same entries in JSON Feed and the calendar.
		if n := map[string]int{"": 4, "uk/": 4, "ar/": 3}[l]; len(ids) != n {
			t.Errorf("%q: %d ids, want %d: %v", l, len(ids), n, slices.Sorted(maps.Keys(ids)))
		}
		if g := feedIDs(again, l); !maps.Equal(ids, g) {
			t.Errorf("%q: the ids change from build to build", l)
		}
		for m, other := range langs {
			for id := range ids {
				if other[id] {
					t.Errorf("%s is an id in both %q and %q", id, m, l)
				}
			}
		}
		langs[l] = ids
	}

	// The English-only site (with the translations' files left out, as a
	// site without [languages] reads them as their own events).
	for p := range files {
		if strings.HasSuffix(p, ".uk.md") || strings.HasSuffix(p, ".ar.md") {
			delete(files, p)
		}
	}
	if g := feedIDs(build(one), ""); !maps.Equal(g, langs[""]) {
		t.Errorf("the default language's ids\n%v\ndiffer from the site's in one language\n%v",
			slices.Sorted(maps.Keys(langs[""])), slices.Sorted(maps.Keys(g)))
	}
}
