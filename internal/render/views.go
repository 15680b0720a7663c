package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/timeline-ssg/timeline/internal/i18n"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// eventView is an event as the templates see it: the model plus what is
// derived once per build (URLs, display dates, summary, neighbours).
type eventView struct {
	*timeline.Event
	// The event's fields (Title, Slug, Place...) are Event's: a large
	// site's views held a copy of each, though only html/template, which
	// finds a field of an embedded struct by a search, is faster with them
	// (the built-in templates run as Go: see templates_fast.go).
	Image      string     // Event's, or a local image's path from the site's root
	Media      *mediaView // nil for none
	Img        *imageView // Image's size and resized copies, when it is a local image
	URL        string     // from the site root: "events/SLUG/"
	DateText   string     // "March 2014 – present"
	Summary    string     // front-matter summary, or the body's first paragraph
	Track      *termView
	Tags       []*termView
	Year       *termView
	Prev, Next *eventView

	// LangAttr marks the event's text as in another language: the default
	// language's, shown untranslated (see langAttr); "" in most cases.
	LangAttr template.HTMLAttr

	// Length is a span's length in words, "3 weeks", "8 years, ongoing";
	// "" for a moment.
	Length string
	// pos is the event's place in time order, from 0: its page says how
	// many events come before it (see eventSig).
	pos int32
	// inPage is the page of its year's list that InTimeline leads to, from
	// 1, or 0 for the home page (see planHome).
	inPage int32

	// entries keeps the event's "entry" as each kind of listing page shows
	// it (see EntryHTML).
	entries *entryCache

	loc *i18n.Locale // the site's, for EndText
}

// The methods below derive what a page shows of the event's dates from
// the event alone (and the site's locale), each time a page asks: a large
// site's views would hold a string of each for every event, and each
// page shows them once or twice. Being derived from the event, they are
// in its signature (see incRun.card).

// Datetime is the <time datetime> of the start; "" when HTML has no form
// for it.
func (v *eventView) Datetime() string {
	s, _ := v.Event.Date.Datetime()
	return s
}

// EndText is the end alone, "present", or "".
func (v *eventView) EndText() string {
	switch e := v.Event; {
	case e.Ongoing:
		return v.locale().T("present")
	case !e.End.IsZero():
		return v.locale().Date(e.End)
	}
	return ""
}

// EndDatetime is the <time datetime> of the end, or "".
func (v *eventView) EndDatetime() string {
	if v.Event.Ongoing {
		return ""
	}
	s, _ := v.Event.End.Datetime()
	return s
}

// From and To place the event on the overview's proportional axis, in
// years with a fraction; To is "" for a moment and an ongoing span.
func (v *eventView) From() string { return axisPosition(v.Event.Date) }

func (v *eventView) To() string {
	if e := v.Event; !e.Ongoing && !e.End.IsZero() {
		return axisPosition(e.End.Next())
	}
	return ""
}

// InTimeline is the event's place in the timeline from the site root:
// "#SLUG" on the home page, or "YEAR/#SLUG" when a condensed home page
// leaves it to its year's page. It is in the event's signature (see
// incRun.card).
func (v *eventView) InTimeline() string {
	if v.inPage == 0 || v.Year == nil {
		return "#" + v.Slug
	}
	return listPath(v.Year, int(v.inPage)) + "#" + v.Slug
}

func (v *eventView) locale() *i18n.Locale {
	if v.loc == nil {
		return english
	}
	return v.loc
}

// setImage finds the size and copies of the view's local image, reading
// the file: a build does it for every event on all cores.
func (r *renderer) setImage(v *eventView) {
	if timeline.IsLocal(v.Event.Image) {
		v.Img = r.imageOf(v.Event, v.Image)
	}
}

// setEvent makes the view show e. A local image's path is made from the
// site's root: "events/crimea/photo.jpg" for a bundle's file.
func (r *renderer) setEvent(v *eventView, e *timeline.Event) {
	v.Event = e
	v.Image = e.Image
	v.Img = nil // setImage's
	if timeline.IsLocal(e.Image) {
		v.Image = r.localPath(e, e.Image)
	}
	loc := r.loc
	if loc == nil {
		loc = english
	}
	v.loc = loc
	v.Media = r.mediaOf(e)
}

// sourceView is a source as the templates cite it, with its dates made
// for people and for <time datetime>, as an event's are, when a page asks
// (see eventView.Datetime). It points at the event's own source rather
// than copying it: a large site has hundreds of thousands of them.
type sourceView struct {
	*timeline.Source
	loc *i18n.Locale
}

// Sources are the event's sources as the templates cite them, made when a
// page asks (see Datetime).
func (v *eventView) Sources() []sourceView { return sourceViewsIn(v.locale(), v.Event.Sources) }

func sourceViewsIn(loc *i18n.Locale, list []timeline.Source) []sourceView {
	if len(list) == 0 {
		return nil
	}
	out := make([]sourceView, len(list))
	for i := range list {
		out[i] = sourceView{Source: &list[i], loc: loc}
	}
	return out
}

// DateText and Datetime are the source's date for people and for
// <time datetime>; "" when it has none.
func (s sourceView) DateText() string { return s.loc.Date(s.Source.Date) }

func (s sourceView) Datetime() string {
	d, _ := s.Source.Date.Datetime()
	return d
}

// AccessedText and AccessedDatetime are the day the link was last seen
// to work, likewise.
func (s sourceView) AccessedText() string { return s.loc.Date(s.Accessed) }

func (s sourceView) AccessedDatetime() string {
	d, _ := s.Accessed.Datetime()
	return d
}

// Cite pairs a source with the page citing it, for the "cite" template.
func (p *page) Cite(s sourceView) citeArgs { return citeArgs{Page: p, S: s} }

type citeArgs struct {
	Page *page
	S    sourceView
}

// termView is a tag, track or year with its listing page.
type termView struct {
	*timeline.Term
	Name, Slug string // Term's, copied for templates (see eventView)
	Kind       string // "tag", "track" or "year"
	URL        string // "tags/crimea/"
	Index      int    // position in its list
	Colour     int    // a track's colour in the theme: one of trackColours
	Events     []*eventView
}

// yearGroup is a year's events on a page that lists them by year.
type yearGroup struct {
	Year    *termView
	Events  []*eventView
	More    int    // events of the year not shown (condensed home page)
	Gap     int    // empty years between the previous group and this one
	GapText string // those years: "2015–2020"
	// Continuing are spans that started before the gap and run through
	// it (at most three; ContinuingMore counts the rest).
	Continuing     []*eventView
	ContinuingMore int
	// Eras are the chapter headings among the year's events.
	Eras []eraMark

	year    int // the year's number: -489 for 490 BC
	gapFrom int // the first empty year of the gap
	// elsewhere counts the year's events listed on other pages of a
	// paginated list; page is the page that first lists the year.
	elsewhere, page int
}

// ErasAt returns the eras whose headings come just before Events[i].
func (g *yearGroup) ErasAt(i int) []*eraView {
	var out []*eraView
	for _, m := range g.Eras {
		if m.At == i {
			out = append(out, m.Era)
		}
	}
	return out
}

// Count is how many events of the list fall in the year, shown or not.
func (g *yearGroup) Count() int { return len(g.Events) + g.More + g.elsewhere }

// siteView is what every page can see of the site.
type siteView struct {
	Title       string
	Description string
	Language    string
	BaseURL     string
	Author      string
	Copyright   string
	Tracks      []*termView
	Tags        []*termView
	Years       []*termView
	Pages       []*pageView // plain pages, for the navigation
	EventCount  int

	loc   *i18n.Locale
	frags *fragments // see page.Fragment; nil keeps none
}

// T is the interface string key in the site's language, with {name}
// filled from args, given in pairs.
func (s *siteView) T(key string, args ...any) string { return s.lc().T(key, strArgs(s.lc(), args)...) }

// N is the string key for a count of n, in the plural form the language
// wants, with the count written as the language writes numbers.
func (s *siteView) N(key string, n int, args ...any) string {
	return s.lc().N(key, n, strArgs(s.lc(), args)...)
}

// Word is N without the number: "events", "подій".
func (s *siteView) Word(key string, n int) string {
	return strings.TrimSpace(strings.ReplaceAll(s.lc().N(key, n, "n", ""), "  ", " "))
}

// Script is the language's strings for timeline.js, as JSON; "" for
// English, the script's default.
func (s *siteView) Script() string { return s.lc().Script() }

// SearchScript is the language's strings for search.js, as JSON; "" for
// English, the script's default.
func (s *siteView) SearchScript() string { return s.lc().SearchScript() }

// Num writes a count as the site's language does.
func (s *siteView) Num(n int) string { return s.lc().Num(n) }

// Dir is "rtl" for a language written right to left, and "" otherwise,
// which leaves <html> without a dir.
func (s *siteView) Dir() string {
	if s.lc().Dir == "rtl" {
		return "rtl"
	}
	return ""
}

// lc is the site's locale; English for a view made without one.
func (s *siteView) lc() *i18n.Locale {
	if s == nil || s.loc == nil {
		return english
	}
	return s.loc
}

func strArgs(loc *i18n.Locale, args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case string:
			out[i] = a
		case int:
			out[i] = loc.Num(a)
		default:
			out[i] = fmt.Sprint(a)
		}
	}
	return out
}

type pageView struct {
	*timeline.Page
	URL  string
	HTML template.HTML
}

// page is the data of one template execution.
type page struct {
	Site        *siteView
	Kind        string // home, event, tag, track, year, tags, tracks, years, page, 404
	Title       string // this page's own title; "" on the home page
	Description string
	Root        string // relative path from this page to the site root: "", "../", "../../"
	Path        string // this page's URL path from the root: "", "events/x/"
	Canonical   string // absolute URL, when the site has a baseURL

	Event     *eventView
	Term      *termView
	Terms     []*termView
	Groups    []*yearGroup
	Content   template.HTML // the intro, a plain page's body, or an event's body
	Condensed bool          // the home page shows leading events per year only
	TopTags   []*termView   // home: the most used tags, offered as filters
	SpanText  string        // home: the years the events cover, "2014–2022"
	// Embed is the snippets that embed the timeline or the page's event
	// in an article (event pages, the About page); OEmbed the absolute URL
	// of the page's oEmbed file. Both need a baseURL (embed.go).
	Embed  *embedCode
	OEmbed string
	// Languages link to the page in each language of a multilingual site
	// (or to the language's home page, when it has not this page), for
	// the switcher; Alternates are those that have it, with x-default,
	// for hreflang. Both nil for a site in one language (languages.go).
	Languages, Alternates []*langLink
	// ContentLang marks Content as in another language (langAttr).
	ContentLang template.HTMLAttr
	// Pager is a list page's place among its pages, when it has more
	// than one (pager.go); all is then every group of the list.
	Pager *pager
	all   []*yearGroup

	r    *renderer // set by execute, for EntryHTML
	tmpl string    // the template set executing the page
	// rootedCopy is the page with another root, for its entries (see
	// rooted), made again for each write of the page; a page is written
	// by one goroutine at a time.
	rootedCopy *page
}

// Entry pairs an event with the page listing it, for the "entry" template.
func (p *page) Entry(e *eventView) entryArgs { return entryArgs{Root: p.Root, E: e, Page: p} }

// PrevYear and NextYear are the years with events on either side of a
// year's page, or nil: its page links to them.
func (p *page) PrevYear() *termView { return p.yearAt(-1) }
func (p *page) NextYear() *termView { return p.yearAt(1) }

func (p *page) yearAt(step int) *termView {
	if p.Term == nil || p.Term.Kind != "year" {
		return nil
	}
	if i := p.Term.Index + step; i >= 0 && i < len(p.Site.Years) {
		return p.Site.Years[i]
	}
	return nil
}

// rootFor returns the relative path from a page at dir (like "events/x/")
// back to the root: "./" for a page at the root, never "".
func rootFor(dir string) string {
	if dir == "" {
		return "./"
	}
	// Cut from a constant: a string of its own for every page was one
	// allocation each of a large site's hundreds of thousands.
	const ups = "../../../../../../../../"
	if n := 3 * strings.Count(dir, "/"); n <= len(ups) {
		return ups[:n]
	}
	return strings.Repeat("../", strings.Count(dir, "/"))
}

// trackColours is how many track colours the default stylesheet defines
// (.track-0 to .track-7); tracks past that reuse them, and their labels
// still tell them apart.
const trackColours = 8

// Asset makes a link from a front-matter value usable on this page: an
// absolute URL as it is, a site path ("/img/a.jpg" or "img/a.jpg") relative
// to the page.
func (p *page) Asset(link string) string {
	if strings.Contains(link, "://") {
		return link
	}
	return p.Root + strings.TrimPrefix(link, "/")
}

// AbsURL makes an absolute URL from a front-matter value, or returns ""
// when the site has no baseURL to make one from.
func (p *page) AbsURL(link string) string {
	switch {
	case link == "":
		return ""
	case strings.Contains(link, "://"):
		return link
	case p.Site.BaseURL == "":
		return ""
	}
	return p.Site.BaseURL + strings.TrimPrefix(link, "/")
}
