package timeline

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
	"unique"
	"unsafe"

	"github.com/BurntSushi/toml"
)

// plainTOML decodes the plain TOML nearly every front matter is written in,
// about ten times faster than the TOML decoder, and into the very same map:
// the same Go types and values. Its strings are views of src (see borrow),
// which decodeTOML then gives memory of their own (ownStrings). ok is false
// for anything outside that subset, or for anything doubtful, and the caller
// then runs the TOML decoder, which stays the reference: its errors, and its
// values for everything else.
//
// The subset, one item a line:
//
//	# a comment, or a blank line
//	key = "a basic string, with \" \\ \n \t \u00e9 escapes"
//	key = 'a literal string'
//	key = 42          # an int64; no sign but -, no leading zero, no _
//	key = true        # or false
//	key = 2014-03-18  # a local date, as the TOML decoder makes it
//	key = ["one-line", 'array', "of strings"]
//	[table]
//	[[array-of-tables]]
//
// Keys and table names are bare (A-Z a-z 0-9 _ -) and one level deep; a
// repeated key, a table defined twice, or a table over a key gives up, as
// do dotted and quoted keys, inline tables, floats, times, multi-line
// strings and arrays, and any control character but the tab.
// FuzzFrontMatter checks that whatever this accepts, the TOML decoder
// accepts too and decodes to a deeply equal map.
func plainTOML(src []byte) (m map[string]any, ok bool) {
	if !plainText(src) {
		return nil, false
	}
	root := make(map[string]any, 8)
	table := root
	for i := 0; i < len(src); {
		i = skipBlank(src, i)
		if i == len(src) {
			break
		}
		switch c := src[i]; c {
		case '\n':
			i++
			continue
		case '#':
		case '[':
			array := i+1 < len(src) && src[i+1] == '['
			start := i + 1
			if array {
				start++
			}
			name, j, ok := bareKey(src, skipBlank(src, start))
			if !ok {
				return nil, false
			}
			j = skipBlank(src, j)
			if j == len(src) || src[j] != ']' {
				return nil, false
			}
			j++
			if array {
				if j == len(src) || src[j] != ']' {
					return nil, false
				}
				j++
			}
			i = j
			table = make(map[string]any, 8)
			if !array {
				if _, dup := root[name]; dup {
					return nil, false
				}
				root[name] = table
				break
			}
			var tables []map[string]any
			if v, ok := root[name]; ok {
				if tables, ok = v.([]map[string]any); !ok {
					return nil, false
				}
			}
			root[name] = append(tables, table)
		default:
			key, j, ok := bareKey(src, i)
			if !ok {
				return nil, false
			}
			j = skipBlank(src, j)
			if j == len(src) || src[j] != '=' {
				return nil, false
			}
			v, j, ok := plainValue(src, skipBlank(src, j+1))
			if !ok {
				return nil, false
			}
			if _, dup := table[key]; dup {
				return nil, false
			}
			table[key] = v
			i = j
		}
		// What follows an item on its line: blanks, then a comment.
		i = skipBlank(src, i)
		if i < len(src) && src[i] == '#' {
			for i < len(src) && src[i] != '\n' {
				i++
			}
		}
		if i < len(src) {
			if src[i] != '\n' {
				return nil, false
			}
			i++
		}
	}
	return root, true
}

// plainText reports whether src is UTF-8 without a control character but
// the tab and the newline; the TOML decoder refuses any other, anywhere.
func plainText(src []byte) bool {
	ascii := true
	for _, c := range src {
		switch {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.Valid(src)
}

func skipBlank(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// bareKey reads a bare key at src[i:].
func bareKey(src []byte, i int) (string, int, bool) {
	j := i
	for j < len(src) && isBareKeyByte(src[j]) {
		j++
	}
	if j == i {
		return "", i, false
	}
	return keyName(src[i:j]), j, true
}

// keyName returns the keys front matter uses without allocating.
func keyName(b []byte) string {
	switch string(b) {
	case "title":
		return "title"
	case "date":
		return "date"
	case "end":
		return "end"
	case "track":
		return "track"
	case "tags":
		return "tags"
	case "place":
		return "place"
	case "summary":
		return "summary"
	case "sources":
		return "sources"
	case "url":
		return "url"
	case "publisher":
		return "publisher"
	case "archive":
		return "archive"
	case "accessed":
		return "accessed"
	}
	return ownString(b)
}

// borrow returns the string that b holds, without a copy: a value of
// plainTOML's, which ownStrings copies before the caller sees it. b must
// not change until then.
func borrow(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// ownString makes a string of b as ownStrings would keep a short one:
// shared; a long one is copied.
func ownString(b []byte) string {
	if len(b) <= shortString {
		return unique.Make(string(b)).Value()
	}
	return string(b)
}

// plainValue reads a value at src[i:] and returns it with the index after it.
func plainValue(src []byte, i int) (any, int, bool) {
	if i == len(src) {
		return nil, i, false
	}
	switch c := src[i]; {
	case c == '"' || c == '\'':
		return plainString(src, i)
	case c == '[':
		arr := make([]any, 0, 2)
		for i = skipBlank(src, i+1); ; i = skipBlank(src, i) {
			if i < len(src) && src[i] == ']' {
				return arr, i + 1, true
			}
			var s any
			var ok bool
			if s, i, ok = plainString(src, i); !ok {
				return nil, i, false
			}
			arr = append(arr, s)
			if i = skipBlank(src, i); i < len(src) && src[i] == ',' {
				i = skipBlank(src, i+1)
				continue
			}
			if i == len(src) || src[i] != ']' {
				return nil, i, false
			}
		}
	case c == 't' || c == 'f':
		for _, w := range [...]string{"true", "false"} {
			if len(src)-i >= len(w) && string(src[i:i+len(w)]) == w {
				return w == "true", i + len(w), true
			}
		}
		return nil, i, false
	case c == '-' || '0' <= c && c <= '9':
		return plainNumber(src, i)
	}
	return nil, i, false
}

// plainString reads a one-line basic or literal string at src[i:].
func plainString(src []byte, i int) (any, int, bool) {
	if i == len(src) {
		return nil, i, false
	}
	q := src[i]
	if q != '"' && q != '\'' {
		return nil, i, false
	}
	if len(src)-i >= 3 && src[i+1] == q && src[i+2] == q {
		return nil, i, false // multi-line
	}
	start := i + 1
	j := start
	for j < len(src) && src[j] != q && src[j] != '\n' && (q == '\'' || src[j] != '\\') {
		j++
	}
	if j == len(src) || src[j] == '\n' {
		return nil, j, false
	}
	if src[j] == q {
		return borrow(src[start:j]), j + 1, true
	}
	// A basic string with escapes.
	buf := make([]byte, 0, len(src)-start)
	buf = append(buf, src[start:j]...)
	for {
		if j == len(src) || src[j] == '\n' {
			return nil, j, false
		}
		c := src[j]
		if c == '"' {
			return borrow(buf), j + 1, true
		}
		if c != '\\' {
			buf = append(buf, c)
			j++
			continue
		}
		if j+1 == len(src) {
			return nil, j, false
		}
		switch e := src[j+1]; e {
		case 'b':
			buf = append(buf, '\b')
		case 't':
			buf = append(buf, '\t')
		case 'n':
			buf = append(buf, '\n')
		case 'f':
			buf = append(buf, '\f')
		case 'r':
			buf = append(buf, '\r')
		case '"', '\\':
			buf = append(buf, e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if len(src)-(j+2) < n {
				return nil, j, false
			}
			var r rune
			for _, h := range src[j+2 : j+2+n] {
				var d byte
				switch {
				case '0' <= h && h <= '9':
					d = h - '0'
				case 'a' <= h && h <= 'f':
					d = h - 'a' + 10
				case 'A' <= h && h <= 'F':
					d = h - 'A' + 10
				default:
					return nil, j, false
				}
				r = r<<4 | rune(d)
			}
			if !utf8.ValidRune(r) {
				return nil, j, false
			}
			buf = utf8.AppendRune(buf, r)
			j += n
		default:
			return nil, j, false // \e, \x and the invalid ones
		}
		j += 2
	}
}

// plainNumber reads an integer, or a local date such as 2014-03-18, at src[i:].
func plainNumber(src []byte, i int) (any, int, bool) {
	j := i
	if src[j] == '-' {
		j++
	}
	d := j
	for j < len(src) && '0' <= src[j] && src[j] <= '9' {
		j++
	}
	digits := j - d
	if j < len(src) && src[j] == '-' && d == i && digits == 4 {
		return plainDate(src, i)
	}
	if digits == 0 || digits > 18 || digits > 1 && src[d] == '0' {
		return nil, i, false
	}
	n, err := strconv.ParseInt(string(src[i:j]), 10, 64)
	if err != nil {
		return nil, i, false
	}
	return n, j, true
}

func plainDate(src []byte, i int) (any, int, bool) {
	const layout = "2006-01-02"
	if len(src)-i < len(layout) {
		return nil, i, false
	}
	s := src[i : i+len(layout)]
	for k, c := range s {
		if layout[k] == '-' && c != '-' || layout[k] != '-' && (c < '0' || c > '9') {
			return nil, i, false
		}
	}
	t, err := time.ParseInLocation(layout, string(s), localDate())
	if err != nil {
		return nil, i, false
	}
	return t, i + len(layout), true
}

// localDate is the location the TOML decoder gives a local date, which it
// keeps in an internal package: it is taken from a decoded date.
var localDate = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err != nil {
		panic(err)
	}
	return m["d"].(time.Time).Location()
})
