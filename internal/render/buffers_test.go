package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/bufpool"
)

// reusedBodiesSite has n events whose bodies are marked with their own
// number, marks(i) times: bodies of many sizes, so that the buffers a
// build reuses between events (see markdown.Doc.Recycle, exports.release)
// change hands between bodies larger and smaller than the last. Every
// third links to the next event's file, so that the exports make its
// links absolute, a body of their own. Each has two tags, whose feeds
// share some entries with each other and the site's feed.
func reusedBodiesSite(n, maxEvents int) fstest.MapFS {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(fmt.Sprintf(
		"title = \"Reuse\"\nbaseURL = \"https://example.org/\"\n[timelinejs]\nmax_events = %d\n", maxEvents))}}
	for i := range n {
		var b strings.Builder
		b.WriteString("A lead without marks.\n\n") // the summary, which the page shows more than once
		for range marks(i) {
			fmt.Fprintf(&b, "mark-%d- ", i)
		}
		if i%3 == 0 {
			fmt.Fprintf(&b, "\n\n[next](e%d.md)", (i+1)%n)
		}
		fsys[fmt.Sprintf("content/events/e%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = \"%d-%02d-%02d\"\ntags = [\"t%d\", \"u%d\"]\n+++\n%s\n",
			i, 2000+i%20, 1+i%12, 1+i%28, i%5, i%3, b.String()))}
	}
	return fsys
}

func marks(i int) int { return 1 + (i*37)%400 }

var (
	markRE       = regexp.MustCompile(`mark-(\d+)-`)
	entryTitleRE = regexp.MustCompile(`<title>Event (\d+)</title>`)
)

// checkMarks checks that text, which shows event want's body, has its
// marks, each one, and no other event's.
func checkMarks(t *testing.T, where string, text string, want int) {
	t.Helper()
	n := 0
	for _, m := range markRE.FindAllStringSubmatch(text, -1) {
		if m[1] != strconv.Itoa(want) {
			t.Fatalf("%s shows event %d's body has a mark of event %s", where, want, m[1])
		}
		n++
	}
	if n != marks(want) {
		t.Fatalf("%s has %d marks of event %d, want %d", where, n, want, marks(want))
	}
}

// TestReusedBuffersKeepBodiesApart renders a site whose pages reuse each
// other's body buffers, on every core, and checks that each event's page
// and TimelineJS slide show its own body, whole, and the search index has
// each: a buffer given back while still in use would show another's, or
// the poison that Put fills it with.
func TestReusedBuffersKeepBodiesApart(t *testing.T) {
	defer bufpool.Poison()()
	const n = 400
	for _, maxEvents := range []int{n, 50} { // one timeline.json; split by year
		t.Run(fmt.Sprintf("max_events=%d", maxEvents), func(t *testing.T) {
			_, out := renderSite(t, reusedBodiesSite(n, maxEvents), Options{})
			pages := 0
			for p, b := range out.Files {
				if i := bytes.IndexByte(b, bufpool.PoisonByte); i >= 0 && !strings.HasSuffix(p, ".bin") { // the search index's binary shards may have it
					t.Fatalf("%s has a buffer given back before it was written: %q", p, b[max(0, i-40):min(len(b), i+40)])
				}
				num, ok := strings.CutPrefix(p, "events/e")
				if !ok || !strings.HasSuffix(p, "/index.html") {
					continue
				}
				i, err := strconv.Atoi(strings.TrimSuffix(num, "/index.html"))
				if err != nil {
					continue
				}
				pages++
				checkMarks(t, p, string(b), i)
			}
			if pages != n {
				t.Fatalf("%d event pages, want %d", pages, n)
			}
			slides := 0
			for p, b := range out.Files {
				if p != "timeline.json" && !(strings.HasPrefix(p, "timeline/") && p != "timeline/index.json") {
					continue
				}
				var f tlFile
				if err := json.Unmarshal(b, &f); err != nil {
					t.Fatal(p, err)
				}
				for _, s := range f.Events {
					i, err := strconv.Atoi(strings.TrimPrefix(s.UniqueID, "e"))
					if err != nil {
						t.Fatalf("%s: slide %q", p, s.UniqueID)
					}
					slides++
					checkMarks(t, p+" "+s.UniqueID, s.Text.Text, i)
				}
			}
			if slides < n {
				t.Fatalf("%d slides in the TimelineJS files, want at least %d", slides, n)
			}
			// The feeds' entries, made in reused buffers, shared by
			// several feeds or not.
			entries := 0
			for p, b := range out.Files {
				if !strings.HasSuffix(p, "feed.xml") {
					continue
				}
				for _, e := range strings.Split(string(b), "<entry>")[1:] {
					m := entryTitleRE.FindStringSubmatch(e)
					if m == nil {
						t.Fatalf("%s: an entry without an event's title: %.80q", p, e)
					}
					i, _ := strconv.Atoi(m[1])
					checkMarks(t, p+" entry "+m[1], e, i)
					entries++
				}
			}
			if entries < 50*6 {
				t.Fatalf("%d entries in the feeds, want at least %d", entries, 50*6)
			}
			// The search index's docs are reused too, once added.
			titles := map[string]int{}
			for p, b := range out.Files {
				if !strings.HasPrefix(p, "search/e/") {
					continue
				}
				var frags []struct{ T string }
				if err := json.Unmarshal(b, &frags); err != nil {
					t.Fatal(p, err)
				}
				for _, f := range frags {
					titles[f.T]++
				}
			}
			for i := range n {
				if c := titles[fmt.Sprintf("Event %d", i)]; c != 1 {
					t.Fatalf("the search fragments have Event %d %d times, want once", i, c)
				}
			}
		})
	}
}

// TestDropLetsGoOfBodies: the preview keeps its last renderer between
// saves, exports and all; once dropped, they hold no body, neither the
// string nor the buffer under it.
func TestDropLetsGoOfBodies(t *testing.T) {
	for _, follow := range []bool{true, false} {
		_, r := benchRenderer(t, 20)
		x := newExports(r)
		x.follow = follow
		for i := range x.bodies {
			x.keep(&x.bodies[i], []byte("<p>a body</p>"))
		}
		x.drop()
		for i := range x.bodies {
			if l := &x.bodies[i]; l.html != nil {
				t.Fatalf("follow %v: body %d kept after drop: %q, a buffer of %d bytes", follow, i, l.html, cap(l.html))
			}
		}
	}
}

// TestKeptEntriesGivenBackAfterLastPage renders, on every core, a site
// whose events are each listed on several pages (year, track, tags, in
// pages of a few), so that each entry is kept for later pages and given
// back after the last: every entry on every listing page must be its
// own event's, whole, with no poison from a buffer given back too soon.
func TestKeptEntriesGivenBackAfterLastPage(t *testing.T) {
	defer bufpool.Poison()()
	const n = 300
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"Entries\"\n[lists]\nper_page = 7\n")}}
	tracks := []string{"Alpha", "Beta", "Gamma"}
	tags := []string{"one", "two", "three", "four", "five"}
	for i := range n {
		fsys[fmt.Sprintf("content/events/e%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = \"%d-%02d-%02d\"\ntrack = %q\ntags = [%q, %q]\n+++\n%s\n",
			i, 2000+i%6, 1+i%12, 1+i%28, tracks[i%3], tags[i%5], tags[(i/5)%5], strings.Repeat(fmt.Sprintf("Lead of event %d. ", i), 1+i%40)))}
	}
	_, out := renderSite(t, fsys, Options{})
	entryRE := regexp.MustCompile(`(?s)<li class="entry[^"]*" id="(e\d+)".*?<h3><a href="[^"]*events/(e\d+)/">Event (\d+)</a></h3>.*?<p class="summary">([^<]*)</p>`)
	lists, entries := 0, 0
	for p, b := range out.Files {
		if i := bytes.IndexByte(b, bufpool.PoisonByte); i >= 0 && !strings.HasSuffix(p, ".bin") {
			t.Fatalf("%s has a buffer given back before it was written: %q", p, b[max(0, i-40):min(len(b), i+40)])
		}
		if !strings.HasSuffix(p, "index.html") || !(strings.HasPrefix(p, "tags/") || strings.HasPrefix(p, "tracks/") || strings.HasPrefix(p, "20")) {
			continue
		}
		lists++
		for _, m := range entryRE.FindAllStringSubmatch(string(b), -1) {
			entries++
			id, link, num := m[1], m[2], m[3]
			want := fmt.Sprintf("Lead of event %s.", num)
			if id != "e"+num || link != "e"+num || !strings.HasPrefix(m[4], want) || strings.Count(m[4], "Lead of event") != strings.Count(m[4], want) {
				t.Fatalf("%s: an entry mixes events: id %s, link %s, title Event %s, summary %.80q", p, id, link, num, m[4])
			}
		}
	}
	// Each event is on its year's page, its track's and its two tags'
	// (one when both are the same).
	if lists < 20 || entries < 3*n {
		t.Fatalf("%d entries on %d listing pages: the site does not list each event on several pages", entries, lists)
	}
}
