package i18n

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// English dates are the model's own (timeline.Date.String and the rest),
// so an English site reads exactly as it did before it had a language.

// Date shows d at its own precision: "18 березня 2014", "березень 2014",
// "2014", "бл. 2014", "491 до н. е.".
func (l *Locale) Date(d timeline.Date) string {
	if l.base == "en" {
		return d.String()
	}
	if d.IsZero() {
		return ""
	}
	var s string
	switch {
	case d.Precision >= timeline.PrecisionDay:
		s = fill(l.dayPattern, []string{"day", strconv.Itoa(int(d.Day)), "month", l.data.MonthWide(monthOf(d)), "year", l.Year(d.Year)})
	case d.Precision == timeline.PrecisionMonth:
		// A month alone takes the stand-alone form ("вересень 2021"),
		// after "about" the form of a date ("бл. вересня 2021").
		m := l.months[d.Month]
		if d.Circa {
			m = l.data.MonthWide(monthOf(d))
		}
		s = l.T("month_year", "month", m, "year", l.Year(d.Year))
	default:
		s = l.Year(d.Year)
	}
	if d.Precision >= timeline.PrecisionMinute {
		s += fmt.Sprintf(", %02d:%02d", d.Hour, d.Minute)
		if d.Precision >= timeline.PrecisionSecond {
			s += fmt.Sprintf(":%02d", d.Second)
		}
		if d.HasOffset {
			s += " UTC"
			if d.Offset != 0 {
				sign := "+"
				off := d.Offset
				if off < 0 {
					sign, off = "-", -off
				}
				s += fmt.Sprintf("%s%02d:%02d", sign, off/60, off%60)
			}
		}
	}
	if d.Circa {
		s = l.T("circa", "date", s)
	}
	return s
}

func monthOf(d timeline.Date) time.Month { return time.Month(d.Month) }

// Year shows an astronomical year: "2014", "491 до н. е.",
// "541 млн років тому".
func (l *Locale) Year(y int) string {
	if l.base == "en" {
		return timeline.YearText(y)
	}
	if y >= 1 {
		return l.Num(y)
	}
	bc := 1 - y
	if bc < 1_000_000 {
		return l.T("bc", "year", l.Num(bc))
	}
	div, key := 1e6, "million_years_ago"
	if bc >= 1e9 {
		div, key = 1e9, "billion_years_ago"
	}
	n := strconv.FormatFloat(math.Round(float64(bc)/div*1000)/1000, 'f', -1, 64)
	return l.T(key, "n", strings.Replace(n, ".", l.decimal(), 1))
}

// Range shows a span as people write it, sharing the year and month of
// its ends when they have the same: "18–21 березня 2014",
// "березень – квітень 2014", "березень 2014 – досі".
func (l *Locale) Range(start, end timeline.Date, ongoing bool) string {
	if l.base == "en" {
		return timeline.FormatRange(start, end, ongoing)
	}
	switch {
	case ongoing:
		return l.T("ongoing_range", "start", l.Date(start))
	case end.IsZero() || end == start:
		return l.Date(start)
	}
	plain := !start.Circa && !end.Circa && start.Year == end.Year &&
		start.Precision <= timeline.PrecisionDay && end.Precision <= timeline.PrecisionDay
	if plain && start.Precision == timeline.PrecisionYear && end.Precision == timeline.PrecisionYear {
		return l.Date(start)
	}
	if plain && start.Precision >= timeline.PrecisionMonth && end.Precision >= timeline.PrecisionMonth {
		if start.Precision == timeline.PrecisionDay && end.Precision == timeline.PrecisionDay && start.Month == end.Month {
			return l.dayOnly(int(start.Day)) + "–" + l.Date(end)
		}
		return l.withoutYear(start) + " – " + l.Date(end)
	}
	return l.Date(start) + " – " + l.Date(end)
}

// dayOnly is a day as the long date writes it before its month: "18",
// "18." in German.
func (l *Locale) dayOnly(day int) string {
	p := l.dayPattern
	i, j := strings.Index(p, "{day}"), strings.Index(p, "{month}")
	suffix := ""
	if i >= 0 && j > i {
		suffix = strings.TrimRight(p[i+len("{day}"):j], " ")
		if strings.TrimSpace(suffix) != suffix || strings.ContainsAny(suffix, " ") {
			suffix = "" // a word between day and month ("de"): not part of the day
		}
	}
	return strconv.Itoa(day) + suffix
}

// withoutYear is a day or a month without its year, as the first end of
// a range within one year: "18 березня", "березень", "18 de marzo".
func (l *Locale) withoutYear(d timeline.Date) string {
	if d.Precision == timeline.PrecisionMonth {
		return l.months[d.Month]
	}
	p := l.dayPattern
	if i := strings.Index(p, "{year}"); i >= 0 {
		// Drop the year and what joins it to the rest (" ", " de ", ", ").
		before, after := p[:i], p[i+len("{year}"):]
		if after == "" {
			k := strings.LastIndexAny(before, "}")
			p = before[:k+1]
		} else {
			k := strings.Index(after, "{")
			if k < 0 {
				k = len(after)
			}
			p = before + after[k:]
		}
	}
	return strings.TrimSpace(fill(p, []string{"day", strconv.Itoa(int(d.Day)), "month", l.data.MonthWide(monthOf(d))}))
}

// Years names a stretch of whole years: "2015–2020", "491–480 до н. е.".
func (l *Locale) Years(from, to int) string {
	if l.base == "en" {
		return timeline.FormatYears(from, to)
	}
	switch {
	case from == to:
		return l.Year(from)
	case from >= 1:
		return l.Year(from) + "–" + l.Year(to)
	}
	return l.Year(from) + " – " + l.Year(to)
}

// Decade names ten years from d: "1990s" in English, "1990–1999"
// where a language has no such word.
func (l *Locale) Decade(d int) string {
	if l.base == "en" {
		return strconv.Itoa(d) + "s"
	}
	return l.Years(d, d+9)
}

// Short writes a date for a small axis: "18 бер.", "бер. 2014", "2014".
// It returns "" for English, whose short form the caller keeps.
func (l *Locale) Short(d timeline.Date, withYear bool) string {
	if l.base == "en" {
		return ""
	}
	s := ""
	if d.Precision >= timeline.PrecisionDay {
		s = l.dayOnly(int(d.Day)) + " "
	}
	if d.Precision >= timeline.PrecisionMonth {
		m := l.data.MonthAbbreviated(monthOf(d))
		if m == "" { // CLDR gives some languages no short form
			m = l.data.MonthWide(monthOf(d))
		}
		s += m
		if !withYear {
			return s
		}
		s += " "
	}
	s += l.Year(d.Year)
	if d.Circa {
		s = l.T("circa", "date", s)
	}
	return s
}
