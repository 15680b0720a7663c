package render

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// pagedSite has seven events of one track and tag, in 2001 (three), 2003
// (one) and 2005 (three), and lists perPage events a page.
func pagedSite(perPage int) fstest.MapFS {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(fmt.Sprintf(
		"title = \"Paged\"\nbaseURL = \"https://example.org/\"\n[lists]\nper_page = %d\n", perPage))}}
	for i, d := range []string{"2001-01", "2001-02", "2001-03", "2003-05", "2005-01", "2005-02", "2005-03"} {
		fsys[fmt.Sprintf("content/events/e%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = %q\ntrack = \"War\"\ntags = [\"t\"]\n+++\nBody %d.\n", i, d, i))}
	}
	return fsys
}

var (
	entryID  = regexp.MustCompile(`<li class="entry[^"]*" id="([^"]+)"`)
	relNext  = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	linkNext = regexp.MustCompile(`<link rel="next" href="([^"]+)">`)
)

// follow reads a list from its first page on by its rel="next" links, as
// a reader without JavaScript would, and returns the pages read and the
// events listed, in order.
func follow(t *testing.T, files map[string][]byte, first string) (pages, events []string) {
	t.Helper()
	for p := first; p != ""; {
		html := string(files[p+"index.html"])
		if html == "" {
			t.Fatalf("no page at %s", p)
		}
		pages = append(pages, p)
		for _, m := range entryID.FindAllStringSubmatch(html, -1) {
			events = append(events, m[1])
		}
		next := ""
		if m := relNext.FindStringSubmatch(html); m != nil {
			next = path.Clean(path.Join(p, m[1])) + "/"
			l := linkNext.FindStringSubmatch(html)
			if l == nil || l[1] != m[1] {
				t.Errorf("%s: the head's rel=next is %v, the link's %q", p, l, m[1])
			}
		}
		p = next
	}
	return pages, events
}

func TestListPagination(t *testing.T) {
	all := []string{"e0", "e1", "e2", "e3", "e4", "e5", "e6"}
	for _, c := range []struct {
		perPage int
		pages   []string
	}{
		{7, []string{"tracks/war/"}},
		{200, []string{"tracks/war/"}},
		{3, []string{"tracks/war/", "tracks/war/page/2/", "tracks/war/page/3/"}},
		{2, []string{"tracks/war/", "tracks/war/page/2/", "tracks/war/page/3/", "tracks/war/page/4/"}},
	} {
		t.Run(fmt.Sprint(c.perPage), func(t *testing.T) {
			_, out := renderSite(t, pagedSite(c.perPage), Options{})
			pages, events := follow(t, out.Files, "tracks/war/")
			if !slices.Equal(pages, c.pages) || !slices.Equal(events, all) {
				t.Errorf("pages %v listing %v, want %v listing every event once, in order", pages, events, c.pages)
			}
			if _, ok := out.Files[fmt.Sprintf("tracks/war/page/%d/index.html", len(c.pages)+1)]; ok {
				t.Error("a page past the last")
			}
			if _, ok := out.Files["tracks/war/page/1/index.html"]; ok {
				t.Error("page 1 is the list's own path, not page/1/")
			}
			sitemap := string(out.Files["sitemap.xml"])
			for _, p := range c.pages {
				if !strings.Contains(sitemap, "<loc>https://example.org/"+p+"</loc>") {
					t.Errorf("sitemap lacks %s", p)
				}
			}
			if len(c.pages) == 1 {
				if html := string(out.Files["tracks/war/index.html"]); strings.Contains(html, `rel="prev"`) || strings.Contains(html, "Page 1") {
					t.Error("a list of one page has a pager")
				}
				return
			}
			// The tag's list is paginated alike.
			if _, events := follow(t, out.Files, "tags/t/"); !slices.Equal(events, all) {
				t.Errorf("the tag's pages list %v", events)
			}
			for n, p := range c.pages {
				html := string(out.Files[p+"index.html"])
				at := fmt.Sprintf("Page %d of %d", n+1, len(c.pages))
				if !strings.Contains(html, "7 events · "+at+"</p>") || !strings.Contains(html, "<title>War ("+at+") · Paged</title>") {
					t.Errorf("%s does not say %q in its count and title", p, at)
				}
				if want := "https://example.org/" + p; !strings.Contains(html, `<link rel="canonical" href="`+want+`">`) {
					t.Errorf("%s: not its own canonical URL", p)
				}
				if n > 0 && !strings.Contains(html, fmt.Sprintf(`<link rel="prev" href="../../../../%s">`, c.pages[n-1])) {
					t.Errorf("%s: no rel=prev to %s", p, c.pages[n-1])
				}
			}
		})
	}
}

// TestListPaginationYears: a year cut by a page's end goes on under its
// heading, counting all its events; the jump-to-year links lead to the
// page with each year's heading; an event page's way back to the timeline
// leads to the page of its year that lists it, when the home page is
// condensed.
func TestListPaginationYears(t *testing.T) {
	fsys := pagedSite(2)
	fsys["site.toml"].Data = append(fsys["site.toml"].Data, "[home]\nmax_events = 1\nlead = 1\n"...) // the home lists leading events only
	_, out := renderSite(t, fsys, Options{})
	page2 := string(out.Files["tracks/war/page/2/index.html"])
	// Page 1: e0 e1 (2001); page 2: e2 (2001), e3 (2003); page 3: e4 e5; page 4: e6.
	if !strings.Contains(page2, `<h2 id="y-2001"><a href="../../../../2001/">2001</a> <span class="count">3 events</span></h2>`) {
		t.Error("page 2 does not go on with 2001 under its heading, counting its three events")
	}
	for _, want := range []string{
		`<a href="../../../../tracks/war/#y-2001">2001</a>`, // on page 1
		`<a href="#y-2003">2003</a>`,                        // here
		`<a href="../../../../tracks/war/page/3/#y-2005">2005</a>`,
	} {
		if !strings.Contains(page2, want) {
			t.Errorf("page 2's jump to a year lacks %s", want)
		}
	}
	if n := strings.Count(page2, `<section class="year"`); n != 2 {
		t.Errorf("page 2 has %d years, want 2", n)
	}
	// The year 2005 has three events: two on its first page, one on page/2/.
	if html := string(out.Files["2005/page/2/index.html"]); !strings.Contains(html, `id="e6"`) {
		t.Error("2005/page/2/ does not list e6")
	}
	for slug, want := range map[string]string{"e5": "../../2005/#e5", "e6": "../../2005/page/2/#e6"} {
		if html := string(out.Files["events/"+slug+"/index.html"]); !strings.Contains(html, `href="`+want+`"`) {
			t.Errorf("%s's page does not lead back to %s", slug, want)
		}
	}
}

// TestSitemapIndex: past sitemapURLs pages, sitemap.xml is an index of
// sitemaps that list every page once.
func TestSitemapIndex(t *testing.T) {
	_, out := renderSite(t, pagedSite(2), Options{})
	locs := regexp.MustCompile(`<loc>([^<]+)</loc>`)
	var want []string
	for _, m := range locs.FindAllStringSubmatch(string(out.Files["sitemap.xml"]), -1) {
		want = append(want, m[1])
	}
	defer func(n int) { sitemapURLs = n }(sitemapURLs)
	sitemapURLs = 5
	_, out = renderSite(t, pagedSite(2), Options{})
	index := string(out.Files["sitemap.xml"])
	if !strings.Contains(index, "<sitemapindex ") {
		t.Fatalf("sitemap.xml is not an index:\n%s", index)
	}
	var got []string
	files := locs.FindAllStringSubmatch(index, -1)
	for i, m := range files {
		name := strings.TrimPrefix(m[1], "https://example.org/")
		if name != fmt.Sprintf("sitemaps/%d.xml", i+1) {
			t.Errorf("sitemap %d is %s", i+1, m[1])
		}
		urls := locs.FindAllStringSubmatch(string(out.Files[name]), -1)
		if len(urls) > 5 || len(urls) == 0 {
			t.Errorf("%s lists %d pages", name, len(urls))
		}
		for _, u := range urls {
			got = append(got, u[1])
		}
	}
	if len(want) < 20 || len(files) != (len(want)+4)/5 || !slices.Equal(got, want) {
		t.Errorf("%d sitemaps list\n%v\nwant\n%v", len(files), got, want)
	}
}
