// Package timeline is the model of a timeline site: it loads site.toml and
// the files under content/ into a Site of events, pages, tags, tracks and
// years, and reports every problem it finds as an ErrorList. Load reads a
// site once; Cache reloads it after edits, rereading only changed files.
//
// This comment is the specification of an event file.
//
// # Files
//
// An event is a file content/events/**/NAME.md (sub-folders allowed). Any
// other .md file under content/ is a plain page (title required;
// description, slug, draft and weight optional), and content/_index.md is
// the home page's introduction, whose front matter is optional. A file may
// start with a UTF-8 byte-order mark and use CRLF line endings; it must be
// valid UTF-8 and at most MaxFileSize (2 MiB). Hidden files and editors'
// temporary files are ignored (IsIgnored). Any other file under content/
// is an error: images and downloads belong in static/.
//
// An event file is TOML front matter between two lines "+++", then a
// Markdown body:
//
//	+++
//	title = "Russia seizes Crimea"
//	date = "2014-03"
//	+++
//	The body, in Markdown.
//
// Front matter between "---" lines (YAML) is an error, as is a "+++" that
// is never closed and an event without front matter.
//
// # Fields
//
// Every key is optional unless marked required. Strings are trimmed of
// surrounding white space.
//
//	title         string   required; not blank
//	date          date     required; the start (see Dates)
//	end           date     the end of a span, not before the start; or
//	                       "present" (any case) for a span still going on
//	track         string   the event's lane; at most one
//	tags          strings  an array of strings; a single string is one tag
//	place         string   where it happened
//	summary       string   a teaser; empty means the body's first paragraph
//	circa         bool     the date is approximate ("c. 2014"); the same as
//	                       a "~" before the date
//	featured      bool     a key event: drawn larger, listed first among
//	                       its year's events where a home page is condensed
//	draft         bool     left out unless drafts are asked for
//	slug          string   the page's URL segment, /events/SLUG/: lowercase
//	                       letters and digits of any script, single "-" or
//	                       "_" between them (ValidSlug); by default Slugify
//	                       of the file name without ".md"
//	weight        integer  order among events whose dates are the same;
//	                       between -1e9 and 1e9
//	image         string   a path under static/ ("img/a.jpg" or
//	                       "/img/a.jpg"), which must exist, or an http(s) URL
//	image_alt     string   required with image; "" marks it decorative;
//	                       an error without an image
//	image_credit  string   shown with the image
//	media         string   a URL of a video, audio, post or map, or a
//	                       quotation starting with <blockquote, for
//	                       TimelineJS (timeline.json)
//	media_caption string   the media's caption
//	media_credit  string   the media's credit
//	[[sources]]   tables   citations, in order (see Sources)
//
// A key not in this list is an error, with the nearest known key as a
// suggestion ("did you mean"). A value of the wrong type is an error that
// names the type expected and the type given.
//
// # Dates
//
// A date is a string in one of these forms, or a bare TOML date or
// date-time (2014-03-18 without quotes), or a bare integer year:
//
//	"2014"                        a year
//	"2014-03"                     a month
//	"2014-03-18"                  a day
//	"2014-03-18T10:30"            a minute ("T", "t" or a space before it)
//	"2014-03-18T10:30:15"         a second
//	"2014-03-18T10:30:15+02:00"   with a zone: "Z" or ±HH:MM (RFC 3339)
//	"-0490"                       491 BC: years are astronomical, year 0 is 1 BC
//	"-13800000000"                deep time: up to 11 digits either way (MaxYear)
//	"~2014"                       circa: approximate, at any precision
//
// A date keeps its precision (Precision): "2014-03" is March 2014, not
// its first day, and pages show it so. Seconds of :00 mean a minute, since
// RFC 3339 and TOML must write seconds; a fraction of a second is dropped
// and a leap second :60 read as :59. Months, days, hours and minutes must
// be in range for the calendar (proleptic Gregorian, leap years included).
// "present" is accepted as an end only, never as a start. An end is
// compared with the start by its last instant: end = "2014" may close a
// span that starts "2014-03", but not one that starts "2015".
//
// # Order
//
// Events are ordered by Compare: by start, earliest first (a date's start
// is its first instant, so "2014" comes before "2014-01-01", and at the
// same instant a coarser precision comes first, then an exact date before
// a circa one); then a moment before a span, and spans by end, an ongoing
// span last; then by weight, lower first; then by title; then by slug.
// Slugs are unique, so the order is total and every build lists events
// the same way.
//
// # Tags and tracks
//
// Tags and tracks are case-insensitive: two names with the same Slugify
// are one term, with one page (/tags/SLUG/, /tracks/SLUG/). Its name is
// the spelling of the first file, in path order, that uses it. An event's
// tags are kept in the order written, without empty strings and without
// later duplicates that make the same slug ("NATO" after "nato"). A tag or track with no letter
// or digit is an error, since it has no URL. Every event also belongs to
// the year of its start.
//
// # Sources
//
// Each [[sources]] table is a citation with these keys:
//
//	title      string  the work's title
//	url        string  an http(s) URL, or a path in the site ("/about/")
//	publisher  string  who published it
//	date       date    when it was published, in any form of Dates
//	archive    string  an http(s) URL of an archived copy; needs a url
//	accessed   date    when the url was last read
//
// A source needs a title, a url, or both. Any other URL scheme
// (javascript:, data:, file:) is an error, as is an unknown key.
//
// # Eras
//
// Eras are not in event files but in site.toml: each [[eras]] table has a
// title, a date and an end (all required; end may be "present"), in the
// forms of Dates, and an optional summary. An event belongs to an era
// when it starts within it (Era.Contains).
//
// # Errors
//
// Load reads every file and reports every problem at once, sorted by file
// and line, each with the line of its key where there is one (Error).
// Besides the rules above, these are errors: a missing site.toml; front
// matter that is not valid TOML, at the line TOML names; two events with
// one slug (both files are named); a plain page whose path is another's,
// or is taken by the generator's own pages (events, tags, tracks, years,
// a year, the feeds and exports); a symbolic link to nothing, or to a
// folder; a file that changed between the two reads of a build
// (Site.Body). With errors, the Site holds only what loaded without
// error: not a site to publish, but one to render to find the errors that
// only rendering finds (broken links, templates), so that one run reports
// them all.
package timeline
