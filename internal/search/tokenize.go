package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Words calls fn with each word of text, folded (see Fold), and the byte
// offsets of the word in text. A word is a run of letters, digits and
// marks; anything else separates words. Two exceptions keep the rule
// useful beyond European languages and for dates:
//
//   - Han ideographs and kana are words of one character each, for
//     Chinese and Japanese write no spaces between words;
//   - digits joined by hyphens stay one word ("2014-03-05"), so that a
//     date typed as the site writes it in ISO form finds its events.
//
// static/search-engine.js splits and folds in the same way: the query
// must meet the index word for word.
func Words(text string, fn func(word string, start, end int)) {
	wordsInto(text, nil, func(w []byte, start, end int) { fn(string(w), start, end) })
}

// wordsInto is Words with each word folded into buf, which fn may not
// keep. A word of ASCII letters and digits, most words in most sites, is
// folded as it is read. (Analyze reads words by the same rules in
// scan.go, faster.)
func wordsInto(text string, buf []byte, fn func(w []byte, start, end int)) []byte {
	start := -1 // of the word being read
	digits := false
	ascii := true
	emit := func(end int) {
		if !ascii {
			buf = append(buf[:0], Fold(text[start:end])...)
		}
		if len(buf) > 0 {
			fn(buf, start, end)
		}
		start = -1
	}
	begin := func(i int, isASCII bool) {
		start, ascii, buf = i, isASCII, buf[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case letter:
				if start < 0 {
					begin(i, true)
				}
				digits = false
				c |= 0x20 // lower case
			case digit:
				if start < 0 {
					begin(i, true)
					digits = true
				}
			default:
				if c == '-' && start >= 0 && digits && i+1 < len(text) && text[i+1] < utf8.RuneSelf && asciiClass[text[i+1]] == digit {
					break // a date: the word goes on
				}
				if start >= 0 {
					emit(i)
				}
				i++
				continue
			}
			if ascii {
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isIdeograph(r):
			if start >= 0 {
				emit(i)
			}
			begin(i, false)
			emit(i + size)
		case isWordRune(r):
			if start < 0 {
				begin(i, false)
			}
			digits, ascii = false, false
		default:
			if start >= 0 {
				emit(i)
			}
		}
		i += size
	}
	if start >= 0 {
		emit(len(text))
	}
	return buf
}

const (
	other = iota
	letter
	digit
)

// asciiClass tells ASCII letters and digits from the rest.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = letter
		case '0' <= c && c <= '9':
			t[c] = digit
		}
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isIdeograph reports whether r is written without spaces around it: a
// Han ideograph, or Hiragana or Katakana.
func isIdeograph(r rune) bool {
	return r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// Fold makes a word comparable with what a reader types: lower case,
// without diacritics ("Genève" and "geneve" are one word, as are "Ёлка"
// and "елка"). It decomposes the word (NFD), drops the nonspacing marks,
// and composes it again (NFC), as the browser's
// s.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC") does; a
// final sigma becomes the plain one.
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	d := norm.NFD.String(strings.ToLower(w))
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	// Greek has a lower-case sigma for the end of a word, which text has
	// and lower-casing "Σ" does not give.
	return strings.ReplaceAll(norm.NFC.String(b.String()), "ς", "σ")
}
