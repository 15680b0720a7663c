package search

import (
	"html"
	"strings"
)

// Text returns the text a reader sees in a fragment of HTML, as the
// renderer made it from Markdown: tags dropped (a block's with a space,
// so that two paragraphs do not run into one word), entities decoded,
// the content of scripts and styles left out, and runs of white space
// made one space.
func Text(h string) string {
	b := make([]byte, 0, len(h))
	space := true // at the start, or after a space: drop the next
	text := func(s string) {
		for len(s) > 0 {
			i := 0
			for i < len(s) && !isSpace(s[i]) {
				i++
			}
			if i > 0 {
				b = append(b, s[:i]...)
				space = false
			}
			if i == len(s) {
				return
			}
			if !space {
				b = append(b, ' ')
				space = true
			}
			s = s[i+1:]
		}
	}
	entities := false
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			i = len(h)
		}
		entities = entities || strings.IndexByte(h[:i], '&') >= 0
		text(h[:i])
		h = h[i:]
		j := strings.IndexByte(h, '>')
		if j < 0 {
			break
		}
		tag := h[1:j]
		h = h[j+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.TrimPrefix(tag, "/")
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		switch strings.ToLower(name) {
		case "script", "style":
			if !closing {
				if k := strings.Index(strings.ToLower(h), "</"+strings.ToLower(name)); k >= 0 {
					h = h[k:]
				}
			}
			text(" ")
		case "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
			"span", "strong", "sub", "u", "var":
			// Inline: the word goes on across the tag.
		default:
			text(" ")
		}
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	if entities {
		return html.UnescapeString(string(b))
	}
	return string(b)
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
