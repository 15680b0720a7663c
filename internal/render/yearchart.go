package render

import (
	"math"
	"strconv"
)

// yearChart is the Years page's chart of events per year, in inline SVG:
// a bar per year with events, placed on a scale of years, so that empty
// years show as space.
type yearChart struct {
	Bars        []yearBar
	First, Last string // the first and last years' names, under the axis
	Most        int    // the most events in a year: the chart's top
}

// yearBar is one year's bar: X and W are percentages of the chart's
// width, H its height in pixels (of chartHeight).
type yearBar struct {
	Year    *termView
	X, W    string
	H, Y    int
	Count   int
	Busiest bool
}

const chartHeight = 120

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
	c := &yearChart{First: p.Terms[0].Name, Last: p.Terms[len(p.Terms)-1].Name, Most: most}
	for i, t := range p.Terms {
		h := max(int(math.Round(float64(len(t.Events))/float64(most)*chartHeight)), 2)
		c.Bars = append(c.Bars, yearBar{Year: t, Count: len(t.Events), Busiest: len(t.Events) == most,
			X: pct(float64(years[i]-first) / span * 100), W: pct(100 / span * 0.8),
			H: h, Y: chartHeight - h})
	}
	return c
}
