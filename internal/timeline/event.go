package timeline

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"unique"

	"github.com/timeline-ssg/timeline/internal/packed"
)

// Event is one dated event: one file under content/events/.
type Event struct {
	File     string // path from the site root, e.g. "content/events/2014-03-crimea.md"
	Slug     string // URL segment: /events/SLUG/
	Title    string
	Date     Date
	End      Date // zero when the event is a moment rather than a span
	Track    string
	Tags     []string // as written, without case-insensitive duplicates
	Place    string
	Summary  string // as written; empty means "the first paragraph"
	Ongoing  bool   // end = "present"
	Draft    bool
	Featured bool // a key event: drawn larger, and first among its year's on a condensed home page
	HasLead  bool // Lead is made: see Lead

	// The flags of what Load did with Body, beside the ones above so that
	// all of them take one word: a large site has hundreds of thousands
	// of events.
	bodyLeft  bool // Load left Body in the file
	bodyKept  bool // Load kept Body, with LeaveBodies (Options.KeepBodies)
	hasPacked bool // packed holds Body (Options.PackBodies)

	Weight   int
	Image    string
	ImageAlt string
	Credit   string // image_credit
	Sources  []Source

	// Media is a video, a sound, a map, a post or any page to show with
	// the event: an http(s) URL, a spotify: URI, a path in static/ or in
	// the event's bundle, or a quote (a Markdown quote starting with ">",
	// or HTML starting with "<blockquote"; see IsQuote).
	Media        string
	MediaCaption string
	MediaCredit  string

	// Bundle is the folder of a page bundle, "content/events/crimea",
	// when the event is its index.md: the files beside it are its
	// resources (Site.Resource). "" for an event in a file of its own.
	Bundle string

	// Lang is the language of the event's text when it is not the site's:
	// the default language's event, shown untranslated in another.
	Lang string

	Body     []byte // Markdown; nil if Load left it in the file (use Site.Body)
	BodyLine int    // line of the file where Body starts

	// Lead is the body's first paragraph as plain text, made when Load
	// was asked to (Options.Lead, HasLead set) and the summary is empty.
	Lead string

	// The slugs of the tags and the track, made once when the file is
	// decoded: grouping needs them on every load, and a preview loads
	// thousands of unchanged events after each save.
	tagSlugs  []string
	trackSlug string

	imageLine, mediaLine int32 // where image and media are set, for errors found later

	srcSum uint64 // the file's sum when read, to tell if it changed since
	// packed holds Body compressed, when Load was asked to pack it
	// (Options.PackBodies).
	packed packed.File
}

// Source is a citation: a title, a URL, or both, with what a reader needs
// to find the work again when the link has gone: who published it and
// when, a copy in an archive, and the day the link was last seen to work.
type Source struct {
	Title     string
	URL       string // http(s), or a path in the site
	Publisher string
	Date      Date   // when the work was published, at any precision; zero if unknown
	Archive   string // an archived copy, such as https://web.archive.org/web/20220110/URL
	Accessed  Date   // when the URL was last read; zero if unknown
}

// IsRange reports whether the event spans time rather than marking a moment.
func (e *Event) IsRange() bool { return e.Ongoing || !e.End.IsZero() }

// DateText shows the event's date or range for people.
func (e *Event) DateText() string { return FormatRange(e.Date, e.End, e.Ongoing) }

var eventKeys = []string{"title", "date", "end", "track", "tags", "place", "summary", "circa",
	"draft", "featured", "slug", "image", "image_alt", "image_credit", "media", "media_caption", "media_credit",
	"weight", "sources"}

var sourceKeys = []string{"title", "url", "publisher", "date", "archive", "accessed"}

// decodeEvent builds an Event from a content file, adding every problem it
// finds to errs. It returns nil when the event cannot be used at all.
func decodeEvent(file string, src []byte, errs *ErrorList) *Event {
	doc, err := splitFrontMatter(src)
	if err != nil {
		addLineError(errs, file, err)
		return nil
	}
	if doc.Front == nil {
		e := errs.add(file, 1, "missing front matter")
		e.Help = "an event starts with a line +++, then title and date, then +++; did you forget the +++?"
		return nil
	}
	m, err := decodeTOML(doc.Front, doc.FrontLine)
	if err != nil {
		addLineError(errs, file, err)
		return nil
	}
	n := len(*errs)
	f := &fields{file: file, m: m, lines: newKeyLineIndex(doc.Front, doc.FrontLine), line0: 1, errs: errs}
	f.unknown(eventKeys)
	ev := &Event{
		File:         file,
		Title:        strings.TrimSpace(f.str("title")),
		Track:        strings.TrimSpace(f.str("track")),
		Place:        strings.TrimSpace(f.str("place")),
		Summary:      strings.TrimSpace(f.str("summary")),
		Draft:        f.boolean("draft"),
		Featured:     f.boolean("featured"),
		Weight:       f.integer("weight"),
		Image:        strings.TrimSpace(f.str("image")),
		ImageAlt:     strings.TrimSpace(f.str("image_alt")),
		Credit:       strings.TrimSpace(f.str("image_credit")),
		Media:        strings.TrimSpace(f.str("media")),
		MediaCaption: strings.TrimSpace(f.str("media_caption")),
		MediaCredit:  strings.TrimSpace(f.str("media_credit")),
		Body:         doc.Body,
		BodyLine:     doc.BodyLine,
	}
	requireTitle(f, ev.Title)
	if dir := path.Dir(file); path.Base(file) == "index.md" && strings.HasPrefix(dir, "content/events/") {
		ev.Bundle = dir
	}

	circa := f.boolean("circa")
	if v, ok := m["date"]; !ok {
		e := errs.add(file, 1, "date is required")
		e.Help = DateForms
	} else if d, err := dateFromTOML(v); err != nil {
		errs.add(file, f.line("date"), "%s", err).Help = DateForms
	} else {
		ev.Date = d
		ev.Date.Circa = ev.Date.Circa || circa
	}
	if v, ok := m["end"]; ok {
		ev.End, ev.Ongoing = f.end(v, ev.Date, "span", "end %s is before the start %s")
	}

	if tags := uniqueFold(f.strs("tags")); len(tags) > 0 {
		// The tags and their slugs share one array: one object fewer
		// for the collector in each event of a large site.
		both := make([]string, 2*len(tags))
		copy(both, tags)
		ev.Tags, ev.tagSlugs = both[:len(tags):len(tags)], both[len(tags):]
	}
	for i, t := range ev.Tags {
		if ev.tagSlugs[i] = sharedSlug(t); ev.tagSlugs[i] == "" {
			errs.add(file, f.line("tags"), "tag %q has no letter or digit to make a URL from", t)
		}
	}
	if ev.trackSlug = sharedSlug(ev.Track); ev.Track != "" && ev.trackSlug == "" {
		errs.add(file, f.line("track"), "track %q has no letter or digit to make a URL from", ev.Track)
	}

	if slug, ok := f.slug(); ok {
		ev.Slug = slug
	} else {
		name := strings.TrimSuffix(path.Base(file), path.Ext(file))
		if ev.Bundle != "" {
			name = path.Base(ev.Bundle)
		}
		if ev.Slug = Slugify(name); ev.Slug == "" {
			errs.add(file, 1, "cannot make a URL slug from the file name %q", path.Base(file)).Help = "rename the file or set slug = \"...\""
		}
	}

	if ev.Image != "" {
		if _, ok := m["image_alt"]; !ok {
			errs.add(file, f.line("image"), "image needs image_alt, a text for readers who cannot see it").Help = `image_alt = "" is allowed for a purely decorative image`
		}
		if !validLink(ev.Image) {
			errs.add(file, f.line("image"), "image %q must be an http(s) URL or a path in static/", ev.Image)
		}
	}
	if _, ok := m["image_alt"]; ok && ev.Image == "" {
		errs.add(file, f.line("image_alt"), "image_alt without an image")
	}
	if ev.Image != "" {
		ev.imageLine = int32(f.line("image"))
	}
	if ev.Media != "" {
		ev.mediaLine = int32(f.line("media"))
	}
	if ev.Media != "" && !IsQuote(ev.Media) && !validLink(ev.Media) && !IsSpotifyURI(ev.Media) {
		errs.add(file, f.line("media"), "media %q must be an http(s) URL, a spotify: URI, a path in static/ or in the bundle, or a quote", ev.Media).Help =
			`a quote starts with ">" (Markdown) or "<blockquote" (HTML); a path has no scheme: "clip.mp4", "/video/clip.mp4"`
	}
	for _, k := range []string{"media_caption", "media_credit"} {
		if _, ok := m[k]; ok && ev.Media == "" {
			errs.add(file, f.line(k), "%s without media", k)
		}
	}

	ev.Sources = decodeSources(f, m["sources"])
	if len(*errs) > n {
		return nil
	}
	return ev
}

// sharedSlug is the slug of a tag or track, shared by every event that
// names it when short, as the names are (see ownStrings).
func sharedSlug(name string) string {
	s := Slugify(name)
	if len(s) <= shortString && s != name {
		return unique.Make(s).Value()
	}
	return s
}

// slug returns the slug set in the front matter, if any, reporting one
// that is not a safe path segment.
func (f *fields) slug() (string, bool) {
	v, ok := f.m["slug"]
	if !ok {
		return "", false
	}
	slug := f.str("slug")
	if _, isStr := v.(string); isStr && !ValidSlug(slug) {
		e := f.errs.add(f.file, f.line("slug"), "slug %q may only hold lowercase letters, digits, - and _", slug)
		if s := Slugify(slug); s != "" {
			e.Help = "try slug = \"" + s + "\""
		}
	}
	return slug, true
}

// requireTitle reports a missing or blank title (a title of the wrong type
// has its own error already).
func requireTitle(f *fields, title string) {
	v, ok := f.m["title"]
	if _, isStr := v.(string); !ok || (isStr && title == "") {
		f.errs.add(f.file, f.line("title"), "title is required")
	}
}

func decodeSources(f *fields, v any) []Source {
	if v == nil {
		return nil
	}
	tables, ok := v.([]map[string]any)
	if !ok {
		f.typeError("sources", "[[sources]] tables with a title and a url", v)
		return nil
	}
	out := make([]Source, 0, len(tables))
	for i, t := range tables {
		table := "sources#" + strconv.Itoa(i)
		sf := &fields{file: f.file, m: t, lines: f.lines, prefix: table + ".", where: " in [[sources]]", errs: f.errs}
		sf.table0 = func() int {
			if n, ok := f.lines.get(table); ok {
				return n
			}
			return f.lines.at(table + ".")
		}
		sf.unknown(sourceKeys)
		s := Source{Title: strings.TrimSpace(sf.str("title")), URL: strings.TrimSpace(sf.str("url")),
			Publisher: strings.TrimSpace(sf.str("publisher")), Archive: strings.TrimSpace(sf.str("archive"))}
		s.Date = sf.date("date")
		s.Accessed = sf.date("accessed")
		switch {
		case s.Title == "" && s.URL == "":
			f.errs.add(f.file, sf.tableLine(), "a source needs a title, a url, or both")
		case s.URL != "" && !validLink(s.URL):
			f.errs.add(f.file, sf.line("url"), "source url %q must start with http://, https:// or /", s.URL)
		}
		if s.Archive != "" && !absoluteURL(s.Archive) {
			f.errs.add(f.file, sf.line("archive"), "source archive %q must be an http(s) URL", s.Archive).Help =
				"the address of an archived copy, such as https://web.archive.org/web/20220110/https://example.org/page"
		}
		if _, ok := t["archive"]; ok && s.URL == "" {
			f.errs.add(f.file, sf.line("archive"), "source archive without a url: an archived copy is a copy of the url")
		}
		out = append(out, s)
	}
	return out
}

// IsQuote reports whether a media value is a quote rather than a link:
// Markdown starting with ">", or HTML starting with "<blockquote" (as
// TimelineJS writes one).
func IsQuote(media string) bool {
	s := strings.TrimSpace(media)
	return strings.HasPrefix(s, ">") || len(s) >= 11 && strings.EqualFold(s[:11], "<blockquote")
}

// IsSpotifyURI reports whether s is a Spotify URI: "spotify:track:ID",
// as Spotify's "Copy URI" gives it, or the older form of a user's
// playlist, "spotify:user:NAME:playlist:ID", which TimelineJS's own
// examples use.
func IsSpotifyURI(s string) bool {
	rest, ok := strings.CutPrefix(s, "spotify:")
	if !ok {
		return false
	}
	rest = SpotifyWithoutUser(rest)
	kind, id, ok := strings.Cut(rest, ":")
	switch kind {
	case "track", "album", "playlist", "episode", "show", "artist":
	default:
		return false
	}
	if !ok || id == "" {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// IsLocal reports whether a link (an image or media that is not a quote)
// names a file of the site rather than a URL.
func IsLocal(link string) bool {
	return link != "" && !strings.Contains(link, "://") && !IsSpotifyURI(link) && !IsQuote(link)
}

// validLink accepts absolute http(s) URLs and site paths: "/img/a.jpg" or
// "img/a.jpg". Any other scheme (javascript:, data:, file:) is refused.
func validLink(s string) bool {
	u, err := url.Parse(s)
	if err != nil || strings.ContainsAny(s, " \t\n\\") {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "":
		return u.Host == "" && !strings.HasPrefix(s, "//")
	}
	return false
}

// absoluteURL accepts an http(s) URL with a host, and nothing else.
func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && validLink(s) && (u.Scheme == "http" || u.Scheme == "https")
}

// uniqueFold drops empty strings and later duplicates that differ only in case.
func uniqueFold(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list)) // of its size: a site holds one per event
	seen := map[string]bool{}
	for _, s := range list {
		s = strings.TrimSpace(s)
		k := Slugify(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func addLineError(errs *ErrorList, file string, err error) {
	if le, ok := err.(*lineError); ok {
		errs.add(file, le.line, "%s", le.msg).Help = le.help
		return
	}
	errs.add(file, 0, "%s", err)
}

// SpotifyWithoutUser drops the "user:NAME:" that older Spotify URIs put
// before a playlist: "user:zach:playlist:ID" is "playlist:ID".
func SpotifyWithoutUser(rest string) string {
	if after, ok := strings.CutPrefix(rest, "user:"); ok {
		if _, pl, ok := strings.Cut(after, ":"); ok && strings.HasPrefix(pl, "playlist:") {
			return pl
		}
	}
	return rest
}

// end reads the end of a span, an event's or an era's: a date in any form
// a start takes, or "present" for a span still going on (what names the
// span in the help). before is the message for an end before start, with
// the end's and the start's ISO forms.
func (f *fields) end(v any, start Date, what, before string) (end Date, ongoing bool) {
	if s, isStr := v.(string); isStr && strings.EqualFold(strings.TrimSpace(s), "present") {
		return Date{}, true
	}
	d, err := dateFromTOML(v)
	if err != nil {
		f.errs.add(f.file, f.line("end"), "end: %s", err).Help = DateForms + `, or "present" for an ongoing ` + what
		return Date{}, false
	}
	if !start.IsZero() && d.endsBefore(start) {
		f.errs.add(f.file, f.line("end"), before, d.ISO(), start.ISO())
	}
	return d, false
}
