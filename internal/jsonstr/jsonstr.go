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
		// Most of a text needs no escape: skip it eight bytes at a time
		// while it lasts, then a byte at a time in a loop that does
		// nothing else, and copy it in one append.
		i = skipPlainWords(s, i)
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(append(b, s[start:i]...), escapes[c]...)
			i++
			start = i
			continue
		}
		// A two-byte rune (Latin, Greek, Cyrillic...) is valid when its
		// lead byte is 0xC2 to 0xDF and a continuation byte follows.
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
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

// skipPlainWords returns i moved past the words of eight bytes from it
// on that need no escape and hold no byte of a multi-byte rune: none is a
// control character, '"', '\\', '<', '>', '&' or 0x80 and above. A zero
// byte in x is found by (x - 0x01…) &^ x & 0x80…, which is not zero
// exactly when x has one; a byte below 0x20 likewise with 0x20… in place
// of 0x01….
func skipPlainWords(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		q, bs, lt, gt, amp := x^'"'*ones, x^'\\'*ones, x^'<'*ones, x^'>'*ones, x^'&'*ones
		m := x | (x-0x20*ones)&^x | (q-ones)&^q | (bs-ones)&^bs |
			(lt-ones)&^lt | (gt-ones)&^gt | (amp-ones)&^amp
		if m&highs != 0 {
			break
		}
	}
	return i
}

// plain is true for the bytes a JSON string holds as they are: the ASCII
// bytes without an escape. Every byte of a multi-byte rune is false, for
// the rune is checked whole.
var plain = func() (p [256]bool) {
	for c := range utf8.RuneSelf {
		p[c] = escapes[c] == ""
	}
	return p
}()

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
