package importer

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// slide is a TimelineJS slide as other tools write it: numbers may be
// strings ("1,815"), fields may be missing or empty. The CSV reader fills
// the same type from a row.
type slide struct {
	StartDate   *tlDate     `json:"start_date"`
	EndDate     *tlDate     `json:"end_date"`
	DisplayDate string      `json:"display_date"`
	Text        *slideText  `json:"text"`
	Media       *slideMedia `json:"media"`
	Group       string      `json:"group"`
	UniqueID    string      `json:"unique_id"`

	// dropped names the fields that hold something the site has no place
	// for ("background", "media.thumbnail"): each becomes a note.
	dropped []string
}

type slideText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type slideMedia struct {
	URL     string `json:"url"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Alt     string `json:"alt"`
}

type tlDate struct {
	Year        flexInt `json:"year"`
	Month       flexInt `json:"month"`
	Day         flexInt `json:"day"`
	Hour        flexInt `json:"hour"`
	Minute      flexInt `json:"minute"`
	Second      flexInt `json:"second"`
	Millisecond flexInt `json:"millisecond"`
	DisplayDate string  `json:"display_date"`
	DisplayText string  `json:"display_text"` // TimelineJS 3's name for display_date in a date
}

// keptFields are the fields of a slide that an event keeps, by their
// paths; any other field with a value is noted as left out.
var keptFields = map[string]bool{
	"start_date": true, "end_date": true, "display_date": true, "text": true, "media": true, "group": true, "unique_id": true,
	"text.headline": true, "text.text": true,
	"media.url": true, "media.caption": true, "media.credit": true, "media.alt": true,
}

// dateFields are the fields of a date that are read (millisecond to be
// noted as dropped, the display texts for circa and "present").
var dateFields = map[string]bool{"year": true, "month": true, "day": true, "hour": true, "minute": true,
	"second": true, "millisecond": true, "display_date": true, "display_text": true}

// droppedFields lists the fields of a slide's JSON object that hold a
// value and are not kept, as paths: "background", "media.thumbnail",
// "start_date.format".
func droppedFields(raw []byte) []string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		if isEmptyJSON(v) {
			continue
		}
		if !keptFields[k] {
			out = append(out, k)
			continue
		}
		var sub map[string]json.RawMessage
		if json.Unmarshal(v, &sub) != nil {
			continue
		}
		for _, sk := range slices.Sorted(maps.Keys(sub)) {
			if isEmptyJSON(sub[sk]) {
				continue
			}
			isDate := k == "start_date" || k == "end_date"
			if (isDate && !dateFields[sk]) || (!isDate && !keptFields[k+"."+sk]) {
				out = append(out, k+"."+sk)
			}
		}
	}
	return out
}

// isEmptyJSON reports whether a value says nothing: null, "", false, 0,
// {} or [] (or an object of such values).
func isEmptyJSON(v json.RawMessage) bool {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return false
	}
	var empty func(x any) bool
	empty = func(x any) bool {
		switch x := x.(type) {
		case nil:
			return true
		case string:
			return strings.TrimSpace(x) == ""
		case bool:
			return !x
		case float64:
			return x == 0
		case []any:
			return len(x) == 0
		case map[string]any:
			for _, v := range x {
				if !empty(v) {
					return false
				}
			}
			return true
		}
		return false
	}
	return empty(x)
}

// flexInt is a whole number written as a JSON number or a string, as
// TimelineJS accepts it; empty means unset.
type flexInt struct {
	n   int
	set bool
	bad string // text that is not a whole number, reported by convert
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
	case float64:
		if v != math.Trunc(v) || math.Abs(v) > 1e12 {
			f.bad = string(b)
			return nil
		}
		f.n, f.set = int(v), true
	case string:
		*f = parseFlexInt(v)
	default:
		f.bad = string(b)
	}
	return nil
}

// parseFlexInt reads "1815", " 1,815 " or "-490"; "" is unset.
func parseFlexInt(s string) flexInt {
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return flexInt{}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -1e12 || n > 1e12 {
		return flexInt{bad: strconv.Quote(s)}
	}
	return flexInt{n: n, set: true}
}

// event is what an entry becomes: the keys of an event file.
type event struct {
	title        string
	date, end    timeline.Date
	ongoing      bool
	track        string
	summary      string
	body         string // Markdown
	image        string
	alt          string
	altGuessed   bool // no alt text came with the image
	credit       string
	media        string // a URL, or a quotation as HTML
	mediaCaption string
	mediaCredit  string
	sources      []timeline.Source
	slug         string   // from unique_id
	slugKey      string   // written as slug = "...": set by the writer
	notes        []string // said to the user, not errors
}

var (
	circaPrefix    = regexp.MustCompile(`(?i)^\s*(c\.|ca\.|circa)\s*`)
	presentSuffix  = regexp.MustCompile(`(?i)[-–—]\s*present\s*$`)
	imageExtension = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|avif|svg)$`)
)

// convert turns a slide into an event, or says what is wrong with it:
// only a slide without a start date with a year, which TimelineJS cannot
// show either, or with a date that is not one. Whatever else the slide
// holds is kept or noted.
func convert(s *slide) (*event, error) {
	ev := &event{track: strings.TrimSpace(plainText(s.Group))}
	if s.StartDate == nil || (!s.StartDate.Year.set && s.StartDate.Year.bad == "") {
		return nil, errors.New("no start date with a year: TimelineJS cannot show this slide either")
	}
	var err error
	if ev.date, err = s.StartDate.date("start_date"); err != nil {
		return nil, err
	}
	display := cmp.Or(strings.TrimSpace(s.DisplayDate), strings.TrimSpace(s.StartDate.DisplayDate), strings.TrimSpace(s.StartDate.DisplayText))
	ev.date.Circa = circaPrefix.MatchString(display)
	endDisplay := ""
	switch {
	case presentSuffix.MatchString(display):
		ev.ongoing = true
	case s.EndDate != nil && s.EndDate.Year.set:
		if ev.end, err = s.EndDate.date("end_date"); err != nil {
			return nil, err
		}
		endDisplay = cmp.Or(strings.TrimSpace(s.EndDate.DisplayDate), strings.TrimSpace(s.EndDate.DisplayText))
		start := ev.date
		start.Circa = false
		if ev.end == start {
			ev.end = timeline.Date{} // TimelineJS drops an end equal to the start too
		}
	case s.EndDate != nil && (s.EndDate.Month.set || s.EndDate.Day.set):
		return nil, errors.New("end_date has no year")
	}
	if display != "" && !ev.date.Circa && !ev.ongoing && display != ev.date.String() && display != ev.DateText() {
		ev.note("display date %q left out: the site shows the date itself (%s)", display, ev.DateText())
	}
	if endDisplay != "" && endDisplay != ev.end.String() {
		ev.note("end display date %q left out: the site shows the date itself", endDisplay)
	}
	for _, d := range []struct {
		name string
		d    *tlDate
	}{{"start_date", s.StartDate}, {"end_date", s.EndDate}} {
		if d.d != nil && d.d.Millisecond.set && d.d.Millisecond.n != 0 {
			ev.note("%s.millisecond %d left out: a date's finest part is the second", d.name, d.d.Millisecond.n)
		}
	}

	if s.Text != nil {
		ev.title = plainText(s.Text.Headline)
		ev.readText(s.Text.Text)
	}
	if ev.title == "" {
		ev.title = titleFromText(ev.summary, ev.body)
		if ev.title != "" {
			ev.note("no headline: the title %q is taken from the text", ev.title)
		} else {
			ev.title = ev.DateText()
			ev.note("no headline and no text: the title %q is the date", ev.title)
		}
	}
	if m := s.Media; m != nil && strings.TrimSpace(m.URL) != "" {
		ev.readMedia(m)
	}
	if id := strings.TrimSpace(s.UniqueID); id != "" {
		ev.slug = timeline.Slugify(id)
	}
	for _, f := range s.dropped {
		ev.note("%s left out: the site has no place for it", f)
	}
	return ev, nil
}

// DateText shows the event's date as the site will.
func (ev *event) DateText() string { return timeline.FormatRange(ev.date, ev.end, ev.ongoing) }

func (ev *event) note(format string, args ...any) {
	ev.notes = append(ev.notes, fmt.Sprintf(format, args...))
}

// readMedia keeps a slide's media. An image file becomes the event's
// image (alt text, or else the caption, and credit), which the site shows
// on the event's page, in cards and in feeds; anything else (a video, a
// post, a map, a page, a quotation) becomes media, with its caption and
// credit.
func (ev *event) readMedia(m *slideMedia) {
	u := strings.TrimSpace(m.URL)
	credit := plainText(m.Credit)
	caption := plainText(m.Caption)
	alt := strings.TrimSpace(m.Alt)
	if isImageURL(u) {
		ev.image, ev.credit = u, credit
		ev.alt = cmp.Or(alt, caption)
		ev.altGuessed = ev.alt == ""
		if alt != "" && caption != "" && caption != alt {
			ev.note("media caption %q left out: an image keeps its alt text %q", caption, alt)
		}
		return
	}
	ev.media, ev.mediaCaption, ev.mediaCredit = u, caption, credit
	if alt != "" {
		ev.note("media alt %q left out: only an image has alt text", alt)
	}
}

// isImageURL reports whether u is an http(s) URL or a path of an image file.
func isImageURL(u string) bool {
	if strings.HasPrefix(u, "<") || strings.ContainsAny(u, " \t\n") {
		return false
	}
	if i := strings.Index(u, ":"); i >= 0 && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return false
	}
	path := u
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	return imageExtension.MatchString(path)
}

// titleFromText makes a title of a slide without a headline: the first
// sentence of its text, cut at a word within 80 characters.
func titleFromText(summary, body string) string {
	text := summary
	if text == "" {
		text = plainText(string(markdownText(body)))
	}
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(text, ".!?"); i > 0 {
		text = text[:i]
	}
	const max = 80
	if utf8.RuneCountInString(text) <= max {
		return strings.TrimSpace(text)
	}
	r := []rune(text)[:max]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}

// markdownText strips the Markdown marks from a body well enough for a
// title: the characters that start or wrap inline marks.
func markdownText(md string) string {
	md = mdLink.ReplaceAllString(md, "$1")
	return strings.NewReplacer("\\", "", "*", "", "_", "", "`", "", "#", "", ">", "", "~~", "").Replace(md)
}

var mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// date reads a TimelineJS date at its own precision: a year, then month,
// day, and hour and minute, each only with the one before it.
func (d *tlDate) date(field string) (timeline.Date, error) {
	parts := []struct {
		name string
		v    flexInt
	}{{"year", d.Year}, {"month", d.Month}, {"day", d.Day}, {"hour", d.Hour}, {"minute", d.Minute}, {"second", d.Second}}
	for _, p := range parts {
		if p.v.bad != "" {
			return timeline.Date{}, fmt.Errorf("%s.%s %s is not a whole number", field, p.name, p.v.bad)
		}
	}
	if !d.Year.set {
		return timeline.Date{}, fmt.Errorf("%s has no year", field)
	}
	var b strings.Builder
	y := d.Year.n
	if y < 0 {
		b.WriteByte('-')
		y = -y
	}
	fmt.Fprintf(&b, "%04d", y)
	for i, p := range parts[1:4] {
		if !p.v.set {
			for _, q := range parts[i+2:] {
				if q.v.set {
					return timeline.Date{}, fmt.Errorf("%s has a %s but no %s", field, q.name, p.name)
				}
			}
			break
		}
		switch p.name {
		case "month", "day":
			fmt.Fprintf(&b, "-%02d", p.v.n)
		case "hour":
			fmt.Fprintf(&b, "T%02d:%02d", p.v.n, d.Minute.n)
			if d.Second.n != 0 {
				fmt.Fprintf(&b, ":%02d", d.Second.n)
			}
		}
		if p.v.n < 0 || p.v.n > 99 || d.Minute.n < 0 || d.Minute.n > 99 || d.Second.n < 0 || d.Second.n > 99 {
			return timeline.Date{}, fmt.Errorf("%s.%s %d out of range", field, p.name, p.v.n)
		}
	}
	date, err := timeline.ParseDate(b.String())
	if err != nil {
		return timeline.Date{}, fmt.Errorf("%s: %v", field, err)
	}
	return date, nil
}

// file writes the event file: TOML front matter and the Markdown body.
func (ev *event) file() []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	kv := func(k, v string) {
		if v != "" {
			b.WriteString(k + " = " + tomlString(v) + "\n")
		}
	}
	kv("title", ev.title)
	kv("date", ev.date.ISO())
	if ev.ongoing {
		kv("end", "present")
	} else if !ev.end.IsZero() {
		kv("end", ev.end.ISO())
	}
	kv("slug", ev.slugKey)
	kv("track", ev.track)
	kv("summary", ev.summary)
	if ev.image != "" {
		kv("image", ev.image)
		if ev.altGuessed {
			b.WriteString("# The import had no text for this image: describe it for readers who cannot see it.\n")
		}
		b.WriteString("image_alt = " + tomlString(ev.alt) + "\n")
		kv("image_credit", ev.credit)
	}
	kv("media", ev.media)
	kv("media_caption", ev.mediaCaption)
	kv("media_credit", ev.mediaCredit)
	for _, s := range ev.sources {
		b.WriteString("\n[[sources]]\n")
		kv("title", s.Title)
		kv("url", s.URL)
		kv("publisher", s.Publisher)
		kv("date", s.Date.ISO())
		kv("archive", s.Archive)
		kv("accessed", s.Accessed.ISO())
	}
	b.WriteString("+++\n")
	if ev.body != "" {
		b.WriteString("\n" + ev.body + "\n")
	}
	return []byte(b.String())
}

// tomlString quotes s as a TOML basic string. (strconv.Quote writes
// escapes like \x00 that TOML does not have.)
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
