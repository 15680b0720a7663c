package timeline

import (
	"cmp"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A multilingual site has a default language (language in site.toml),
// whose pages stay at the root, and a [languages.LANG] table for each
// other language, whose pages are under /LANG/. A translation of a
// content file sits beside it with the language before the extension, as
// Hugo has it: content/events/crimea.uk.md, content/events/crimea/index.uk.md
// (sharing the bundle's files), content/_index.uk.md, content/about.uk.md.
// An event is the same in every language by its slug.

// LanguageConfig is one [languages.LANG] table of site.toml: what a
// language other than the default says in place of the site's settings.
type LanguageConfig struct {
	Code        string // "uk"
	Line        int    // the line of its table in site.toml
	Title       string
	Description string
	Author      string // "" keeps the site's
	Copyright   string // "" keeps the site's
	// Eras are the titles and summaries of the site's eras, in the
	// language, in their order; the dates are the site's.
	Eras []EraText
}

// EraText is an era's words in one language.
type EraText struct{ Title, Summary string }

// Untranslated settings: what a language shows of an event, page or
// intro that has no translation into it.
const (
	UntranslatedOmit    = "omit"    // leave it out (the default)
	UntranslatedDefault = "default" // show the default language's
)

// tagShape is the shape of a language tag (BCP 47): what a language's
// folder and file suffix may be named.
var tagShape = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

var (
	languageKeys    = []string{"title", "description", "author", "copyright", "eras"}
	languageEraKeys = []string{"title", "summary"}
)

// decodeLanguages reads [languages.LANG] and untranslated into c, whose
// eras are read already.
func decodeLanguages(f *fields, c *Config) {
	switch u := f.str("untranslated"); u {
	case "", UntranslatedOmit:
		c.Untranslated = UntranslatedOmit
	case UntranslatedDefault:
		c.Untranslated = u
	default:
		f.errs.add(f.file, f.line("untranslated"), "untranslated = %q must be %q (leave the event out) or %q (show the default language's)",
			u, UntranslatedOmit, UntranslatedDefault)
	}
	t := f.table("languages")
	if t == nil {
		return
	}
	for code, v := range t {
		line := f.lines.at("languages." + code)
		lt, ok := v.(map[string]any)
		if !ok {
			f.errs.add(f.file, line, "languages.%s: expected a table [languages.%s] with the language's title, got %s", code, code, tomlType(v))
			continue
		}
		if line == 0 {
			line = f.line("languages")
		}
		lf := &fields{file: f.file, m: lt, lines: f.lines, prefix: "languages." + code + ".",
			where: " in [languages." + code + "]", line0: line, errs: f.errs}
		lf.unknown(languageKeys)
		if !tagShape.MatchString(code) {
			f.errs.add(f.file, line, "[languages.%s]: %q is not a language tag", code, code).Help =
				`a language is named by its code, as in [languages.uk] or [languages.pt-BR]`
			continue
		}
		if code == c.Language {
			f.errs.add(f.file, line, "[languages.%s] is the site's default language (language = %q)", code, c.Language).Help =
				"the default language takes its title and eras from the top of site.toml; [languages] lists the others"
			continue
		}
		l := LanguageConfig{Code: code, Line: line, Title: strings.TrimSpace(lf.str("title")),
			Description: strings.TrimSpace(lf.str("description")), Author: lf.str("author"), Copyright: lf.str("copyright")}
		if l.Title == "" {
			l.Title = c.Title
		}
		l.Eras = decodeEraTexts(lf, lt["eras"], c.Eras)
		c.Languages = append(c.Languages, l)
	}
	slices.SortFunc(c.Languages, func(a, b LanguageConfig) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Code, b.Code))
	})
}

// decodeEraTexts reads [[languages.LANG.eras]]: one for each of the site's
// eras, in their order, with only the words.
func decodeEraTexts(f *fields, v any, eras []Era) []EraText {
	out := make([]EraText, len(eras))
	for i, e := range eras {
		out[i] = EraText{Title: e.Title, Summary: e.Summary}
	}
	if v == nil {
		return out
	}
	tables, ok := v.([]map[string]any)
	if !ok {
		f.typeError("eras", "[[languages.LANG.eras]] tables with a title and a summary", v)
		return out
	}
	if len(tables) != len(eras) {
		f.errs.add(f.file, f.line("eras"), "%d eras%s, but the site has %d", len(tables), f.where, len(eras)).Help =
			"give one [[" + strings.TrimSuffix(f.prefix, ".") + ".eras]] for each [[eras]] of the site, in the same order"
	}
	for i, t := range tables {
		key := f.prefix + "eras#" + strconv.Itoa(i)
		ef := &fields{file: f.file, m: t, lines: f.lines, prefix: key + ".", where: " in [[" + strings.TrimSuffix(f.prefix, ".") + ".eras]]",
			line0: f.lines.at(key), errs: f.errs}
		for _, k := range []string{"date", "end"} {
			if _, ok := t[k]; ok {
				f.errs.add(f.file, ef.line(k), "%s%s: an era's dates are the site's", k, ef.where).Help =
					"a language gives only an era's title and summary; its dates come from the [[eras]] at the top of site.toml"
				delete(t, k)
			}
		}
		ef.unknown(languageEraKeys)
		if i >= len(out) {
			continue
		}
		if s := strings.TrimSpace(ef.str("title")); s != "" {
			out[i].Title = s
		}
		if s := strings.TrimSpace(ef.str("summary")); s != "" {
			out[i].Summary = s
		}
	}
	return out
}

// In returns the settings of the site in the language code (one of
// Languages): its title, description and eras in that language, its
// pages under /code/.
func (c Config) In(l LanguageConfig) Config {
	t := c
	t.Language, t.LanguageLine = l.Code, l.Line
	t.Title, t.Description = l.Title, l.Description
	if l.Author != "" {
		t.Author = l.Author
	}
	if l.Copyright != "" {
		t.Copyright = l.Copyright
	}
	if t.BaseURL != "" {
		t.BaseURL += l.Code + "/"
	}
	t.Eras = slices.Clone(c.Eras)
	for i := range t.Eras {
		if i < len(l.Eras) {
			t.Eras[i].Title, t.Eras[i].Summary = l.Eras[i].Title, l.Eras[i].Summary
		}
	}
	t.Languages = nil
	return t
}

// strayLanguages returns files but those a one-language site cannot have:
// a translation (crimea.uk.md), which it reports in errs, since the site
// has no other language.
func strayLanguages(files []string, lang string, errs *ErrorList) []string {
	return slices.DeleteFunc(files, func(f string) bool { return strayLanguage(f, lang, errs) })
}

// strayLanguage reports whether file is a translation in a one-language
// site whose language is lang, adding the error to errs.
func strayLanguage(file, lang string, errs *ErrorList) bool {
	t := &langTree{names: []string{lang}}
	_, l := languageSuffix(path.Base(file), t.names)
	if l == "" || l == lang {
		return false
	}
	errs.add(file, 0, "language %q is not one of the site's: %s", l, lang).Help = t.suggest(l)
	return true
}

// loadLanguages loads a site with [languages]: the default language's
// site, with the others' in Translations.
func loadLanguages(fsys fs.FS, config Config, opts Options, errs ErrorList) (*Site, error) {
	tree := readLanguages(fsys, config, &errs)
	def := tree.view("", false)
	site, lerrs, ok := loadSite(def, config, opts, nil)
	errs = appendNew(errs, site.SourceErrors(lerrs).(ErrorList))
	if !ok {
		return nil, errs.Err()
	}
	codes := make([]string, len(config.Languages))
	for i, l := range config.Languages {
		codes[i] = l.Code
		v := tree.view(l.Code, config.Untranslated == UntranslatedDefault)
		t, terrs, ok := loadSite(v, config.In(l), opts, nil)
		errs = appendNew(errs, t.SourceErrors(terrs).(ErrorList))
		if !ok {
			return nil, errs.Err()
		}
		for _, e := range t.Events {
			if v.borrowed[e.File] {
				e.Lang = config.Language
			}
		}
		for _, p := range append(slices.Clone(t.Pages), t.Intro) {
			if p != nil && v.borrowed[p.File] {
				p.Lang = config.Language
			}
		}
		site.Translations = append(site.Translations, t)
	}
	// A page of the default language may not take a language's folder.
	site.Pages = slices.DeleteFunc(site.Pages, func(p *Page) bool {
		first, _, _ := strings.Cut(p.Path, "/")
		if slices.Contains(codes, first) {
			errs.add(site.SourceFile(p.File), 1, "page path /%s/ is taken by the pages in %q", p.Path, first).Help =
				"rename the file or its folder, or set slug = \"...\" in its front matter"
			return true
		}
		return false
	})
	return site, errs.Err()
}

// appendNew appends to list the errors of more it does not hold already:
// a file that every language shows (untranslated = "default") is loaded
// once for each.
func appendNew(list, more ErrorList) ErrorList {
	for _, e := range more {
		if !slices.ContainsFunc(list, func(o *Error) bool { return *o == *e }) {
			list = append(list, e)
		}
	}
	return list
}

// Multilingual reports whether the site in fsys has other languages than
// its default ([languages] in site.toml).
func Multilingual(fsys fs.FS) bool {
	var errs ErrorList
	c, ok := loadConfig(fsys, &errs)
	return ok && len(c.Languages) > 0
}
