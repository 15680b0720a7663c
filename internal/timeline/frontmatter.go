package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
	"unique"

	"github.com/BurntSushi/toml"
)

// A document is a content file split into its TOML front matter and its
// Markdown body, with the line each starts on so that errors in either point
// at the right line of the file.
type document struct {
	Front     []byte // between the +++ lines; nil when the file has none
	FrontLine int    // line of the first front-matter line
	Body      []byte
	BodyLine  int // line of the first body line
}

var bom = []byte("\xef\xbb\xbf")

// normalize removes a UTF-8 byte-order mark and turns CRLF line endings into
// LF. Neither changes the line count, so line numbers stay true.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

// splitFrontMatter splits a file that starts with a line "+++" at the next
// such line. A file that does not start with "+++" has no front matter.
func splitFrontMatter(src []byte) (document, error) {
	src = normalize(src)
	if !utf8.Valid(src) {
		return document{}, &lineError{line: invalidUTF8Line(src), msg: "not valid UTF-8 text", help: "save the file as UTF-8"}
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	switch strings.TrimRight(string(first), " \t") {
	case "+++":
	case "---":
		return document{}, &lineError{line: 1, msg: "front matter between --- lines (YAML) is not supported", help: "write TOML front matter between +++ lines"}
	default:
		return document{Body: src, BodyLine: 1}, nil
	}
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest)
		if end >= 0 {
			l = rest[off : off+end]
			next = off + end + 1
		} else {
			l = rest[off:]
		}
		if string(bytes.TrimRight(l, " \t")) == "+++" {
			return document{Front: rest[:off], FrontLine: 2, Body: rest[next:], BodyLine: line + 1}, nil
		}
		off = next
		line++
	}
	return document{}, &lineError{line: 1, msg: "front matter opened with +++ is never closed", help: "add a line +++ after the last front-matter key"}
}

func invalidUTF8Line(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

// lineError is an error at a line of one file; the loader adds the file.
type lineError struct {
	line int
	msg  string
	help string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// decodeTOML parses front matter (or site.toml) into a map. A syntax error
// comes back as a lineError at the line of the whole file, shifted by the
// line the TOML starts on.
func decodeTOML(src []byte, firstLine int) (map[string]any, error) {
	if m, ok := plainTOML(src); ok {
		ownStrings(m)
		return m, nil
	}
	m := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The line is counted from the error's byte offset: the decoder's
			// own line is one too far when the offending byte is a newline.
			line := pe.Position.Line
			if start := pe.Position.Start; start >= 0 && start <= len(src) {
				line = 1 + bytes.Count(src[:start], []byte("\n"))
			}
			return nil, &lineError{line: line + firstLine - 1, msg: "TOML: " + pe.Message, help: tomlHelp(pe)}
		}
		return nil, &lineError{line: firstLine, msg: "TOML: " + err.Error()}
	}
	ownStrings(m)
	return m, nil
}

// shortString is the longest string ownStrings shares: tags, tracks,
// places, the values many events repeat.
const shortString = 32

// ownStrings gives each string of a decoded TOML value memory of its own.
// The decoder makes some of them slices of the whole text (and plainTOML
// all of them), so that an event's title or tag would keep its file's
// front matter in memory for as long as the site is loaded: over a quarter
// of what a large site's events hold. Short strings are shared
// (unique.Make copies them) since events repeat them; the others, and
// titles, URLs and summaries (see copied), are copied into one array for
// the whole value, so that an event's title, summary and sources are one
// object rather than five or six: the collector's work grows with the
// objects a large site holds (a 100,000-event build took about 3% less
// CPU time).
func ownStrings(v any) any {
	var arena []byte
	if n := copiedBytes("", v); n > 0 {
		arena = make([]byte, 0, n)
	}
	return own("", v, &arena)
}

// copied reports whether ownStrings copies the string s of key rather
// than share it: a long one, or a title, URL or summary, which events
// seldom repeat however short (an event's or a source's), so that sharing
// them would only fill unique's table.
func copied(key, s string) bool {
	return len(s) > shortString || key == "title" || key == "url" || key == "summary"
}

// copiedBytes is the length of the strings in v, under key, that
// ownStrings copies.
func copiedBytes(key string, v any) int {
	n := 0
	switch v := v.(type) {
	case string:
		if copied(key, v) {
			n = len(v)
		}
	case map[string]any:
		for k, x := range v {
			n += copiedBytes(k, x)
		}
	case []any:
		for _, x := range v {
			n += copiedBytes(key, x)
		}
	case []map[string]any:
		for _, x := range v {
			n += copiedBytes(key, x)
		}
	}
	return n
}

// own is ownStrings for v under key, copying strings to the end of arena,
// which has room for them all (copiedBytes): it never grows, so the
// strings copied stay where they are.
func own(key string, v any, arena *[]byte) any {
	switch v := v.(type) {
	case string:
		if !copied(key, v) {
			return unique.Make(v).Value()
		}
		at := len(*arena)
		*arena = append(*arena, v...)
		return borrow((*arena)[at:])
	case map[string]any:
		for k, x := range v {
			v[k] = own(k, x, arena)
		}
	case []any:
		for i, x := range v {
			v[i] = own(key, x, arena)
		}
	case []map[string]any:
		for _, x := range v {
			own(key, x, arena)
		}
	}
	return v
}

func tomlHelp(pe toml.ParseError) string {
	if pe.Usage == "" {
		return ""
	}
	return strings.TrimSpace(pe.Usage)
}

// keyLineIndex is keyLines of a TOML text, made on first use: a line is
// needed only for an error, or for the rare key whose line an error found
// later may need (an event's image), and the scan cost as much as a
// fifth of decoding an event's front matter.
type keyLineIndex struct {
	src   []byte
	first int
	lines map[string]int
}

func newKeyLineIndex(src []byte, firstLine int) *keyLineIndex {
	return &keyLineIndex{src: src, first: firstLine}
}

// get returns the line key is set on.
func (x *keyLineIndex) get(key string) (int, bool) {
	if x.lines == nil {
		x.lines = keyLines(x.src, x.first)
	}
	n, ok := x.lines[key]
	return n, ok
}

// at returns the line key is set on, or 0.
func (x *keyLineIndex) at(key string) int {
	n, _ := x.get(key)
	return n
}

// keyLines maps each key of a TOML text to the line it is set on, so that
// errors found after decoding (unknown keys, bad values) can name the line.
// Keys in tables are "table.key"; in the Nth [[array]] table,
// "array#N.key" (N from 0). It is a line scan, not a parser: it only needs
// to find where keys start, and the text is known to be valid TOML.
func keyLines(src []byte, firstLine int) map[string]int {
	lines := map[string]int{}
	prefix := ""
	arrays := map[string]int{}
	inMultiline := ""
	for i, raw := range strings.Split(string(src), "\n") {
		n := firstLine + i
		l := strings.TrimSpace(raw)
		if inMultiline != "" {
			if strings.Count(l, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		switch {
		case l == "" || l[0] == '#':
			continue
		case strings.HasPrefix(l, "[["):
			name := tomlKeyText(strings.TrimSuffix(strings.TrimSpace(strings.Split(l[2:], "]]")[0]), " "))
			prefix = fmt.Sprintf("%s#%d", name, arrays[name])
			arrays[name]++
			setLine(lines, name, n)
			setLine(lines, prefix, n)
			continue
		case l[0] == '[':
			prefix = tomlKeyText(strings.Split(l[1:], "]")[0])
			setLine(lines, prefix, n)
			continue
		}
		key, value, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		k := tomlKeyText(key)
		if prefix != "" {
			k = prefix + "." + k
		}
		setLine(lines, k, n)
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(value, q)%2 == 1 {
				inMultiline = q
			}
		}
	}
	return lines
}

func setLine(lines map[string]int, key string, n int) {
	if _, ok := lines[key]; !ok {
		lines[key] = n
	}
}

// tomlKeyText turns a written key (` "a b" . c `) into its dotted name.
func tomlKeyText(s string) string {
	parts := splitKey(strings.TrimSpace(s))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return strings.Join(parts, ".")
}

// tomlType names a decoded TOML value's type for error messages.
func tomlType(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("a string %q", v)
	case int64:
		return fmt.Sprintf("an integer %d", v)
	case float64:
		return fmt.Sprintf("a number %v", v)
	case bool:
		return fmt.Sprintf("a boolean %v", v)
	case time.Time:
		return "a date"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T", v)
}

// splitKey splits a written key at its dots, but those inside quotes:
// [languages."pt.BR"] is two parts.
func splitKey(s string) []string {
	var parts []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}
