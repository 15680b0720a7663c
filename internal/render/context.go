package render

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// contextAxis is the small axis of an event page: the event among the
// events before and after it, on a time scale drawn in inline SVG.
type contextAxis struct {
	Dots     []contextDot
	Segments []contextSegment
	Before   int  // how many events come before this one
	After    int  // and after it
	Folded   bool // a step is folded

	sep string // between a dot's title and date in its tooltip: ", ", "، "

	// Room for the dots and segments, which Dots and Segments use.
	dots     [2*contextEvents + 1]contextDot
	segments [2 * contextEvents]contextSegment
}

// contextDot is an event on the small axis. X is a percentage of the
// axis's width, so that the SVG needs no viewBox and its text keeps its
// size at any width.
type contextDot struct {
	X       string
	Event   *eventView
	Label   string // its date, short: "18 Mar", "Feb 2014"
	Current bool
	Above   bool   // its label is above the line
	Near    bool   // a phone shows its label too: the event itself and its next neighbours
	Anchor  string // text-anchor of its label
}

// contextSegment is the line between two dots; Folded when the time
// between them is shortened (over a year: see contextAxis).
type contextSegment struct {
	X1, X2 string
	Folded bool
}

// contextEvents is how many events on either side the small axis shows.
const contextEvents = 3

// Neighbours lays out the event page's small axis. Its scale is time,
// with each step between neighbours shortened to the square root of its
// length (and given a least width), so that a cluster of days reads
// beside a step of months; a step of over a year is folded to a fixed
// width and drawn dashed.
func (p *page) Neighbours() *contextAxis {
	// Small enough to be inlined: the generated writer's axis, which it
	// writes at once, is then on its stack.
	var ax contextAxis
	if ax.Dots, ax.Segments = p.layOut(&ax); ax.Dots == nil {
		return nil
	}
	return &ax
}

// layOut lays the page's small axis out in ax, and returns its dots and
// segments, which are in ax's room for them: none for an event without
// neighbours.
func (p *page) layOut(ax *contextAxis) ([]contextDot, []contextSegment) {
	e := p.Event
	if e == nil || (e.Prev == nil && e.Next == nil) {
		return nil, nil
	}
	// Walked out from the event both ways: a view the preview made again
	// for a changed event is not its neighbours' Next or Prev.
	// (On the stack: an event page is made for every event.)
	var listA [2*contextEvents + 1]*eventView
	list := listA[:0]
	for v, i := e.Prev, 0; v != nil && i < contextEvents; v, i = v.Prev, i+1 {
		list = append(list, v)
	}
	slices.Reverse(list)
	cur := len(list)
	list = append(list, e)
	for v, i := e.Next, 0; v != nil && i < contextEvents; v, i = v.Next, i+1 {
		list = append(list, v)
	}
	// Steps of over a year are folded to a fixed width; the others share
	// the rest by the square root of their length, each at least least.
	const least, folded = 0.1, 0.16
	var stepsA [2 * contextEvents]float64
	var gapsA [2 * contextEvents]time.Duration
	steps, gaps := stepsA[:len(list)-1], gapsA[:len(list)-1]
	total, nFolded := 0.0, 0
	for i := range steps {
		gaps[i] = startOf(list[i+1].Date).Sub(startOf(list[i].Date))
		if gaps[i] > 366*24*time.Hour {
			nFolded++
			continue
		}
		steps[i] = math.Sqrt(max(gaps[i].Hours(), 0) + 1)
		total += steps[i]
	}
	sum := 0.0
	for i := range steps {
		if gaps[i] > 366*24*time.Hour {
			steps[i] = folded
			if nFolded == len(steps) {
				steps[i] = 1
			}
		} else {
			steps[i] = max(steps[i]/total, least)
		}
		sum += steps[i]
	}
	ax.Before, ax.After, ax.sep = int(e.pos), p.Site.EventCount-int(e.pos)-1, p.Site.T("title_date_sep")
	// Written right to left, time runs from right to left, as on the home
	// page's axis; the labels' anchors need no change, since "start" is
	// the side a right-to-left text starts from.
	rtl := p.Site.Dir() == "rtl"
	pct := func(f float64) string {
		if rtl {
			f = 1 - f
		}
		return percentText(math.Round((3 + 94*f) * 10))
	}
	at := 0.0
	for i, v := range list {
		d := contextDot{X: pct(at), Event: v, Current: v == e, Anchor: "middle",
			Label: p.Site.shortDate(v.Date, v.Date.Year != e.Date.Year || v == e)}
		off := i - cur
		d.Above = off%2 == 0
		d.Near = off >= -1 && off <= 1
		switch i {
		case 0:
			d.Anchor = "start"
		case len(list) - 1:
			d.Anchor = "end"
		}
		ax.dots[i] = d
		if i < len(steps) {
			next := at + steps[i]/sum
			f := gaps[i] > 366*24*time.Hour
			ax.Folded = ax.Folded || f
			ax.segments[i] = contextSegment{X1: d.X, X2: pct(next), Folded: f}
			at = next
		}
	}
	return ax.dots[:len(list)], ax.segments[:len(steps)]
}

var shortMonths = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// shortDate writes a date for the small axis: "18 Mar", "Mar 2014",
// "2014", "c. 490 BC".
func (sv *siteView) shortDate(d timeline.Date, withYear bool) string {
	if s := sv.lc().Short(d, withYear); s != "" {
		return s
	}
	return shortDate(d, withYear)
}

func shortDate(d timeline.Date, withYear bool) string {
	var buf [48]byte // one allocation, the result's: seven dots an event page
	s := buf[:0]
	if d.Circa {
		s = append(s, "c. "...)
	}
	if d.Precision >= timeline.PrecisionDay {
		s = strconv.AppendInt(s, int64(d.Day), 10)
		s = append(s, ' ')
	}
	if d.Precision >= timeline.PrecisionMonth {
		s = append(s, shortMonths[d.Month]...)
		if !withYear {
			return string(s)
		}
		s = append(s, ' ')
	}
	if 1 <= d.Year && d.Year < 10000 { // YearText's digits, ungrouped below 10,000
		return string(strconv.AppendInt(s, int64(d.Year), 10))
	}
	return string(append(s, timeline.YearText(d.Year)...))
}

// percentTexts are the tenths from 0 to 100 as percentages, written by
// strconv.FormatFloat ('f', -1): the small axis's positions, each the
// same on thousands of event pages.
var percentTexts = func() (t [1001]string) {
	for i := range t {
		t[i] = strconv.FormatFloat(float64(i)/10, 'f', -1, 64) + "%"
	}
	return t
}()

// percentText is the percentage of tenths/10, for a whole number of tenths.
func percentText(tenths float64) string {
	if tenths >= 0 && tenths <= 1000 {
		return percentTexts[int(tenths)]
	}
	return strconv.FormatFloat(tenths/10, 'f', -1, 64) + "%"
}
