package render

import (
	"math"
	"time"

	"github.com/timeline-ssg/timeline/internal/i18n"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// eraView is an era of site.toml as the list shows it: a chapter heading
// with its dates and summary.
type eraView struct {
	Title, Summary string
	DateText       string // "February – March 2014", "April 2014 – present"
	Datetime       string // <time datetime> of the start, or ""
	Length         string // "3 weeks", "8 years, ongoing"
	// Kicker is the word over the heading in the site's language, or ""
	// for English, whose "Chapter" the stylesheet writes.
	Kicker string
	era    timeline.Era
}

// eraMark puts an era's heading before the group's Events[At].
type eraMark struct {
	At  int
	Era *eraView
}

// eraViews makes the views of the site's eras, once.
func (r *renderer) eraViews() []*eraView {
	if r.eras == nil {
		r.eras = []*eraView{}
		for _, e := range r.site.Config.Eras {
			v := &eraView{Title: e.Title, Summary: e.Summary, era: e,
				DateText: r.loc.Range(e.Date, e.End, e.Ongoing),
				Length:   spanLengthIn(r.loc, e.Date, e.End, e.Ongoing, r.opts.Now)}
			v.Datetime, _ = e.Date.Datetime()
			if r.loc.Script() != "" {
				v.Kicker = r.loc.T("chapter")
			}
			r.eras = append(r.eras, v)
		}
	}
	return r.eras
}

// placeEras puts each era's heading before the first event the groups
// list, in their order, that starts within the era. An era none of the
// listed events falls in has no heading.
func (r *renderer) placeEras(groups []*yearGroup) {
	for _, era := range r.eraViews() {
	find:
		for _, g := range groups {
			for i, e := range g.Events {
				if era.era.Contains(e.Date) {
					g.Eras = append(g.Eras, eraMark{At: i, Era: era})
					break find
				}
			}
		}
	}
}

// startOf is the first instant of d's period, and endOf the first instant
// after it, in UTC: a span's length needs no more than days.
func startOf(d timeline.Date) time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), int(max(d.Day, 1)), int(d.Hour), int(d.Minute), 0, 0, time.UTC)
}

func endOf(d timeline.Date) time.Time { return startOf(d.Next()) }

// spanLength says how long a span lasts, as a person would round it:
// "5 days", "3 weeks", "8 months", "8 years". An ongoing span is measured
// to now and says so ("8 years, ongoing"). A span of whole years counts
// them as written (1914–1918 is 4 years, not 5). A moment has no length.
func spanLength(start, end timeline.Date, ongoing bool, now time.Time) string {
	return spanLengthIn(english, start, end, ongoing, now)
}

// spanLengthIn is spanLength in the language of loc.
func spanLengthIn(loc *i18n.Locale, start, end timeline.Date, ongoing bool, now time.Time) string {
	var days float64
	switch {
	case ongoing:
		days = now.Sub(startOf(start)).Hours() / 24
	case end.IsZero():
		return ""
	case start.Precision == timeline.PrecisionYear && end.Precision == timeline.PrecisionYear:
		days = float64(max(end.Year-start.Year, 1)) * 365.25
	default:
		days = endOf(end).Sub(startOf(start)).Hours() / 24
	}
	var s string
	switch {
	case days < 1:
		s = loc.N("hours", max(int(math.Round(days*24)), 1))
	case days < 14:
		s = loc.N("days", int(math.Round(days)))
	case days < 7*9:
		s = loc.N("weeks", int(math.Round(days/7)))
	case days < 365.25*1.5:
		s = loc.N("months_n", int(math.Round(days/30.44)))
	default:
		s = loc.N("years_n", int(math.Round(days/365.25)))
	}
	if ongoing {
		s = loc.T("ongoing", "length", s)
	}
	return s
}
