// Package jsonstr writes Go strings as JSON strings, escaped byte for byte
// as encoding/json escapes them: invalid UTF-8 replaced by U+FFFD, the
// short escapes \b \f \n \r \t, \u00XX for the other control characters
// and for <, > and & (so that a file stays inert where something takes it
// for HTML or script), and U+2028 and U+2029, which end a line in
// JavaScript. The build writes tens of thousands of small JSON files and
// timeline.json's hundreds of thousands of strings without encoding/json's
// reflection.
package jsonstr

import "unicode/utf8"

// Append appends s to b as a quoted JSON string.
func Append(b []byte, s string) []byte {
	return append(AppendEscaped(append(b, '"'), s), '"')
}

// AppendEscaped appends s to b escaped, without the quotes: a string may
// be written in parts.
func AppendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			e := escapes[c]
			if e == "" {
				i++
				continue
			}
			b = append(append(b, s[start:i]...), e...)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028':
			b = append(append(b, s[start:i]...), `\u2028`...)
		case r == '\u2029':
			b = append(append(b, s[start:i]...), `\u2029`...)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// escapes is the escape of each ASCII byte, or "" for those a JSON string
// holds as they are (encoding/json's htmlSafeSet).
var escapes = func() (esc [utf8.RuneSelf]string) {
	const hex = "0123456789abcdef"
	for c := range esc {
		switch c {
		case '"', '\\':
			esc[c] = `\` + string(rune(c))
		case '\b':
			esc[c] = `\b`
		case '\f':
			esc[c] = `\f`
		case '\n':
			esc[c] = `\n`
		case '\r':
			esc[c] = `\r`
		case '\t':
			esc[c] = `\t`
		default:
			if c < 0x20 || c == '<' || c == '>' || c == '&' {
				esc[c] = `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
			}
		}
	}
	return esc
}()
