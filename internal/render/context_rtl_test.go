package render

import (
	"maps"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNeighboursRTL: on a site written right to left the small axis is
// mirrored, time running from right to left, as on the home page; each
// dot keeps its label's anchor, which a right-to-left text reads from
// its own side.
func TestNeighboursRTL(t *testing.T) {
	xs := func(lang string) (events []string, at []float64, anchors []string) {
		site := maps.Clone(homeSite)
		site["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Home\"\nlanguage = \"" + lang + "\"\n")}
		_, out := renderSite(t, site, Options{})
		page := string(out.Files["events/sanctions/index.html"])
		svg := page[strings.Index(page, "<svg"):strings.Index(page, "</svg>")]
		for _, m := range regexp.MustCompile(`events/([a-z]+)/"[^>]*><title>[^<]*</title><circle cx="([0-9.]+)%"|<circle class="cur" cx="([0-9.]+)%"`).FindAllStringSubmatch(svg, -1) {
			name, x := m[1], m[2]
			if name == "" {
				name, x = "*", m[3]
			}
			f, err := strconv.ParseFloat(x, 64)
			if err != nil {
				t.Fatal(err)
			}
			events, at = append(events, name), append(at, f)
		}
		for _, m := range regexp.MustCompile(`text-anchor="([a-z]+)"`).FindAllStringSubmatch(svg, -1) {
			anchors = append(anchors, m[1])
		}
		return
	}
	ltrEvents, ltr, ltrAnchors := xs("en")
	rtlEvents, rtl, rtlAnchors := xs("ar")
	if got, want := strings.Join(rtlEvents, " "), "marathon crimea war * talks call"; got != want || strings.Join(ltrEvents, " ") != want {
		t.Fatalf("events on the small axis: %s and %s, want %s in both", strings.Join(ltrEvents, " "), got, want)
	}
	for i := range ltr {
		if d := ltr[i] + rtl[i] - 100; d > 0.11 || d < -0.11 {
			t.Errorf("%s: at %.1f%% left to right but %.1f%% right to left, not mirrored", rtlEvents[i], ltr[i], rtl[i])
		}
		if i > 0 && rtl[i] >= rtl[i-1] {
			t.Errorf("right to left, %s (%.1f%%) is not left of %s (%.1f%%)", rtlEvents[i], rtl[i], rtlEvents[i-1], rtl[i-1])
		}
	}
	if strings.Join(ltrAnchors, " ") != strings.Join(rtlAnchors, " ") || rtlAnchors[0] != "start" {
		t.Errorf("anchors %v left to right, %v right to left: want the same, from start", ltrAnchors, rtlAnchors)
	}
}

// TestNeighboursTooltipSeparator: the small axis's tooltips join an
// event's title and date as its language writes a comma.
func TestNeighboursTooltipSeparator(t *testing.T) {
	for lang, sep := range map[string]string{"en": ", ", "uk": ", ", "ar": "، "} {
		site := maps.Clone(homeSite)
		site["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Home\"\nlanguage = \"" + lang + "\"\n")}
		_, out := renderSite(t, site, Options{})
		page := string(out.Files["events/sanctions/index.html"])
		titles := regexp.MustCompile(`<title>([^<]*)</title><circle`).FindAllStringSubmatch(page, -1)
		if len(titles) == 0 {
			t.Fatalf("%s: no tooltips on the small axis", lang)
		}
		for _, m := range titles {
			if strings.Count(m[1], sep) != 1 || (sep != ", " && strings.Contains(m[1], ", ")) {
				t.Errorf("%s: tooltip %q, want the title and date joined by %q", lang, m[1], sep)
			}
		}
	}
}
