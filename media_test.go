package timeline_test

// Media on event pages in a real browser: no page asks another host for
// anything until the reader clicks a facade, which then loads the
// provider's player from its privacy-enhanced address.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// mediaKinds are the media of the test site's events, by slug: one of
// every kind a page shows.
var mediaKinds = map[string]string{
	"youtube":     "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
	"shorts":      "https://youtube.com/shorts/dQw4w9WgXcQ",
	"vimeo":       "https://vimeo.com/76979871",
	"dailymotion": "https://www.dailymotion.com/video/x8abc12",
	"soundcloud":  "https://soundcloud.com/artist/a-track",
	"spotify":     "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
	"x":           "https://x.com/NASA/status/1234567890123456789",
	"bluesky":     "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kb5fk7ab2c2l",
	"instagram":   "https://www.instagram.com/p/CxYz123AbC/",
	"tiktok":      "https://www.tiktok.com/@scout2015/video/6718335390845095173",
	"google-maps": "https://www.google.com/maps/place/Simferopol/@44.9521,34.1024,12z",
	"osm":         "https://www.openstreetmap.org/#map=12/44.9521/34.1024",
	"wikipedia":   "https://en.wikipedia.org/wiki/Crimea",
	"pdf":         "https://example.org/report.pdf",
	"local-pdf":   "/docs/report.pdf",
	"video":       "clip.mp4", // in the bundle
	"audio":       "/sound/interview.mp3",
	"link":        "https://example.org/news/article",
	"quote":       "> We will not leave.",
	"quote-html":  "<blockquote>Words <cite>Someone</cite></blockquote>",
}

// mediaSite writes a site with an event for each of mediaKinds, and one
// with a large image, and builds it.
func mediaSite(t *testing.T) (*served, string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":                     "title = \"Media\"\nbaseURL = \"https://example.org/\"\n",
		"static/docs/report.pdf":        "%PDF-1.4\n",
		"static/sound/interview.mp3":    "",
		"content/events/video/clip.mp4": "",
	}
	i := 0
	for slug, m := range mediaKinds {
		i++
		name := "content/events/" + slug + ".md"
		if slug == "video" {
			name = "content/events/video/index.md"
		}
		files[name] = fmt.Sprintf("+++\ntitle = \"Event with %s\"\ndate = \"2014-03-%02d\"\nmedia = '''%s'''\nmedia_caption = \"The %s of the day\"\nmedia_credit = \"Credit: the newsroom\"\n+++\n\nWhat happened, in a paragraph of text.\n", slug, i, m, slug)
	}
	pic := image.NewRGBA(image.Rect(0, 0, 1800, 1200))
	for y := range 1200 {
		for x := range 1800 {
			pic.Set(x, y, color.RGBA{uint8(40 + x/12), uint8(80 + y/10), 150, 255})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, pic, nil)
	files["content/events/photo/index.md"] = "+++\ntitle = \"Event with an image\"\ndate = \"2014-04-01\"\nimage = \"photo.jpg\"\nimage_alt = \"A gradient of blue and green\"\nimage_credit = \"Photo: the newsroom\"\n+++\n\nWhat happened.\n"
	files["content/events/photo/photo.jpg"] = b.String()
	sitetest.WriteAll(t, dir, files)
	out, res, err := build.Render(build.Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"})
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, out.Files)
	return &served{url: srv.URL + "/", site: res.Site, files: out.Files}, dir
}

// blockOthers makes the tab refuse every request to another host (the
// machine has no network, and a test must not wait on one).
func blockOthers(t *testing.T, tab context.Context) {
	t.Helper()
	var patterns []*network.BlockPattern
	for _, host := range []string{"*.youtube-nocookie.com", "*.youtube.com", "*.vimeo.com", "*.dailymotion.com", "*.soundcloud.com",
		"open.spotify.com", "*.twitter.com", "embed.bsky.app", "*.instagram.com", "*.tiktok.com", "maps.google.com",
		"*.openstreetmap.org", "*.wikipedia.org", "example.org"} {
		patterns = append(patterns, &network.BlockPattern{URLPattern: "*://" + host + "/*", Block: true})
	}
	if _, err := chromedp.Call(tab, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
		t.Fatal(err)
	}
}

func TestMediaPrivacy(t *testing.T) {
	browser := browsertest.Start(t)
	s, _ := mediaSite(t)
	for slug := range mediaKinds {
		url := s.url + "events/" + slug + "/"
		tab := browsertest.Tab(t, browser)
		w := browsertest.WatchTab(t, tab)
		blockOthers(t, tab)
		if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, tab, `!!document.querySelector("figure.media")`) {
			t.Errorf("%s: no media on the page", slug)
		}
		// The page scrolled through, so that anything lazy would load.
		eval[bool](t, tab, `window.scrollTo(0, document.body.scrollHeight), true`)
		settle(t, tab, w, s)
	}

	// The YouTube facade: a link to youtube.com, which a click turns into
	// the player from youtube-nocookie.com.
	tab := browsertest.Tab(t, browser)
	w := browsertest.WatchTab(t, tab)
	blockOthers(t, tab)
	if err := chromedp.Do(tab, chromedp.Navigate(s.url+"events/youtube/")); err != nil {
		t.Fatal(err)
	}
	if href := eval[string](t, tab, `document.querySelector("a.media-facade").href`); href != "https://www.youtube.com/watch?v=dQw4w9WgXcQ" {
		t.Errorf("the facade links to %q", href)
	}
	settle(t, tab, w, s)
	before := len(w.Requests())
	if err := chromedp.Do(tab, chromedp.Click("a.media-facade")); err != nil {
		t.Fatal(err)
	}
	src := eval[string](t, tab, `new Promise(ok => { const f = () => { const i = document.querySelector("figure.media iframe"); i ? ok(i.src) : setTimeout(f, 20) }; f() })`)
	if !strings.HasPrefix(src, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1") {
		t.Errorf("the player's iframe loads %q", src)
	}
	if eval[string](t, tab, `document.activeElement.tagName`) != "IFRAME" {
		t.Errorf("the player does not have the focus")
	}
	if eval[bool](t, tab, `!!document.querySelector("a.media-facade")`) {
		t.Errorf("the facade is still there")
	}
	if eval[string](t, tab, `location.pathname`) != "/events/youtube/" {
		t.Errorf("the click left the page")
	}
	time.Sleep(200 * time.Millisecond)
	for _, u := range w.Requests()[before:] {
		if !strings.HasPrefix(u, s.url) && !strings.HasPrefix(u, "https://www.youtube-nocookie.com/") {
			t.Errorf("after the click, a request to %s", u)
		}
	}

	// Without JavaScript the facade is a plain link, and the site's own
	// player is there.
	tab, w = open(t, browser, s.url+"events/video/", view{noScript: true})
	if got := eval[string](t, tab, `document.querySelector("figure.media video").getAttribute("preload")`); got != "none" {
		t.Errorf("video preload = %q", got)
	}
	settle(t, tab, w, s)
	// axe needs scripts.
	tab, _ = open(t, browser, s.url+"events/video/", view{})
	audit(t, tab, "an event page with a video")
	tab, _ = open(t, browser, s.url+"events/youtube/", view{})
	audit(t, tab, "an event page with a facade")
	tab, w = open(t, browser, s.url+"events/quote-html/", view{dark: true})
	audit(t, tab, "an event page with a quote, dark")
	settle(t, tab, w, s)
}

// TestMediaScreenshots writes an event page with a video facade and one
// with an image, at a desktop's and a phone's width, for a person to look
// at; the image's srcset is checked to give a phone a smaller copy.
func TestMediaScreenshots(t *testing.T) {
	browser := browsertest.Start(t)
	s, _ := mediaSite(t)
	dir := screenshotDir(t)
	for _, width := range []int64{1280, 390} {
		for _, slug := range []string{"youtube", "photo", "quote", "index", "link", "spotify", "x"} {
			url := s.url + "events/" + slug + "/"
			if slug == "index" {
				url = s.url + "#photo"
			}
			tab, w := open(t, browser, url, view{width: width, height: 900})
			blockOthers(t, tab)
			if slug == "photo" {
				got := eval[string](t, tab, `new Promise(ok => { const i = document.querySelector(".event-page figure img"); i.loading = "eager"; i.complete && i.currentSrc ? ok(i.currentSrc) : i.addEventListener("load", () => ok(i.currentSrc)) })`)
				want := "-480.jpg" // 390 px at a density of 1
				if width == 1280 {
					want = "-960.jpg" // the page's 46rem: 736 px
				}
				if !strings.HasSuffix(got, want) {
					t.Errorf("at %d px the page loaded %s, want the copy ending %s", width, got, want)
				}
			}
			settle(t, tab, w, s)
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("media-%s-%d.png", slug, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}
