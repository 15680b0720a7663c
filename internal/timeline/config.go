package timeline

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"
)

// Config is site.toml. The zero value of every field is its default.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/", or empty
	Language    string // default "en"
	// LanguageLine is the line of site.toml that sets language, or 0.
	LanguageLine int
	Author       string
	Copyright    string

	Markdown   MarkdownConfig
	Feed       FeedConfig
	Home       HomeConfig
	Lists      ListsConfig
	TimelineJS TimelineJSConfig

	// Eras are the story's chapters ([[eras]]), in the order written.
	Eras []Era

	// Languages are the site's languages other than Language
	// ([languages.LANG]), in the order written; Untranslated is what they
	// show of an event with no translation into them (languages.go).
	Languages    []LanguageConfig
	Untranslated string
}

// MarkdownConfig is the [markdown] table.
type MarkdownConfig struct {
	// Unsafe lets raw HTML in Markdown through to the pages. Off by default
	// so that text pasted from elsewhere cannot inject markup or scripts.
	Unsafe bool
}

// FeedConfig is the [feed] table.
type FeedConfig struct {
	Limit int // newest events in /feed.xml and /feed.json; default 50
}

// HomeConfig is the [home] table.
type HomeConfig struct {
	// MaxEvents is how many events the home page lists in full; past it the
	// home page shows each year with its count and leading events and links
	// to the year pages. Default 200: a page of 200 full entries is
	// about 300 KB of HTML, and a condensed one stays near that at any size.
	MaxEvents int
	// Lead is how many events each year shows when the home page is
	// condensed. Default 5.
	Lead int
	// Newest puts the newest events first (order = "newest"), as a live
	// news timeline does; the default is the oldest first.
	Newest bool
}

// ListsConfig is the [lists] table.
type ListsConfig struct {
	// PerPage is how many events a track's, tag's or year's page lists;
	// past it the list goes on at PATH/page/2/ and so on. Default 200, as
	// the home page's max_events: about 300 KB of HTML a page.
	PerPage int
}

// TimelineJSConfig is the [timelinejs] table.
type TimelineJSConfig struct {
	// MaxEvents is how many events /timeline.json holds. Past it each year
	// has a file of its own (/timeline/YEAR.json, listed in
	// /timeline/index.json) and /timeline.json holds the newest whole
	// years up to MaxEvents. Default 500: TimelineJS makes every slide
	// before it shows one, and past a few hundred it grows slow to load
	// and to step (docs/formats.md).
	MaxEvents int
}

var (
	configKeys   = []string{"title", "description", "baseURL", "language", "author", "copyright", "markdown", "feed", "home", "lists", "timelinejs", "eras", "languages", "untranslated"}
	markdownKeys = []string{"unsafe"}
	feedKeys     = []string{"limit"}
	homeKeys     = []string{"max_events", "lead", "order"}
	listsKeys    = []string{"per_page"}
	tlKeys       = []string{"max_events"}
)

const configFile = "site.toml"

// CheckSite returns the error Load returns for a folder that is not a
// timeline site, having no site.toml, or nil. It is for what changes a
// site without loading it (timeline new, import) and for the preview,
// which does not start without one.
func CheckSite(fsys fs.FS) error {
	_, err := fs.Stat(fsys, configFile)
	if err == nil {
		return nil
	}
	var errs ErrorList
	noConfig(&errs, err)
	return errs.Err()
}

// noConfig adds the error of a site.toml that cannot be read.
func noConfig(errs *ErrorList, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		errs.add(configFile, 0, "no site.toml: this folder is not a timeline site").Help =
			"run `timeline init DIR` to start a site, or pass -s DIR to name the site folder"
	} else {
		errs.add(configFile, 0, "%v", err)
	}
}

// loadConfig reads site.toml. It returns false when there is none, since
// then the folder is not a site and nothing else is worth reporting.
func loadConfig(fsys fs.FS, errs *ErrorList) (Config, bool) {
	c := Config{Language: "en", Feed: FeedConfig{Limit: 50}, Home: HomeConfig{MaxEvents: 200, Lead: 5},
		Lists: ListsConfig{PerPage: 200}, TimelineJS: TimelineJSConfig{MaxEvents: 500}}
	src, err := fs.ReadFile(fsys, configFile)
	if err != nil {
		noConfig(errs, err)
		return c, false
	}
	src = normalize(src)
	m, err := decodeTOML(src, 1)
	if err != nil {
		addLineError(errs, configFile, err)
		return c, true
	}
	f := &fields{file: configFile, m: m, lines: newKeyLineIndex(src, 1), line0: 1, errs: errs}
	f.unknown(configKeys)
	c.Title = f.str("title")
	c.Description = f.str("description")
	c.Author = f.str("author")
	c.Copyright = f.str("copyright")
	if l := f.str("language"); l != "" {
		c.Language = l
		c.LanguageLine = f.line("language")
	}
	if b := strings.TrimSpace(f.str("baseURL")); b != "" {
		norm, ok := NormalizeBaseURL(b)
		if !ok {
			errs.add(configFile, f.line("baseURL"), "baseURL %q must be an absolute http(s) URL, like \"https://example.org/timeline/\"", b)
		}
		c.BaseURL = norm
	}
	if mf := f.sub("markdown"); mf != nil {
		mf.unknown(markdownKeys)
		c.Markdown.Unsafe = mf.boolean("unsafe")
	}
	if ff := f.sub("feed"); ff != nil {
		ff.unknown(feedKeys)
		ff.atLeastOne("limit", &c.Feed.Limit, "feed limit must be at least 1")
	}
	if hf := f.sub("home"); hf != nil {
		hf.unknown(homeKeys)
		if _, ok := hf.m["max_events"]; ok {
			c.Home.MaxEvents = hf.integer("max_events")
		}
		if _, ok := hf.m["lead"]; ok {
			c.Home.Lead = hf.integer("lead")
		}
		switch order := hf.str("order"); order {
		case "", "oldest":
		case "newest":
			c.Home.Newest = true
		default:
			errs.add(configFile, hf.line("order"), "home: order %q must be \"oldest\" or \"newest\"", order)
		}
		if c.Home.MaxEvents < 1 || c.Home.Lead < 0 {
			errs.add(configFile, hf.tableLine(), "home: max_events must be at least 1 and lead at least 0")
		}
	}
	if lf := f.sub("lists"); lf != nil {
		lf.unknown(listsKeys)
		lf.atLeastOne("per_page", &c.Lists.PerPage, "lists: per_page must be at least 1")
	}
	if tf := f.sub("timelinejs"); tf != nil {
		tf.unknown(tlKeys)
		tf.atLeastOne("max_events", &c.TimelineJS.MaxEvents, "timelinejs: max_events must be at least 1")
	}
	c.Eras = decodeEras(f, m["eras"])
	decodeLanguages(f, &c)
	return c, true
}

// NormalizeBaseURL checks that s is an absolute http(s) URL and gives it a
// trailing slash, so that "base + path" is always right.
func NormalizeBaseURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return s, false
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), true
}
