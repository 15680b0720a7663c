package i18n

import (
	"testing"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

func mustDate(t *testing.T, s string) timeline.Date {
	t.Helper()
	d, err := timeline.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Dates at each precision, in every shipped language.
func TestDate(t *testing.T) {
	inputs := []string{"2014", "2014-03", "2014-03-18", "2014-03-18T10:30", "~1990", "-0490", "-541000000", "-13800000000", "12000", "~2021-09"}
	want := map[string][]string{
		"en": {"2014", "March 2014", "18 March 2014", "18 March 2014, 10:30", "c. 1990", "491 BC", "541 million years ago", "13.8 billion years ago", "12,000", "c. September 2021"},
		"uk": {"2014", "березень 2014", "18 березня 2014", "18 березня 2014, 10:30", "бл. 1990", "491 до н. е.", "541 млн років тому", "13,8 млрд років тому", "12\u00a0000", "бл. вересня 2021"},
		"ru": {"2014", "март 2014", "18 марта 2014", "18 марта 2014, 10:30", "ок. 1990", "491 до н. э.", "541 млн лет назад", "13,8 млрд лет назад", "12\u00a0000", "ок. сентября 2021"},
		"pl": {"2014", "marzec 2014", "18 marca 2014", "18 marca 2014, 10:30", "ok. 1990", "491 p.n.e.", "541 mln lat temu", "13,8 mld lat temu", "12\u00a0000", "ok. września 2021"},
		"de": {"2014", "März 2014", "18. März 2014", "18. März 2014, 10:30", "ca. 1990", "491 v. Chr.", "vor 541 Mio. Jahren", "vor 13,8 Mrd. Jahren", "12.000", "ca. September 2021"},
		"fr": {"2014", "mars 2014", "18 mars 2014", "18 mars 2014, 10:30", "v. 1990", "491 av. J.-C.", "il y a 541 millions d’années", "il y a 13,8 milliards d’années", "12\u202f000", "v. septembre 2021"},
		"es": {"2014", "marzo de 2014", "18 de marzo de 2014", "18 de marzo de 2014, 10:30", "c. 1990", "491 a. C.", "hace 541 millones de años", "hace 13,8 miles de millones de años", "12.000", "c. septiembre de 2021"},
		"ar": {"2014", "مارس 2014", "18 مارس 2014", "18 مارس 2014, 10:30", "حوالي 1990", "491 ق.م", "قبل 541 مليون سنة", "قبل 13.8 مليار سنة", "12,000", "حوالي سبتمبر 2021"},
	}
	for lang, ws := range want {
		l, err := New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range inputs {
			if got := l.Date(mustDate(t, in)); got != ws[i] {
				t.Errorf("%s: Date(%s) = %q, want %q", lang, in, got, ws[i])
			}
		}
	}
}

// Ranges share their year and month as each language writes them.
func TestRange(t *testing.T) {
	type r struct{ from, to string }
	inputs := []r{{"2014-03-18", "2014-03-21"}, {"2014-03-18", "2014-04-02"}, {"2014-03", "2014-04"}, {"2014-03", "2015-01"}, {"2014", "2014"}, {"1914", "1918"}}
	want := map[string][]string{
		"en": {"18–21 March 2014", "18 March – 2 April 2014", "March – April 2014", "March 2014 – January 2015", "2014", "1914 – 1918"},
		"uk": {"18–21 березня 2014", "18 березня – 2 квітня 2014", "березень – квітень 2014", "березень 2014 – січень 2015", "2014", "1914 – 1918"},
		"ru": {"18–21 марта 2014", "18 марта – 2 апреля 2014", "март – апрель 2014", "март 2014 – январь 2015", "2014", "1914 – 1918"},
		"pl": {"18–21 marca 2014", "18 marca – 2 kwietnia 2014", "marzec – kwiecień 2014", "marzec 2014 – styczeń 2015", "2014", "1914 – 1918"},
		"de": {"18.–21. März 2014", "18. März – 2. April 2014", "März – April 2014", "März 2014 – Januar 2015", "2014", "1914 – 1918"},
		"fr": {"18–21 mars 2014", "18 mars – 2 avril 2014", "mars – avril 2014", "mars 2014 – janvier 2015", "2014", "1914 – 1918"},
		"es": {"18–21 de marzo de 2014", "18 de marzo – 2 de abril de 2014", "marzo – abril de 2014", "marzo de 2014 – enero de 2015", "2014", "1914 – 1918"},
		"ar": {"18–21 مارس 2014", "18 مارس – 2 أبريل 2014", "مارس – أبريل 2014", "مارس 2014 – يناير 2015", "2014", "1914 – 1918"},
	}
	for lang, ws := range want {
		l, err := New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range inputs {
			if got := l.Range(mustDate(t, in.from), mustDate(t, in.to), false); got != ws[i] {
				t.Errorf("%s: Range(%s, %s) = %q, want %q", lang, in.from, in.to, got, ws[i])
			}
		}
		if got, want := l.Range(mustDate(t, "2014-03"), timeline.Date{}, true), l.T("ongoing_range", "start", l.Date(mustDate(t, "2014-03"))); got != want {
			t.Errorf("%s: ongoing = %q, want %q", lang, got, want)
		}
	}
}

// The short dates of the context axis, and stretches of years.
func TestShortAndYears(t *testing.T) {
	cases := []struct {
		lang, short, shortYear, years, bcYears, decade string
	}{
		{"en", "", "", "2015–2020", "491–481 BC", "1990s"},
		{"uk", "18 бер.", "бер. 2014", "2015–2020", "491 до н. е. – 481 до н. е.", "1990–1999"},
		{"de", "18. März", "März 2014", "2015–2020", "491 v. Chr. – 481 v. Chr.", "1990–1999"},
		{"ar", "18 مارس", "مارس 2014", "2015–2020", "491 ق.م – 481 ق.م", "1990–1999"},
	}
	for _, c := range cases {
		l, err := New(c.lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Short(mustDate(t, "2014-03-18"), false); got != c.short {
			t.Errorf("%s: Short(day) = %q, want %q", c.lang, got, c.short)
		}
		if got := l.Short(mustDate(t, "2014-03"), true); got != c.shortYear {
			t.Errorf("%s: Short(month, year) = %q, want %q", c.lang, got, c.shortYear)
		}
		if got := l.Years(2015, 2020); got != c.years {
			t.Errorf("%s: Years = %q, want %q", c.lang, got, c.years)
		}
		if got := l.Years(-490, -480); got != c.bcYears {
			t.Errorf("%s: Years BC = %q, want %q", c.lang, got, c.bcYears)
		}
		if got := l.Decade(1990); got != c.decade {
			t.Errorf("%s: Decade = %q, want %q", c.lang, got, c.decade)
		}
	}
}
