package render

import (
	"encoding/json"
	"html"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOEmbedGoldens pins the oEmbed files of the timeline and of an event.
// go test -update rewrites them.
func TestOEmbedGoldens(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{})
	for _, p := range []string{"oembed.json", "events/month/oembed.json"} {
		got, ok := out.Files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		var o map[string]any
		if err := json.Unmarshal(got, &o); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, k := range []string{"version", "type", "provider_name", "html", "width", "height"} {
			if _, ok := o[k]; !ok {
				t.Errorf("%s has no %q", p, k)
			}
		}
		if o["type"] != "rich" || o["version"] != "1.0" {
			t.Errorf("%s: type %v, version %v; want rich, 1.0", p, o["type"], o["version"])
		}
		checkGolden(t, filepath.Join("testdata", "embed", strings.ReplaceAll(p, "/", "_")), p, got)
	}
}

// TestEmbedPages: the embed of the timeline lists every event without the
// site's chrome and opens its links in the top window; an event's card
// has its date, title, summary, sources and a way back; the pages that
// can be embedded link their oEmbed file and offer the snippets.
func TestEmbedPages(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{})
	embed := string(out.Files["embed/index.html"])
	for _, want := range []string{`<base target="_top">`, `class="embed kind-embed"`, `embed-frame.js`, `timeline.js`,
		`href="../events/month/"`, `Full timeline`, `<link rel="canonical" href="https://example.org/tl/">`} {
		if !strings.Contains(embed, want) {
			t.Errorf("embed/index.html has no %s", want)
		}
	}
	for _, not := range []string{"site-header", "site-footer", `class="year-nav"`} {
		if strings.Contains(embed, not) {
			t.Errorf("embed/index.html has %s", not)
		}
	}
	if n := strings.Count(embed, `<li class="entry`); n != 8 {
		t.Errorf("embed/index.html lists %d events, want 8", n)
	}
	card := string(out.Files["events/month/embed/index.html"])
	for _, want := range []string{`<base target="_top">`, "A month, with commas; and semicolons", "A written summary.",
		"3 sources", `href="../../../events/month/"`, `href="../../../#month"`, `src="../../../img/a.png"`} {
		if !strings.Contains(card, want) {
			t.Errorf("events/month/embed/index.html has no %s", want)
		}
	}
	for p, want := range map[string]string{
		"index.html":              `<link rel="alternate" type="application/json+oembed" href="https://example.org/tl/oembed.json"`,
		"events/month/index.html": `<link rel="alternate" type="application/json+oembed" href="https://example.org/tl/events/month/oembed.json"`,
	} {
		if !strings.Contains(string(out.Files[p]), want) {
			t.Errorf("%s has no %s", p, want)
		}
	}
	if ev := string(out.Files["events/month/index.html"]); !strings.Contains(ev, `<h2 id="embed-h">Embed</h2>`) ||
		!strings.Contains(ev, `https://example.org/tl/embed.js`) {
		t.Errorf("events/month/index.html has no Embed section with both snippets")
	}
}

// TestEmbedAbout: the About page offers the snippets of the timeline.
func TestEmbedAbout(t *testing.T) {
	fsys := withConfig(exportSite, "title = \"T\"\nbaseURL = \"https://example.org/tl/\"\n")
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\nWho we are.\n")}
	_, out := renderSite(t, fsys, Options{})
	about := string(out.Files["about/index.html"])
	if !strings.Contains(about, "Who we are.") || !strings.Contains(about, "To put this timeline in an article") ||
		!strings.Contains(about, `src=&#34;https://example.org/tl/embed/&#34;`) {
		t.Errorf("about/index.html has no Embed section for the timeline:\n%s", about)
	}
}

// TestEmbedWithoutBaseURL: without a baseURL the embed pages are made, but
// no oEmbed file, discovery link or snippet, which need absolute URLs.
func TestEmbedWithoutBaseURL(t *testing.T) {
	_, out := renderSite(t, withConfig(exportSite, "title = \"No base\"\n"), Options{})
	for _, p := range []string{"embed/index.html", "events/month/embed/index.html"} {
		if _, ok := out.Files[p]; !ok {
			t.Errorf("no %s without a baseURL", p)
		}
	}
	for p, b := range out.Files {
		if strings.HasSuffix(p, "oembed.json") {
			t.Errorf("%s made without a baseURL", p)
		}
		if strings.Contains(string(b), "json+oembed") || strings.Contains(string(b), `id="embed-h"`) {
			t.Errorf("%s offers an embed without a baseURL", p)
		}
	}
}

// TestEmbedCodeEscapes: the snippets escape the base URL, the path and
// the title as html.EscapeString does; the iframe is the oEmbed file's.
func TestEmbedCodeEscapes(t *testing.T) {
	odd := `a<b>&"c'd é` // appendHTMLEscaped itself: TestAppendHTMLEscapedAsEscapeString
	r := &renderer{loc: english, sv: &siteView{BaseURL: "https://example.org/a&b/"}}
	c := r.embedCodeFor("events/x'y/", odd, cardHeight)
	src := html.EscapeString("https://example.org/a&b/events/x'y/embed/")
	if want := `<iframe src="` + src + `" title="` + html.EscapeString(odd) + `" height="420" loading="lazy" ` +
		`style="display:block;width:100%;height:420px;border:0"></iframe>`; c.Iframe != want || string(appendEmbedIframe(nil, "https://example.org/a&b/", "events/x'y/", odd, cardHeight)) != want {
		t.Errorf("iframe:\n%s\nwant\n%s", c.Iframe, want)
	}
	want := `<div class="timeline-embed" data-src="` + src + `" data-height="420"><a href="` + src + `">` + html.EscapeString(odd) + `</a></div>` + "\n" +
		`<script src="https://example.org/a&amp;b/embed.js" async></script>`
	if c.Script != want {
		t.Errorf("script:\n%s\nwant\n%s", c.Script, want)
	}
	if c.Text != english.T("embed_text_event") || r.embedCodeFor("", odd, embedHeight).Text != english.T("embed_text_timeline") {
		t.Error("an event's section and the timeline's have the wrong text")
	}
}
