package render

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// timelineJSDist is the real TimelineJS (npm @knight-lab/timelinejs),
// which ./test.sh installs.
const timelineJSDist = "../../testdata/browser/node_modules/@knight-lab/timelinejs/dist"

// tlPage embeds a site's timeline.json in TimelineJS, as the README shows,
// with the library served from the same host.
const tlPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="tl/css/timeline.css">
<script src="tl/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 1200px; height: 700px"></div>
<script>
window.timeline = new TL.Timeline("timeline-embed", "timeline.json", {script_path: location.origin + "/tl/js/"});
window.timeline.on("loaded", () => { window.tlLoaded = true; });
</script>
</body></html>`

// TestTimelineJSInBrowser loads timeline.json into the real TimelineJS
// in Chromium: every event is a slide and a marker, every era a band, and
// the console stays free of errors. Media embeds ask other hosts for their
// players; those requests are answered locally, empty (KeepLocal), so the
// test needs no network and none leaves the machine.
func TestTimelineJSInBrowser(t *testing.T) {
	lib := os.DirFS(timelineJSDist)
	if _, err := fs.Stat(lib, "js/timeline.js"); err != nil {
		browsertest.Missing(t, "TimelineJS (testdata/browser/node_modules/@knight-lab/timelinejs)")
	}
	files := map[string][]byte{"index.html": []byte(tlPage), "404.html": []byte("not here")}
	err := fs.WalkDir(lib, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasPrefix(p, "js/") || strings.HasPrefix(p, "css/")) {
			return err
		}
		b, err := fs.ReadFile(lib, p)
		files["tl/"+p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	browser := browsertest.Start(t)

	for _, c := range []struct {
		name        string
		site        fstest.MapFS
		events, era int
		scale       string
		media       []string // kinds of media TimelineJS must make (tl-media-KIND)
		file        string   // the file to show, if not timeline.json
	}{
		{"media and eras", mediaSite(t), 9, 2, "", []string{"youtube", "vimeo", "dailymotion", "soundcloud", "blockquote", "image"}, ""},
		{"deep time", deepSite, 5, 1, "cosmological", nil, ""},
		{"a year of a split site", splitSite(4), 3, 1, "", nil, "timeline/2005.json"},
		{"the newest years of a split site", splitSite(4), 4, 1, "", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, out := renderSite(t, c.site, Options{})
			file := cmp.Or(c.file, "timeline.json")
			served := map[string][]byte{"timeline.json": out.Files[file]}
			for p, b := range files {
				served[p] = b
			}
			for p, f := range c.site {
				if rest, ok := strings.CutPrefix(p, "static/"); ok {
					served[rest] = f.Data
				}
			}
			if got := bytes.Contains(out.Files[file], []byte(`"scale": "cosmological"`)); got != (c.scale == "cosmological") {
				t.Errorf("cosmological scale: %v", got)
			}
			srv := browsertest.Serve(t, served)
			tab := browsertest.Tab(t, browser)
			offline := browsertest.KeepLocal(t, tab)
			w := browsertest.WatchTab(t, tab)
			if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/")); err != nil {
				t.Fatal(err)
			}
			type counts struct{ Loaded, Slides, Markers, Eras int }
			var got counts
			deadline := time.Now().Add(90 * time.Second)
			for {
				v, err := chromedp.Run(tab, chromedp.Evaluate[counts](`({
					Loaded: window.tlLoaded ? 1 : 0,
					Slides: document.querySelectorAll(".tl-slide").length,
					Markers: document.querySelectorAll(".tl-timemarker").length,
					Eras: document.querySelectorAll(".tl-timeera").length,
				})`))
				if err != nil {
					t.Fatal(err)
				}
				got = v
				if (got.Loaded == 1 && got.Markers > 0) || len(w.Errors()) > 0 || time.Now().After(deadline) {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
			// Step through every slide, so that each one's media loads,
			// and note the kinds of media TimelineJS makes of them.
			kinds := map[string]bool{}
			for i := 0; i <= c.events; i++ {
				k, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".tl-media-item")].flatMap(e => [...e.classList])`))
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range k {
					kinds[strings.TrimPrefix(c, "tl-media-")] = true
				}
				if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`window.timeline.goToNext(); undefined`), chromedp.Sleep(400*time.Millisecond)); err != nil {
					t.Fatal(err)
				}
			}
			for _, k := range c.media {
				if !kinds[k] {
					t.Errorf("TimelineJS made no %s media; it made %v", k, kinds)
				}
			}
			want := counts{Loaded: 1, Slides: c.events + 1, Markers: c.events, Eras: c.era} // the title slide, then one per event
			if got != want {
				msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector(".tl-message-full") || {}).textContent || ""`))
				t.Errorf("TimelineJS shows %+v, want %+v %s", got, want, msg)
			}
			if errs := w.Errors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			for _, r := range w.Requests() {
				if !strings.HasPrefix(r, srv.URL+"/") && !strings.HasPrefix(r, "data:") && !contains(offline.Answered(), r) {
					t.Errorf("a request to another host went out: %s", r)
				}
			}
			t.Logf("%d requests to other hosts answered locally", len(offline.Answered()))
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mediaSite has an event for each kind of media TimelineJS embeds, an
// image of the site's own, times to the second, and two eras.
func mediaSite(t *testing.T) fstest.MapFS {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Media"
description = "Every kind of media."

[[eras]]
title = "Before"
date = "2000"
end = "2010"

[[eras]]
title = "After"
date = "2010"
end = "present"
`)},
		"static/img/a.png": {Data: b.Bytes()},
	}
	events := []struct{ slug, date, keys string }{
		{"youtube", "2001", `media = "https://www.youtube.com/watch?v=C-nTpGMMVjY"` + "\n" + `media_caption = "A video"` + "\n" + `media_credit = "Someone"`},
		{"vimeo", "2002-03", `media = "https://vimeo.com/105602328"`},
		{"dailymotion", "2003-03-18", `media = "https://www.dailymotion.com/video/x38xw18"`},
		{"soundcloud", "2004", `media = "https://soundcloud.com/beastieboys/make-some-noise"`},
		{"quote", "2005", `media = "<blockquote><p>You have brains in your head.</p></blockquote>"` + "\n" + `media_credit = "Dr. Seuss"`},
		{"image", "2006", `image = "img/a.png"` + "\n" + `image_alt = "A grey square"` + "\n" + `image_credit = "Desk"`},
		{"seconds", "2014-06-18T17:17:44", ""},
		{"seconds-2", "2014-06-18T17:17:45", ""},
		{"plain", "2020", ""},
	}
	for _, e := range events {
		site[path.Join("content/events", e.slug+".md")] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = %q\ndate = %q\n%s\n+++\nAbout %s.\n", strings.ToUpper(e.slug[:1])+e.slug[1:], e.date, e.keys, e.slug))}
	}
	return site
}

// deepSite spans the age of the universe.
var deepSite = fstest.MapFS{
	"site.toml": {Data: []byte(`title = "Deep time"

[[eras]]
title = "Stars"
date = "-13600000000"
end = "-4600000000"
`)},
	"content/events/bang.md":     {Data: []byte("+++\ntitle = \"The Big Bang\"\ndate = \"-13800000000\"\n+++\nEverything.\n")},
	"content/events/sun.md":      {Data: []byte("+++\ntitle = \"The Sun\"\ndate = \"-4600000000\"\n+++\n")},
	"content/events/cambrian.md": {Data: []byte("+++\ntitle = \"Cambrian\"\ndate = \"-541000000\"\nend = \"-485400000\"\n+++\n")},
	"content/events/farming.md":  {Data: []byte("+++\ntitle = \"Farming\"\ndate = \"~-9999\"\n+++\n")},
	"content/events/today.md":    {Data: []byte("+++\ntitle = \"Today\"\ndate = \"2026\"\n+++\n")},
}
