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
	var b strings.Builder
	b.Grow(len(h))
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		h = h[i:]
		j := strings.IndexByte(h, '>')
		if j < 0 {
			break
		}
		tag := h[1:j]
		h = h[j+1:]
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		switch name {
		case "script", "style":
			if !strings.HasPrefix(tag, "/") {
				if k := strings.Index(strings.ToLower(h), "</"+name); k >= 0 {
					h = h[k:]
				}
			}
			b.WriteByte(' ')
		case "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
			"span", "strong", "sub", "u", "var":
			// Inline: the word goes on across the tag.
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
