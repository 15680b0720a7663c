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

// wordsInto is Words for the index, which makes millions of words: each is
// folded into buf, which fn may not keep.
func wordsInto(text string, buf []byte, fn func(w []byte, start, end int)) []byte {
	start := -1 // of the word being read
	digits := false
	ascii := true
	emit := func(end int) {
		w := text[start:end]
		buf = buf[:0]
		if ascii {
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			buf = append(buf, Fold(w)...)
		}
		if len(buf) > 0 {
			fn(buf, start, end)
		}
		start = -1
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
				if start < 0 {
					start, digits, ascii = i, false, true
				}
				digits = false
			case '0' <= c && c <= '9':
				if start < 0 {
					start, digits, ascii = i, true, true
				}
			case c == '-' && start >= 0 && digits && i+1 < len(text) && '0' <= text[i+1] && text[i+1] <= '9':
				// A date: the word goes on.
			default:
				if start >= 0 {
					emit(i)
				}
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
			start, ascii = i, false
			emit(i + size)
		case isWordRune(r):
			if start < 0 {
				start = i
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
