package timeline_test

// The embed in someone else's page: the shipped site on one origin, an
// article on another that embeds it with each snippet of the About page.

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// snippets are the two snippets of the shipped site's About page, with
// its baseURL replaced by base.
func snippets(t *testing.T, s *served, base string) (iframe, script string) {
	t.Helper()
	codes := regexp.MustCompile(`(?s)<section class="embed-code".*?<pre[^>]*><code>(.*?)</code></pre>.*?<pre[^>]*><code>(.*?)</code></pre>`).
		FindStringSubmatch(string(s.files["about/index.html"]))
	if codes == nil {
		t.Fatal("the About page has no Embed section with two snippets")
	}
	fix := func(c string) string {
		return strings.ReplaceAll(html.UnescapeString(c), s.site.Config.BaseURL, base)
	}
	return fix(codes[1]), fix(codes[2])
}

// inFrame evaluates js in the document of the page's child frame i (in a
// world of its own, which sees the frame's DOM but not its scripts).
func inFrame[T any](t *testing.T, tab context.Context, i int, js string) T {
	t.Helper()
	var out T
	err := func() error {
		tree, err := chromedp.Call(tab, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		if len(tree.FrameTree.ChildFrames) <= i {
			return fmt.Errorf("the page has %d frames", len(tree.FrameTree.ChildFrames))
		}
		world, err := chromedp.Call(tab, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{
			FrameID: tree.FrameTree.ChildFrames[i].Frame.ID, WorldName: "test"})
		if err != nil {
			return err
		}
		yes := true
		res, err := chromedp.Call(tab, runtime.Evaluate, runtime.EvaluateParams{Expression: js,
			ContextID: world.ExecutionContextID, AwaitPromise: &yes, ReturnByValue: &yes})
		if err != nil {
			return err
		}
		if e := res.ExceptionDetails; e != nil {
			if e.Exception != nil {
				return fmt.Errorf("%s", e.Exception.Description)
			}
			return fmt.Errorf("%s", e.Text)
		}
		return json.Unmarshal([]byte(res.Result.Value), &out)
	}()
	if err != nil {
		t.Fatalf("in frame %d, %s: %v", i, js[:min(len(js), 80)], err)
	}
	return out
}

// waitFor polls the expression in the tab until it is true, for up to 5 s.
func waitFor(t *testing.T, tab context.Context, what, js string) {
	t.Helper()
	if !eval[bool](t, tab, `new Promise(r => { let n = 0; const f = () => (`+js+`) ? r(true) : ++n > 250 ? r(false) : setTimeout(f, 20); f(); })`) {
		t.Fatalf("%s: not within 5 s (%s)", what, js)
	}
}

func TestEmbedInArticle(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, ".")
	article, err := os.ReadFile("testdata/embed/article.html")
	if err != nil {
		t.Fatal(err)
	}
	iframe, script := snippets(t, s, s.url)
	host := browsertest.Serve(t, map[string][]byte{"index.html": []byte(strings.NewReplacer(
		"<!--IFRAME-->", iframe, "<!--SCRIPT-->", script).Replace(string(article)))})
	if host.URL+"/" == s.url {
		t.Fatal("the article and the site share an origin")
	}
	tab, w := open(t, browser, host.URL+"/", view{width: 720, height: 900})
	waitFor(t, tab, "embed.js made its iframe", `document.querySelectorAll("iframe").length == 2`)
	title := eval[string](t, tab, `document.querySelector("#auto iframe").title`)
	if want := "Timeline: " + s.site.Config.Title; title != want {
		t.Errorf("the iframe's title is %q, want %q", title, want)
	}

	// The frame embed.js made takes the height of its content, and so
	// never scrolls inside; the fixed one keeps its 600 px and scrolls.
	// A browser may leave a frame out of sight unrendered: the reader
	// comes to it.
	eval[bool](t, tab, `document.querySelector("#auto").scrollIntoView({ block: "start", behavior: "instant" }), true`)
	y0 := eval[float64](t, tab, `scrollY`)
	var frameH float64
	var content []float64
	for start := time.Now(); ; {
		frameH = eval[float64](t, tab, `document.querySelector("#auto iframe").getBoundingClientRect().height`)
		content = inFrame[[]float64](t, tab, 1, `[document.documentElement.getBoundingClientRect().height, document.scrollingElement.scrollHeight, document.scrollingElement.clientHeight]`)
		if frameH > 1000 && frameH-content[0] < 1 && content[0]-frameH < 1 || time.Since(start) > 5*time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if d := frameH - content[0]; frameH <= 1000 || d < -1 || d > 1 {
		t.Errorf("the frame is %.0f px high, its content %.0f px", frameH, content[0])
	}
	if content[1] > content[2]+1 {
		t.Errorf("the sized frame scrolls inside: %.0f px of content in %.0f px", content[1], content[2])
	}
	if h := eval[float64](t, tab, `document.querySelector("#fixed iframe").getBoundingClientRect().height`); h != 600 {
		t.Errorf("the fixed iframe is %.0f px high, want 600", h)
	}
	if n := inFrame[int](t, tab, 0, `document.querySelectorAll(".entry").length`); n != len(s.site.Events) {
		t.Errorf("the embed lists %d events, want %d", n, len(s.site.Events))
	}

	// A message from another origin, even one shaped like the embed's, is
	// not heard: from the article itself and from a frame of its own.
	eval[bool](t, tab, `(() => {
		postMessage({ timelineEmbed: "height", height: 50 }, "*");
		const f = document.createElement("iframe");
		f.title = "A frame of the article";
		f.srcdoc = "<script>parent.postMessage({ timelineEmbed: 'height', height: 60 }, '*')<\/script>";
		document.body.append(f);
		return true;
	})()`)
	time.Sleep(300 * time.Millisecond)
	if h := eval[float64](t, tab, `document.querySelector("#auto iframe").getBoundingClientRect().height`); h != frameH {
		t.Errorf("a message from another origin resized the frame from %.0f to %.0f px", frameH, h)
	}

	// axe-core in the frame.
	axe, err := os.ReadFile("testdata/browser/node_modules/axe-core/axe.min.js")
	if err != nil {
		browsertest.Missing(t, "axe-core (testdata/browser/node_modules)")
	}
	violations := inFrame[[]string](t, tab, 0, string(axe)+`;
		axe.run(document).then(r => r.violations.map(v => v.id + ": " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))`)
	for _, v := range violations {
		t.Errorf("axe in the frame: %s", v)
	}

	// Nothing of the article moved: the frames did not scroll it.
	if y := eval[float64](t, tab, `scrollY`); y != y0 {
		t.Errorf("the article scrolled from %.0f to %.0f", y0, y)
	}

	// The keyboard works in the fixed frame: j moves to the next event,
	// scrolling the frame and not the article.
	eval[bool](t, tab, `scrollTo(0, 0), true`)
	box := eval[[]float64](t, tab, `(() => { const r = document.querySelector("#fixed iframe").getBoundingClientRect(); return [r.left, r.top]; })()`)
	at := inFrame[[]float64](t, tab, 0, `(() => { const r = document.querySelector(".year h2 .count").getBoundingClientRect(); return [r.left + 5, r.top + r.height / 2]; })()`)
	if err := chromedp.Do(tab, chromedp.MouseClickXY(box[0]+at[0], box[1]+at[1])); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		press(t, tab, "j")
	}
	time.Sleep(800 * time.Millisecond) // a smooth scroll
	moved := inFrame[[]any](t, tab, 0, `[document.activeElement.closest(".entry") && document.activeElement.closest(".entry").id, document.scrollingElement.scrollTop]`)
	if want := s.site.Events[2].Slug; moved[0] != want {
		t.Errorf("after j j j in the frame the focus is on %v, want %s", moved[0], want)
	}
	if top, _ := moved[1].(float64); top <= 0 {
		t.Errorf("the frame did not scroll to the event (scrollTop %v)", moved[1])
	}
	if y := eval[float64](t, tab, `scrollY`); y != 0 {
		t.Errorf("j in the frame scrolled the article to %.0f", y)
	}
	eval[bool](t, tab, `scrollTo(0, 0), true`)

	// A click on an event in the frame opens its page in the window.
	first := s.site.Events[0]
	inFrame[bool](t, tab, 0, `scrollTo({ top: 0, behavior: "instant" }), true`)
	at = inFrame[[]float64](t, tab, 0, `(() => { const r = document.querySelector(".entry h3 a").getBoundingClientRect(); return [r.left + 10, r.top + r.height / 2]; })()`)
	if err := chromedp.Do(tab, chromedp.MouseClickXY(box[0]+at[0], box[1]+at[1])); err != nil {
		t.Fatal(err)
	}
	// The window navigates: asked from Go, the address survives it, where
	// a script waiting in the page would be cut off.
	want := s.url + "events/" + first.Slug + "/"
	var href string
	for range 250 {
		if h, err := chromedp.Run(tab, chromedp.Location()); err == nil {
			if href = h; href == want {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if href != want {
		t.Errorf("after a click on the first event the window is at %q, want %q", href, want)
	}

	for _, e := range w.Errors() {
		t.Errorf("console: %s", e)
	}
	for _, u := range w.Requests() {
		if !strings.HasPrefix(u, s.url) && !strings.HasPrefix(u, host.URL+"/") && !strings.HasPrefix(u, "data:") && u != "about:srcdoc" {
			t.Errorf("request to another host: %s", u)
		}
	}
}

// TestEmbedPage: the embed alone, as its frame shows it: the filter of the
// address, the host's choice of theme, and the whole chronology without
// JavaScript.
func TestEmbedPage(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, ".")
	all := slugs(s.site.Events)
	track := s.site.Tracks[0]

	tab, w := open(t, browser, s.url+"embed/?track="+track.Slug, view{width: 480, height: 600})
	axisReady(t, tab)
	sameList(t, "events of the filtered embed", eval[[]string](t, tab, shownJS), slugs(trackEvents(s.site, track.Slug)))
	if got, want := eval[string](t, tab, `document.querySelector(".embed-full a").href`), s.url+"?track="+track.Slug; got != want {
		t.Errorf("the filtered embed's link to the full timeline is %s, want %s", got, want)
	}
	settle(t, tab, w, s)

	tab, w = open(t, browser, s.url+"embed/?theme=dark", view{width: 480, height: 600})
	if bg := eval[string](t, tab, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(19, 20, 22)" {
		t.Errorf("?theme=dark in a light browser: the background is %s", bg)
	}
	audit(t, tab, "the embed, dark")
	settle(t, tab, w, s)
	tab, w = open(t, browser, s.url+"embed/?theme=light", view{width: 480, height: 600, dark: true})
	if bg := eval[string](t, tab, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(246, 245, 241)" {
		t.Errorf("?theme=light in a dark browser: the background is %s", bg)
	}
	settle(t, tab, w, s)

	tab, w = open(t, browser, s.url+"embed/", view{width: 360, height: 600, noScript: true})
	sameList(t, "events of the embed without JavaScript", eval[[]string](t, tab, shownJS), all)
	if n := eval[int](t, tab, `document.scrollingElement.scrollHeight`); n < 2000 {
		t.Errorf("the embed without JavaScript is %d px long: is every event there?", n)
	}
	if got := eval[int](t, tab, `document.documentElement.scrollWidth`); got > 360 {
		t.Errorf("at 360 px the embed is %d px wide", got)
	}
	settle(t, tab, w, s)

	first := s.site.Events[0]
	tab, w = open(t, browser, s.url+"events/"+first.Slug+"/embed/", view{width: 480, height: 420})
	audit(t, tab, "an event's card")
	settle(t, tab, w, s)
}
