package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is the tokenizer of Analyze: wordsInto and htmlWords read
// into a wordSet directly, for the millions of words of a large site's
// bodies. A word of ASCII letters, digits and date hyphens is hashed as
// it is read and looked up where it stands in the text, folded as it is
// compared, and copied (folded) only when it is new to the event; any
// other word is read by wordsInto's rules (wordEnd) and folded with
// foldInto. TestScanMatchesWordsInto checks the two against each other.

// byteClass sorts bytes for the scan: ASCII letters, digits, the rest of
// ASCII, and the bytes of longer UTF-8 sequences.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = high
		default:
			t[c] = asciiClass[c]
		}
	}
	return t
}()

const high = digit + 1

// lowerASCII is an ASCII byte in lower case, and any other byte as it is.
var lowerASCII = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] = byte(c) | 0x20
		}
	}
	return t
}()

// addText adds the words of text to w, as wordsInto splits and folds
// them, with the fields in f; with stop, a stop word is left out.
func (w *wordSet) addText(text string, f uint8, stop bool) {
	n := len(text)
	for i := 0; i < n; {
		k := byteClass[text[i]]
		if k == other {
			i++
			continue
		}
		start := i
		if k == high {
			i = w.addWord(text, start, f, stop)
			continue
		}
		// A word of ASCII, unless a rune of a word follows it.
		h := uint32(hashOffset)
		digits := k == digit
		for {
			h = (h ^ uint32(lowerASCII[text[i]])) * hashPrime
			if i++; i == n {
				break
			}
			c := text[i]
			k = byteClass[c]
			if k == letter {
				digits = false
				continue
			}
			if k == digit || c == '-' && digits && i+1 < n && byteClass[text[i+1]] == digit {
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
		w.markASCII(text[start:i], h, f, stop)
	}
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
				w.text = append(w.text, lowerASCII[s[j]])
			}
			w.add(slot, h)
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
		if word[j] != lowerASCII[s[j]] {
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
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			j = len(h) - i
		}
		for text := h[i : i+j]; len(text) > 0; {
			k := strings.IndexByte(text, '&')
			if k < 0 {
				w.addText(text, f, true)
				break
			}
			w.addText(text[:k], f, true)
			text = text[k:]
			// An entity: to its ";", if near.
			e := strings.IndexByte(text[:min(len(text), 12)], ';')
			text = text[max(e, 0)+1:]
		}
		i += j
		if i >= len(h) {
			break
		}
		if i = skipTag(h, i); i < 0 {
			break
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
			b = append(b, lowerASCII[c])
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
