package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// parseFeed parses a feed with gofeed, a feed library used by real
// readers, rather than with the code that wrote it.
func parseFeed(t *testing.T, out *Output, path, wantType string) *gofeed.Feed {
	t.Helper()
	b, ok := out.Files[path]
	if !ok {
		t.Fatalf("no %s", path)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.FeedType != wantType {
		t.Fatalf("%s: gofeed reads it as %q, want %q", path, f.FeedType, wantType)
	}
	return f
}

// checkFeeds checks what both site feeds must hold: n items, the newest
// first, with unique ids and absolute links, the same in both formats.
func checkFeeds(t *testing.T, out *Output, n int) (atom, json *gofeed.Feed) {
	t.Helper()
	atom = parseFeed(t, out, "feed.xml", "atom")
	json = parseFeed(t, out, "feed.json", "json")
	for _, f := range []*gofeed.Feed{atom, json} {
		if len(f.Items) != n {
			t.Errorf("%s feed: %d items, want %d", f.FeedType, len(f.Items), n)
		}
		seen := map[string]bool{}
		for i, it := range f.Items {
			if !strings.HasPrefix(it.GUID, "urn:uuid:") || seen[it.GUID] {
				t.Errorf("%s item %d: id %q is not a unique urn:uuid", f.FeedType, i, it.GUID)
			}
			seen[it.GUID] = true
			if !strings.HasPrefix(it.Link, "https://") {
				t.Errorf("%s item %d: link %q is not absolute", f.FeedType, i, it.Link)
			}
			if it.PublishedParsed == nil {
				t.Errorf("%s item %d: no parsable date", f.FeedType, i)
			} else if i > 0 && f.Items[i-1].PublishedParsed != nil && it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
				t.Errorf("%s item %d is newer than the one before it", f.FeedType, i)
			}
			if it.Content == "" {
				t.Errorf("%s item %d: no content", f.FeedType, i)
			}
		}
	}
	for i := range min(len(atom.Items), len(json.Items)) {
		if a, j := atom.Items[i], json.Items[i]; a.GUID != j.GUID || a.Link != j.Link || a.Title != j.Title {
			t.Errorf("item %d differs between the feeds: %q %q vs %q %q", i, a.GUID, a.Title, j.GUID, j.Title)
		}
	}
	return atom, json
}

func titles(f *gofeed.Feed) []string {
	var out []string
	for _, it := range f.Items {
		out = append(out, it.Title)
	}
	return out
}

func TestSiteFeeds(t *testing.T) {
	site, out := renderSite(t, exportSite, Options{})
	atom, json := checkFeeds(t, out, len(site.Events))
	for _, f := range []*gofeed.Feed{atom, json} {
		if f.Title != "Test, timeline; one" || f.Link != "https://example.org/tl/" {
			t.Errorf("%s feed: title %q, link %q", f.FeedType, f.Title, f.Link)
		}
		if f.FeedLink != "https://example.org/tl/feed."+map[string]string{"atom": "xml", "json": "json"}[f.FeedType] {
			t.Errorf("%s feed: self link %q", f.FeedType, f.FeedLink)
		}
		if len(f.Authors) != 1 || f.Authors[0].Name != "Desk" {
			t.Errorf("%s feed: authors %v", f.FeedType, f.Authors)
		}
	}
	if want := []string{"A local time", "Some days", "A day", "A call", "Ongoing"}; !slices.Equal(titles(atom)[:5], want) {
		t.Errorf("newest first: got %q, want %q first", titles(atom), want)
	}

	var month *gofeed.Item
	for _, it := range atom.Items {
		if strings.HasPrefix(it.Title, "A month") {
			month = it
		}
	}
	if month == nil {
		t.Fatal("no entry for the month event")
	}
	if month.Description != "A written summary." {
		t.Errorf("summary %q", month.Description)
	}
	if month.Published != "2014-03-01T00:00:00Z" {
		t.Errorf("published %q, want the first instant of March 2014", month.Published)
	}
	// Links in the body resolve against the event's page; the image and
	// a site-path source against the site.
	for _, want := range []string{
		`href="https://example.org/tl/events/year/"`,
		`href="https://example.com/x"`,
		`src="https://example.org/tl/img/a.png" alt="An image"`,
		`<figcaption>Photo: Desk</figcaption>`,
		`href="https://example.org/tl/about/"`,
		`href="https://example.com/a?b=1&amp;c=2"`,
		`<li><cite>A source without a URL</cite></li>`,
		`<span class="publisher">Example &amp; Co</span>: <cite><a href="https://example.com/a?b=1&amp;c=2">A source with a URL</a></cite>, <time class="date" datetime="2014-03">c. March 2014</time> (<a class="archive" href="https://web.archive.org/web/20140320/https://example.com/a?b=1&amp;c=2">archived copy</a>)`,
		`<time>March – 18 March 2014</time> · Crimea`,
	} {
		if !strings.Contains(month.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, month.Content)
		}
	}
	// The track, then the tags, each named as first written in time order.
	if want := []string{"Military", "Alpha", "Beta"}; !slices.Equal(month.Categories, want) {
		t.Errorf("categories %q, want %q", month.Categories, want)
	}
}

func TestFeedLimit(t *testing.T) {
	fsys := withConfig(exportSite, "title = \"T\"\nbaseURL = \"https://example.org/\"\n[feed]\nlimit = 2\n")
	_, out := renderSite(t, fsys, Options{})
	atom, _ := checkFeeds(t, out, 2)
	if want := []string{"A local time", "Some days"}; !slices.Equal(titles(atom), want) {
		t.Errorf("got %q, want the two newest %q", titles(atom), want)
	}
	// The limit holds for a term's feed too.
	f := parseFeed(t, out, "tags/alpha/feed.xml", "atom")
	if want := []string{"Some days", "A month, with commas; and semicolons"}; !slices.Equal(titles(f), want) {
		t.Errorf("tag feed: got %q, want %q", titles(f), want)
	}
}

// TestFeedIDsStable: moving the site (another baseURL, or --base-url)
// changes the links but not the ids, so readers do not show every entry
// again.
func TestFeedIDsStable(t *testing.T) {
	_, a := renderSite(t, exportSite, Options{})
	_, b := renderSite(t, exportSite, Options{BaseURL: "https://moved.example/elsewhere/"})
	for _, p := range []string{"feed.xml", "feed.json", "tags/alpha/feed.xml"} {
		typ := "atom"
		if p == "feed.json" {
			typ = "json"
		}
		fa, fb := parseFeed(t, a, p, typ), parseFeed(t, b, p, typ)
		if len(fa.Items) != len(fb.Items) || len(fa.Items) == 0 {
			t.Fatalf("%s: %d and %d items", p, len(fa.Items), len(fb.Items))
		}
		for i := range fa.Items {
			if fa.Items[i].GUID != fb.Items[i].GUID {
				t.Errorf("%s item %d: id changed with the baseURL: %s -> %s", p, i, fa.Items[i].GUID, fb.Items[i].GUID)
			}
			if !strings.HasPrefix(fb.Items[i].Link, "https://moved.example/elsewhere/events/") {
				t.Errorf("%s item %d: link %q does not follow the new baseURL", p, i, fb.Items[i].Link)
			}
		}
	}
}

// TestTermFeeds: every tag and track has a feed of its own events.
func TestTermFeeds(t *testing.T) {
	site, out := renderSite(t, exportSite, Options{})
	for _, list := range []struct {
		dir   string
		terms []*timelineTerm
	}{{"tags/", terms(site.Tags)}, {"tracks/", terms(site.Tracks)}} {
		for _, term := range list.terms {
			f := parseFeed(t, out, list.dir+term.slug+"/feed.xml", "atom")
			if len(f.Items) != term.n {
				t.Errorf("%s%s: %d items, want %d", list.dir, term.slug, len(f.Items), term.n)
			}
			if f.Link != "https://example.org/tl/"+list.dir+term.slug+"/" {
				t.Errorf("%s%s: alternate link %q", list.dir, term.slug, f.Link)
			}
		}
	}
	f := parseFeed(t, out, "tracks/military/feed.xml", "atom")
	if want := []string{"Ongoing", "A month, with commas; and semicolons"}; !slices.Equal(titles(f), want) {
		t.Errorf("military: %q, want %q", titles(f), want)
	}
	if f.Title != "Track: Military · Test, timeline; one" {
		t.Errorf("military feed title %q", f.Title)
	}
}
