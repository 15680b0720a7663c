package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"timeline/internal/timeline"
)

// slide is a TimelineJS slide as other tools write it: numbers may be
// strings ("1,815"), fields may be missing or empty. The CSV reader fills
// the same type from a row.
type slide struct {
	StartDate   *tlDate `json:"start_date"`
	EndDate     *tlDate `json:"end_date"`
	DisplayDate string  `json:"display_date"`
	Text        *struct {
		Headline string `json:"headline"`
		Text     string `json:"text"`
	} `json:"text"`
	Media *struct {
		URL     string `json:"url"`
		Caption string `json:"caption"`
		Credit  string `json:"credit"`
		Alt     string `json:"alt"`
		Title   string `json:"title"`
	} `json:"media"`
	Group    string `json:"group"`
	UniqueID string `json:"unique_id"`
}

type tlDate struct {
	Year        flexInt `json:"year"`
	Month       flexInt `json:"month"`
	Day         flexInt `json:"day"`
	Hour        flexInt `json:"hour"`
	Minute      flexInt `json:"minute"`
	DisplayDate string  `json:"display_date"`
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
		if v != math.Trunc(v) || math.Abs(v) > 1e9 {
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
	if err != nil || n < -1e9 || n > 1e9 {
		return flexInt{bad: strconv.Quote(s)}
	}
	return flexInt{n: n, set: true}
}

// event is what an entry becomes: the keys of an event file.
type event struct {
	title      string
	date, end  timeline.Date
	ongoing    bool
	track      string
	summary    string
	body       string // Markdown
	image      string
	alt        string
	altGuessed bool // no alt text came with the image
	credit     string
	sources    []timeline.Source
	slug       string // from unique_id
	slugKey    string // written as slug = "...": set by the writer
	note       string // said to the user, not an error
}

var (
	circaPrefix    = regexp.MustCompile(`(?i)^\s*(c\.|ca\.|circa)\s*`)
	presentSuffix  = regexp.MustCompile(`(?i)[-–—]\s*present\s*$`)
	imageExtension = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|avif|svg)$`)
)

// convert turns a slide into an event, or says what is wrong with it.
func convert(s *slide) (*event, error) {
	ev := &event{track: strings.TrimSpace(plainText(s.Group))}
	if s.Text != nil {
		ev.title = plainText(s.Text.Headline)
	}
	if ev.title == "" {
		return nil, errors.New("no headline: an event needs a title")
	}
	if s.StartDate == nil {
		return nil, errors.New("no start date")
	}
	var err error
	if ev.date, err = s.StartDate.date("start_date"); err != nil {
		return nil, err
	}
	display := s.DisplayDate
	if display == "" {
		display = s.StartDate.DisplayDate
	}
	ev.date.Circa = circaPrefix.MatchString(display)
	switch {
	case presentSuffix.MatchString(display):
		ev.ongoing = true
	case s.EndDate != nil && s.EndDate.Year.set:
		if ev.end, err = s.EndDate.date("end_date"); err != nil {
			return nil, err
		}
		start := ev.date
		start.Circa = false
		if ev.end == start {
			ev.end = timeline.Date{} // TimelineJS drops an end equal to the start too
		}
	case s.EndDate != nil && (s.EndDate.Month.set || s.EndDate.Day.set):
		return nil, errors.New("end_date has no year")
	}

	if s.Text != nil {
		ev.readText(s.Text.Text)
	}
	if m := s.Media; m != nil && strings.TrimSpace(m.URL) != "" {
		u := strings.TrimSpace(m.URL)
		credit := plainText(m.Credit)
		caption := plainText(m.Caption)
		path := u
		if i := strings.IndexAny(path, "?#"); i >= 0 {
			path = path[:i]
		}
		if imageExtension.MatchString(path) {
			ev.image, ev.credit = u, credit
			ev.alt = strings.TrimSpace(m.Alt)
			if ev.alt == "" {
				ev.alt = caption
			}
			ev.altGuessed = ev.alt == ""
		} else {
			// An image key must hold an image; other media is cited.
			title := caption
			if title == "" {
				title = credit
			}
			ev.sources = append([]timeline.Source{{Title: title, URL: u}}, ev.sources...)
			ev.note = fmt.Sprintf("media %s is not an image: kept as a source", u)
		}
	}
	if id := strings.TrimSpace(s.UniqueID); id != "" {
		ev.slug = timeline.Slugify(id)
	}
	return ev, nil
}

// date reads a TimelineJS date at its own precision: a year, then month,
// day, and hour and minute, each only with the one before it.
func (d *tlDate) date(field string) (timeline.Date, error) {
	parts := []struct {
		name string
		v    flexInt
	}{{"year", d.Year}, {"month", d.Month}, {"day", d.Day}, {"hour", d.Hour}, {"minute", d.Minute}}
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
		}
		if p.v.n < 0 || p.v.n > 99 || d.Minute.n < 0 || d.Minute.n > 99 {
			return timeline.Date{}, fmt.Errorf("%s.%s %d out of range", field, p.name, p.v.n)
		}
	}
	date, err := timeline.ParseDate(b.String())
	if err != nil {
		return timeline.Date{}, fmt.Errorf("%s: %v", field, err)
	}
	return date, nil
}

// readText splits a slide's HTML into the summary and sources that
// timeline's own export writes (a first <p class="summary">, a <section
// class="sources">) and the body, which becomes Markdown.
func (ev *event) readText(text string) {
	nodes := fragment(text)
	var body []*html.Node
	for i, n := range nodes {
		switch {
		case i == firstElement(nodes) && n.DataAtom == atom.P && hasClass(n, "summary"):
			ev.summary = plainText(renderNode(n))
		case n.DataAtom == atom.Section && hasClass(n, "sources"):
			ev.sources = append(ev.sources, readSources(n)...)
		default:
			body = append(body, n)
		}
	}
	ev.body = mdBlocks(body)
}

func firstElement(nodes []*html.Node) int {
	for i, n := range nodes {
		if n.Type == html.ElementNode {
			return i
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			return -1
		}
	}
	return -1
}

func renderNode(n *html.Node) string {
	var b strings.Builder
	_ = html.Render(&b, n)
	return b.String()
}

// readSources reads the list items of a sources section. timeline's own
// citations are read field by field (see citation); any other item is a
// title and a URL: a link is both (a link whose text is its URL has no
// title), plain text a title alone.
func readSources(n *html.Node) []timeline.Source {
	var out []timeline.Source
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Li {
				walk(c)
				continue
			}
			s, ok := citation(c)
			if !ok {
				s = timeline.Source{Title: plainText(renderNode(c))}
				for a := c.FirstChild; a != nil; a = a.NextSibling {
					if a.DataAtom == atom.A && attr(a, "href") != "" {
						s.URL = attr(a, "href")
						if s.Title == s.URL {
							s.Title = ""
						}
					}
				}
			}
			if s.Title != "" || s.URL != "" {
				out = append(out, s)
			}
		}
	}
	walk(n)
	return out
}

// citation reads a list item as timeline writes a source: a <cite> with
// the title (linked to the URL), a span.publisher, a time.date, an
// a.archive and a span.accessed holding a <time>. The dates come from
// their datetime attributes, circa from the "c." that starts the text;
// ok is false for an item without a <cite>.
func citation(li *html.Node) (s timeline.Source, ok bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.DataAtom == atom.Cite && !ok:
				ok = true
				s.Title = plainText(renderNode(c))
				for a := c.FirstChild; a != nil; a = a.NextSibling {
					if a.DataAtom == atom.A && attr(a, "href") != "" {
						s.URL = attr(a, "href")
						if s.Title == s.URL {
							s.Title = ""
						}
					}
				}
				continue
			case c.DataAtom == atom.Span && hasClass(c, "publisher"):
				s.Publisher = plainText(renderNode(c))
				continue
			case c.DataAtom == atom.Time && hasClass(c, "date"):
				s.Date = timeOf(c)
				continue
			case c.DataAtom == atom.A && hasClass(c, "archive"):
				s.Archive = attr(c, "href")
				continue
			case c.DataAtom == atom.Span && hasClass(c, "accessed"):
				for t := c.FirstChild; t != nil; t = t.NextSibling {
					if t.DataAtom == atom.Time {
						s.Accessed = timeOf(t)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(li)
	return s, ok
}

// timeOf reads a <time>'s datetime, and circa from its text; a date it
// cannot read is left out.
func timeOf(n *html.Node) timeline.Date {
	d, err := timeline.ParseDate(attr(n, "datetime"))
	if err != nil {
		return timeline.Date{}
	}
	d.Circa = strings.HasPrefix(plainText(renderNode(n)), "c. ")
	return d
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
