package timeline_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timeline-ssg/timeline/internal/browsertest"
	"github.com/timeline-ssg/timeline/internal/i18n"
)

// TestSearchLanguages: the search box speaks the page's language, in
// Ukrainian and in Arabic: its label and placeholder, and the count of
// results with the language's plural form, or that nothing matched.
func TestSearchLanguages(t *testing.T) {
	browser := browsertest.Start(t)
	for _, lang := range []string{"uk", "ar"} {
		s := serve(t, siteFromTxtar(t, "i18n-"+lang))
		loc, err := i18n.New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		// The longest word of the first event's title: one the index has.
		q := ""
		for _, w := range strings.FieldsFunc(s.site.Events[0].Title, func(r rune) bool { return strings.ContainsRune(" ,.:;()«»\"'’", r) }) {
			if utf8.RuneCountInString(w) > utf8.RuneCountInString(q) {
				q = w
			}
		}
		for _, c := range []struct{ q, key string }{{q, "search_found"}, {"zzqxw", "search_none"}} {
			tab, _ := open(t, browser, s.url+"?q="+url.QueryEscape(c.q), view{})
			waitForResults(t, tab)
			if got, want := eval[string](t, tab, `document.querySelector("#search-q").placeholder`), loc.T("search_label"); got != want {
				t.Errorf("%s: placeholder %q, want %q", lang, got, want)
			}
			if got, want := eval[string](t, tab, `document.querySelector("form.search").getAttribute("aria-label")`), loc.T("search_form"); got != want {
				t.Errorf("%s: the form is %q, want %q", lang, got, want)
			}
			n, err := strconv.Atoi(eval[string](t, tab, `document.querySelector("form.search").dataset.results`))
			if err != nil {
				t.Fatal(err)
			}
			want := loc.T("search_none", "q", c.q)
			if c.key == "search_found" {
				if n == 0 {
					t.Fatalf("%s: nothing matches %q", lang, c.q)
				}
				want = loc.N("search_found", n, "q", c.q)
			}
			if got := eval[string](t, tab, `document.querySelector(".search-status").textContent`); got != want {
				t.Errorf("%s: %q: status %q, want %q", lang, c.q, got, want)
			}
		}
	}
}
