package timeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// translated is what TestUkrainianTranslation reads of an event's file.
type translated struct {
	Title, Date, End, Track, Place, Summary, Description string
	Circa, Featured                                      bool
	Tags                                                 []string
	Sources                                              []map[string]any
	Body                                                 string `toml:"-"`
}

func readTranslated(t *testing.T, name string) translated {
	t.Helper()
	src := mustRead(t, name)
	var f translated
	front, body, ok := bytes.Cut(bytes.TrimPrefix(src, []byte("+++\n")), []byte("\n+++\n"))
	if !ok || !bytes.HasPrefix(src, []byte("+++\n")) {
		t.Fatalf("%s: no front matter between +++ lines", name)
	}
	if _, err := toml.Decode(string(front), &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	f.Body = string(body)
	return f
}

// quoted finds an English quotation in Ukrainian text (curly quotes
// around Latin letters), and what follows it: its translation, in
// guillemets, in parentheses or after a dash.
var quoted = regexp.MustCompile(`“[^”]*[A-Za-z][^”]*”(.{0,4})`)

func quotesTranslated(t *testing.T, name, text string) {
	t.Helper()
	for _, m := range quoted.FindAllStringSubmatch(text, -1) {
		if !strings.HasPrefix(m[1], " («") && !strings.HasPrefix(m[1], " — «") {
			t.Errorf("%s: %s has no translation beside it", name, strings.TrimSuffix(m[0], m[1]))
		}
	}
}

// TestUkrainianTranslation checks the shipped site's Ukrainian text: every
// event has its translation beside it (NAME.uk.md), with the English
// file's dates, flags and sources unchanged and its words translated;
// a tag or a track has one Ukrainian name wherever it is used; every
// quotation from the article stays in English with its translation
// beside it; and the intro and the About page are there, the About page
// saying that the text is a translation.
func TestUkrainianTranslation(t *testing.T) {
	files, err := filepath.Glob("content/events/*.md")
	if err != nil {
		t.Fatal(err)
	}
	tags, tracks := map[string]string{}, map[string]string{}
	same := func(kind string, names map[string]string, en, uk string) {
		if prev, ok := names[en]; ok && prev != uk {
			t.Errorf("the %s %q is %q in one event and %q in another", kind, en, prev, uk)
		}
		names[en] = uk
	}
	events := 0
	for _, name := range files {
		if strings.HasSuffix(name, ".uk.md") {
			if _, err := os.Stat(strings.TrimSuffix(name, ".uk.md") + ".md"); err != nil {
				t.Errorf("%s translates no event", name)
			}
			continue
		}
		events++
		ukName := strings.TrimSuffix(name, ".md") + ".uk.md"
		if _, err := os.Stat(ukName); err != nil {
			t.Errorf("%s has no Ukrainian translation", name)
			continue
		}
		en, uk := readTranslated(t, name), readTranslated(t, ukName)
		if en.Date != uk.Date || en.End != uk.End || en.Circa != uk.Circa || en.Featured != uk.Featured {
			t.Errorf("%s: date %s–%s circa %v featured %v, but the English %s–%s %v %v", ukName, uk.Date, uk.End, uk.Circa, uk.Featured, en.Date, en.End, en.Circa, en.Featured)
		}
		if !reflect.DeepEqual(en.Sources, uk.Sources) {
			t.Errorf("%s: its sources are not the English file's", ukName)
		}
		for field, pair := range map[string][2]string{"title": {en.Title, uk.Title}, "summary": {en.Summary, uk.Summary}, "place": {en.Place, uk.Place}} {
			if pair[1] == "" || pair[1] == pair[0] {
				t.Errorf("%s: %s %q is not translated", ukName, field, pair[1])
			}
		}
		if uk.Track == "" {
			t.Errorf("%s: no track", ukName)
		}
		same("track", tracks, en.Track, uk.Track)
		if len(en.Tags) != len(uk.Tags) {
			t.Errorf("%s: tags %q for the English %q", ukName, uk.Tags, en.Tags)
		} else {
			for i := range en.Tags {
				same("tag", tags, en.Tags[i], uk.Tags[i])
			}
		}
		if !strings.Contains(uk.Body, "**Дата:**") {
			t.Errorf("%s: the body does not say how the date was derived", ukName)
		}
		if strings.Contains(en.Body, "What “present” means here") && !strings.Contains(uk.Body, "Що тут означає «досі»") {
			t.Errorf("%s: no explanation of the open end", ukName)
		}
		quotesTranslated(t, ukName, uk.Body)
	}
	if events < 12 {
		t.Errorf("%d events", events)
	}
	// Two English names never share a Ukrainian one.
	for kind, names := range map[string]map[string]string{"tag": tags, "track": tracks} {
		seen := map[string]string{}
		for en, uk := range names {
			if other, ok := seen[uk]; ok {
				t.Errorf("the %ss %q and %q are both %q", kind, en, other, uk)
			}
			seen[uk] = en
		}
	}

	intro := string(mustRead(t, "content/_index.uk.md"))
	if strings.TrimSpace(intro) == "" || strings.HasPrefix(intro, "+++") {
		t.Error("content/_index.uk.md: want the intro, without front matter, as content/_index.md")
	}
	quotesTranslated(t, "content/_index.uk.md", intro)
	about := readTranslated(t, "content/about.uk.md")
	if about.Title == "" || about.Description == "" {
		t.Error("content/about.uk.md: no title or description")
	}
	if !strings.Contains(about.Body, "переклад англійського") {
		t.Error("content/about.uk.md does not say that the Ukrainian text is a translation of the English one")
	}
	quotesTranslated(t, "content/about.uk.md", about.Body)

	// site.toml's Ukrainian title, description and chapters: one per
	// English chapter, in the same order, each translated.
	var site struct {
		Title, Description string
		Eras               []struct{ Title, Summary string }
		Languages          map[string]struct {
			Title, Description string
			Eras               []struct{ Title, Summary string }
		}
	}
	if _, err := toml.DecodeFile("site.toml", &site); err != nil {
		t.Fatal(err)
	}
	uk, ok := site.Languages["uk"]
	if !ok || uk.Title == "" || uk.Title == site.Title || uk.Description == "" || uk.Description == site.Description {
		t.Errorf("site.toml: [languages.uk] gives no translated title and description: %+v", uk)
	}
	if len(uk.Eras) != len(site.Eras) {
		t.Fatalf("site.toml: %d Ukrainian chapters for %d English ones", len(uk.Eras), len(site.Eras))
	}
	for i, e := range uk.Eras {
		if e.Title == "" || e.Summary == "" || e.Title == site.Eras[i].Title {
			t.Errorf("site.toml: Ukrainian chapter %d, %+v, does not translate %q", i+1, e, site.Eras[i].Title)
		}
	}
}
