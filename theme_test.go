package timeline_test

// The built-in theme in a real browser: the shipped site and a generated
// 1,000-event site, served over HTTP and opened in headless Chromium.
// What a reader sees and does is checked: every event without
// JavaScript, filtering, keyboard navigation, deep links, the axis's zoom,
// print, the layouts of a phone and a desktop, and an axe-core audit in
// light and dark. Screenshots are written for a person to look at.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/timeline-ssg/timeline/internal/browsertest"
	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// testNow is the build time of the sites under test.
var testNow = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// served is a built site served over HTTP.
type served struct {
	url   string // ends in "/"
	site  *timeline.Site
	files map[string][]byte
}

func serve(t *testing.T, source string) *served {
	t.Helper()
	out, res, err := build.Render(build.Options{FS: os.DirFS(source), Source: source, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, out.Files)
	return &served{url: srv.URL + "/", site: res.Site, files: out.Files}
}

// view is how a page is looked at.
type view struct {
	width, height int64 // default 1280×900
	dark          bool
	noScript      bool
	reducedMotion bool
	print         bool
}

// open loads url in a new tab of browser, looked at as v.
func open(t *testing.T, browser context.Context, url string, v view) (context.Context, *browsertest.Watch) {
	t.Helper()
	tab := browsertest.Tab(t, browser)
	watch := browsertest.WatchTab(t, tab)
	if v.width == 0 {
		v.width, v.height = 1280, 900
	}
	scheme, motion, media := "light", "no-preference", ""
	if v.dark {
		scheme = "dark"
	}
	if v.reducedMotion {
		motion = "reduce"
	}
	if v.print {
		media = "print"
	}
	if err := chromedp.Do(tab, chromedp.EmulateViewport(v.width, v.height)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media,
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}, {Name: "prefers-reduced-motion", Value: motion}}}); err != nil {
		t.Fatal(err)
	}
	if v.noScript {
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	return tab, watch
}

// eval runs a JavaScript expression in the tab and decodes its value.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func press(t *testing.T, tab context.Context, key string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
}

// settle lets the messages of the tab arrive, then checks that it reported
// no error and asked no other host for anything.
func settle(t *testing.T, tab context.Context, w *browsertest.Watch, s *served) {
	t.Helper()
	// A round trip to the page, then a moment for the last events (timers
	// do not run where scripts are off, so no promise can wait here).
	eval[bool](t, tab, `true`)
	time.Sleep(100 * time.Millisecond)
	for _, e := range w.Errors() {
		t.Errorf("console: %s", e)
	}
	for _, u := range w.Requests() {
		if !strings.HasPrefix(u, s.url) && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to another host: %s", u)
		}
	}
}

// shown lists the ids of the timeline entries that are displayed.
const shownJS = `[...document.querySelectorAll(".timeline .entry")].filter(e => e.offsetParent !== null).map(e => e.id)`

func slugs(events []*timeline.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Slug
	}
	return out
}

func trackEvents(s *timeline.Site, slug string) []*timeline.Event {
	for _, tr := range s.Tracks {
		if tr.Slug == slug {
			return tr.Events
		}
	}
	return nil
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func TestTheme(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, ".")
	all := slugs(s.site.Events)
	if len(all) < 10 || len(s.site.Tracks) < 2 {
		t.Fatalf("the shipped site has %d events and %d tracks: too few to test the theme with", len(all), len(s.site.Tracks))
	}
	first, last := s.site.Events[0], s.site.Events[len(all)-1]
	tag := s.site.Tags[0]

	t.Run("NoConsoleErrors", func(t *testing.T) {
		pages := []string{"", "events/" + first.Slug + "/", "events/" + last.Slug + "/", "tags/", "tags/" + tag.Slug + "/",
			"tracks/" + s.site.Tracks[0].Slug + "/", "years/", s.site.Years[0].Slug + "/"}
		for _, p := range s.site.Pages {
			pages = append(pages, p.Path+"/")
		}
		for _, p := range pages {
			tab, w := open(t, browser, s.url+p, view{})
			settle(t, tab, w, s)
			if n := eval[int](t, tab, `document.fonts.size`); n != 0 {
				t.Errorf("/%s declares %d web fonts", p, n)
			}
		}
		tab, _ := open(t, browser, s.url, view{})
		axisReady(t, tab)
		if !eval[bool](t, tab, `!!document.querySelector(".tl-tools.tl-axis canvas")`) {
			t.Error("timeline.js did not add its axis to the home page")
		}
	})

	t.Run("WithoutJavaScript", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{noScript: true})
		settle(t, tab, w, s)
		if eval[bool](t, tab, `!!document.querySelector(".tl-tools")`) {
			t.Fatal("the script ran: the test would not show the page without it")
		}
		sameList(t, "events on the home page", eval[[]string](t, tab, shownJS), all)
		var links []string
		for _, e := range s.site.Events {
			links = append(links, s.url+"events/"+e.Slug+"/")
		}
		sameList(t, "title links", eval[[]string](t, tab, `[...document.querySelectorAll(".entry h3 a")].map(a => a.href)`), links)
		// Filtering without the script is a link to a listing page.
		var tracks []string
		for _, tr := range s.site.Tracks {
			tracks = append(tracks, s.url+"tracks/"+tr.Slug+"/")
		}
		sameList(t, "legend links", eval[[]string](t, tab, `[...document.querySelectorAll(".filters a.track")].map(a => a.href)`), tracks)
		if !eval[bool](t, tab, `[...document.querySelectorAll(".filters a")].some(a => a.href.endsWith("/tags/`+tag.Slug+`/") || a.href.endsWith("/tags/"))`) {
			t.Error("the home page links neither a tag's page nor the list of tags")
		}
		tab, _ = open(t, browser, s.url+"tags/"+tag.Slug+"/", view{noScript: true})
		sameList(t, "events on a tag's page", eval[[]string](t, tab, shownJS), slugs(tag.Events))
	})

	t.Run("Filter", func(t *testing.T) {
		tr := s.site.Tracks[1]
		tab, w := open(t, browser, s.url, view{})
		axisReady(t, tab)
		eval[bool](t, tab, fmt.Sprintf(`(document.querySelector(".filters a[data-track='%s']").click(), true)`, tr.Slug))
		sameList(t, "events of track "+tr.Slug, eval[[]string](t, tab, shownJS), slugs(tr.Events))
		if got := eval[string](t, tab, `location.search`); got != "?track="+tr.Slug {
			t.Errorf("the address keeps the filter as %q, want ?track=%s", got, tr.Slug)
		}
		if got, want := eval[string](t, tab, `document.querySelector(".tl-status").textContent`), fmt.Sprintf("Showing %d of %d events", len(tr.Events), len(all)); !strings.HasPrefix(got, want) {
			t.Errorf("status %q, want %q", got, want)
		}
		// Both filters at once, from the address alone.
		var tagOfTrack *timeline.Term
		for _, tg := range s.site.Tags {
			if slices.ContainsFunc(tg.Events, func(e *timeline.Event) bool { return e.TrackSlug() == tr.Slug }) && len(tg.Events) > 1 {
				tagOfTrack = tg
				break
			}
		}
		if tagOfTrack == nil {
			t.Fatal("no tag shared by the track's events")
		}
		tab, _ = open(t, browser, s.url+"?track="+tr.Slug+"&tag="+tagOfTrack.Slug, view{})
		axisReady(t, tab)
		var both []string
		for _, e := range tagOfTrack.Events {
			if e.TrackSlug() == tr.Slug {
				both = append(both, e.Slug)
			}
		}
		sameList(t, "events of the track and the tag", eval[[]string](t, tab, shownJS), both)
		// The years without a match are hidden with their events.
		if n := eval[int](t, tab, `[...document.querySelectorAll(".year")].filter(y => y.offsetParent !== null && !y.querySelector(".entry:not([hidden])")).length`); n != 0 {
			t.Errorf("%d empty years shown under a filter", n)
		}
		if err := chromedp.Do(tab, chromedp.Click(chromedp.Search(`//p[@class="tl-status"]/button[. = "Show all"]`))); err != nil {
			t.Fatal(err)
		}
		sameList(t, "events after Show all", eval[[]string](t, tab, shownJS), all)
		if got := eval[string](t, tab, `location.search`); got != "" {
			t.Errorf("the address keeps %q after Show all", got)
		}
		settle(t, tab, w, s)
	})

	t.Run("Keyboard", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{})
		focused := `(document.activeElement.closest(".entry") || {}).id + " " + location.hash`
		for _, step := range []struct{ key, want string }{
			{"j", all[0]}, {"j", all[1]}, {"j", all[2]}, {"k", all[1]},
		} {
			press(t, tab, step.key)
			if got := eval[string](t, tab, focused); got != step.want+" #"+step.want {
				t.Errorf("after %s: focus and address at %q, want %s", step.key, got, step.want)
			}
		}
		// Under a filter, j skips what is hidden.
		tr := s.site.Tracks[0]
		tab, _ = open(t, browser, s.url+"?track="+tr.Slug, view{})
		press(t, tab, "j")
		press(t, tab, "j")
		if got, want := eval[string](t, tab, `document.activeElement.closest(".entry").id`), tr.Events[1].Slug; got != want {
			t.Errorf("j j under track %s went to %s, want %s", tr.Slug, got, want)
		}
		if !eval[bool](t, tab, `document.activeElement.matches(":focus-visible") || getComputedStyle(document.activeElement).outlineStyle !== "none"`) {
			t.Error("the focused title shows no focus ring")
		}
		settle(t, tab, w, s)
	})

	t.Run("DeepLink", func(t *testing.T) {
		target := s.site.Events[len(all)-3]
		inView := `(r => r.top >= 0 && r.bottom <= innerHeight)(document.getElementById(%q).getBoundingClientRect())`
		tab, w := open(t, browser, s.url+"#"+target.Slug, view{})
		if got := eval[string](t, tab, `document.querySelector(".is-highlighted").id`); got != target.Slug {
			t.Errorf("highlighted %s, want %s", got, target.Slug)
		}
		if !eval[bool](t, tab, fmt.Sprintf(inView, target.Slug)) {
			t.Error("the linked event is not on screen")
		}
		axisReady(t, tab)
		if got := eval[string](t, tab, `__timelineAxis.selected()`); got != target.Slug {
			t.Errorf("the axis chose %q, want the linked event %s", got, target.Slug)
		}
		settle(t, tab, w, s)

		// A link to an event that the filter in the address hides clears the filter.
		other := ""
		for _, tr := range s.site.Tracks {
			if tr.Slug != target.TrackSlug() {
				other = tr.Slug
			}
		}
		tab, _ = open(t, browser, s.url+"?track="+other+"#"+target.Slug, view{})
		axisReady(t, tab)
		if !eval[bool](t, tab, fmt.Sprintf(inView, target.Slug)) {
			t.Error("an event hidden by the filter in the address was not shown")
		}
		sameList(t, "events after the filter was cleared", eval[[]string](t, tab, shownJS), all)

		// A mark of the axis leads to its event.
		p := eval[struct{ X, Y float64 }](t, tab, fmt.Sprintf(`(scrollTo({top: 0, behavior: "instant"}), __timelineAxis.rect(%q))`, all[1]))
		if err := chromedp.Do(tab, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, tab, `new Promise(r => setTimeout(() => r(true), 100))`)
		if got := eval[string](t, tab, `location.hash + " " + document.querySelector(".is-highlighted").id`); got != "#"+all[1]+" "+all[1] {
			t.Errorf("after a click on the second mark: %q", got)
		}

		// The event page links back to the event in the timeline.
		tab, _ = open(t, browser, s.url+"events/"+target.Slug+"/", view{})
		if got := eval[string](t, tab, `document.querySelector(".back a").href`); got != s.url+"#"+target.Slug {
			t.Errorf("back link %s, want %s#%s", got, s.url, target.Slug)
		}
	})

	// The axis's zoom: the buttons, and - on the focused axis (the marks,
	// ticks and clicks are checked in axis_test.go).
	t.Run("AxisZoom", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{})
		axisReady(t, tab)
		zoom := `__timelineAxis.zoom()`
		z0 := eval[float64](t, tab, zoom)
		for range 2 {
			if err := chromedp.Do(tab, chromedp.Click(chromedp.Search(`//button[contains(., "Zoom in")]`))); err != nil {
				t.Fatal(err)
			}
		}
		if z := eval[float64](t, tab, zoom); z < 4*z0*0.99 || z > 4*z0*1.01 {
			t.Errorf("zoom in twice: ×%.2f -> ×%.2f, want four times", z0, z)
		}
		if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(".tl-axis canvas")), chromedp.KeyEvent("-")); err != nil {
			t.Fatal(err)
		}
		if z := eval[float64](t, tab, zoom); z < 2*z0*0.99 || z > 2*z0*1.01 {
			t.Errorf("- on the axis: ×%.2f, want ×%.2f", z, 2*z0)
		}
		settle(t, tab, w, s)
	})

	t.Run("Print", func(t *testing.T) {
		tab, _ := open(t, browser, s.url, view{print: true})
		text := eval[string](t, tab, `document.body.innerText`)
		// The addresses are generated content, which innerText leaves out:
		// ask each printed source link what follows it.
		printed := eval[[]string](t, tab, `[...document.querySelectorAll(".cites a")].filter(a => a.getClientRects().length).map(a => getComputedStyle(a, "::after").content)`)
		for _, e := range s.site.Events {
			if !strings.Contains(text, e.Title) {
				t.Errorf("printed chronology lacks %q", e.Title)
			}
			for _, src := range e.Sources {
				if src.URL == "" {
					continue
				}
				if !strings.Contains(text, cmp.Or(src.Title, src.URL)) {
					t.Errorf("printed chronology lacks the source %q of %s", src.Title, e.Slug)
				}
				if strings.HasPrefix(src.URL, "http") && !slices.ContainsFunc(printed, func(c string) bool { return strings.Contains(c, "<"+src.URL+">") }) {
					t.Errorf("printed chronology lacks the address %s of a source of %s", src.URL, e.Slug)
				}
			}
		}
		for _, sel := range []string{".tl-tools", ".site-header nav", ".filters"} {
			if eval[bool](t, tab, fmt.Sprintf(`(e => !!e && e.offsetParent !== null)(document.querySelector(%q))`, sel)) {
				t.Errorf("%s is printed", sel)
			}
		}
	})

	t.Run("ReducedMotion", func(t *testing.T) {
		for _, reduce := range []bool{false, true} {
			tab, _ := open(t, browser, s.url+"#"+all[3], view{reducedMotion: reduce})
			got := eval[string](t, tab, `getComputedStyle(document.documentElement).scrollBehavior + " " + getComputedStyle(document.querySelector(".is-highlighted article")).animationName`)
			want := "smooth tl-flash"
			if reduce {
				want = "auto none"
			}
			if got != want {
				t.Errorf("reduced motion %v: scroll and animation %q, want %q", reduce, got, want)
			}
		}
	})

	t.Run("Layout", func(t *testing.T) {
		// On a phone: one column, nothing wider than the screen, the date
		// inside the card. On a desktop: the date in a column of its own.
		dateInCard := `(() => { const e = document.querySelector(".entry"); return e.querySelector(".when").getBoundingClientRect().left >= e.querySelector("article").getBoundingClientRect().left; })()`
		for _, p := range []string{"", "events/" + first.Slug + "/", "tags/" + tag.Slug + "/"} {
			tab, _ := open(t, browser, s.url+p, view{width: 360, height: 740})
			if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 360 {
				t.Errorf("/%s is %dpx wide on a 360px phone", p, w)
			}
		}
		tab, _ := open(t, browser, s.url, view{width: 360, height: 740})
		if !eval[bool](t, tab, dateInCard) {
			t.Error("on a phone the date is outside the card")
		}
		tab, _ = open(t, browser, s.url, view{})
		if eval[bool](t, tab, dateInCard) {
			t.Error("on a desktop the date is not in a column of its own")
		}
	})

	t.Run("Axe", func(t *testing.T) {
		pages := []string{"", "events/" + first.Slug + "/", "tags/" + tag.Slug + "/", "tracks/" + s.site.Tracks[0].Slug + "/", "years/"}
		for _, dark := range []bool{false, true} {
			for _, p := range pages {
				tab, _ := open(t, browser, s.url+p, view{dark: dark})
				audit(t, tab, fmt.Sprintf("/%s (dark %v)", p, dark))
			}
		}
	})

	t.Run("Screenshots", func(t *testing.T) {
		dir := screenshotDir(t)
		for _, shot := range []struct {
			name, path string
			v          view
		}{
			// The first screen of the home page: docs/screenshot.png
			// is made from it.
			{"home-1280-screen", "", view{width: 1280, height: 900}},
			{"home-360-light", "", view{width: 360, height: 740}},
			{"home-360-dark", "", view{width: 360, height: 740, dark: true}},
			{"home-1280-light", "", view{}},
			{"home-1280-dark", "", view{dark: true}},
			{"event-360-light", "events/" + first.Slug + "/", view{width: 360, height: 740}},
			{"event-1280-dark", "events/" + first.Slug + "/", view{dark: true}},
			{"tag-1280-light", "tags/" + tag.Slug + "/", view{}},
		} {
			tab, _ := open(t, browser, s.url+shot.path, shot.v)
			shoot := chromedp.FullScreenshot(100)
			if shot.path == "" {
				axisReady(t, tab)
			}
			if strings.HasSuffix(shot.name, "-screen") {
				shoot = chromedp.CaptureScreenshot()
			}
			png, err := chromedp.Run(tab, shoot)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, shot.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("screenshots in %s", dir)
	})
}

// TestThemeLargeSite opens a generated site of 1,000 events, past the
// default [home] max_events: the home page shows each year's leading
// events and every event is on its year's page without JavaScript, the
// script filters without an error, and axe finds nothing on the home page.
func TestThemeLargeSite(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, generateSite(t, 1000))
	tab, w := open(t, browser, s.url, view{noScript: true})
	lead := s.site.Config.Home.Lead
	var leading []string
	for _, y := range s.site.Years {
		leading = append(leading, slugs(y.Events[:min(lead, len(y.Events))])...)
	}
	sameList(t, "events on the condensed home page without JavaScript", eval[[]string](t, tab, shownJS), leading)
	settle(t, tab, w, s)
	y := s.site.Years[len(s.site.Years)/2]
	tab, _ = open(t, browser, s.url+y.Slug+"/", view{noScript: true})
	sameList(t, "events on a year's page", eval[[]string](t, tab, shownJS), slugs(y.Events))

	tab, w = open(t, browser, s.url+"?track=science", view{})
	for _, id := range eval[[]string](t, tab, shownJS) {
		if e := s.site.Events[slices.IndexFunc(s.site.Events, func(e *timeline.Event) bool { return e.Slug == id })]; e.TrackSlug() != "science" {
			t.Errorf("%s of track %s shown under ?track=science", id, e.TrackSlug())
		}
	}
	settle(t, tab, w, s)
	audit(t, tab, "/ of 1,000 events")

	// A deep link far down the page, on a phone, with a screenshot of it.
	target := s.site.Events[len(s.site.Events)*2/3]
	tab, w = open(t, browser, s.url+"#"+target.Slug, view{width: 360, height: 740})
	if !eval[bool](t, tab, fmt.Sprintf(`(e => e.classList.contains("is-highlighted") && (r => r.top >= 0 && r.bottom <= innerHeight)(e.getBoundingClientRect()))(document.getElementById(%q))`, target.Slug)) {
		t.Errorf("the deep link to %s is not highlighted on screen", target.Slug)
	}
	settle(t, tab, w, s)
	dir := screenshotDir(t)
	for name, tab := range map[string]context.Context{
		"large-360-deeplink": tab,
		"large-1280-zoomed":  zoomed(t, browser, s.url+"#"+target.Slug),
	} {
		png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// zoomed opens url on a desktop with the overview zoomed in three times.
func zoomed(t *testing.T, browser context.Context, url string) context.Context {
	t.Helper()
	tab, _ := open(t, browser, url, view{})
	for range 3 {
		if err := chromedp.Do(tab, chromedp.Click(chromedp.Search(`//button[contains(., "Zoom in")]`))); err != nil {
			t.Fatal(err)
		}
	}
	return tab
}

// audit runs axe-core on the page in tab and fails on any violation.
func audit(t *testing.T, tab context.Context, what string) {
	t.Helper()
	src, err := os.ReadFile("testdata/browser/node_modules/axe-core/axe.min.js")
	if err != nil {
		browsertest.Missing(t, "axe-core (testdata/browser/node_modules)")
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	raw := eval[[]byte](t, tab, `axe.run(document).then(r => ({
		passes: r.passes.length, incomplete: r.incomplete.map(v => v.id + " on " + v.nodes.length + " nodes, as " + v.nodes.slice(0, 2).map(n => n.target.join(" ") + " (" + (n.any[0] || {}).message + ")").join("; ")),
		violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))}))`)
	var res struct {
		Passes     int
		Incomplete []string
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		}
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Violations {
		t.Errorf("axe on %s: %s (%s): %s, at %s", what, v.ID, v.Impact, v.Help, strings.Join(v.Nodes[:min(len(v.Nodes), 5)], ", "))
	}
	t.Logf("axe on %s in %v: %d violations, %d rules passed, incomplete: %v", what, time.Since(start).Round(time.Millisecond), len(res.Violations), res.Passes, res.Incomplete)
}

// screenshotDir is where screenshots go: $TIMELINE_SCREENSHOTS, or a folder
// under the system's temporary folder that outlives the test, so that a
// person can look at them.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("TIMELINE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "timeline-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCondensedRowsDoNotOverlap: on a condensed home page, at 1280 and
// 390 px, nothing in a row (date, place, title, track) reaches into the
// next row.
func TestCondensedRowsDoNotOverlap(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, generateSite(t, 1000))
	const overlaps = `(() => {
		const bad = [];
		for (const ol of document.querySelectorAll(".is-condensed ol.events")) {
			const rows = [...ol.children].filter(li => li.matches(".entry"));
			for (let i = 0; i + 1 < rows.length; i++) {
				const next = rows[i + 1].getBoundingClientRect().top;
				for (const el of rows[i].querySelectorAll("article *, .mark")) {
					const r = el.getBoundingClientRect();
					if (r.height > 0 && r.bottom > next + 0.5) bad.push(rows[i].id + " " + el.tagName + "." + el.className);
				}
			}
		}
		return [document.querySelectorAll(".is-condensed .entry").length, bad];
	})()`
	for _, width := range []int64{1280, 390} {
		tab, w := open(t, browser, s.url, view{width: width, height: 900, noScript: true})
		res := eval[[]json.RawMessage](t, tab, overlaps)
		var rows int
		var bad []string
		if err := json.Unmarshal(res[0], &rows); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(res[1], &bad); err != nil {
			t.Fatal(err)
		}
		if rows < 500 {
			t.Fatalf("at %d px: %d condensed rows, want the 1,000-event site's ~600", width, rows)
		}
		if len(bad) > 0 {
			t.Errorf("at %d px, %d of %d rows overprint the next, as %q", width, len(bad), rows, bad[:min(len(bad), 5)])
		}
		if got := eval[int](t, tab, `document.documentElement.scrollWidth`); got > int(width) {
			t.Errorf("at %d px the page is %d px wide", width, got)
		}
		settle(t, tab, w, s)
	}
}
