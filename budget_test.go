package timeline_test

// Page-weight budgets of the built-in theme: the shipped site's home page
// with its stylesheet and script, the script alone, the home page of a
// site too large to list on one page, and the embed.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/build"
)

func gzipped(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// TestHomePageWeight: the shipped home page, its stylesheet and the
// scripts it loads up front come to at most 60 KB gzipped, and those
// scripts to at most 14 KB gzipped: every <script src> of the page is
// counted, so that a new one cannot slip past. What loads on demand (the
// search's engine and index, /axis.json) is not up front. theme_test.go
// checks that no page asks another host for anything.
func TestHomePageWeight(t *testing.T) {
	out, _, err := build.Render(build.Options{FS: os.DirFS("."), Source: ".", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	home := string(out.Files["index.html"])
	var scripts []string
	for _, m := range regexp.MustCompile(`<script src="\./([^"]+)"`).FindAllStringSubmatch(home, -1) {
		scripts = append(scripts, m[1])
	}
	if !slices.Contains(scripts, "timeline.js") {
		t.Fatalf("the home page loads %v, not timeline.js", scripts)
	}
	total, js := 0, 0
	for _, p := range append([]string{"index.html", "style.css"}, scripts...) {
		b, ok := out.Files[p]
		if !ok {
			t.Fatalf("the shipped site has no %s", p)
		}
		n := gzipped(t, b)
		t.Logf("%-12s %6d bytes, %5d gzipped", p, len(b), n)
		total += n
		if strings.HasSuffix(p, ".js") {
			js += n
		}
	}
	t.Logf("home page: %d bytes gzipped, of which scripts %d", total, js)
	if total > 60*1024 {
		t.Errorf("the home page weighs %d bytes gzipped (HTML, CSS and JavaScript), over the budget of 60 KB", total)
	}
	if js > 14*1024 {
		t.Errorf("the home page's scripts (%v) are %d bytes gzipped, over the budget of 14 KB", scripts, js)
	}
}

// TestHomePageOfLargeSite: sites of 1,000 and 10,000 events are past the
// default [home] max_events, so their home pages show each year's count
// and leading events, with a link to the year's page: at most 300 KB and
// 400 KB of HTML.
func TestHomePageOfLargeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 and 10,000 events: skipped with -short")
	}
	for _, c := range []struct{ events, budget int }{{1000, 300_000}, {10000, 400_000}} {
		t.Run(fmt.Sprint(c.events), func(t *testing.T) { condensedHome(t, c.events, c.budget) })
	}
}

func condensedHome(t *testing.T, events, budget int) {
	dir := generateSite(t, events)
	out, res, err := build.Render(build.Options{FS: os.DirFS(dir), Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	home := out.Files["index.html"]
	t.Logf("home page of %d events: %d bytes, %d gzipped", len(res.Site.Events), len(home), gzipped(t, home))
	if len(home) > budget {
		t.Errorf("the home page of %d events is %d bytes of HTML, over %d", events, len(home), budget)
	}
	lead := res.Site.Config.Home.Lead
	for _, y := range res.Site.Years {
		link := fmt.Sprintf(`<a href="./%s/">All %d events of %s</a>`, y.Slug, len(y.Events), y.Name)
		if len(y.Events) > lead && !bytes.Contains(home, []byte(link)) {
			t.Errorf("the home page lacks %s", link)
		}
		count := fmt.Sprintf(`<span class="count">%d events</span>`, len(y.Events))
		if len(y.Events) > 1 && !bytes.Contains(home, []byte(count)) {
			t.Errorf("the home page lacks the count of %s: %s", y.Name, count)
		}
		shown := 0
		for _, e := range y.Events {
			if bytes.Contains(home, []byte(`id="`+e.Slug+`"`)) {
				shown++
			}
		}
		if want := min(lead, len(y.Events)); shown != want {
			t.Errorf("%s: %d events on the home page, want %d", y.Name, shown, want)
		}
	}
	if n := strings.Count(string(home), `class="entry`); n > len(res.Site.Years)*lead {
		t.Errorf("%d entries on a condensed home page of %d years", n, len(res.Site.Years))
	}
	if !bytes.Contains(home, []byte(`<nav class="year-nav"`)) {
		t.Error("the home page has no jump to a year")
	}
}

// TestREADMEScreenshot: the README shows the shipped site in a PNG of at
// most 300 KB (theme_test.go writes it as home-1280-screen.png).
func TestREADMEScreenshot(t *testing.T) {
	png, err := os.ReadFile("docs/screenshot.png")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Error("docs/screenshot.png is not a PNG")
	}
	if len(png) > 300*1024 {
		t.Errorf("docs/screenshot.png is %d bytes, over 300 KB", len(png))
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("](docs/screenshot.png)")) {
		t.Error("README.md does not show docs/screenshot.png")
	}
}

// TestEmbedWeight: the shipped site's embed, with everything it loads
// (stylesheet, scripts, /axis.json), comes to at most 30 KB gzipped, and
// embed.js, which an article loads, to at most 1 KB.
func TestEmbedWeight(t *testing.T) {
	out, _, err := build.Render(build.Options{FS: os.DirFS("."), Source: ".", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range []string{"embed/index.html", "style.css", "timeline.js", "embed-frame.js", "axis.json"} {
		b, ok := out.Files[p]
		if !ok {
			t.Fatalf("the shipped site has no %s", p)
		}
		n := gzipped(t, b)
		t.Logf("%-16s %6d bytes, %5d gzipped", p, len(b), n)
		total += n
	}
	t.Logf("embed: %d bytes gzipped", total)
	if total > 30*1024 {
		t.Errorf("the embed weighs %d bytes gzipped, over the budget of 30 KB", total)
	}
	if n := gzipped(t, out.Files["embed.js"]); n > 1024 {
		t.Errorf("embed.js is %d bytes gzipped, over the budget of 1 KB", n)
	}
}
