package render

import (
	"bufio"
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/timeline-ssg/timeline/internal/jsonstr"
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
		line := make([]byte, 0, 256) // one event's, written as json.Marshal would
		for i, v := range r.events {
			line = line[:0]
			if i > 0 {
				line = append(line, ',')
			}
			line = appendAxisEvent(line, v)
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
		_, err := bw.WriteString("]}\n")
		return err
	})
}

// appendAxisEvent appends v's array of axis.json to b, byte for byte as
// json.Marshal writes it, without its reflection: a large site has a
// hundred thousand.
func appendAxisEvent(b []byte, v *eventView) []byte {
	b = append(appendJSONFloat(append(b, '['), axisYears(v.Date)), ',')
	if !v.Ongoing && !v.End.IsZero() {
		b = appendJSONFloat(b, axisYears(v.End.Next()))
	} else {
		b = append(b, "null"...)
	}
	track := -1
	if v.Track != nil {
		track = v.Track.Index
	}
	b = append(strconv.AppendInt(append(b, ','), int64(track), 10), ",["...)
	for j, t := range v.Tags {
		if j > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(t.Index), 10)
	}
	flags := 0
	if v.Featured {
		flags |= 1
	}
	if v.Ongoing {
		flags |= 2
	}
	b = strconv.AppendInt(append(b, "],"...), int64(flags), 10)
	for _, s := range []string{v.Slug, v.Title, v.DateText} {
		b = jsonstr.Append(append(b, ','), s)
	}
	return append(strconv.AppendInt(append(b, ','), int64(v.Year.Index), 10), ']')
}

// appendJSONFloat appends f as encoding/json writes a float64: the
// shortest decimal that reads back as f, in exponent form only below a
// millionth or from 1e21, with an exponent of at least two digits.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" is written "1e-7".
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
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
