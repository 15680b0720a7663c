package timeline_test

import (
	"os"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestShippedSite checks the repository's own site, the first a new user
// sees: it builds with no error and no warning, and every event carries
// what a careful news timeline needs: a source, a track and a summary,
// with the seed article among its sources.
func TestShippedSite(t *testing.T) {
	out, res, err := build.Render(build.Options{FS: os.DirFS("."), Source: "."})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings() {
		t.Errorf("warning: %s", w)
	}
	const article = "Joe Biden assures Ukraine leader of ‘decisive’ US response to Russia invasion"
	if len(res.Site.Events) < 12 {
		t.Errorf("%d events; the article describes at least 12", len(res.Site.Events))
	}
	for _, e := range res.Site.Events {
		if len(e.Sources) == 0 {
			t.Errorf("%s: no source", e.File)
		}
		cites := false
		for _, s := range e.Sources {
			cites = cites || s.Title == article
		}
		if !cites {
			t.Errorf("%s: the seed article is not among its sources", e.File)
		}
		if e.Track == "" {
			t.Errorf("%s: no track", e.File)
		}
		if strings.TrimSpace(e.Summary) == "" {
			t.Errorf("%s: no summary", e.File)
		}
		if e.Place == "" || len(e.Tags) == 0 {
			t.Errorf("%s: no place or no tags", e.File)
		}
		body, err := res.Site.Body(e)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(body), "**Date:**") {
			t.Errorf("%s: the body does not say how the date was derived", e.File)
		}
		if _, ok := out.Files["events/"+e.Slug+"/index.html"]; !ok {
			t.Errorf("%s: no page", e.File)
		}
		// Every event is translated (content_uk_test.go checks the text).
		if _, ok := out.Files["uk/events/"+e.Slug+"/index.html"]; !ok {
			t.Errorf("%s: no Ukrainian page", e.File)
		}
	}
	if res.Site.Intro == nil {
		t.Error("no content/_index.md")
	}
	for _, about := range []string{"about/index.html", "uk/about/index.html"} {
		if _, ok := out.Files[about]; !ok {
			t.Errorf("no %s", about)
		}
	}
}

// TestShippedSiteCorrections checks the corrections of the shipped site's
// fact-check: sources readers can follow (most with an address, each
// address with an archived copy, each named by its publisher), and the
// dates and summaries that were wrong.
func TestShippedSiteCorrections(t *testing.T) {
	_, res, err := build.Render(build.Options{FS: os.DirFS("."), Source: "."})
	if err != nil {
		t.Fatal(err)
	}
	const article = "Joe Biden assures Ukraine leader of ‘decisive’ US response to Russia invasion"
	others, withURL := 0, 0
	urls := map[string]bool{}
	events := map[string]*timeline.Event{}
	for _, e := range res.Site.Events {
		events[strings.TrimSuffix(strings.TrimPrefix(e.File, "content/events/"), ".md")] = e
		for _, s := range e.Sources {
			if s.Title == article {
				if s.URL != "" || s.Publisher != "" {
					t.Errorf("%s: the article names no publisher and has no address, but its source says %+v", e.File, s)
				}
				continue
			}
			others++
			if s.Publisher == "" || s.Date.IsZero() && !strings.Contains(s.URL, "yle.fi") {
				t.Errorf("%s: source %q has no publisher or no date", e.File, s.Title)
			}
			if s.URL != "" {
				withURL++
				urls[s.URL] = true
				if want := "https://web.archive.org/web/2022/" + s.URL; s.Archive != want {
					t.Errorf("%s: source %q: archive %q, want %q", e.File, s.Title, s.Archive, want)
				}
			}
		}
	}
	if withURL*2 <= others {
		t.Errorf("%d of %d sources besides the article have an address; most should", withURL, others)
	}
	for _, u := range []string{
		"https://zakon.rada.gov.ua/laws/show/757-18",
		"https://digitallibrary.un.org/record/767565",
		"https://www.state.gov/deputy-secretary-travel/travel-to-switzerland-and-belgium-january-8-13-2022/",
	} {
		if !urls[u] {
			t.Errorf("no source links to %s", u)
		}
	}

	event := func(name string) *timeline.Event {
		e := events[name]
		if e == nil {
			t.Fatalf("no event %s", name)
		}
		return e
	}
	body := func(e *timeline.Event) string {
		b, err := res.Site.Body(e)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	crimea := event("2014-03-crimea-seized")
	if crimea.Date.ISO() != "2014-02-27" || crimea.End.ISO() != "2014-03-18" || !strings.Contains(body(crimea), "in March 2014") {
		t.Errorf("Crimea: %s – %s; want 27 February – 18 March 2014, with the article’s “March 2014” in the text", crimea.Date.ISO(), crimea.End.ISO())
	}
	if s := event("2021-12-21-putin-military-technical-warning").Summary; strings.Contains(s, "red line") || !strings.Contains(s, "aggressive line") {
		t.Errorf("21 December summary %q: the red lines were the 18 November speech’s; on 21 December he spoke of the aggressive line", s)
	}
	if s := event("2021-12-30-biden-putin-call").Summary; !strings.Contains(s, "further invades") {
		t.Errorf("30 December summary %q: the White House said “further invades”", s)
	}
	for name, want := range map[string]string{"2021-12-gas-price-dispute": "~2021-09", "2021-12-russian-troop-build-up": "~2021-11"} {
		if d := event(name).Date.ISO(); d != want {
			t.Errorf("%s: date %s, want %s, when it began", name, d, want)
		}
	}
	if s := event("2014-02-22-yanukovych-removed").Summary; strings.Contains(s, "is toppled") || !strings.Contains(s, "the article says") {
		t.Errorf("Yanukovych summary %q: “toppled” is the article’s word, to be attributed", s)
	}
	if war := event("2014-04-war-in-the-east"); !war.Ongoing || !strings.Contains(body(war), "What “present” means here") {
		t.Error("war in the east: an open end that the body explains")
	}
	about := string(mustRead(t, "content/about.md"))
	for _, want := range []string{"is inferred from the text", "names no publisher", "https://web.archive.org/web/2022/ADDRESS", "could be found"} {
		if !strings.Contains(about, want) {
			t.Errorf("about.md does not say %q", want)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
