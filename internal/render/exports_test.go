package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/sitetest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// exportNow is the build time of the test renders: "present" ends here.
var exportNow = time.Date(2026, 11, 30, 15, 4, 5, 0, time.UTC)

// exportSite has an event of every kind the exports must tell apart:
// each precision, zones, spans, an ongoing span, circa, a year BC, an
// image, sources of each form, a relative link, and text that needs
// escaping and folding.
var exportSite = fstest.MapFS{
	"site.toml": {Data: []byte(`title = "Test, timeline; one"
description = "Events for the export tests."
baseURL = "https://example.org/tl/"
author = "Desk"
copyright = "© 2026 Desk"
`)},
	"static/img/a.png": {Data: []byte("png")},
	"content/events/bc.md": {Data: []byte(`+++
title = "Battle of Marathon"
date = "-0489-09"
track = "War"
+++
Long ago.
`)},
	"content/events/year.md": {Data: []byte(`+++
title = "A year"
date = "~1990"
tags = ["Alpha"]
+++
The year, roughly.
`)},
	"content/events/month.md": {Data: []byte(`+++
title = "A month, with commas; and semicolons"
date = "2014-03"
end = "2014-03-18"
track = "Military"
tags = ["alpha", "Beta"]
place = "Crimea"
summary = "A written summary."
image = "img/a.png"
image_alt = "An image"
image_credit = "Photo: Desk"

[[sources]]
title = "A source with a URL"
url = "https://example.com/a?b=1&c=2"
publisher = "Example & Co"
date = "~2014-03"
archive = "https://web.archive.org/web/20140320/https://example.com/a?b=1&c=2"
accessed = 2022-01-03

[[sources]]
title = "A source on this site"
url = "/about/"

[[sources]]
title = "A source without a URL"
+++
First paragraph with [a relative link](../year/) and [an absolute one](https://example.com/x).

- one
- two

A line long enough to be folded in the calendar, with letters like é, ü and ж that take two octets each, and more words.
`)},
	"content/events/day.md": {Data: []byte(`+++
title = "A day"
date = 2021-12-31
track = "Politics"
+++
A day's body.
`)},
	"content/events/ongoing.md": {Data: []byte(`+++
title = "Ongoing"
date = "2021-11"
end = "present"
track = "Military"
tags = ["beta"]
+++
Still going.
`)},
	"content/events/minute.md": {Data: []byte(`+++
title = "A call"
date = "2021-12-30T15:35:00-05:00"
end = "2021-12-30T16:25:00-05:00"
track = "Diplomacy"
+++
An hour's call.
`)},
	"content/events/local.md": {Data: []byte(`+++
title = "A local time"
date = "2022-01-10T09:00"
+++
No zone.
`)},
	"content/events/days.md": {Data: []byte(`+++
title = "Some days"
date = "2022-01-10"
end = "2022-01-12"
track = "Diplomacy"
tags = ["Alpha"]
+++
Three days of talks, with letters like é, ü and ж that take two octets each, so that folding must not split them, and enough words to need two folds.
`)},
}

// renderSite loads and renders a site with the built-in theme.
func renderSite(t *testing.T, fsys fstest.MapFS, opts Options) (*timeline.Site, *Output) {
	t.Helper()
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if opts.Now.IsZero() {
		opts.Now = exportNow
	}
	out, err := Render(site, defaults.Theme(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return site, out
}

// withConfig returns a copy of fsys with another site.toml.
func withConfig(fsys fstest.MapFS, config string) fstest.MapFS {
	c := fstest.MapFS{}
	for k, v := range fsys {
		c[k] = v
	}
	c["site.toml"] = &fstest.MapFile{Data: []byte(config)}
	return c
}

// TestExportGoldens pins the exact bytes of every export of exportSite.
// go test -update rewrites them.
func TestExportGoldens(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{})
	for _, p := range []string{"feed.xml", "feed.json", "timeline.json", "events.ics", "tags/alpha/feed.xml", "tracks/military/feed.xml"} {
		got, ok := out.Files[p]
		if !ok {
			t.Errorf("no %s", p)
			continue
		}
		checkGolden(t, filepath.Join("testdata", "exports", strings.ReplaceAll(p, "/", "_")), p, got)
	}
}

// checkGolden compares the output file name with the golden file golden,
// or rewrites the golden with go test -update.
func checkGolden(t *testing.T, golden, name string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from %s:\n%s", name, golden, sitetest.FirstDiff(want, got))
	}
}

// TestExportsWithoutBaseURL: feeds need absolute URLs, so a site without a
// baseURL has none, and no page links to one; the TimelineJS file and the
// calendar are still made.
func TestExportsWithoutBaseURL(t *testing.T) {
	fsys := withConfig(exportSite, "title = \"No base\"\n")
	_, out := renderSite(t, fsys, Options{})
	for p := range out.Files {
		if strings.HasSuffix(p, "feed.xml") || p == "feed.json" {
			t.Errorf("%s made without a baseURL", p)
		}
		if strings.HasSuffix(p, ".html") && bytes.Contains(out.Files[p], []byte(`rel="alternate"`)) {
			t.Errorf("%s links to a feed that does not exist", p)
		}
	}
	for _, p := range []string{"timeline.json", "events.ics"} {
		if _, ok := out.Files[p]; !ok {
			t.Errorf("no %s without a baseURL", p)
		}
	}
	// Links stay as written: nothing to make them absolute with.
	if ics := string(out.Files["events.ics"]); strings.Contains(ics, "URL:") {
		t.Errorf("events.ics has URLs without a baseURL")
	}
}

// TestFeedLinksInPages: every page links the site's feeds (but the embeds,
// which sit in other sites' pages); tag and track pages link their own,
// and year pages have none of their own.
func TestFeedLinksInPages(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{})
	for p, b := range out.Files {
		if !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "embed/index.html") {
			continue
		}
		for _, want := range []string{`type="application/atom+xml"`, `type="application/feed+json"`} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s: no <link rel=alternate %s>", p, want)
			}
		}
	}
	cases := map[string]string{
		"tags/alpha/index.html":      `href="../../tags/alpha/feed.xml"`,
		"tracks/military/index.html": `href="../../tracks/military/feed.xml"`,
	}
	for p, want := range cases {
		if !bytes.Contains(out.Files[p], []byte(want)) {
			t.Errorf("%s does not link its feed (%s)", p, want)
		}
	}
	for _, p := range []string{"2014/index.html", "index.html"} {
		if n := bytes.Count(out.Files[p], []byte(`feed.xml"`)); n != 1 {
			t.Errorf("%s links %d Atom feeds, want only the site's", p, n)
		}
	}
}

// TestShippedSiteExports renders the repository's own site and checks
// that every export parses in its independent parser and holds every
// event (the feeds: the newest, up to the limit).
func TestShippedSiteExports(t *testing.T) {
	root := os.DirFS("../..")
	site, err := timeline.Load(root, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(site, defaults.Theme(), Options{Now: exportNow})
	if err != nil {
		t.Fatal(err)
	}
	n := len(site.Events)
	if n == 0 {
		t.Fatal("the shipped site has no events")
	}
	checkFeeds(t, out, min(n, site.Config.Feed.Limit))
	if got := len(parseICS(t, out.Files["events.ics"])); got != n {
		t.Errorf("events.ics has %d events, want %d", got, n)
	}
	if got := len(checkTimelineJS(t, out.Files["timeline.json"])); got != n {
		t.Errorf("timeline.json has %d slides, want %d", got, n)
	}
}

type timelineTerm struct {
	slug string
	n    int
}

func terms(list []*timeline.Term) []*timelineTerm {
	var out []*timelineTerm
	for _, t := range list {
		out = append(out, &timelineTerm{t.Slug, len(t.Events)})
	}
	return out
}

// TestFeedsKeepTheirBodies checks that the bodies timeline.json lets go of
// as it follows the event pages are none that a feed still shows: with a
// limit of one, each tag's and track's feed shows an event that the
// site's feed does not.
func TestFeedsKeepTheirBodies(t *testing.T) {
	config := string(exportSite["site.toml"].Data) + "\n[feed]\nlimit = 1\n"
	site, out := renderSite(t, withConfig(exportSite, config), Options{})
	// The start of each body's text, up to its first mark.
	starts := map[string]string{}
	for _, e := range site.Events {
		starts[e.Title] = string(e.Body[:strings.IndexFunc(string(e.Body), func(r rune) bool {
			return r != ' ' && !unicode.IsLetter(r)
		})])
	}
	feeds := 0
	for path, b := range out.Files {
		if !strings.HasSuffix(path, "feed.xml") {
			continue
		}
		feeds++
		var feed struct {
			Entries []struct {
				Title   string `xml:"title"`
				Content string `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(b, &feed); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(feed.Entries) != 1 {
			t.Errorf("%s has %d entries, want 1", path, len(feed.Entries))
		}
		for _, e := range feed.Entries {
			if start := starts[e.Title]; start == "" || !strings.Contains(e.Content, start) {
				t.Errorf("%s: the entry of %q lacks its body (%q): %s", path, e.Title, start, e.Content)
			}
		}
	}
	if feeds < 5 {
		t.Errorf("%d Atom feeds, want the site's and one per tag and track", feeds)
	}
	var jf struct {
		Items []struct {
			Title       string `json:"title"`
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out.Files["feed.json"], &jf); err != nil {
		t.Fatal(err)
	}
	for _, it := range jf.Items {
		if !strings.Contains(it.ContentHTML, starts[it.Title]) {
			t.Errorf("feed.json: the item of %q lacks its body", it.Title)
		}
	}
	// And timeline.json still has every body.
	var tl tlFile
	if err := json.Unmarshal(out.Files["timeline.json"], &tl); err != nil {
		t.Fatal(err)
	}
	for _, s := range tl.Events {
		if start := starts[html.UnescapeString(s.Text.Headline)]; !strings.Contains(s.Text.Text, start) {
			t.Errorf("timeline.json: the slide of %q lacks its body", s.Text.Headline)
		}
	}
}

// TestHasScheme checks the shortcut the exports take past url.Parse: a
// link hasScheme says is absolute, url.Parse says is absolute too (or
// cannot parse; either way the link is left as it is).
func TestHasScheme(t *testing.T) {
	for _, link := range []string{
		"https://x.org/", " https://x.org/", "mailto:a@b", "a+b-c.d:x", "javascript:alert(1)",
		"/path", "path/x", "#frag", "?q=1", "x", ":x", "1http://x", "+a:b", "ht tp://x",
		"a:b", `c:\path`, "", "../up/", "https", "https:", "HTTP://X",
	} {
		u, err := url.Parse(strings.TrimSpace(link))
		abs := err != nil || u.IsAbs()
		if has := hasScheme(link); has && !abs {
			t.Errorf("hasScheme(%q) = true, but url.Parse finds no scheme", link)
		} else if !has && err == nil && u.IsAbs() {
			t.Errorf("hasScheme(%q) = false, but url.Parse finds scheme %q", link, u.Scheme)
		}
	}
}
