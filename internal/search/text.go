package search

import "strings"

// htmlWords is wordsInto for the text of HTML as the renderer made it
// from Markdown: tags and entities separate words (the entities of such
// HTML are punctuation: quotes, dashes, &amp;), and scripts and styles
// are left out. Offsets are of h.
func htmlWords(h string, buf []byte, fn func(w []byte, start, end int)) []byte {
	base := 0
	at := func(w []byte, start, end int) { fn(w, base+start, base+end) }
	for i := 0; i < len(h); {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			j = len(h) - i
		}
		for text := h[i : i+j]; len(text) > 0; {
			k := strings.IndexByte(text, '&')
			if k < 0 {
				k = len(text)
			}
			base = i + j - len(text)
			buf = wordsInto(text[:k], buf, at)
			text = text[k:]
			if len(text) > 0 { // an entity: to its ";", if near
				e := strings.IndexByte(text[:min(len(text), 12)], ';')
				text = text[max(e, 0)+1:]
			}
		}
		i += j
		if i >= len(h) {
			break
		}
		e := strings.IndexByte(h[i:], '>')
		if e < 0 {
			break
		}
		tag := h[i+1 : i+e]
		i += e + 1
		if name := strings.ToLower(tag); strings.HasPrefix(name, "script") || strings.HasPrefix(name, "style") {
			end := "</script"
			if name[1] == 't' {
				end = "</style"
			}
			if k := strings.Index(strings.ToLower(h[i:]), end); k >= 0 {
				i += k
			} else {
				break
			}
		}
	}
	return buf
}

// leadParagraph returns where the first paragraph of e's body ends, when
// the summary is that paragraph and the body opens with it.
func leadParagraph(e *Event) (int, bool) {
	if !e.Lead || !strings.HasPrefix(e.BodyHTML, "<p>") {
		return 0, false
	}
	end := strings.Index(e.BodyHTML, "</p>")
	return end, end > 0
}
