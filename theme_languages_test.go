package timeline_test

import (
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/browsertest"
)

// TestThemeLanguageSwitcher opens pages of a multilingual site in
// Ukrainian and Arabic, an English event shown untranslated in
// Ukrainian, and the shipped site's Ukrainian home, at 1280 and 390 px:
// axe-core finds nothing, the switcher sits in the header without
// pushing the site's navigation onto a second row, the axis's buttons
// hold their words, and following the switcher leads to the same page in
// the other language.
func TestThemeLanguageSwitcher(t *testing.T) {
	browser := browsertest.Start(t)
	s := serve(t, siteFromTxtar(t, "languages"))
	untranslated := serve(t, siteFromTxtar(t, "languages-default"))
	shipped := serve(t, ".")
	for _, c := range []struct {
		s    *served
		path string
	}{
		{s, "uk/"}, {s, "uk/events/2014-crimea/"}, {s, "ar/"}, {untranslated, "uk/events/2015-talks/"}, {shipped, "uk/"},
	} {
		for _, v := range []view{{}, {width: 390, height: 844}} {
			tab, w := open(t, browser, c.s.url+c.path, v)
			settle(t, tab, w, c.s)
			audit(t, tab, "/"+c.path)
			// The navigation's links share one row; the switcher's links
			// lie inside the header and the viewport.
			rows := eval[int](t, tab, `new Set([...document.querySelectorAll(".site-header nav:not(.langs) li")].map(li => Math.round(li.getBoundingClientRect().top))).size`)
			if rows != 1 {
				t.Errorf("/%s at %dpx: the navigation takes %d rows", c.path, v.width, rows)
			}
			outside := eval[[]string](t, tab, `(() => {
				const h = document.querySelector(".site-header").getBoundingClientRect();
				return [...document.querySelectorAll(".langs a")].filter(a => {
					const r = a.getBoundingClientRect();
					return r.left < 0 || r.right > innerWidth || r.top < h.top || r.bottom > h.bottom;
				}).map(a => a.lang);
			})()`)
			if len(outside) > 0 || eval[int](t, tab, `document.querySelectorAll(".langs a").length`) < 2 {
				t.Errorf("/%s at %dpx: switcher links %v out of the header", c.path, v.width, outside)
			}
			// The axis's buttons keep their words inside them ("Увесь
			// проміжок" is long), the date range giving way instead.
			if !strings.Contains(c.path, "events/") {
				axisReady(t, tab)
				if spill := eval[[]string](t, tab, `[...document.querySelectorAll(".tl-axis-head button")].filter(b => b.scrollWidth > b.clientWidth).map(b => b.textContent)`); len(spill) > 0 {
					t.Errorf("/%s at %dpx: the text of the axis's buttons %q spills out of them", c.path, v.width, spill)
				}
			}
		}
	}
	tab, _ := open(t, browser, s.url+"uk/events/2014-crimea/", view{})
	href := eval[string](t, tab, `document.querySelector('.langs a[lang="en"]').href`)
	tab, _ = open(t, browser, href, view{})
	if got := eval[string](t, tab, `location.pathname + " " + document.documentElement.lang + " " + document.querySelector("h1").textContent`); got != "/events/2014-crimea/ en Russia seizes Crimea" {
		t.Errorf("the switcher's English link leads to %q", got)
	}
}
