package render

import (
	"bufio"
	"bytes"
	"fmt"
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
		w.text("X-WR-CALNAME", cfg.Title)
	}
	if cfg.Description != "" {
		w.text("X-WR-CALDESC", cfg.Description)
	}
	lang := x.lang()
	for _, v := range x.r.events {
		if !icsYear(v.Date) || (!v.End.IsZero() && !icsYear(v.End)) {
			continue
		}
		w.prop("BEGIN", "VEVENT")
		w.start("UID")
		w.line = appendUUID(w.line, cfg.Title, lang, v.Slug)
		w.end()
		w.prop("DTSTAMP", stamp)
		start, end := v.Date, v.End
		if v.Ongoing {
			end = today
			if today.Compare(start) < 0 {
				end = timeline.Date{}
			}
		}
		if start.Precision >= timeline.PrecisionMinute && (end.IsZero() || end.Precision >= timeline.PrecisionMinute) && !v.Ongoing {
			w.start("DTSTART")
			w.line = appendICSDateTime(w.line, start)
			w.end()
			if !end.IsZero() {
				w.start("DTEND")
				w.line = appendICSDateTime(w.line, end)
				w.end()
			}
		} else {
			if end.IsZero() {
				end = start
			}
			w.start("DTSTART;VALUE=DATE")
			w.line = appendICSDate(w.line, firstDay(start))
			w.end()
			w.start("DTEND;VALUE=DATE")
			w.line = appendICSDate(w.line, firstDay(dayAfter(end)))
			w.end()
		}
		w.start("SUMMARY")
		if v.Date.Circa {
			w.line = append(w.line, "c. "...)
		}
		w.line = appendICSText(w.line, v.Title)
		w.end()
		if desc := v.Summary; desc != "" {
			w.start("DESCRIPTION")
			w.line = append(appendICSText(w.line, v.DateText), ": "...)
			w.line = appendICSText(w.line, desc)
			w.end()
		}
		if v.Place != "" {
			w.text("LOCATION", v.Place)
		}
		if v.Track != nil || len(v.Tags) > 0 {
			w.start("CATEGORIES")
			if v.Track != nil {
				w.line = append(appendICSText(w.line, v.Track.Name), ',')
			}
			for _, t := range v.Tags {
				w.line = append(appendICSText(w.line, t.Name), ',')
			}
			w.line = w.line[:len(w.line)-1]
			w.end()
		}
		if x.base != nil {
			w.start("URL")
			w.line = x.appendAbs(w.line, v.URL, appendRaw)
			w.end()
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

// appendICSDate appends a date's day as fmt's %04d%02d%02d writes it.
func appendICSDate(b []byte, d timeline.Date) []byte {
	return timeline.AppendPadded(timeline.AppendPadded(timeline.AppendPadded(b, d.Year, 4), int(d.Month), 2), int(d.Day), 2)
}

// appendICSDateTime appends a time in UTC when it has a zone, and as a
// floating local time when it has none.
func appendICSDateTime(b []byte, d timeline.Date) []byte {
	if !d.HasOffset {
		b = append(appendICSDate(b, d), 'T')
		return timeline.AppendPadded(timeline.AppendPadded(timeline.AppendPadded(b, int(d.Hour), 2), int(d.Minute), 2), int(d.Second), 2)
	}
	t := time.Date(d.Year, time.Month(d.Month), int(d.Day), int(d.Hour), int(d.Minute), int(d.Second), 0, time.FixedZone("", int(d.Offset)*60)).UTC()
	return t.AppendFormat(b, "20060102T150405Z")
}

// appendICSText appends s escaped as a TEXT value (RFC 5545 3.3.11):
// a backslash, a semicolon and a comma escaped with a backslash, and each
// line break (CRLF, LF or CR) as \n.
func appendICSText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '\\':
			esc = `\\`
		case ';':
			esc = `\;`
		case ',':
			esc = `\,`
		case '\r', '\n':
			esc = `\n`
		default:
			continue
		}
		b = append(append(b, s[start:i]...), esc...)
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	return append(b, s[start:]...)
}

// icsWriter writes content lines with CRLF endings, folded so that no line
// is longer than 75 octets and no UTF-8 sequence is split (RFC 5545 3.1).
// A line is made in line, from start to end, which keeps its memory for
// the next.
type icsWriter struct {
	b    bytes.Buffer
	line []byte
}

// prop writes a property whose value is written as it is.
func (w *icsWriter) prop(name, value string) {
	w.start(name)
	w.line = append(w.line, value...)
	w.end()
}

// text writes a property of a TEXT value.
func (w *icsWriter) text(name, value string) {
	w.start(name)
	w.line = appendICSText(w.line, value)
	w.end()
}

// start starts a content line: its name, then a colon. The caller appends
// the value to w.line, then calls end.
func (w *icsWriter) start(name string) { w.line = append(append(w.line[:0], name...), ':') }

// end writes the line, folded.
func (w *icsWriter) end() {
	line := w.line
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.Write(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space of a continuation line is one of its 75
	}
	w.b.Write(line)
	w.b.WriteString("\r\n")
}
