package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"html"
	"strings"

	"timeline/internal/timeline"
)

// The TimelineJS3 JSON format, as documented at
// https://timeline.knightlab.com/docs/json-format.html. internal/importer
// reads it back with types of its own, which accept what other tools write.

// tlFile is a TimelineJS3 data file.
type tlFile struct {
	Title  *tlSlide  `json:"title,omitempty"`
	Events []tlSlide `json:"events"`
}

// tlSlide is one slide: an event, or the title slide (without dates).
type tlSlide struct {
	StartDate   *tlDate  `json:"start_date,omitempty"`
	EndDate     *tlDate  `json:"end_date,omitempty"`
	DisplayDate string   `json:"display_date,omitempty"`
	Text        *tlText  `json:"text,omitempty"`
	Media       *tlMedia `json:"media,omitempty"`
	Group       string   `json:"group,omitempty"`
	UniqueID    string   `json:"unique_id,omitempty"`
}

// tlDate carries only the fields of its date's precision. The year is
// astronomical, as JavaScript's is: 0 is 1 BC, -490 is 491 BC.
type tlDate struct {
	Year   int  `json:"year"`
	Month  int  `json:"month,omitempty"`
	Day    int  `json:"day,omitempty"`
	Hour   *int `json:"hour,omitempty"`
	Minute *int `json:"minute,omitempty"`
}

// tlText is a slide's headline and its HTML.
type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

// tlMedia is a slide's image.
type tlMedia struct {
	URL    string `json:"url"`
	Credit string `json:"credit,omitempty"` // HTML
	Alt    string `json:"alt,omitempty"`    // plain text: TimelineJS sets it as the img's alt
}

// newTLDate converts a date at its own precision.
func newTLDate(d timeline.Date) *tlDate {
	t := &tlDate{Year: d.Year}
	if d.Precision >= timeline.PrecisionMonth {
		t.Month = d.Month
	}
	if d.Precision >= timeline.PrecisionDay {
		t.Day = d.Day
	}
	if d.Precision >= timeline.PrecisionMinute {
		h, m := d.Hour, d.Minute
		t.Hour, t.Minute = &h, &m
	}
	return t
}

// timelineJS writes /timeline.json: a title slide from the site and a
// slide per event, for a TimelineJS embed (its source option) to show.
//
// The file holds every event's body, so it is the largest the build makes
// (40 MB at 10,000 events). It is written a slide at a time, byte for byte
// as json.Encoder with a two-space indent writes the whole tlFile, and in
// a full render while the event pages are still being made (see exports),
// so that neither the file nor the bodies are ever whole in memory.
func (x *exports) timelineJS(put func(string, []byte) error) (err error) {
	f, err := x.r.open("timeline.json", put)
	if err != nil {
		return err
	}
	w := &tlWriter{w: bufio.NewWriterSize(f, 64<<10)}
	defer func() {
		if err == nil {
			err = w.w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	cfg := x.r.site.Config
	w.w.WriteString("{\n")
	if cfg.Title != "" || cfg.Description != "" {
		title := &tlSlide{Text: &tlText{Headline: html.EscapeString(cfg.Title)}}
		if cfg.Description != "" {
			title.Text.Text = "<p>" + html.EscapeString(cfg.Description) + "</p>"
		}
		w.w.WriteString(`  "title": `)
		if err := w.encode(title, "  "); err != nil {
			return err
		}
		w.w.WriteString(",\n")
	}
	w.w.WriteString(`  "events": [`)
	today := timeline.Date{Year: x.r.opts.Now.UTC().Year(), Month: int(x.r.opts.Now.UTC().Month()),
		Day: x.r.opts.Now.UTC().Day(), Precision: timeline.PrecisionDay}
	for i, v := range x.r.events {
		body, err := x.body(v)
		if err != nil {
			return err
		}
		var text strings.Builder
		// A written summary leads the slide, as it leads the event's
		// entry on the site; one taken from the body is already there.
		if v.Event.Summary != "" {
			text.WriteString(`<p class="summary">` + html.EscapeString(v.Event.Summary) + "</p>\n")
		}
		text.WriteString(body)
		text.WriteString(x.sourcesHTML(v))
		x.release(v)
		s := tlSlide{
			StartDate:   newTLDate(v.Date),
			DisplayDate: v.DateText,
			Text:        &tlText{Headline: html.EscapeString(v.Title), Text: text.String()},
			UniqueID:    v.Slug,
		}
		switch {
		case v.Ongoing:
			// TimelineJS has no open end: the span reaches the build date,
			// and the display date still says "present".
			if v.Date.Compare(today) < 0 {
				s.EndDate = newTLDate(today)
			}
		case !v.End.IsZero():
			s.EndDate = newTLDate(v.End)
		}
		if v.Track != nil {
			// TimelineJS shows group names as HTML.
			s.Group = html.EscapeString(v.Track.Name)
		}
		if v.Image != "" {
			s.Media = &tlMedia{URL: x.abs(v.Image), Credit: html.EscapeString(v.Credit), Alt: v.ImageAlt}
		}
		if i > 0 {
			w.w.WriteByte(',')
		}
		w.w.WriteString("\n    ")
		if err := w.encode(&s, "    "); err != nil {
			return err
		}
	}
	if len(x.r.events) > 0 {
		w.w.WriteString("\n  ")
	}
	_, err = w.w.WriteString("]\n}\n")
	return err
}

// tlWriter writes indented JSON values to w.
type tlWriter struct {
	w       *bufio.Writer
	scratch bytes.Buffer
	enc     *json.Encoder
	prefix  string
}

// encode writes v as json.Encoder would write it nested under prefix,
// without the encoder's trailing newline.
func (w *tlWriter) encode(v any, prefix string) error {
	if w.enc == nil || w.prefix != prefix {
		w.enc = json.NewEncoder(&w.scratch)
		w.enc.SetIndent(prefix, "  ")
		w.prefix = prefix
	}
	w.scratch.Reset()
	if err := w.enc.Encode(v); err != nil {
		return err
	}
	_, err := w.w.Write(bytes.TrimSuffix(w.scratch.Bytes(), []byte("\n")))
	return err
}
