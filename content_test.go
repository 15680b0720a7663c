package timeline_test

import (
	"strings"
	"testing"

	"timeline/internal/build"
)

// TestShippedSite checks the repository's own site, the first a new user
// sees: it builds with no error and no warning, and every event carries
// what a careful news timeline needs: a source, a track and a summary,
// with the seed article among its sources.
func TestShippedSite(t *testing.T) {
	out, res, err := build.Render(build.Options{Source: "."})
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
	}
	if res.Site.Intro == nil {
		t.Error("no content/_index.md")
	}
	if _, ok := out.Files["about/index.html"]; !ok {
		t.Error("no about page")
	}
}
