package render

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/timeline-ssg/timeline/internal/i18n"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// english is the locale of the functions that predate languages
// (spanLength), for their tests, and of a renderer without one.
var english = func() *i18n.Locale {
	l, err := i18n.New("en", nil, "")
	if err != nil {
		panic(err) // the English file is embedded: cannot happen
	}
	return l
}()

// buildLocale is a site's locale for one render, with the warnings it
// gave: a key missing from the site's language, told once each.
type buildLocale struct {
	*i18n.Locale
	mu       sync.Mutex
	warnings []string
}

// siteLocale makes the locale of site.toml's language, with the site's
// own i18n/LANG.toml laid over the shipped strings. An unknown language is
// an error at its line of site.toml.
func siteLocale(site *timeline.Site, theme fs.FS) (*buildLocale, error) {
	cfg := site.Config
	file := "i18n/" + cfg.Language + ".toml"
	own, err := fs.ReadFile(theme, file)
	if err != nil {
		// A language that is no file's name ("../x") is not one: New says so.
		if !errors.Is(err, fs.ErrNotExist) && fs.ValidPath(file) {
			return nil, &timeline.Error{File: file, Msg: err.Error()}
		}
		own = nil
	}
	loc, err := i18n.New(cfg.Language, own, file)
	if err != nil {
		var unknown *i18n.Error
		if errors.As(err, &unknown) {
			return nil, &timeline.Error{File: "site.toml", Line: cfg.LanguageLine, Msg: err.Error(), Help: unknown.Help()}
		}
		return nil, localeError(file, own, err)
	}
	b := &buildLocale{Locale: loc}
	loc.Warning = func(msg string) {
		b.mu.Lock()
		b.warnings = append(b.warnings, msg)
		b.mu.Unlock()
	}
	return b, nil
}

// localeError places an error in the site's i18n/LANG.toml, whose text is
// src, at its line when it has one.
func localeError(file string, src []byte, err error) *timeline.Error {
	e := &timeline.Error{File: file, Msg: strings.TrimPrefix(err.Error(), file+": ")}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// Counted from the byte offset, as for front matter: the
		// decoder's own line is one too far at a newline.
		e.Line = pe.Position.Line
		if start := pe.Position.Start; start >= 0 && start <= len(src) {
			e.Line = 1 + bytes.Count(src[:start], []byte("\n"))
		}
		e.Msg = "TOML: " + pe.Message
	}
	return e
}

// done adds the locale's warnings to the site's.
func (b *buildLocale) done(site *timeline.Site) {
	b.mu.Lock()
	defer b.mu.Unlock()
	slices.Sort(b.warnings)
	for _, w := range b.warnings {
		site.Warnings = append(site.Warnings, &timeline.Error{File: "i18n/" + site.Config.Language + ".toml", Msg: w})
	}
	b.warnings = nil
}
