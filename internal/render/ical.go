package render

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// iCalendar writes /events.ics (RFC 5545): one VEVENT per event, so that a
// calendar can subscribe to the timeline.
//
// A date keeps its precision: a day is an all-day DATE, a month or a year
// spans the whole month or year, a span ends with DTEND (exclusive, as the
// RFC says: the day after the last day), and an ongoing span ends at the
// build date. Times of day with a zone are written in UTC, times without
// one as floating local times. iCalendar years have four digits, so events
// outside the years 1–9999 are left out.
func (x *exports) iCalendar(put func(string, []byte) error) error {
	return x.r.writeFile(put, "events.ics", x.writeICalendar)
}

// writeICalendar writes the calendar to bw event by event: a large site's
// runs to tens of megabytes.
func (x *exports) writeICalendar(bw *bufio.Writer) error {
	cfg := x.r.site.Config
	now := x.r.opts.Now.UTC()
	today := timeline.DayOf(now)
	// DTSTAMP is required; the build date (not its time) keeps two builds
	// of one day byte-identical, as the "present" of ongoing spans does.
	stamp := fmt.Sprintf("%04d%02d%02dT000000Z", now.Year(), now.Month(), now.Day())

	var w icsWriter
	flush := func() error {
		_, err := bw.Write(w.b.Bytes())
		w.b.Reset() // keeps its memory for the next event
		return err
	}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", "-//timeline//timeline//EN")
	w.prop("CALSCALE", "GREGORIAN")
	if cfg.Title != "" {
		w.prop("X-WR-CALNAME", icsText(cfg.Title))
	}
	if cfg.Description != "" {
		w.prop("X-WR-CALDESC", icsText(cfg.Description))
	}
	for _, v := range x.r.events {
		if !icsYear(v.Date) || (!v.End.IsZero() && !icsYear(v.End)) {
			continue
		}
		w.prop("BEGIN", "VEVENT")
		w.prop("UID", strings.TrimPrefix(x.id(v.Slug), "urn:uuid:"))
		w.prop("DTSTAMP", stamp)
		start, end := v.Date, v.End
		if v.Ongoing {
			end = today
			if today.Compare(start) < 0 {
				end = timeline.Date{}
			}
		}
		if start.Precision >= timeline.PrecisionMinute && (end.IsZero() || end.Precision >= timeline.PrecisionMinute) && !v.Ongoing {
			w.prop("DTSTART", icsDateTime(start))
			if !end.IsZero() {
				w.prop("DTEND", icsDateTime(end))
			}
		} else {
			if end.IsZero() {
				end = start
			}
			w.prop("DTSTART;VALUE=DATE", icsDate(firstDay(start)))
			w.prop("DTEND;VALUE=DATE", icsDate(firstDay(dayAfter(end))))
		}
		title := v.Title
		if v.Date.Circa {
			title = "c. " + title
		}
		w.prop("SUMMARY", icsText(title))
		if desc := v.Summary; desc != "" {
			w.prop("DESCRIPTION", icsText(v.DateText+": "+desc))
		}
		if v.Place != "" {
			w.prop("LOCATION", icsText(v.Place))
		}
		var cats []string
		if v.Track != nil {
			cats = append(cats, icsText(v.Track.Name))
		}
		for _, t := range v.Tags {
			cats = append(cats, icsText(t.Name))
		}
		if len(cats) > 0 {
			w.prop("CATEGORIES", strings.Join(cats, ","))
		}
		if x.base != nil {
			w.prop("URL", x.abs(v.URL))
		}
		w.prop("END", "VEVENT")
		if err := flush(); err != nil {
			return err
		}
	}
	w.prop("END", "VCALENDAR")
	return flush()
}

func icsYear(d timeline.Date) bool { return d.Year >= 1 && d.Year <= 9999 }

// firstDay is the first day of a date's period.
func firstDay(d timeline.Date) timeline.Date {
	return timeline.Date{Year: d.Year, Month: max(d.Month, 1), Day: max(d.Day, 1), Precision: timeline.PrecisionDay}
}

// dayAfter is the first day after a date's period: the exclusive end of an
// all-day span that ends with d. A time of day ends with its day.
func dayAfter(d timeline.Date) timeline.Date {
	if d.Precision >= timeline.PrecisionMinute {
		d = firstDay(d)
	}
	return d.Next()
}

func icsDate(d timeline.Date) string {
	var b [16]byte
	return string(timeline.AppendPadded(timeline.AppendPadded(timeline.AppendPadded(b[:0], d.Year, 4), int(d.Month), 2), int(d.Day), 2))
}

// icsDateTime writes a time in UTC when it has a zone, and as a floating
// local time when it has none.
func icsDateTime(d timeline.Date) string {
	if !d.HasOffset {
		return fmt.Sprintf("%04d%02d%02dT%02d%02d%02d", d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second)
	}
	t := time.Date(d.Year, time.Month(d.Month), int(d.Day), int(d.Hour), int(d.Minute), int(d.Second), 0, time.FixedZone("", int(d.Offset)*60)).UTC()
	return t.Format("20060102T150405Z")
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	if !strings.ContainsAny(s, "\\;,\r\n") {
		return s // as Replace would, which copies it twice
	}
	return icsEscaper.Replace(s)
}

var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// icsWriter writes content lines with CRLF endings, folded so that no line
// is longer than 75 octets and no UTF-8 sequence is split (RFC 5545 3.1).
type icsWriter struct{ b bytes.Buffer }

func (w *icsWriter) prop(name, value string) {
	line := name + ":" + value
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space of a continuation line is one of its 75
	}
	w.b.WriteString(line)
	w.b.WriteString("\r\n")
}
