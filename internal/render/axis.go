package render

import (
	"bufio"
	"encoding/json"
	"math"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// axisData writes /axis.json: what the home page's time axis and filters
// need about every event, including the ones a condensed home page leaves
// to the years' pages. timeline.js fetches it from the same site.
//
// It is compact rather than self-describing, since a 10,000-event site
// sends it whole: an event is an array
//
//	[from, to, track, [tag, ...], flags, slug, title, date, year]
//
// from and to are positions in years with a fraction (see axisYears); to
// is null for a moment and for an ongoing span, which runs to "now", the
// build time. track, tag and year index the lists of the same names
// (track -1: none). flags: 1 featured, 2 ongoing. date is the date as the
// list writes it. An event's page is events/SLUG/; its place in the list
// is #SLUG on the home page or YEAR-URL#SLUG. Eras are [title, from, to],
// to null when the era goes on. The output depends on the site and the
// build time only.
func (r *renderer) axisData(put func(string, []byte) error) error {
	type term struct {
		Slug   string `json:"slug"`
		Name   string `json:"name"`
		Colour int    `json:"colour,omitempty"`
		URL    string `json:"url"`
	}
	terms := func(list []*termView) []term {
		out := make([]term, len(list))
		for i, t := range list {
			out[i] = term{Slug: t.Slug, Name: t.Name, URL: t.URL}
			if t.Kind == "track" {
				out[i].Colour = t.Colour
			}
		}
		return out
	}
	// The events go last, written one by one after the rest: a large
	// site's would take tens of megabytes held whole.
	head := struct {
		Now    float64 `json:"now"`
		Tracks []term  `json:"tracks"`
		Tags   []term  `json:"tags"`
		Years  []term  `json:"years"`
		Eras   [][]any `json:"eras"`
	}{
		Now:    axisYears(dateOf(r.opts.Now)),
		Tracks: terms(r.sv.Tracks),
		Tags:   terms(r.sv.Tags),
		Years:  terms(r.sv.Years),
		Eras:   [][]any{},
	}
	for _, e := range r.site.Config.Eras {
		var to any
		if !e.Ongoing {
			to = axisYears(e.End.Next())
		}
		head.Eras = append(head.Eras, []any{e.Title, axisYears(e.Date), to})
	}
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	return r.writeFile(put, "axis.json", func(bw *bufio.Writer) error {
		bw.Write(b[:len(b)-1]) // without its closing brace
		bw.WriteString(`,"events":[`)
		for i, v := range r.events {
			var to any
			if !v.Ongoing && !v.End.IsZero() {
				to = axisYears(v.End.Next())
			}
			track := -1
			if v.Track != nil {
				track = v.Track.Index
			}
			tags := make([]int, len(v.Tags))
			for j, t := range v.Tags {
				tags[j] = t.Index
			}
			flags := 0
			if v.Featured {
				flags |= 1
			}
			if v.Ongoing {
				flags |= 2
			}
			b, err := json.Marshal([]any{axisYears(v.Date), to, track, tags, flags, v.Slug, v.Title, v.DateText, v.Year.Index})
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			if _, err := bw.Write(b); err != nil {
				return err
			}
		}
		_, err := bw.WriteString("]}\n")
		return err
	})
}

// dateOf is t as a date to the minute, in UTC.
func dateOf(t time.Time) timeline.Date {
	return timeline.MinuteOf(t.UTC())
}

// axisYears is axisPosition as a number, to a millionth of a year (about
// half a minute), so that the axis can zoom down to hours.
func axisYears(d timeline.Date) float64 {
	y := d.DecimalYear()
	return float64(d.Year) + math.Round((y-float64(d.Year))*1e6)/1e6
}
