package render

import (
	"math"
	"strconv"
)

// yearChart is the Years page's chart of events per year, in inline SVG:
// a bar per year with events, placed on a scale of years, so that empty
// years show as space.
type yearChart struct {
	Bars     []yearBar
	Labelled bool // few bars: each has its year and count written

	First, Last string // the first and last years' names, under the axis
	Most        int    // the most events in a year: the chart's top
}

// yearBar is one year's bar: X and W are percentages of the chart's
// width (W at least 0.4%, so that a bar of a long span still shows), H its
// height in pixels (of chartHeight).
type yearBar struct {
	Year    *termView
	X, W    string
	Mid     string // the bar's middle, for its labels
	H, Y    int
	CountY  int // where its count is written, above it
	Count   int
	Busiest bool
}

const chartHeight = 120

// labelledBars is how many bars, and years of chart, at most, have their
// years and counts written beside them, which then have room; past it the
// chart names its first and last years.
const labelledBars = 16

// YearChart lays out the Years page's chart, or returns nil on another
// page or for a site without events.
func (p *page) YearChart() *yearChart {
	if p.Kind != "years" || len(p.Terms) == 0 {
		return nil
	}
	years := make([]int, len(p.Terms))
	most := 0
	for i, t := range p.Terms {
		years[i] = t.Events[0].Date.Year
		most = max(most, len(t.Events))
	}
	first, last := years[0], years[len(years)-1]
	span := float64(last - first + 1)
	pct := func(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64) + "%" }
	c := &yearChart{First: p.Terms[0].Name, Last: p.Terms[len(p.Terms)-1].Name, Most: most,
		Labelled: len(p.Terms) <= labelledBars && span <= labelledBars}
	for i, t := range p.Terms {
		h := max(int(math.Round(float64(len(t.Events))/float64(most)*chartHeight)), 2)
		c.Bars = append(c.Bars, yearBar{Year: t, Count: len(t.Events), Busiest: len(t.Events) == most,
			X: pct(float64(years[i]-first) / span * 100), W: pct(max(100/span*0.8, 0.4)), Mid: pct((float64(years[i]-first) + 0.4) / span * 100),
			H: h, Y: chartHeight - h, CountY: chartHeight - h - 6})
	}
	return c
}
