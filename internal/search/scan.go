package search

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is the tokenizer of Analyze: wordsInto and htmlWords read
// into a wordSet directly, in one pass over a body with its tags and
// entities, for the millions of words of a large site's bodies. A word of
// ASCII letters, digits and date hyphens is found, then hashed eight bytes
// at a time and looked up where it stands in the text, folded as it is
// compared, and copied (folded) only when it is new to the event; any
// other word is read by wordsInto's rules (wordEnd) and folded with
// foldInto. TestScanMatchesWordsInto checks the two against each other.

// textClass sorts bytes for the scan of text: ASCII letters, digits, the
// rest of ASCII, and the bytes of longer UTF-8 sequences; htmlClass is
// textClass with the bytes that start a tag or an entity apart.
var textClass, htmlClass = func() (t, h [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = high
		default:
			t[c] = asciiClass[c]
		}
	}
	h = t
	h['<'], h['&'] = markup, markup
	return t, h
}()

const (
	high   = digit + 1
	markup = digit + 2
)

// A word of ASCII is folded by setting bit 5 of each of its bytes, which
// lower-cases a letter and leaves a digit or a hyphen as it is.
const fold8 = 0x2020202020202020

// addText adds the words of text to w, as wordsInto splits and folds
// them, with the fields in f; with stop, a stop word is left out.
func (w *wordSet) addText(text string, f uint8, stop bool) {
	w.scan(text, 0, f, stop, &textClass)
}

// scan is addText from text[i] to the end or to the first byte of class
// markup, and returns where it stopped.
func (w *wordSet) scan(text string, i int, f uint8, stop bool, class *[256]uint8) int {
	n := len(text)
	for i < n {
		k := class[text[i]]
		if k == other {
			i++
			continue
		}
		if k == markup {
			return i
		}
		start := i
		if k == high {
			i = w.addWord(text, start, f, stop)
			continue
		}
		// A word of ASCII, unless a rune of a word follows it. Its letters
		// are passed eight bytes at a time (see leadingLetters).
		first, seen := k, uint8(0)
		for i++; i < n; i++ {
			if i+8 <= n {
				if m := leadingLetters(load8(text, i)); m > 0 {
					seen |= letter
					if i += m - 1; m == 8 {
						continue
					}
					i++
					if i == n {
						break
					}
				}
			}
			k = class[text[i]]
			if k == letter || k == digit {
				seen |= k
				continue
			}
			// Digits joined by a hyphen: a date.
			if text[i] == '-' && first == digit && seen&letter == 0 && i+1 < n && class[text[i+1]] == digit {
				continue
			}
			break
		}
		if i < n && k == high {
			if r, _ := utf8.DecodeRuneInString(text[i:]); isWordRune(r) && !isIdeograph(r) {
				i = w.addWord(text, start, f, stop)
				continue
			}
		}
		w.markASCII(text[start:i], hashASCII(text, start, i), f, stop)
	}
	return i
}

// hashWord is the hash of a folded word, for the table of a wordSet: its
// bytes, eight at a time, multiplied in.
func hashWord(b []byte) uint32 {
	h := uint64(len(b))
	for ; len(b) >= 8; b = b[8:] {
		h = mix(h, uint64(b[0])|uint64(b[1])<<8|uint64(b[2])<<16|uint64(b[3])<<24|
			uint64(b[4])<<32|uint64(b[5])<<40|uint64(b[6])<<48|uint64(b[7])<<56)
	}
	if len(b) > 0 {
		var v uint64
		for j, c := range b {
			v |= uint64(c) << (8 * j)
		}
		h = mix(h, v)
	}
	return uint32(h >> 32)
}

// hashASCII is hashWord of text[start:end], a word of ASCII, folded.
func hashASCII(text string, start, end int) uint32 {
	h := uint64(end - start)
	i := start
	for ; end-i >= 8; i += 8 {
		h = mix(h, load8(text, i)|fold8)
	}
	if i < end {
		keep := uint64(1)<<(8*(end-i)) - 1
		var v uint64
		if i+8 <= len(text) {
			v = load8(text, i)
		} else {
			for j := i; j < end; j++ {
				v |= uint64(text[j]) << (8 * (j - i))
			}
		}
		h = mix(h, (v|fold8)&keep)
	}
	return uint32(h >> 32)
}

// leadingLetters returns how many of the eight bytes in v (the first in
// its lowest byte) are ASCII letters before the first that is not. Each
// byte, folded and without its top bit, gets its top bit from adding
// 0x1f when it is 'a' (0x61) or above, and from adding 0x05 when it is
// above 'z' (0x7a); neither sum carries into the next byte. A byte with
// its top bit set in v is not ASCII.
func leadingLetters(v uint64) int {
	const high = 0x8080808080808080
	x := (v | fold8) &^ high
	isLetter := (x + 0x1f1f1f1f1f1f1f1f) &^ (x + 0x0505050505050505) &^ v & high
	return bits.TrailingZeros64(^isLetter&high) / 8
}

func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func mix(h, v uint64) uint64 {
	h = (h ^ v) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// addWord adds the word that starts at text[start], which holds a rune
// of more than one byte, and returns where it ends.
func (w *wordSet) addWord(text string, start int, f uint8, stop bool) int {
	end := wordEnd(text, start)
	if end == start { // not a word: a separator of more than one byte
		_, size := utf8.DecodeRuneInString(text[start:])
		return start + size
	}
	w.buf = foldInto(w.buf[:0], text[start:end])
	if len(w.buf) > 0 {
		w.mark(w.buf, hashWord(w.buf), f, stop)
	}
	return end
}

// wordEnd returns where the word that starts at text[start] ends, by
// wordsInto's rules, or start when no word starts there.
func wordEnd(text string, start int) int {
	digits := false
	for i := start; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case letter:
				digits = false
			case digit:
				if i == start {
					digits = true
				}
			default:
				if c == '-' && i > start && digits && i+1 < len(text) && text[i+1] < utf8.RuneSelf && asciiClass[text[i+1]] == digit {
					break
				}
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isIdeograph(r):
			if i == start {
				return i + size // a word of its own
			}
			return i
		case isWordRune(r):
			digits = false
		default:
			return i
		}
		i += size
	}
	return len(text)
}

// markASCII is mark for a word of ASCII, s as the text has it (not yet
// folded) and h the hash of its folded form.
func (w *wordSet) markASCII(s string, h uint32, f uint8, stop bool) {
	mask := uint32(len(w.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		slot := &w.slots[k]
		if slot.at == 0 {
			for j := 0; j < len(s); j++ {
				w.text = append(w.text, s[j]|0x20)
			}
			w.add(k, h)
			w.masks[len(w.masks)-1] = f
			return
		}
		if slot.hash == h && equalFolded(w.text[slot.from:slot.to], s) {
			if i := int(slot.at - 1); !stop || i >= w.stops {
				w.masks[i] |= f
			}
			return
		}
	}
}

// equalFolded reports whether word is s, an ASCII word, folded.
func equalFolded(word []byte, s string) bool {
	if len(word) != len(s) {
		return false
	}
	for j := range len(word) {
		if word[j] != s[j]|0x20 {
			return false
		}
	}
	return true
}

// mark adds word b, of hash h and folded, with the fields in f; with
// stop, a stop word is left out.
func (w *wordSet) mark(b []byte, h uint32, f uint8, stop bool) {
	i, added := w.index(b, h)
	if !added && stop && i < w.stops {
		return
	}
	w.masks[i] |= f
}

// addHTML is addText for the text of HTML, as htmlWords reads it.
func (w *wordSet) addHTML(h string, f uint8) {
	for i := 0; i < len(h); {
		if i = w.scan(h, i, f, true, &htmlClass); i >= len(h) {
			break
		}
		if h[i] == '<' {
			if i = skipTag(h, i); i < 0 {
				break
			}
			continue
		}
		// An entity: to its ";", if near and before the next tag.
		i++
		for j := i; j < min(len(h), i+11) && h[j] != '<'; j++ {
			if h[j] == ';' {
				i = j + 1
				break
			}
		}
	}
}

// skipTag returns where the text after the tag that starts at h[i] ends,
// past the script or style the tag opens, or -1 when the tag or that
// element does not end.
func skipTag(h string, i int) int {
	e := strings.IndexByte(h[i:], '>')
	if e < 0 {
		return -1
	}
	tag := h[i+1 : i+e]
	i += e + 1
	if !maybeScript(tag) {
		return i
	}
	if name := strings.ToLower(tag); strings.HasPrefix(name, "script") || strings.HasPrefix(name, "style") {
		end := "</script"
		if name[1] == 't' {
			end = "</style"
		}
		k := strings.Index(strings.ToLower(h[i:]), end)
		if k < 0 {
			return -1
		}
		i += k
	}
	return i
}

// maybeScript reports whether tag may name a script or a style: false
// when it opens with an ASCII byte other than s or S (lower-casing only
// ASCII gives those; any other opening byte is left to strings.ToLower).
func maybeScript(tag string) bool {
	return len(tag) > 0 && (tag[0]|0x20 == 's' || tag[0] >= utf8.RuneSelf)
}

// foldInto appends Fold(s) to b, s a word of wordsInto. A word of ASCII
// and of the Latin, Greek and Cyrillic letters of foldTable is folded a
// rune at a time; any other is left to Fold.
func foldInto(b []byte, s string) []byte {
	foldOnce.Do(makeFoldTable)
	start := len(b)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, c|0x20)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= foldTableEnd || foldTable[r-utf8.RuneSelf] == "" {
			return append(b[:start], Fold(s)...)
		}
		b = append(b, foldTable[r-utf8.RuneSelf]...)
		i += size
	}
	return b
}

// foldTable is Fold of each rune from U+0080 to before foldTableEnd whose
// fold a word's can be made of, rune by rune (TestFoldTable checks every
// pair), or "" for one left to Fold: the combining marks, which Fold
// drops or composes with the rune before them.
var (
	foldTable [foldTableEnd - utf8.RuneSelf]string
	foldOnce  sync.Once
)

const foldTableEnd = 0x530 // Cyrillic Supplement's end

func makeFoldTable() {
	for r := rune(utf8.RuneSelf); r < foldTableEnd; r++ {
		if !foldable(r) {
			continue
		}
		f := Fold(string(r))
		ok := f != ""
		for _, c := range f {
			ok = ok && (c < utf8.RuneSelf || foldable(c))
		}
		if ok {
			foldTable[r-utf8.RuneSelf] = f
		}
	}
}

// foldable reports whether r is a letter or digit of foldTable's range
// that no rune before or after it composes with.
func foldable(r rune) bool {
	return r < foldTableEnd && !unicode.IsMark(r) && isWordRune(r) &&
		norm.NFC.PropertiesString(string(r)).CCC() == 0 && norm.NFD.PropertiesString(string(r)).CCC() == 0
}
