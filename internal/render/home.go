package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// homeTags is how many of the most used tags the home page offers as
// filters; the rest are one click away on /tags/.
const homeTags = 12

// planHome decides, once and before any page renders, what the home page
// lists: every event, or past [home] max_events each year's leading events;
// in time order or, with order = "newest", the newest first. Event pages
// link back to an event's place in the timeline, which is the home page
// when it lists the event and the year's page when it does not.
func (r *renderer) planHome() {
	home := r.site.Config.Home
	lead := 0
	if len(r.events) > home.MaxEvents {
		r.condensed = true
		lead = home.Lead
		if lead == 0 {
			lead = -1 // counts only
		}
	}
	events := r.events
	if home.Newest {
		events = slices.Clone(events)
		slices.Reverse(events)
	}
	r.homeGroups = r.localGaps(groupByYear(events, lead))
	if lead != 0 {
		for _, g := range r.homeGroups {
			r.byChapter(g, home.Newest)
		}
	}
	r.placeEras(r.homeGroups)
	noteContinuing(r.homeGroups, r.events)
	size := r.perPage()
	for _, y := range r.sv.Years {
		for i, v := range y.Events {
			v.inPage = int32(i/size + 1)
		}
	}
	for _, g := range r.homeGroups {
		for _, v := range g.Events {
			v.inPage = 0
		}
	}
}

func (r *renderer) homePage() *page {
	p := r.newPage("home", "", "", "")
	p.Content = r.intro
	if r.site.Intro != nil {
		p.ContentLang = r.langAttr(r.site.Intro.Lang)
	}
	p.Condensed = r.condensed
	p.Groups = r.homeGroups
	p.TopTags = topTags(r.sv.Tags, homeTags)
	if len(r.events) > 0 {
		first := r.events[0].Date.Year
		last := first
		for _, v := range r.events {
			last = max(last, v.Date.Year)
			if !v.End.IsZero() {
				last = max(last, v.End.Year)
			}
		}
		p.SpanText = r.loc.Years(first, last)
		if slices.ContainsFunc(r.events, func(v *eventView) bool { return v.Ongoing }) {
			p.SpanText = r.loc.T("ongoing_range", "start", r.loc.Year(first))
		}
	}
	return p
}

// topTags returns the n most used tags, the most used first and ties in
// the tags' own order, so that the choice is the same in every build.
func topTags(tags []*termView, n int) []*termView {
	top := slices.Clone(tags)
	slices.SortStableFunc(top, func(a, b *termView) int { return cmp.Compare(len(b.Events), len(a.Events)) })
	return top[:min(n, len(top))]
}

// groupByYear splits events by the year they start in; they come in time
// order, or newest first, and the groups follow them. With lead > 0 each
// year shows lead events, its featured ones first and then the rest in the
// order given, and counts the others; with lead < 0 it shows none.
func groupByYear(events []*eventView, lead int) []*yearGroup {
	var groups []*yearGroup
	var g *yearGroup
	prevYear := 0
	for _, e := range events {
		y := e.Date.Year
		if g == nil || y != prevYear {
			g = &yearGroup{Year: e.Year, year: y}
			if len(groups) > 0 {
				lo, hi := min(y, prevYear), max(y, prevYear)
				if hi-lo > 1 {
					g.Gap = hi - lo - 1
					g.GapText = yearRange(lo+1, hi-1)
					g.gapFrom = lo + 1
				}
			}
			groups = append(groups, g)
			prevYear = y
		}
		g.Events = append(g.Events, e)
	}
	if lead != 0 {
		for _, g := range groups {
			shown := leading(g.Events, max(lead, 0))
			g.More = len(g.Events) - len(shown)
			g.Events = shown
		}
	}
	return groups
}

// leading picks the n events a condensed year shows: its featured events
// first, then the others, each in the order given.
func leading(events []*eventView, n int) []*eventView {
	if n >= len(events) {
		return events
	}
	out := make([]*eventView, 0, n)
	for _, featured := range []bool{true, false} {
		for _, e := range events {
			if len(out) < n && e.Featured == featured {
				out = append(out, e)
			}
		}
	}
	return out
}

// byChapter orders the events a condensed year shows by the eras they
// fall in, so that a chapter's heading is followed by its own events: in
// each stretch of the year that one era (or none) covers, the featured
// events come first, then the others by date. Without eras that is the
// order leading gave them.
func (r *renderer) byChapter(g *yearGroup, newest bool) {
	eras := r.eraViews()
	if len(eras) == 0 || len(g.Events) < 2 {
		return
	}
	all := slices.Clone(g.Year.Events)
	if newest {
		slices.Reverse(all)
	}
	type place struct{ stretch, at int }
	where := make(map[*eventView]place, len(all))
	stretch, prev := 0, -2
	for i, e := range all {
		era := slices.IndexFunc(eras, func(v *eraView) bool { return v.era.Contains(e.Date) })
		if i > 0 && era != prev {
			stretch++
		}
		prev = era
		where[e] = place{stretch, i}
	}
	featured := func(e *eventView) int {
		if e.Featured {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(g.Events, func(a, b *eventView) int {
		return cmp.Or(cmp.Compare(where[a].stretch, where[b].stretch), cmp.Compare(featured(a), featured(b)), cmp.Compare(where[a].at, where[b].at))
	})
}

// noteContinuing names, for each gap of empty years, the spans of events
// (in time order) that run on through it: a year without new events is not
// a year without events.
func noteContinuing(groups []*yearGroup, events []*eventView) {
	const names = 3
	for _, g := range groups {
		if g.Gap == 0 {
			continue
		}
		for _, e := range events {
			if e.Date.Year >= g.gapFrom {
				break
			}
			if e.Ongoing || (!e.End.IsZero() && e.End.Year >= g.gapFrom) {
				if len(g.Continuing) < names {
					g.Continuing = append(g.Continuing, e)
				} else {
					g.ContinuingMore++
				}
			}
		}
	}
}

// yearRange names the empty years of a gap: "2015", "2015–2020",
// "10 BC – AD 5", "13.8–4.6 billion years ago".
func yearRange(from, to int) string { return timeline.FormatYears(from, to) }

// axisPosition places the start of d on a proportional time axis, in
// years with a fraction ("2014.142", "-13800000000"), for the overview
// that timeline.js draws. A date's zone is ignored: at the overview's
// scale a few hours never show.
func axisPosition(d timeline.Date) string {
	return strconv.FormatFloat(math.Round(d.DecimalYear()*1000)/1000, 'f', -1, 64)
}

// localGaps names the gaps between years in the site's language.
func (r *renderer) localGaps(groups []*yearGroup) []*yearGroup {
	for _, g := range groups {
		if g.Gap > 0 {
			g.GapText = r.loc.Years(g.gapFrom, g.gapFrom+g.Gap-1)
		}
	}
	return groups
}
