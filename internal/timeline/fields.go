package timeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// fields reads typed values out of a decoded TOML table, recording an error
// with the key's line for every value of the wrong type and every key that
// is not known. Decoding by hand rather than into a struct is what lets
// every error carry its line and a suggestion.
type fields struct {
	file   string
	m      map[string]any
	lines  *keyLineIndex
	prefix string // "sources#2." inside an array of tables
	where  string // " in [[sources]]": the table, for messages
	line0  int    // line of the table itself, for missing keys
	// table0, when set, finds line0 instead, when an error needs it.
	table0 func() int
	errs   *ErrorList
}

func (f *fields) line(key string) int {
	if n, ok := f.lines.get(f.prefix + key); ok {
		return n
	}
	return f.tableLine()
}

// tableLine is the line of the table itself.
func (f *fields) tableLine() int {
	if f.table0 != nil {
		return f.table0()
	}
	return f.line0
}

func (f *fields) typeError(key, want string, v any) {
	f.errs.add(f.file, f.line(key), "%s: expected %s, got %s", key, want, tomlType(v))
}

func (f *fields) str(key string) string {
	v, ok := f.m[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.typeError(key, "a string", v)
	}
	return s
}

func (f *fields) strs(key string) []string {
	v, ok := f.m[key]
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return []string{s} // tags = "crimea" is plainly one tag
	}
	list, ok := v.([]any)
	if !ok {
		f.typeError(key, "an array of strings", v)
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			f.typeError(key, "an array of strings", x)
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (f *fields) boolean(key string) bool {
	v, ok := f.m[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		f.typeError(key, "true or false", v)
	}
	return b
}

func (f *fields) integer(key string) int {
	v, ok := f.m[key]
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok || n < -1e9 || n > 1e9 {
		f.typeError(key, "an integer", v)
	}
	return int(n)
}

// date reads a date in any of an event's forms ("2021-12", "~2021",
// a TOML date), reporting a bad one with the accepted forms.
func (f *fields) date(key string) Date {
	v, ok := f.m[key]
	if !ok {
		return Date{}
	}
	d, err := dateFromTOML(v)
	if err != nil {
		f.errs.add(f.file, f.line(key), "%s%s: %s", key, f.where, err).Help = DateForms
	}
	return d
}

func (f *fields) table(key string) map[string]any {
	v, ok := f.m[key]
	if !ok {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		f.typeError(key, "a table", v)
	}
	return t
}

// unknown reports every key not in known, suggesting the closest known key.
func (f *fields) unknown(known []string) {
	keys := make([]string, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		e := f.errs.add(f.file, f.line(k), "unknown key %q%s", k, f.where)
		if s := closest(k, known); s != "" {
			e.Msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			e.Help = "known keys: " + strings.Join(known, ", ")
		}
	}
}

// Closest returns the known word nearest to w by edit distance, if it is
// near enough to be a likely typo, and "" otherwise. The command line
// uses it for commands and flags.
func Closest(w string, known []string) string { return closest(w, known) }

// closest returns the known word nearest to w by edit distance, if it is
// near enough to be a likely typo.
func closest(w string, known []string) string {
	best, bestD := "", 1<<30
	lw := strings.ToLower(w)
	for _, k := range known {
		if d := editDistance(lw, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= max(1, len(w)/3) || strings.EqualFold(w, best) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
			// A swap of two neighbours ("titel") counts as one edit.
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// sub is the fields of the table key of f (site.toml's [feed], say), or
// nil when f has none.
func (f *fields) sub(key string) *fields {
	t := f.table(key)
	if t == nil {
		return nil
	}
	return &fields{file: f.file, m: t, lines: f.lines, prefix: f.prefix + key + ".", where: " in [" + key + "]", line0: f.line(key), errs: f.errs}
}

// atLeastOne sets *dst to the integer at key when there is one, and
// reports msg at its line when that is below 1. A value of another type
// is reported by integer.
func (f *fields) atLeastOne(key string, dst *int, msg string) {
	v, ok := f.m[key]
	if !ok {
		return
	}
	*dst = f.integer(key)
	if _, isInt := v.(int64); isInt && *dst < 1 {
		f.errs.add(f.file, f.line(key), "%s", msg)
	}
}
