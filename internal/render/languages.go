package render

import (
	"cmp"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/timeline-ssg/timeline/internal/i18n"
	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// A multilingual site (timeline.Site.Translations) is rendered one
// language at a time, each as a site of its own: the default language's
// at the root, every other's under /LANG/, with its own feeds, exports,
// search index, embeds and copy of static/, so that every path a page or
// script takes from its root stays within its language. What joins them
// are the links between the versions of a page: hreflang alternates in
// the head and the sitemap, and the language switcher in the header.

// siteLanguage is one language of a multilingual site, as the others'
// pages link to it.
type siteLanguage struct {
	Code    string // "uk"
	Name    string // in the language itself: "Українська"
	Dir     string // "rtl" or "ltr"
	prefix  string // "" for the default language, "uk/" for the others
	baseURL string // the base URL of its pages, or ""
	// has holds the paths of the language's pages: true for a page in
	// the language, false for one that shows the default language's
	// text untranslated, which is not a version to offer search engines.
	has map[string]bool
}

// languages is what the render of one language knows of them all.
type languages struct {
	all     []*siteLanguage // the default first
	current *siteLanguage
}

// langLink is a link from a page to its version in one language.
type langLink struct {
	*siteLanguage
	Href    string // from the page: the same page in the language, or its home
	URL     string // absolute when the site has a baseURL, else Href
	Current bool
	Exists  bool // the page is in the language (Href is not its home)
}

// streamLanguages renders a site with translations: each language's site
// with its pages under its prefix.
func streamLanguages(site *timeline.Site, theme fs.FS, tmpl *templates, opts Options, out Sink) error {
	sites := append([]*timeline.Site{site}, site.Translations...)
	base := opts.BaseURL
	if base == "" {
		base = site.Config.BaseURL
	}
	// Every language's errors at once (an unknown one, a broken
	// i18n/LANG.toml), and the rest of the site's, rendered in English.
	var errs timeline.ErrorList
	for _, s := range sites {
		if _, err := siteLocale(s, theme); err != nil {
			list, ok := timeline.Errors(err)
			if !ok {
				return err
			}
			errs = append(errs, list...)
		}
	}
	all := make([]*siteLanguage, len(sites))
	for i, s := range sites {
		l := &siteLanguage{Code: s.Config.Language, Name: languageName(s.Config.Language), Dir: "ltr", has: pagePaths(s)}
		if i > 0 {
			l.prefix = l.Code + "/"
		}
		if i18n.RTL(l.Code) {
			l.Dir = "rtl"
		}
		if base != "" {
			l.baseURL = base + l.prefix
		}
		all[i] = l
	}
	// Every language is rendered, whatever the others' errors, so that
	// one run reports them all, in order: the default language first.
	foreign := &foreignFiles{theme: theme, paths: map[string]bool{}}
	for _, l := range all[1:] {
		foreign.prefixes = append(foreign.prefixes, l.prefix)
	}
	var failed []error
	for i, s := range sites {
		o := opts
		o.langs = &languages{all: all, current: all[i]}
		o.BaseURL = all[i].baseURL
		sink := foreign.note(out)
		if i > 0 {
			sink = foreign.check(out)
		}
		err := stream(s, theme, tmpl, o, prefixed(sink, all[i].prefix))
		if i > 0 { // the site's warnings are every language's
			site.Warnings = append(site.Warnings, s.Warnings...)
			s.Warnings = nil
		}
		if err != nil {
			if !errors.As(err, new(timeline.ErrorList)) {
				return s.SourceErrors(err)
			}
			failed = append(failed, s.SourceErrors(err))
		}
	}
	return joinErrors(append(failed, errs.Err())...)
}

// prefixed is out with every path under prefix.
func prefixed(out Sink, prefix string) Sink {
	if prefix == "" {
		return out
	}
	s := Sink{Put: func(p string, b []byte) error { return out.Put(prefix+p, b) }}
	if out.Create != nil {
		s.Create = func(p string) (io.WriteCloser, error) { return out.Create(prefix + p) }
	}
	return s
}

// pagePaths are the paths of the pages a site in one language has, which
// the others' switchers and alternates link to.
func pagePaths(s *timeline.Site) map[string]bool {
	has := map[string]bool{"": true, "tracks/": true, "tags/": true, "years/": true}
	for _, e := range s.Events {
		has["events/"+e.Slug+"/"] = e.Lang == ""
	}
	// A term's list, and its pages past the first ([lists] per_page).
	size := cmp.Or(s.Config.Lists.PerPage, defaultPerPage)
	terms := func(list []*timeline.Term, dir string) {
		for _, t := range list {
			has[dir+t.Slug+"/"] = true
			for n := 2; n <= (len(t.Events)+size-1)/size; n++ {
				has[dir+t.Slug+"/page/"+strconv.Itoa(n)+"/"] = true
			}
		}
	}
	terms(s.Tracks, "tracks/")
	terms(s.Tags, "tags/")
	terms(s.Years, "")
	for _, p := range s.Pages {
		has[p.Path+"/"] = p.Lang == ""
	}
	return has
}

// languageName is a language's name in itself, from CLDR, as a switcher
// offers it: "English", "Українська", "العربية".
func languageName(code string) string {
	tag := language.Make(code)
	name := display.Self.Name(tag)
	if name == "" {
		return code
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToTitle(r)) + name[n:]
}

// setLanguages gives p its links to the other languages' versions of it:
// the switcher's, and the hreflang alternates when p is a page to index
// and in its language (not the default language's text, untranslated).
func (r *renderer) setLanguages(p *page) {
	ls := r.opts.langs
	if ls == nil || p.Languages != nil {
		return
	}
	// The site's root, the default language's, from the page.
	root := p.Root
	if strings.HasPrefix(root, "/") {
		root = strings.TrimSuffix(root, ls.current.prefix)
	} else if ls.current.prefix != "" {
		root = strings.TrimPrefix(root+"../", "./") // the home page's root is "./"
	}
	index := p.Kind != "404" && p.Kind != "embed"
	for _, l := range ls.all {
		translated, exists := l.has[p.Path]
		link := &langLink{siteLanguage: l, Current: l == ls.current, Exists: index && exists}
		link.Href = root + l.prefix
		if link.Exists {
			link.Href += p.Path
		}
		link.URL = link.Href
		if l.baseURL != "" {
			link.URL = l.baseURL
			if link.Exists {
				link.URL += p.Path
			}
		}
		p.Languages = append(p.Languages, link)
		if link.Exists && translated && ls.current.has[p.Path] {
			p.Alternates = append(p.Alternates, link)
		}
	}
	// x-default: the default language's version, for a reader whose
	// language the site does not have.
	if len(p.Alternates) > 1 && p.Alternates[0].siteLanguage == ls.all[0] {
		d := *p.Alternates[0]
		d.siteLanguage = &siteLanguage{Code: "x-default"}
		p.Alternates = append(p.Alternates, &d)
	} else if len(p.Alternates) < 2 {
		p.Alternates = nil // a page in one language has no alternates
	}
}

// langAttr is what marks text in the default language, shown untranslated
// in another (untranslated = "default"): its lang, and its dir when the
// two are written in different directions, so that a screen reader
// switches voice and the text runs its own way.
func (r *renderer) langAttr(lang string) template.HTMLAttr {
	ls := r.opts.langs
	if lang == "" || ls == nil || lang == ls.current.Code {
		return ""
	}
	a := ` lang="` + template.HTMLEscapeString(lang) + `"`
	if i18n.RTL(lang) != i18n.RTL(ls.current.Code) {
		a += ` dir="` + map[bool]string{true: "rtl", false: "ltr"}[i18n.RTL(lang)] + `"`
	}
	return template.HTMLAttr(a)
}

// Rendered is a whole render as a Rendering already done: what the
// preview of a multilingual site serves, since it renders such a site
// whole after each change (Incremental renders one language).
func Rendered(out *Output) *Rendering {
	files := make(map[string]packed.File, len(out.Files))
	var rendered []string
	for p, b := range out.Files {
		files[p] = packed.Of(p, b)
		if strings.HasSuffix(p, ".html") {
			rendered = append(rendered, p)
		}
	}
	g := &Rendering{Rendered: rendered, pages: files, out: files, done: make(chan struct{})}
	close(g.done)
	slices.Sort(g.Rendered)
	return g
}
