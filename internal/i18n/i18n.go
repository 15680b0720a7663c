// Package i18n puts a site in its readers' language: the interface
// strings of the built-in templates, plural forms, numbers, and dates
// with their month names, grammatical forms and order.
//
// The data comes from CLDR through two maintained libraries:
// golang.org/x/text for language tags (parsing, and the nearest shipped
// language as a suggestion) and plural rules (feature/plural), and
// github.com/gohugoio/locales for month names in their format (genitive)
// form, the long date pattern and the number symbols. gohugoio/locales
// is generated from CLDR, kept up by Hugo, has no dependencies besides
// x/text, and is one small package per language, so the binary carries
// only the languages it ships. It has no stand-alone (nominative) month
// names, which Slavic languages use alone with a year ("березень 2014"
// but "18 березня 2014"): a translation file gives them as `months`, in
// CLDR's stand-alone wide form.
//
// The translations are TOML files in locales/, embedded in the binary:
// one key per string, and a table of CLDR plural categories (one, few,
// many, other...) for a string that counts. A site overrides any key in
// its own i18n/LANG.toml. A key missing from a language is taken from
// English, with one warning naming it.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/gohugoio/locales"
	"github.com/gohugoio/locales/ar"
	"github.com/gohugoio/locales/de"
	"github.com/gohugoio/locales/en"
	"github.com/gohugoio/locales/es"
	"github.com/gohugoio/locales/fa"
	"github.com/gohugoio/locales/fr"
	"github.com/gohugoio/locales/he"
	"github.com/gohugoio/locales/pl"
	"github.com/gohugoio/locales/ru"
	"github.com/gohugoio/locales/uk"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var shipped embed.FS

// cldr holds the CLDR data of every language with a translation file.
var cldr = map[string]func() locales.Translator{
	"ar": ar.New, "de": de.New, "en": en.New, "es": es.New, "fa": fa.New,
	"fr": fr.New, "he": he.New, "pl": pl.New, "ru": ru.New, "uk": uk.New,
}

// rtl lists the shipped languages written right to left.
var rtl = map[string]bool{"ar": true, "he": true, "fa": true}

// Languages lists the languages shipped, by their code.
func Languages() []string {
	var out []string
	entries, _ := fs.ReadDir(shipped, "locales")
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	return out
}

// message is one string, or one per plural category.
type message map[plural.Form]string

// Locale is one language's strings, plural rules, numbers and dates.
type Locale struct {
	Lang string // the site's language code, as site.toml gives it ("uk")
	Dir  string // "rtl" or "ltr"

	base    string // the shipped language it uses ("uk" for "uk-UA")
	tag     language.Tag
	data    locales.Translator
	msgs    map[string]message
	english map[string]message
	// texts is the string T gives for each key that lookup finds with no
	// warning, in one map: every page asks for a score of labels.
	texts map[string]string

	months     [13]string // stand-alone (nominative), for a month alone or with a year
	dayPattern string     // "{day} {month} {year}", from CLDR's long date

	warnMu  sync.Mutex
	warned  map[string]bool
	Warning func(msg string) // told once per missing key; nil drops them
}

// Error is an unknown language, with the nearest shipped one.
type Error struct {
	Lang       string
	Suggestion string
}

func (e *Error) Error() string {
	return fmt.Sprintf("language %q is not one this generator ships", e.Lang)
}

// Help lists the languages shipped, and the nearest one.
func (e *Error) Help() string {
	s := "shipped languages: " + strings.Join(Languages(), ", ")
	if e.Suggestion != "" {
		s = fmt.Sprintf("did you mean %q? ", e.Suggestion) + s
	}
	return s + "; or add i18n/" + e.Lang + ".toml to the site with every key of the English file"
}

// New makes the locale of lang. override is the site's own
// i18n/LANG.toml, or nil; it may set any key, and may add a language that
// is not shipped when it gives every key. file names override in errors.
func New(lang string, override []byte, file string) (*Locale, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, &Error{Lang: lang, Suggestion: suggest(lang)}
	}
	base, _ := tag.Base()
	l := &Locale{Lang: lang, tag: tag, base: base.String(), warned: map[string]bool{}}
	if l.english, err = parse(mustRead("en"), "en.toml"); err != nil {
		return nil, err
	}
	src, err := fs.ReadFile(shipped, "locales/"+l.base+".toml")
	switch {
	case err == nil:
		if l.msgs, err = parse(src, l.base+".toml"); err != nil {
			return nil, err
		}
	case override == nil:
		return nil, &Error{Lang: lang, Suggestion: suggest(lang)}
	default:
		l.msgs = map[string]message{}
	}
	if override != nil {
		own, err := parse(override, file)
		if err != nil {
			return nil, err
		}
		for k, m := range own {
			l.msgs[k] = m
		}
	}
	l.Dir = "ltr"
	if rtl[l.base] {
		l.Dir = "rtl"
	}
	newData, ok := cldr[l.base]
	if !ok {
		newData = en.New
	}
	l.data = newData()
	l.initDates()
	l.texts = make(map[string]string, len(l.english))
	if l.base == "en" {
		for k, m := range l.english {
			l.texts[k] = m[plural.Other]
		}
	}
	for k, m := range l.msgs {
		l.texts[k] = m[plural.Other]
	}
	return l, nil
}

func mustRead(lang string) []byte {
	b, err := fs.ReadFile(shipped, "locales/"+lang+".toml")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return b
}

// suggest is the shipped language nearest to lang, by CLDR's language
// matching, or by spelling for what is not a language tag.
func suggest(lang string) string {
	langs := Languages()
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	if t, err := language.Parse(lang); err == nil {
		_, i, conf := language.NewMatcher(tags).Match(t)
		if conf > language.No {
			return langs[i]
		}
	}
	low := strings.ToLower(lang)
	if s, ok := mistaken[low]; ok {
		return s
	}
	for _, l := range langs {
		if strings.HasPrefix(low, l) {
			return l
		}
	}
	return ""
}

// mistaken are country codes often written for a language.
var mistaken = map[string]string{"ua": "uk", "sa": "ar", "eg": "ar", "il": "he", "ir": "fa"}

var forms = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other}

func parse(src []byte, file string) (map[string]message, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := make(map[string]message, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = message{plural.Other: v}
		case []any: // a list, as months: joined by "|"
			parts := make([]string, len(v))
			for i, p := range v {
				parts[i] = fmt.Sprint(p)
			}
			out[k] = message{plural.Other: strings.Join(parts, "|")}
		case map[string]any:
			m := message{}
			for f, s := range v {
				form, ok := forms[f]
				str, isStr := s.(string)
				if !ok || !isStr {
					return nil, fmt.Errorf("%s: %s.%s: a plural form is one of zero, one, two, few, many, other, and a string", file, k, f)
				}
				m[form] = str
			}
			if m[plural.Other] == "" {
				return nil, fmt.Errorf("%s: %s: a counted string needs its \"other\" form", file, k)
			}
			out[k] = m
		default:
			return nil, fmt.Errorf("%s: %s: want a string or a table of plural forms", file, k)
		}
	}
	return out, nil
}

// lookup finds key in the language, or in English with a warning.
func (l *Locale) lookup(key string) message {
	if m, ok := l.msgs[key]; ok {
		return m
	}
	m, ok := l.english[key]
	if l.base != "en" || !ok {
		l.warnMu.Lock()
		first := !l.warned[key]
		l.warned[key] = true
		l.warnMu.Unlock()
		if first && l.Warning != nil {
			if ok {
				l.Warning(fmt.Sprintf("no %q: using the English text", key))
			} else {
				l.Warning(fmt.Sprintf("no string %q in any language, nor in English", key))
			}
		}
	}
	if !ok {
		return message{plural.Other: key}
	}
	return m
}

// T is the string of key, with {name} filled from args, given in pairs:
// T("all_tags", "n", "12").
func (l *Locale) T(key string, args ...string) string { return fill(l.text(key), args) }

// text is the string of key before it is filled.
func (l *Locale) text(key string) string {
	if s, ok := l.texts[key]; ok {
		return s
	}
	return l.lookup(key)[plural.Other] // English's, or the key, told once
}

// N is the string of key for a count of n, in the plural form the
// language's rules choose, with {n} the count as the language writes it
// and {name} filled from args.
func (l *Locale) N(key string, n int, args ...string) string {
	m := l.lookup(key)
	s, ok := m[l.form(n)]
	if !ok {
		s = m[plural.Other]
	}
	return fill(s, append(args, "n", l.Num(n)))
}

func (l *Locale) form(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0)
}

// fill replaces each {name} in s with its value, args being pairs of a
// name and a value, as strings.ReplaceAll of each pair in turn would (a
// value may hold a later pair's {name}). A text whose braces are its
// placeholders alone is filled in one pass on the stack (appendFill), and
// made a string once, only if it changed: a build fills a few for every
// event.
func fill(s string, args []string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	if placeholdersOnly(s, args) {
		var buf [256]byte
		if b := appendPlaceholders(buf[:0], s, args); string(b) != s {
			return string(b)
		}
		return s
	}
	return fillInTurn(s, args)
}

// fillInTurn is fill as strings.ReplaceAll of each pair in turn, for any
// text: what fill is defined as.
func fillInTurn(s string, args []string) string {
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Num writes a count as the language does: digits grouped from 10,000
// up with its group separator ("12 345" in Ukrainian, "12.345" in
// German). English keeps the narrow no-break space of SI.
func (l *Locale) Num(n int) string {
	s := strconv.Itoa(n)
	digits := strings.TrimPrefix(s, "-")
	if len(digits) < 5 {
		return s
	}
	sep := "\u202f"
	if l.base != "en" {
		sep = l.group()
	}
	var b strings.Builder
	b.WriteString(s[:len(s)-len(digits)])
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return b.String()
}

// group is the language's digit group separator, read from how CLDR
// writes 1000.
func (l *Locale) group() string {
	s := l.data.FmtNumber(1000, 0)
	return strings.TrimSuffix(strings.TrimPrefix(s, "1"), "000")
}

// decimal is the language's decimal separator.
func (l *Locale) decimal() string {
	s := l.data.FmtNumber(1.5, 1)
	return strings.TrimSuffix(strings.TrimPrefix(s, "1"), "5")
}

// initDates reads the month names and the order of a date from CLDR.
func (l *Locale) initDates() {
	sample := time.Date(2014, 3, 18, 0, 0, 0, 0, time.UTC)
	p := l.data.FmtDateLong(sample)
	p = strings.Replace(p, l.data.MonthWide(3), "{month}", 1)
	p = strings.Replace(p, "2014", "{year}", 1)
	p = strings.Replace(p, "18", "{day}", 1)
	// CLDR's long date may end in an abbreviation of "year" ("2014 р.",
	// "2014 г."), which a date inside a sentence or a heading leaves out.
	if i := strings.Index(p, "{year}"); i >= 0 && !strings.Contains(p[i:], "{day}") && !strings.Contains(p[i:], "{month}") {
		p = p[:i+len("{year}")]
	}
	if !strings.Contains(p, "{day}") || !strings.Contains(p, "{month}") || !strings.Contains(p, "{year}") {
		p = "{day} {month} {year}"
	}
	l.dayPattern = p
	if own := l.msgs["months"][plural.Other]; own != "" {
		if names := strings.Split(own, "|"); len(names) == 12 {
			copy(l.months[1:], names)
			return
		}
		l.warn("months must list 12 names: using CLDR's")
	}
	for m := 1; m <= 12; m++ {
		l.months[m] = l.data.MonthWide(time.Month(m))
	}
}

func (l *Locale) warn(msg string) {
	if l.Warning != nil {
		l.Warning(msg)
	}
}

// Missing lists the keys of the English file that lang lacks: a check
// for a translation file.
func Missing(lang string) []string {
	l, err := New(lang, nil, "")
	if err != nil {
		return nil
	}
	var out []string
	for k := range l.english {
		if _, ok := l.msgs[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// scriptKeys are the strings timeline.js says, which the page hands it.
var scriptKeys = []string{"axis_label", "axis_help", "axis_hint", "axis_role", "zoom_in", "zoom_out",
	"whole_span", "now", "showing", "no_match", "clear_tag", "show_all", "of", "and",
	"bc", "million_years_ago", "billion_years_ago"}

// Script is what timeline.js needs of the language, as JSON: its strings,
// its BCP 47 tag for Intl's dates and numbers, and whether it is written
// right to left. English, the script's own default, gives "".
func (l *Locale) Script() string {
	if l.base == "en" {
		return ""
	}
	m := map[string]string{"lang": l.tag.String(), "dir": l.Dir}
	for _, k := range scriptKeys {
		m[k] = l.T(k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}

// searchKeys are the strings search.js and search-engine.js say; the
// counted ones go to the script as their table of plural forms, which it
// chooses from with Intl.PluralRules.
var searchKeys = []string{"search_form", "search_label", "search_results", "search_more",
	"search_found", "search_found_within", "search_none", "search_none_within", "search_unavailable"}

// SearchScript is what the search box needs of the language, as JSON: its
// strings, a counted one as an object of CLDR plural forms ({"one": …,
// "few": …}), and its BCP 47 tag. English, the script's own default,
// gives "".
func (l *Locale) SearchScript() string {
	if l.base == "en" {
		return ""
	}
	m := map[string]any{"lang": l.tag.String()}
	for _, k := range searchKeys {
		msg := l.lookup(k)
		if len(msg) == 1 {
			m[k] = msg[plural.Other]
			continue
		}
		byName := map[string]string{}
		for name, f := range forms {
			if s, ok := msg[f]; ok {
				byName[name] = s
			}
		}
		m[k] = byName
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}
