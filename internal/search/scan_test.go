package search

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// refAnalyze is the words of Analyze (word, 0, fields, and again) made
// the plain way: wordsInto and htmlWords, which Words and the tests of
// search.go check, into a wordSet through index.
func refAnalyze(a *Analyzer, e *Event) []byte {
	w := &wordSet{slots: make([]wordSlot, 1024)}
	for _, s := range a.stopList {
		w.index([]byte(s), hashWord([]byte(s)))
	}
	w.stops = len(w.masks)
	var buf []byte
	add := func(f int, text string, stop bool) {
		buf = wordsInto(text, buf, func(b []byte, _, _ int) { w.mark(b, hashWord(b), 1<<f, stop) })
	}
	add(FieldTitle, e.Title, false)
	add(FieldMeta, e.Place, true)
	add(FieldMeta, e.TrackName, true)
	for _, t := range e.TagNames {
		add(FieldMeta, t, true)
	}
	add(FieldMeta, e.Date, true)
	for _, dw := range e.DateWords {
		add(FieldMeta, dw, false)
	}
	body := func(f uint8) func(b []byte, _, _ int) {
		return func(b []byte, _, _ int) { w.mark(b, hashWord(b), f, true) }
	}
	if lead, ok := leadParagraph(e); ok {
		buf = htmlWords(e.BodyHTML[:lead], buf, body(1<<FieldSummary|1<<FieldBody))
		htmlWords(e.BodyHTML[lead:], buf, body(1<<FieldBody))
	} else {
		add(FieldSummary, e.Summary, true)
		htmlWords(e.BodyHTML, buf, body(1<<FieldBody))
	}
	var out []byte
	for i, m := range w.masks {
		if m != 0 {
			out = append(append(append(out, w.word(i)...), 0), m)
		}
	}
	return out
}

// scanPieces are what the random texts of TestScanMatchesWordsInto are
// made of: words of every kind the tokenizer tells apart, separators,
// tags, entities, and broken UTF-8.
var scanPieces = []string{
	"the", "The", "THE", "of", "Of", "treaty", "Treaty", "x", "a1", "1a", "12", "2014-03-05",
	"1939-1945", "12-b", "-", "--", "-3", "1-", "9-9-9", "don't", "e-mail",
	"Genève", "GENÈVE", "Zürich", "Ёлка", "Йошкар-Ола", "ΣΊΣΥΦΟΣ", "σίσυφος", "Straße",
	"Ångström", "naïve", "Łódź", "東京タワー", "한국어", "e\u0301", "\u0301", "A\u0301b",
	"ﬁ", "Ⅻ", "²", "١٢٣", "İstanbul", "K", "\u2028", "—", "’", "£40", "\xff", "\xe2\x80",
	" ", " ", "  ", "\n", ",", ".", ";", "&", "&amp;", "&rsquo;", "&#8212;", "&nbsp",
	"<p>", "</p>", "<em>", "</em>", `<a href="https://example.org/a-b?c=D&amp;e">`, "</a>",
	"<script>var x = \"<p>Hidden</p>\";</script>", "<STYLE>p{color:red}</STYLE>",
	"<scripted>", "<s>", "</s>", "<sup>1</sup>", "<", ">", "<br/>", "<ſcript>",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(scanPieces[r.IntN(len(scanPieces))])
		if r.IntN(3) == 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestScanMatchesWordsInto checks Analyze's tokenizer (scan.go) against
// wordsInto and htmlWords on random texts, bodies and the rest.
func TestScanMatchesWordsInto(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, lang := range []string{"en", "fr", "ru", "xx"} {
		a := NewAnalyzer(lang)
		for i := range 3000 {
			e := &Event{Title: randomText(r, r.IntN(8)), Place: randomText(r, r.IntN(3)),
				TrackName: randomText(r, r.IntN(3)), TagNames: []string{randomText(r, 2), randomText(r, 1)},
				Date: randomText(r, 3), DateWords: []string{randomText(r, 1)},
				Summary: randomText(r, r.IntN(10)), BodyHTML: randomText(r, r.IntN(200)), Lead: i%2 == 0}
			if e.Lead && i%4 == 0 {
				e.BodyHTML = "<p>" + randomText(r, 10) + "</p>" + e.BodyHTML
			}
			want := refAnalyze(a, e)
			if got := a.Analyze(e).words; !bytes.Equal(got, want) {
				t.Fatalf("%s: Analyze(%+v)\n got %q\nwant %q", lang, e, got, want)
			}
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, p := range scanPieces {
		f.Add(p, p+" <p>"+p+"</p>")
	}
	a := NewAnalyzer("en")
	f.Fuzz(func(t *testing.T, title, body string) {
		e := &Event{Title: title, Summary: title, BodyHTML: body}
		if got, want := a.Analyze(e).words, refAnalyze(a, e); !bytes.Equal(got, want) {
			t.Fatalf("Analyze(%q, %q)\n got %q\nwant %q", title, body, got, want)
		}
	})
}

// TestFoldTable checks that foldInto folds as Fold does every word of two
// runes that foldTable or ASCII's letters and digits can make: were a
// rune's fold to change with its neighbour, some pair would show it.
func TestFoldTable(t *testing.T) {
	var runes []rune
	for r := rune(0); r < foldTableEnd; r++ {
		if r < utf8.RuneSelf && asciiClass[r] != other || r == '-' || isWordRune(r) {
			runes = append(runes, r)
		}
	}
	foldOnce.Do(makeFoldTable)
	tabled := 0
	for _, f := range foldTable {
		if f != "" {
			tabled++
		}
	}
	if tabled < 600 {
		t.Fatalf("foldTable has %d runes", tabled)
	}
	var b []byte
	for _, a := range runes {
		for _, c := range runes {
			w := string(a) + string(c)
			if b = foldInto(b[:0], w); string(b) != Fold(w) {
				t.Errorf("foldInto(%q) = %q, want %q", w, b, Fold(w))
			}
		}
	}
}

// TestAnalyzeBody checks that AnalyzeBody gives Analyze's doc and keeps
// nothing of the bytes it read.
func TestAnalyzeBody(t *testing.T) {
	a := NewAnalyzer("en")
	body := []byte(`<p>The Treaty of Genève</p><p>signed &amp; sealed</p>`)
	e := &Event{Title: "Treaty", Summary: "Genève", Lead: true}
	d := a.AnalyzeBody(e, body)
	want := a.Analyze(&Event{Title: "Treaty", Summary: "Genève", Lead: true, BodyHTML: string(body)})
	if e.BodyHTML != "" {
		t.Errorf("AnalyzeBody left BodyHTML %q", e.BodyHTML)
	}
	for i := range body {
		body[i] = 'x'
	}
	if !bytes.Equal(d.words, want.words) || !bytes.Equal(d.frag, want.frag) {
		t.Errorf("AnalyzeBody = %q %q, want %q %q", d.words, d.frag, want.words, want.frag)
	}
}

// TestLeadingLetters checks leadingLetters against the bytes' classes:
// every byte value at every place among letters, and random words.
func TestLeadingLetters(t *testing.T) {
	want := func(b []byte) int {
		for i, c := range b {
			if c >= 0x80 || asciiClass[c] != letter {
				return i
			}
		}
		return len(b)
	}
	check := func(b []byte) {
		if got := leadingLetters(load8(string(b), 0)); got != want(b) {
			t.Fatalf("leadingLetters(%q) = %d, want %d", b, got, want(b))
		}
	}
	for at := range 8 {
		for c := range 256 {
			b := []byte("abcXYZwz")
			b[at] = byte(c)
			check(b)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := "aAzZ@[`{09-_ \xc3\xa9\x80\xff"
	for range 100000 {
		b := make([]byte, 8)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(b)
	}
}
