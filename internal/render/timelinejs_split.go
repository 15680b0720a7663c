package render

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"math"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// defaultTLMax is [timelinejs] max_events when a Config leaves it zero.
const defaultTLMax = 500

func (x *exports) tlMax() int { return cmp.Or(x.r.site.Config.TimelineJS.MaxEvents, defaultTLMax) }

// tlSplit writes, for a site of more than tlMax events, a TimelineJS file
// per year (timeline/YEAR.json, the year's events and the eras that
// overlap it), an index of them (timeline/index.json), and as
// /timeline.json the newest whole years of at most tlMax events (or the
// newest year, however many it has), so that an embed of it goes on
// working as the site grows. The events are in time order, so each year's
// are together and the newest years are the last: one pass writes them
// all, and each body is let go once written everywhere it goes.
func (x *exports) tlSplit(put func(string, []byte) error) (err error) {
	years := x.r.sv.Years
	from := len(years) - 1 // the first of the newest years in /timeline.json
	for n := len(years[from].Events); from > 0 && n+len(years[from-1].Events) <= x.tlMax(); from-- {
		n += len(years[from-1].Events)
	}
	newest, err := x.startTL("timeline.json", put)
	if err != nil {
		return err
	}
	var year *tlStream
	defer func() {
		if err != nil {
			newest.abort()
			if year != nil {
				year.abort()
			}
		}
	}()
	m := x.slideMaker()
	today := m.today
	eras := x.r.site.Config.Eras
	// A slide of the newest years goes in two files: written once.
	var both bytes.Buffer
	bw := &tlWriter{w: bufio.NewWriterSize(&both, 16<<10)}
	for i, y := range years {
		if year, err = x.startTL(tlYearPath(y), put); err != nil {
			return err
		}
		for _, v := range y.Events {
			s, text, err := m.slideOf(v)
			if err != nil {
				return err
			}
			if i < from {
				err = year.slide(s, text)
			} else {
				err = slideInBoth(s, text, bw, &both, year, newest)
			}
			x.release(v) // written: text's body is no longer needed
			if err != nil {
				return err
			}
		}
		f := year
		year = nil
		if err := x.finishTL(f, erasOverlapping(eras, y.Events[0].Date.Year, y.Events[0].Date.Year), today); err != nil {
			return err
		}
	}
	if err := x.finishTL(newest, erasOverlapping(eras, years[from].Events[0].Date.Year, math.MaxInt), today); err != nil {
		return err
	}
	return x.tlIndex(put, years[from:])
}

// slideInBoth writes a slide of the newest years to its year's file and
// to timeline.json, making its text once.
func slideInBoth(s *tlSlide, text []string, bw *tlWriter, both *bytes.Buffer, year, newest *tlStream) error {
	both.Reset()
	bw.slide(s, "    ", text...)
	if err := bw.w.Flush(); err != nil {
		return err
	}
	if err := year.written(s, both.Bytes()); err != nil {
		return err
	}
	return newest.written(s, both.Bytes())
}

// tlYearPath is the path of a year's TimelineJS file: timeline/2014.json,
// timeline/491-bc.json.
func tlYearPath(y *termView) string { return "timeline/" + y.Slug + ".json" }

// tlIndex writes timeline/index.json, which lists the years' files for a
// page that lets its reader choose a year: each year's name as the site
// writes it, its number (astronomical, as in the files), how many events
// it has, and its file's URL (absolute with a baseURL, else from the
// site's root), and which years /timeline.json holds.
func (x *exports) tlIndex(put func(string, []byte) error, newest []*termView) error {
	type yearFile struct {
		Name   string `json:"name"`
		Year   int    `json:"year"`
		Events int    `json:"events"`
		URL    string `json:"url"`
	}
	idx := struct {
		Title  string     `json:"title,omitempty"`
		Newest []string   `json:"newest"`
		Years  []yearFile `json:"years"`
	}{Title: x.r.site.Config.Title, Years: make([]yearFile, len(x.r.sv.Years))}
	for i, y := range x.r.sv.Years {
		idx.Years[i] = yearFile{Name: y.Name, Year: y.Events[0].Date.Year, Events: len(y.Events), URL: x.abs(tlYearPath(y))}
	}
	for _, y := range newest {
		idx.Newest = append(idx.Newest, y.Name)
	}
	b, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	return put("timeline/index.json", append(b, '\n'))
}

// erasOverlapping are the eras that share a year with from–to.
func erasOverlapping(eras []timeline.Era, from, to int) []timeline.Era {
	var out []timeline.Era
	for _, e := range eras {
		end := e.End.Year
		switch {
		case e.Ongoing:
			end = math.MaxInt
		case e.End.IsZero():
			end = e.Date.Year
		}
		if e.Date.Year <= to && end >= from {
			out = append(out, e)
		}
	}
	return out
}
