package timeline_test

// The home page's top and its time axis in a real browser: the story in
// the first screen, one filter model with counts that follow each other,
// and the axis drawn on a canvas (marks that never overlap, ticks that
// name a year at every zoom, a click that finds the event in the list,
// and frames fast enough at 10,000 events). The axis exposes what it drew
// as window.__timelineAxis: rectangles and labels from the drawing code.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/timeline-ssg/timeline/internal/browsertest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// axisReady waits until the axis has drawn its marks.
func axisReady(t *testing.T, tab context.Context) {
	t.Helper()
	if !eval[bool](t, tab, `new Promise(r => { let n = 0; const f = () => window.__timelineAxis && __timelineAxis.marks().length ? r(true) : ++n > 250 ? r(false) : setTimeout(f, 20); f(); })`) {
		t.Fatal("the axis drew no marks within 5 s")
	}
}

type rect struct {
	Slug       string
	X, Y, W, H float64
}

// noOverlap fails if two of the marks drawn overlap.
func noOverlap(t *testing.T, tab context.Context, what string) []rect {
	t.Helper()
	marks := eval[[]rect](t, tab, `__timelineAxis.marks()`)
	sort.Slice(marks, func(i, j int) bool { return marks[i].X < marks[j].X })
	for i, a := range marks {
		for _, b := range marks[i+1:] {
			if b.X >= a.X+a.W {
				break
			}
			if b.Y < a.Y+a.H && a.Y < b.Y+b.H {
				t.Errorf("%s: marks of %s %v and %s %v overlap", what, a.Slug, a, b.Slug, b)
			}
		}
	}
	return marks
}

// nowClear fails if the axis's "Now" label lies on a mark or its title:
// it belongs on the ruler, under the rows.
func nowClear(t *testing.T, tab context.Context, what string) {
	t.Helper()
	now := eval[*rect](t, tab, `__timelineAxis.now()`)
	if now == nil {
		return // now is off the view
	}
	for _, m := range eval[[]rect](t, tab, `__timelineAxis.marks()`) {
		if now.X < m.X+m.W && m.X < now.X+now.W && now.Y < m.Y+m.H && m.Y < now.Y+now.H {
			t.Errorf("%s: the label Now %v lies on the mark of %s %v", what, *now, m.Slug, m)
		}
	}
}

// yearPos places a date as the axis does: years with a fraction.
func yearPos(d timeline.Date) float64 {
	t := time.Date(d.Year, time.Month(max(d.Month, 1)), int(max(d.Day, 1)), int(d.Hour), int(d.Minute), 0, 0, time.UTC)
	a, b := time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(d.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	return float64(d.Year) + float64(t.Sub(a))/float64(b.Sub(a))
}

// densestMonth is the month in which most events start, as [from, to),
// or most moments if moments is set.
func densestMonth(s *timeline.Site, moments bool) (from, to float64, n int) {
	count := map[[2]int]int{}
	for _, e := range s.Events {
		if e.Date.Month > 0 && (!moments || e.End.IsZero() && !e.Ongoing) {
			count[[2]int{e.Date.Year, int(e.Date.Month)}]++
		}
	}
	var best [2]int
	for k, c := range count {
		if c > n || c == n && (k[0] < best[0] || k[0] == best[0] && k[1] < best[1]) {
			best, n = k, c
		}
	}
	next := timeline.Date{Year: best[0], Month: int8(best[1] + 1)}
	if next.Month > 12 {
		next = timeline.Date{Year: best[0] + 1, Month: 1}
	}
	return yearPos(timeline.Date{Year: best[0], Month: int8(best[1])}), yearPos(next), n
}

var namesYear = regexp.MustCompile(`(^|\D)\d{4}(\D|$)|\d BC|years ago`)

// zoomSteps zooms in by two 18 times on the middle of the axis and checks
// that each step names a year, and that no marks overlap.
func zoomSteps(t *testing.T, tab context.Context, at string) {
	t.Helper()
	eval[bool](t, tab, `(__timelineAxis.whole(), true)`)
	for step := range 19 {
		labels := eval[[]string](t, tab, `__timelineAxis.labels()`)
		if !slices.ContainsFunc(labels, namesYear.MatchString) {
			t.Errorf("zoom step %d (%v): no label names a year: %q", step, eval[[]float64](t, tab, `__timelineAxis.view()`), labels)
		}
		noOverlap(t, tab, fmt.Sprintf("zoom step %d", step))
		nowClear(t, tab, fmt.Sprintf("zoom step %d", step))
		eval[bool](t, tab, `(__timelineAxis.zoomAt(2, `+at+`), true)`)
	}
}

func screenshot(t *testing.T, tab context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHomeAxis(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, ".")
	all := slugs(s.site.Events)

	t.Run("StoryFirst", func(t *testing.T) {
		for _, v := range []view{{width: 1280, height: 900}, {width: 390, height: 844}, {width: 390, height: 844, noScript: true}} {
			tab, w := open(t, browser, s.url, v)
			if !v.noScript {
				axisReady(t, tab)
			}
			bottom := eval[float64](t, tab, `document.querySelector(".entry h3").getBoundingClientRect().bottom`)
			t.Logf("%dx%d (no script %v): the first event's title ends %.0f px down", v.width, v.height, v.noScript, bottom)
			switch {
			case bottom <= float64(v.height):
			case v.noScript || v.width > 600:
				// Without the axis, and on a wide screen, the list itself
				// starts on the first screen.
				t.Errorf("%dx%d: the first event's title ends %.0f px down, below the first screen", v.width, v.height, bottom)
			default:
				// On a phone the story may start with the axis: its
				// events' titles, drawn on the first screen.
				titles := eval[[]struct {
					Slug, Text string
					Y          float64
				}](t, tab, `__timelineAxis.titles()`)
				n := 0
				for _, ti := range titles {
					if ti.Y+10 <= float64(v.height) && len([]rune(ti.Text)) >= 8 {
						n++
					}
				}
				t.Logf("%dx%d: %d events titled on the axis within the first screen", v.width, v.height, n)
				if n < 3 {
					t.Errorf("%dx%d: the list starts %.0f px down and the axis titles only %d events on the first screen: %+v", v.width, v.height, bottom, n, titles)
				}
			}
			settle(t, tab, w, s)
		}
		// The intro is folded under the lead, and unfolds.
		tab, _ := open(t, browser, s.url, view{noScript: true})
		if eval[bool](t, tab, `document.querySelector(".about-text").checkVisibility()`) {
			t.Error("the intro is not folded")
		}
		eval[bool](t, tab, `(document.querySelector(".about").open = true, true)`)
		if !eval[bool](t, tab, `document.querySelector(".about-text").checkVisibility()`) {
			t.Error("the intro does not unfold")
		}
	})

	t.Run("Marks", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{})
		axisReady(t, tab)
		marks := noOverlap(t, tab, "×1")
		nowClear(t, tab, "×1")
		if eval[*rect](t, tab, `__timelineAxis.now()`) == nil {
			t.Error("×1: the axis names no Now, though the site has an ongoing event")
		}
		var drawn []string
		for _, m := range marks {
			drawn = append(drawn, m.Slug)
		}
		slices.Sort(drawn)
		want := slices.Clone(all)
		slices.Sort(want)
		sameList(t, "marks at ×1", drawn, want)
		from, to, n := densestMonth(s.site, false)
		eval[bool](t, tab, fmt.Sprintf(`(__timelineAxis.zoomTo(%v, %v), true)`, from, to))
		t.Logf("densest month: %v to %v, %d events, %d marks drawn", from, to, n, len(noOverlap(t, tab, "densest month")))
		// To scale: three events of December 2021 lie as far apart as their dates.
		var dec []*timeline.Event
		for _, e := range s.site.Events {
			if e.Date.Year == 2021 && e.Date.Month == 12 && e.Date.Day > 0 {
				dec = append(dec, e)
			}
		}
		if len(dec) < 3 {
			t.Fatal("too few events in December 2021")
		}
		x := func(e *timeline.Event) float64 {
			return eval[float64](t, tab, fmt.Sprintf(`__timelineAxis.rect(%q).x`, e.Slug))
		}
		eval[bool](t, tab, `(__timelineAxis.zoomTo(2021.9, 2022.05), true)`)
		a, b, c := dec[0], dec[1], dec[len(dec)-1]
		got, want2 := (x(b)-x(a))/(x(c)-x(a)), (yearPos(b.Date)-yearPos(a.Date))/(yearPos(c.Date)-yearPos(a.Date))
		if got < want2-0.02 || got > want2+0.02 {
			t.Errorf("%s lies at %.3f of the way from %s to %s, want %.3f", b.Slug, got, a.Slug, c.Slug, want2)
		}
		zoomSteps(t, tab, "innerWidth / 2")
		frames(t, tab, s, "16", false)
		settle(t, tab, w, s)
	})

	t.Run("ClickScrollsTheList", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{})
		axisReady(t, tab)
		target := all[len(all)-2]
		p := eval[struct{ X, Y float64 }](t, tab, fmt.Sprintf(`__timelineAxis.rect(%q)`, target))
		if err := chromedp.Do(tab, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, tab, fmt.Sprintf(`new Promise(r => setTimeout(() => r((e => e.classList.contains("is-highlighted") && (b => b.top >= 0 && b.bottom <= innerHeight)(e.getBoundingClientRect()))(document.getElementById(%q))), 900))`, target)) {
			t.Errorf("a click on the mark of %s did not bring it up in the list", target)
		}
		if got := eval[string](t, tab, `location.hash`); got != "#"+target {
			t.Errorf("address %s after the click, want #%s", got, target)
		}
		// The axis follows the list: it knows the events on screen, and
		// scrolling the list back to the top brings the first into view.
		if !slices.Contains(eval[[]string](t, tab, `__timelineAxis.onScreen()`), target) {
			t.Errorf("the axis does not count %s among the events on screen", target)
		}
		eval[bool](t, tab, `(__timelineAxis.zoomTo(2021.99, 2022.05), true)`)
		eval[bool](t, tab, `new Promise(r => setTimeout(() => r(true), 1600))`) // the axis leaves a reader's move alone for 1.5 s
		eval[bool](t, tab, `(scrollTo({top: document.querySelector(".entry").offsetTop - 200, behavior: "instant"}), true)`)
		if !eval[bool](t, tab, fmt.Sprintf(`new Promise(r => setTimeout(() => r(__timelineAxis.marks().some(m => m.slug === %q)), 400))`, all[0])) {
			t.Errorf("with the list back at %s, the axis did not bring it into view", all[0])
		}
		settle(t, tab, w, s)
	})

	t.Run("Keyboard", func(t *testing.T) {
		tab, _ := open(t, browser, s.url, view{})
		axisReady(t, tab)
		if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(".tl-axis canvas"))); err != nil {
			t.Fatal(err)
		}
		press(t, tab, kb.ArrowRight)
		first := eval[string](t, tab, `__timelineAxis.selected()`)
		press(t, tab, kb.ArrowRight)
		second := eval[string](t, tab, `__timelineAxis.selected()`)
		if i := slices.Index(all, first); i < 0 || i+1 >= len(all) || second != all[i+1] {
			t.Errorf("→ → chose %s then %s, want two events in a row", first, second)
		}
		if got := eval[string](t, tab, `document.querySelector(".tl-axis [aria-live]").textContent`); !strings.Contains(got, s.site.Events[slices.Index(all, second)].Title) {
			t.Errorf("the axis announced %q for %s", got, second)
		}
		z0 := eval[float64](t, tab, `__timelineAxis.zoom()`)
		press(t, tab, "+")
		if z1 := eval[float64](t, tab, `__timelineAxis.zoom()`); z1 < 2*z0*0.99 || z1 > 2*z0*1.01 {
			t.Errorf("+ zoomed ×%.2f to ×%.2f, want twice", z0, z1)
		}
		press(t, tab, kb.Enter)
		if !eval[bool](t, tab, fmt.Sprintf(`new Promise(r => setTimeout(() => r(document.getElementById(%q).classList.contains("is-highlighted")), 500))`, second)) {
			t.Errorf("Enter on the axis did not go to %s in the list", second)
		}
		if !eval[bool](t, tab, `getComputedStyle(document.querySelector(".tl-axis canvas"), ":focus-visible").outlineStyle !== "none"`) {
			t.Error("the focused axis shows no focus ring")
		}
	})

	// The wheel with Ctrl zooms on the pointer: the date under it stays
	// put. A drag pans.
	t.Run("Pointer", func(t *testing.T) {
		tab, w := open(t, browser, s.url, view{})
		axisReady(t, tab)
		box := eval[struct{ X, Y float64 }](t, tab, `(r => ({x: r.left, y: r.top}))(document.querySelector(".tl-axis canvas").getBoundingClientRect())`)
		const x = 700.0
		at := fmt.Sprintf(`__timelineAxis.tAt(%v)`, x)
		t0, z0 := eval[float64](t, tab, at), eval[float64](t, tab, `__timelineAxis.zoom()`)
		eval[bool](t, tab, fmt.Sprintf(`(document.querySelector(".tl-axis canvas").dispatchEvent(new WheelEvent("wheel", {deltaY: -300, ctrlKey: true, clientX: %v, clientY: %v, bubbles: true, cancelable: true})), true)`, box.X+x, box.Y+60))
		t1, z1 := eval[float64](t, tab, at), eval[float64](t, tab, `__timelineAxis.zoom()`)
		if z1 < z0*1.5 {
			t.Errorf("Ctrl and the wheel zoomed ×%.2f to ×%.2f", z0, z1)
		}
		if v := eval[[]float64](t, tab, `__timelineAxis.view()`); t1 < t0-(v[1]-v[0])/200 || t1 > t0+(v[1]-v[0])/200 {
			t.Errorf("the date under the pointer moved from %.4f to %.4f", t0, t1)
		}
		// Without Ctrl, before the axis has the focus, the wheel scrolls the page.
		eval[bool](t, tab, fmt.Sprintf(`(document.querySelector(".tl-axis canvas").dispatchEvent(new WheelEvent("wheel", {deltaY: -300, clientX: %v, clientY: %v, bubbles: true, cancelable: true})), true)`, box.X+x, box.Y+60))
		if z := eval[float64](t, tab, `__timelineAxis.zoom()`); z != z1 {
			t.Errorf("the wheel alone zoomed ×%.2f to ×%.2f", z1, z)
		}
		if err := chromedp.Do(tab,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, box.X+x, box.Y+60, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box.X+x-100, box.Y+60, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box.X+x-200, box.Y+60, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, box.X+x-200, box.Y+60, chromedp.ButtonLeft)); err != nil {
			t.Fatal(err)
		}
		// The date grabbed follows the pointer (to the first 4 px, which
		// tell a drag from a click).
		v := eval[[]float64](t, tab, `__timelineAxis.view()`)
		if d := eval[float64](t, tab, fmt.Sprintf(`__timelineAxis.tAt(%v)`, x-200)) - t1; d < -(v[1]-v[0])/100 || d > (v[1]-v[0])/100 {
			t.Errorf("after a drag of 200 px the date grabbed is %.4f years from the pointer", d)
		}
		settle(t, tab, w, s)
	})

	t.Run("FilterCounts", func(t *testing.T) { filterCounts(t, browser, s, 0) })

	t.Run("Screenshots", func(t *testing.T) {
		dir := screenshotDir(t)
		for _, v := range []view{{width: 1280, height: 900}, {width: 390, height: 844}, {width: 1280, height: 900, dark: true}, {width: 390, height: 844, dark: true}} {
			tab, _ := open(t, browser, s.url, v)
			axisReady(t, tab)
			name := fmt.Sprintf("top-home-%d-%s.png", v.width, map[bool]string{false: "light", true: "dark"}[v.dark])
			screenshot(t, tab, filepath.Join(dir, name))
		}
	})
}

// filterCounts checks the filter across combinations of tracks and tags,
// with counts computed here from the site: the status line, every chip's
// count (with the other filter), the entries shown and the year links.
// combos > 0 limits the tags tried.
func filterCounts(t *testing.T, browser context.Context, s *served, combos int) {
	type ev struct {
		track string
		tags  []string
	}
	var events []ev
	for _, e := range s.site.Events {
		var tags []string
		for _, tg := range e.Tags {
			tags = append(tags, timeline.Slugify(tg))
		}
		events = append(events, ev{e.TrackSlug(), tags})
	}
	count := func(track, tag string) int {
		n := 0
		for _, e := range events {
			if (track == "" || e.track == track) && (tag == "" || slices.Contains(e.tags, tag)) {
				n++
			}
		}
		return n
	}
	tags := []string{""}
	for _, tg := range s.site.Tags {
		tags = append(tags, tg.Slug)
	}
	if combos > 0 && len(tags) > combos {
		tags = tags[:combos]
	}
	tracks := []string{""}
	for _, tr := range s.site.Tracks {
		tracks = append(tracks, tr.Slug)
	}
	tab, w := open(t, browser, s.url, view{})
	axisReady(t, tab)
	eval[bool](t, tab, `(window.__filters = [], document.addEventListener("timeline:filter", e => __filters.push(e.detail.track + "/" + e.detail.tag)), window.__page = 1, true)`)
	tried, empty := 0, 0
	for _, tr := range tracks {
		for _, tg := range tags {
			// Set the filter as a reader would: by the chips.
			eval[bool](t, tab, fmt.Sprintf(`(() => {
				const want = {track: %q, tag: %q};
				for (const k of ["track", "tag"]) {
					const on = document.querySelector(".filters a[data-" + k + "][aria-pressed=true]");
					if (on && on.dataset[k] !== want[k]) on.click();
					if (want[k] && !document.querySelector(".filters a[data-" + k + "=" + CSS.escape(want[k]) + "][aria-pressed=true]"))
						document.querySelector(".filters a[data-" + k + "=" + CSS.escape(want[k]) + "]").click();
				}
				return true; })()`, tr, tg))
			tried++
			n := count(tr, tg)
			status := eval[string](t, tab, `document.querySelector(".tl-status").textContent`)
			switch {
			case tr == "" && tg == "":
				if status != "" {
					t.Errorf("no filter: status %q", status)
				}
			case n == 0:
				empty++
				if !strings.HasPrefix(status, "No events match") || !strings.Contains(status, "Show all") {
					t.Errorf("%s/%s: status %q, want no events and a way back", tr, tg, status)
				}
			default:
				if want := fmt.Sprintf("Showing %s of %s events", comma(n), comma(len(events))); !strings.HasPrefix(status, want) {
					t.Errorf("%s/%s: status %q, want %q", tr, tg, status, want)
				}
			}
			chips := eval[[][]string](t, tab, `[...document.querySelectorAll(".filters a[data-track], .filters a[data-tag]")].map(a => [a.dataset.track ? "track" : "tag", a.dataset.track || a.dataset.tag, a.querySelector(".n").firstChild.textContent])`)
			for _, c := range chips {
				want := 0
				if c[0] == "track" {
					want = count(c[1], tg)
				} else {
					want = count(tr, c[1])
				}
				if c[2] != comma(want) {
					t.Errorf("filter %s/%s: the chip of %s %s says %s, want %d", tr, tg, c[0], c[1], c[2], want)
				}
			}
			q := eval[string](t, tab, `location.search`)
			wantQ := ""
			if tr != "" || tg != "" {
				v := []string{}
				if tr != "" {
					v = append(v, "track="+url.QueryEscape(tr))
				}
				if tg != "" {
					v = append(v, "tag="+url.QueryEscape(tg))
				}
				wantQ = "?" + strings.Join(v, "&")
			}
			if q != wantQ {
				t.Errorf("filter %s/%s: address %q, want %q", tr, tg, q, wantQ)
			}
			if wantQ != "" && !eval[bool](t, tab, fmt.Sprintf(`[...document.querySelectorAll(".year:not([hidden]) h2 a")].every(a => a.search === %q)`, wantQ)) {
				t.Errorf("filter %s/%s: a year link drops the filter", tr, tg)
			}
			// Every entry shown matches, and every match on the page is shown.
			var want []string
			for _, id := range eval[[]string](t, tab, `[...document.querySelectorAll(".timeline .entry")].map(e => e.id)`) {
				e := events[slices.Index(slugsOf(s), id)]
				if (tr == "" || e.track == tr) && (tg == "" || slices.Contains(e.tags, tg)) {
					want = append(want, id)
				}
			}
			sameList(t, fmt.Sprintf("entries shown under %s/%s", tr, tg), eval[[]string](t, tab, shownJS), want)
		}
	}
	if eval[int](t, tab, `window.__page || 0`) != 1 {
		t.Error("the chips left the page: they should filter in place")
	}
	if n := eval[int](t, tab, `__filters.length`); n < tried-1 {
		t.Errorf("%d timeline:filter events for %d filters", n, tried)
	}
	t.Logf("%d combinations of track and tag, %d of them empty", tried, empty)
	settle(t, tab, w, s)
}

func slugsOf(s *served) []string { return slugs(s.site.Events) }

// comma writes n as the page does: 10,000.
func comma(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestHomeAxisLarge: a 10,000-event site, whose home is condensed: the
// axis has every event from /axis.json, its marks never overlap, the
// filter counts every event, and zooming and panning take at most 16 ms a
// frame (median).
func TestHomeAxisLarge(t *testing.T) {
	s := serve(t, generateSite(t, 10000)) // first: the browser's time is bounded
	browser := browsertest.Start(t)
	tab, w := open(t, browser, s.url, view{})
	axisReady(t, tab)
	noOverlap(t, tab, "10,000 events at ×1")
	from, to, n := densestMonth(s.site, false)
	eval[bool](t, tab, fmt.Sprintf(`(__timelineAxis.zoomTo(%v, %v), true)`, from, to))
	marks := noOverlap(t, tab, "10,000 events, densest month")
	t.Logf("densest month %.3f–%.3f: %d events, %d marks", from, to, n, len(marks))
	zoomSteps(t, tab, "innerWidth / 3")
	frames(t, tab, s, "10,000", true)
	settle(t, tab, w, s)

	t.Run("FilterCounts", func(t *testing.T) { filterCounts(t, browser, s, 4) })

	t.Run("Screenshots", func(t *testing.T) {
		dir := screenshotDir(t)
		from, to, _ := densestMonth(s.site, true)
		for _, v := range []view{{width: 1280, height: 900}, {width: 390, height: 844}, {width: 1280, height: 900, dark: true}, {width: 390, height: 844, dark: true}} {
			tab, _ := open(t, browser, s.url, v)
			axisReady(t, tab)
			// A day either side, so that the marks of the 1st are whole.
			eval[bool](t, tab, fmt.Sprintf(`(__timelineAxis.zoomTo(%v, %v), true)`, from-1.0/365, to+1.0/365))
			name := fmt.Sprintf("top-large-%d-%s.png", v.width, map[bool]string{false: "light", true: "dark"}[v.dark])
			screenshot(t, tab, filepath.Join(dir, name))
		}
	})
}

// TestHomeAxis100K prints the frame time at 100,000 events, when
// TIMELINE_AXIS_100K is set: the site takes minutes to generate and build.
func TestHomeAxis100K(t *testing.T) {
	if os.Getenv("TIMELINE_AXIS_100K") == "" {
		t.Skip("set TIMELINE_AXIS_100K=1 to measure the axis at 100,000 events")
	}
	start := time.Now()
	big := serve(t, generateSite(t, 100000))
	t.Logf("100,000-event site generated and built in %v", time.Since(start).Round(time.Second))
	browser := browsertest.Start(t)
	tab, _ := open(t, browser, big.url, view{})
	axisReady(t, tab)
	frames(t, tab, big, "100,000", false)
}

// frames runs the axis's benchmark: 240 steps of zoom and pan, each drawn
// and flushed to the canvas, and prints the median and 95th percentile.
func frames(t *testing.T, tab context.Context, s *served, what string, assert bool) {
	t.Helper()
	data := s.files["axis.json"]
	t.Logf("axis.json of %s events: %d bytes, %d gzipped", what, len(data), gzipped(t, data))
	load := eval[float64](t, tab, `performance.getEntriesByType("resource").filter(r => r.name.endsWith("axis.json")).map(r => r.duration)[0] || 0`)
	r := eval[struct{ Median, P95, Max float64 }](t, tab, `__timelineAxis.bench(240)`)
	t.Logf("frame time at %s events: median %.2f ms, p95 %.2f ms, max %.2f ms (axis.json fetched in %.0f ms)", what, r.Median, r.P95, r.Max, load)
	if assert && r.Median > 16 {
		t.Errorf("zoom and pan at %s events: median frame %.2f ms, over 16 ms", what, r.Median)
	}
}
