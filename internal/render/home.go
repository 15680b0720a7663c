package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"timeline/internal/timeline"
)

// homeTags is how many of the most used tags the home page offers as
// filters; the rest are one click away on /tags/.
const homeTags = 12

// planHome decides, once and before any page renders, what the home page
// lists: every event, or past [home] max_events each year's leading events.
// Event pages link back to an event's place in the timeline, which is the
// home page when it lists the event and the year's page when it does not.
func (r *renderer) planHome() {
	lead := 0
	if len(r.events) > r.site.Config.Home.MaxEvents {
		r.condensed = true
		lead = r.site.Config.Home.Lead
		if lead == 0 {
			lead = -1 // counts only
		}
	}
	r.homeGroups = groupByYear(r.events, lead)
	for _, v := range r.events {
		v.InTimeline = v.Year.URL + "#" + v.Slug
	}
	for _, g := range r.homeGroups {
		for _, v := range g.Events {
			v.InTimeline = "#" + v.Slug
		}
	}
}

func (r *renderer) homePage() *page {
	p := r.newPage("home", "", "", "")
	p.Content = r.intro
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
		p.SpanText = yearRange(first, last)
		if slices.ContainsFunc(r.events, func(v *eventView) bool { return v.Ongoing }) {
			p.SpanText = timeline.Date{Year: first, Precision: timeline.PrecisionYear}.String() + " – present"
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

// groupByYear splits events (in time order) by the year they start in.
// With lead > 0 each year keeps its first lead events and counts the rest;
// with lead < 0 it keeps none.
func groupByYear(events []*eventView, lead int) []*yearGroup {
	var groups []*yearGroup
	var g *yearGroup
	prevYear := 0
	for _, e := range events {
		y := e.Date.Year
		if g == nil || y != prevYear {
			g = &yearGroup{Year: e.Year}
			if len(groups) > 0 && y-prevYear > 1 {
				g.Gap = y - prevYear - 1
				g.GapText = yearRange(prevYear+1, y-1)
			}
			groups = append(groups, g)
			prevYear = y
		}
		if lead == 0 || len(g.Events) < lead {
			g.Events = append(g.Events, e)
		} else {
			g.More++
		}
	}
	return groups
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
