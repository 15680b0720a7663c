package render

import (
	"bufio"
	"html"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/timeline-ssg/timeline/internal/jsonstr"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// The TimelineJS3 JSON format, as documented at
// https://timeline.knightlab.com/docs/json-format.html. internal/importer
// reads it back with types of its own, which accept what other tools write.

// tlFile is a TimelineJS3 data file.
type tlFile struct {
	Title  *tlSlide  `json:"title,omitempty"`
	Events []tlSlide `json:"events"`
	Eras   []tlSlide `json:"eras,omitempty"`
	Scale  string    `json:"scale,omitempty"` // "cosmological" for years JavaScript's Date cannot hold
}

// tlSlide is one slide: an event, the title slide (without dates), or an
// era (dates and a headline).
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
	Second *int `json:"second,omitempty"`

	clock [3]int // what Hour, Minute and Second point to (see set)
}

// tlText is a slide's headline and its HTML.
type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

// tlMedia is a slide's media: the event's media (a URL TimelineJS
// recognises, or a quotation), or else its image.
type tlMedia struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"` // HTML
	Credit  string `json:"credit,omitempty"`  // HTML
	Alt     string `json:"alt,omitempty"`     // plain text: TimelineJS sets it as the img's alt
}

// jsDateYears bounds the years JavaScript's Date holds (±100,000,000 days
// from 1970): TimelineJS shows a file with any year beyond them only at
// its "cosmological" scale.
const jsDateYears = 271_820

func jsDateCan(d timeline.Date) bool {
	return d.IsZero() || (d.Year > -jsDateYears && d.Year < jsDateYears)
}

// newTLDate converts a date at its own precision.
func newTLDate(d timeline.Date) *tlDate { return new(tlDate).set(d) }

// set makes t d at its own precision and returns it. Its time of day is
// held in t's own clock, so that a slide's dates reused for the next
// event's take no memory of their own; a tlDate is not to be copied.
func (t *tlDate) set(d timeline.Date) *tlDate {
	*t = tlDate{Year: d.Year}
	if d.Precision >= timeline.PrecisionMonth {
		t.Month = int(d.Month)
	}
	if d.Precision >= timeline.PrecisionDay {
		t.Day = int(d.Day)
	}
	t.clock = [3]int{int(d.Hour), int(d.Minute), int(d.Second)}
	if d.Precision >= timeline.PrecisionMinute {
		t.Hour, t.Minute = &t.clock[0], &t.clock[1]
	}
	if d.Precision >= timeline.PrecisionSecond {
		t.Second = &t.clock[2]
	}
	return t
}

// timelineJS writes /timeline.json: a title slide from the site, a slide
// per event and the site's eras, for a TimelineJS embed (its source
// option) to show.
//
// The file holds every event's body, so it is the largest the build makes
// (40 MB at 10,000 events). It is written a slide at a time, byte for byte
// as json.Encoder with a two-space indent writes the whole tlFile, and in
// a full render while the event pages are still being made (see exports),
// so that neither the file nor the bodies are ever whole in memory.
//
// TimelineJS reads its file whole and makes a slide and a marker of every
// event before it shows one, so past [timelinejs] max_events each year
// gets a file of its own (tlSplit) instead.
func (x *exports) timelineJS(put func(string, []byte) error) error {
	if len(x.r.events) > x.tlMax() {
		return x.tlSplit(put)
	}
	f, err := x.startTL("timeline.json", put)
	if err != nil {
		return err
	}
	m := x.slideMaker()
	for _, v := range x.r.events {
		s, text, err := m.slideOf(v)
		if err != nil {
			f.abort()
			return err
		}
		err = f.slide(s, text)
		x.release(v) // written: text's body is no longer needed
		if err != nil {
			f.abort()
			return err
		}
	}
	return x.finishTL(f, x.r.site.Config.Eras, m.today)
}

func (x *exports) today() timeline.Date {
	now := x.r.opts.Now.UTC()
	return timeline.DayOf(now)
}

// tlStream is a TimelineJS file being written, a slide at a time.
type tlStream struct {
	f            io.WriteCloser
	w            *tlWriter
	n            int  // events written
	cosmological bool // a date is beyond JavaScript's
}

// startTL opens a TimelineJS file and writes its title slide.
func (x *exports) startTL(name string, put func(string, []byte) error) (*tlStream, error) {
	f, err := x.r.open(name, put)
	if err != nil {
		return nil, err
	}
	bw := tlWriters.Get().(*bufio.Writer)
	bw.Reset(f)
	s := &tlStream{f: f, w: &tlWriter{w: bw}}
	w := s.w
	cfg := x.r.site.Config
	w.w.WriteString("{\n")
	if cfg.Title != "" || cfg.Description != "" {
		title := &tlSlide{Text: &tlText{Headline: html.EscapeString(cfg.Title)}}
		if cfg.Description != "" {
			title.Text.Text = "<p>" + html.EscapeString(cfg.Description) + "</p>"
		}
		w.w.WriteString(`  "title": `)
		if err := w.slide(title, "  "); err != nil {
			s.abort()
			return nil, err
		}
		w.w.WriteString(",\n")
	}
	w.w.WriteString(`  "events": [`)
	return s, nil
}

// tlWriters recycles the buffered writers of TimelineJS files: past
// max_events a site has one a year.
var tlWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// abort closes a file that failed: the render's error says why.
func (s *tlStream) abort() { s.close() }

// close closes the file and lets its writer go, once: a file that
// failed as it was finished is aborted too.
func (s *tlStream) close() error {
	if bw := s.w.w; bw != nil {
		s.w.w = nil
		bw.Reset(nil)
		tlWriters.Put(bw)
	}
	return s.f.Close()
}

// slide writes an event's slide, text its text's parts.
func (s *tlStream) slide(sl *tlSlide, text []string) error {
	s.next(sl)
	return s.w.slide(sl, "    ", text...)
}

// written writes an event's slide that w wrote as slide does.
func (s *tlStream) written(sl *tlSlide, w []byte) error {
	s.next(sl)
	_, err := s.w.w.Write(w)
	return err
}

func (s *tlStream) next(sl *tlSlide) {
	if s.n > 0 {
		s.w.w.WriteByte(',')
	}
	s.n++
	s.w.w.WriteString("\n    ")
	s.cosmological = s.cosmological || !jsDateCanTL(sl.StartDate) || !jsDateCanTL(sl.EndDate)
}

func jsDateCanTL(d *tlDate) bool { return d == nil || (d.Year > -jsDateYears && d.Year < jsDateYears) }

// slideMaker makes the event slides of one TimelineJS writer into one
// slide and one buffer of its own, reused for each: a slide is written
// before the next is made.
type slideMaker struct {
	x          *exports
	today      timeline.Date
	slide      tlSlide
	start, end tlDate
	text       tlText
	media      tlMedia
	parts      [3]string
	buf        []byte // the summary's and the sources' HTML
}

func (x *exports) slideMaker() *slideMaker { return &slideMaker{x: x, today: x.today()} }

// slideOf makes an event's slide, and its text in parts (summary, body,
// sources) rather than joined: the body is most of the file. Both are
// valid until the next call.
func (m *slideMaker) slideOf(v *eventView) (*tlSlide, []string, error) {
	x := m.x
	body, err := x.body(v)
	if err != nil {
		return nil, nil, err
	}
	// A written summary leads the slide, as it leads the event's entry
	// on the site; one taken from the body is already there.
	b := m.buf[:0]
	if v.Event.Summary != "" {
		b = append(b, `<p class="summary">`...)
		b = append(appendHTMLEscaped(b, v.Event.Summary), "</p>\n"...)
	}
	summary := len(b)
	b = x.appendSourcesHTML(b, v)
	m.buf = b
	m.parts = [3]string{bytesString(b[:summary]), body, bytesString(b[summary:])}
	m.text = tlText{Headline: html.EscapeString(v.Title)}
	m.slide = tlSlide{
		StartDate:   m.start.set(v.Date),
		DisplayDate: v.DateText,
		Text:        &m.text,
		UniqueID:    v.Slug,
	}
	s := &m.slide
	switch {
	case v.Ongoing:
		// TimelineJS has no open end: the span reaches the build date,
		// and the display date still says "present".
		if v.Date.Compare(m.today) < 0 {
			s.EndDate = m.end.set(m.today)
		}
	case !v.End.IsZero():
		s.EndDate = m.end.set(v.End)
	}
	if v.Track != nil {
		// TimelineJS shows group names as HTML.
		s.Group = html.EscapeString(v.Track.Name)
	}
	// A slide has one media: the event's media where it has both, as the
	// page leads with it.
	switch e := v.Event; {
	case e.Media != "":
		u := e.Media
		if !strings.HasPrefix(u, "<") {
			u = x.abs(u)
		}
		m.media = tlMedia{URL: u, Caption: html.EscapeString(e.MediaCaption), Credit: html.EscapeString(e.MediaCredit)}
		s.Media = &m.media
	case v.Image != "":
		m.media = tlMedia{URL: x.abs(v.Image), Credit: html.EscapeString(v.Credit), Alt: v.ImageAlt}
		s.Media = &m.media
	}
	return s, m.parts[:], nil
}

// finishTL writes the eras and the scale, and closes the file.
func (x *exports) finishTL(s *tlStream, eras []timeline.Era, today timeline.Date) (err error) {
	w := s.w
	defer func() {
		if err == nil {
			err = w.w.Flush()
		}
		if cerr := s.close(); err == nil {
			err = cerr
		}
	}()
	if s.n > 0 {
		w.w.WriteString("\n  ")
	}
	w.w.WriteString("]")
	if len(eras) > 0 {
		w.w.WriteString(",\n  \"eras\": [")
		for i, e := range eras {
			// The display date says "present" for an ongoing era, as an
			// event's does: TimelineJS shows it for neither, and an import
			// reads it back.
			sl := tlSlide{StartDate: newTLDate(e.Date), DisplayDate: x.r.loc.Range(e.Date, e.End, e.Ongoing),
				Text: &tlText{Headline: html.EscapeString(e.Title)}}
			if e.Summary != "" {
				sl.Text.Text = "<p>" + html.EscapeString(e.Summary) + "</p>"
			}
			end := e.End
			if e.Ongoing {
				// As for an ongoing event: TimelineJS has no open end.
				end = today
				if today.Compare(e.Date) < 0 {
					end = e.Date
				}
			}
			sl.EndDate = newTLDate(end)
			s.cosmological = s.cosmological || !jsDateCan(e.Date) || !jsDateCan(end)
			if i > 0 {
				w.w.WriteByte(',')
			}
			w.w.WriteString("\n    ")
			if err := w.slide(&sl, "    "); err != nil {
				return err
			}
		}
		w.w.WriteString("\n  ]")
	}
	if s.cosmological {
		w.w.WriteString(",\n  \"scale\": \"cosmological\"")
	}
	_, err = w.w.WriteString("\n}\n")
	return err
}

// tlWriter writes slides to w byte for byte as json.Encoder, with
// SetIndent(prefix, "  ") and its default HTML escaping, writes a tlSlide,
// without the encoder's trailing newline; TestTLWriterLikeEncoder holds it
// to that. It is written out by hand because encoding/json's reflection,
// its indenting pass and the copy out of its buffer cost more than all
// the rest of writing the file.
type tlWriter struct {
	w      *bufio.Writer
	prefix string
	nl     string // a newline, the prefix, and more than the deepest indent
	depth  int
	empty  bool // no member is written yet in the innermost open object
	num    [20]byte
}

// tlIndent is the indents of the nesting a slide can reach, and then some.
const tlIndent = "                "

// slide writes s, its fields in tlSlide's order and left out as its
// omitempty tags say. If text is given (and s.Text is not nil), its parts
// joined are the text's text in place of s.Text.Text. The error is w's,
// once any write has failed.
func (w *tlWriter) slide(s *tlSlide, prefix string, text ...string) error {
	if w.prefix != prefix || w.nl == "" {
		w.prefix, w.nl = prefix, "\n"+prefix+tlIndent
	}
	w.open()
	if s.StartDate != nil {
		w.key(`"start_date": `)
		w.date(s.StartDate)
	}
	if s.EndDate != nil {
		w.key(`"end_date": `)
		w.date(s.EndDate)
	}
	if s.DisplayDate != "" {
		w.key(`"display_date": `)
		w.str(s.DisplayDate)
	}
	if t := s.Text; t != nil {
		w.key(`"text": `)
		w.open()
		w.key(`"headline": `)
		w.str(t.Headline)
		w.key(`"text": `)
		if text == nil {
			w.str(t.Text)
		} else {
			w.strs(text)
		}
		w.close()
	}
	if m := s.Media; m != nil {
		w.key(`"media": `)
		w.open()
		w.key(`"url": `)
		w.str(m.URL)
		if m.Caption != "" {
			w.key(`"caption": `)
			w.str(m.Caption)
		}
		if m.Credit != "" {
			w.key(`"credit": `)
			w.str(m.Credit)
		}
		if m.Alt != "" {
			w.key(`"alt": `)
			w.str(m.Alt)
		}
		w.close()
	}
	if s.Group != "" {
		w.key(`"group": `)
		w.str(s.Group)
	}
	if s.UniqueID != "" {
		w.key(`"unique_id": `)
		w.str(s.UniqueID)
	}
	return w.close()
}

func (w *tlWriter) date(d *tlDate) {
	w.open()
	w.key(`"year": `)
	w.int(d.Year)
	if d.Month != 0 {
		w.key(`"month": `)
		w.int(d.Month)
	}
	if d.Day != 0 {
		w.key(`"day": `)
		w.int(d.Day)
	}
	if d.Hour != nil {
		w.key(`"hour": `)
		w.int(*d.Hour)
	}
	if d.Minute != nil {
		w.key(`"minute": `)
		w.int(*d.Minute)
	}
	if d.Second != nil {
		w.key(`"second": `)
		w.int(*d.Second)
	}
	w.close()
}

func (w *tlWriter) open() {
	w.w.WriteByte('{')
	w.depth++
	w.empty = true
}

// key starts a member of the innermost object: k is its quoted name, a
// colon and a space.
func (w *tlWriter) key(k string) {
	if !w.empty {
		w.w.WriteByte(',')
	}
	w.empty = false
	w.newline()
	w.w.WriteString(k)
}

// close ends the innermost object: "{}" if it is empty, as json.Encoder
// writes an empty object, or with its brace on a line of its own.
func (w *tlWriter) close() error {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.empty = false // the object is a member of its parent
	return w.w.WriteByte('}')
}

func (w *tlWriter) newline() {
	w.w.WriteString(w.nl[:len(w.nl)-len(tlIndent)+2*w.depth])
}

func (w *tlWriter) int(n int) {
	w.w.Write(strconv.AppendInt(w.num[:0], int64(n), 10))
}

// str writes s as a JSON string escaped as encoding/json's appendString
// escapes it with escapeHTML: ", \ and the control characters, and <, >
// and &; U+2028 and U+2029; each byte that is not valid UTF-8 as \ufffd.
func (w *tlWriter) str(s string) {
	w.w.WriteByte('"')
	w.escaped(s)
	w.w.WriteByte('"')
}

// escaped writes s escaped as str does, without the quotes, into w's
// buffer in pieces it has room for: escaping more than that into its
// AvailableBuffer would make a slice for it, and a body is kilobytes.
func (w *tlWriter) escaped(s string) {
	for len(s) > 0 {
		// One byte makes at most six (\u00XX, \ufffd).
		room := w.w.Available() / 6
		if room < len(s) && room < 512 && w.w.Buffered() > 0 {
			if w.w.Flush() != nil {
				return // w's error, which the slide returns
			}
			room = w.w.Available() / 6
		}
		n := len(s)
		if room < n {
			n = escapeCut(s, room)
		}
		w.w.Write(jsonstr.AppendEscaped(w.w.AvailableBuffer(), s[:n]))
		s = s[n:]
	}
}

// escapeCut is where s may be cut at or before n, so that its two parts
// escaped are s escaped: where no UTF-8 sequence, valid or not, spans the
// cut. That is before a byte that is not a continuation byte, or after
// three that are, as no sequence has four; s is cut whole (len(s)) if n
// is too small for either.
func escapeCut(s string, n int) int {
	for i := n; i > 0 && i >= n-3; i-- {
		if utf8.RuneStart(s[i]) {
			return i
		}
	}
	if n >= 4 {
		return n // s[n-3:n+1] are all continuation bytes
	}
	return len(s)
}

// strs writes the parts joined as one string, as str writes it, without
// joining them unless a UTF-8 sequence, or what starts one, might span a
// joint: a joint with an ASCII byte on either side is safe.
func (w *tlWriter) strs(parts []string) {
	var last byte // of the parts before, ASCII to start with
	for _, p := range parts {
		if p == "" {
			continue
		}
		if last >= utf8.RuneSelf && p[0] >= utf8.RuneSelf {
			parts = []string{strings.Join(parts, "")}
			break
		}
		last = p[len(p)-1]
	}
	w.w.WriteByte('"')
	for _, p := range parts {
		w.escaped(p)
	}
	w.w.WriteByte('"')
}
