package render

import (
	"html/template"
	"strconv"
	"strings"
)

// SVG writes the small axis's <svg> element. It is made here rather than
// in event.html because it is most of an event page's template actions
// (ten or so per event shown), and a large site makes thousands of them:
// html/template calls an escaper through reflection for each action. The
// escaping below is the one html/template gives the same markup: text
// and attribute values as HTML, the link as a normalized URL.
func (ax *contextAxis) SVG(root string) template.HTML {
	var b genBuf
	b.Grow(320*len(ax.Dots) + 256) // a dot with its link and label: about 300 bytes
	ax.writeSVG(&b, root)
	return template.HTML(b.String())
}

// writeSVG writes what SVG returns, for the generated writers: straight
// into the page (see genHTMLWriters in tmplgen_test.go).
func (ax *contextAxis) writeSVG(b *genBuf, root string) error {
	b.WriteString(`<svg width="100%" height="80" role="group" aria-labelledby="context-cap">` + "\n")
	for _, s := range ax.Segments {
		b.WriteString(`<line x1="`)
		htmlEscapeTo(b, s.X1)
		b.WriteString(`" x2="`)
		htmlEscapeTo(b, s.X2)
		b.WriteString(`" y1="40" y2="40"`)
		if s.Folded {
			b.WriteString(` class="folded"`)
		}
		b.WriteString("/>\n")
	}
	for _, d := range ax.Dots {
		if d.Current {
			b.WriteString(`<circle class="cur" cx="`)
			htmlEscapeTo(b, d.X)
			b.WriteString(`" cy="40" r="8"/>` + "\n")
		} else {
			e := d.Event
			b.WriteString(`<a href="`)
			urlEscapeTo(b, root)
			urlEscapeTo(b, e.URL)
			b.WriteString(`"`)
			if e.Track != nil {
				b.WriteString(` class="track-` + strconv.Itoa(e.Track.Colour) + `"`)
			}
			b.WriteString(`><title>`)
			htmlEscapeTo(b, e.Title)
			htmlEscapeTo(b, ax.sep)
			htmlEscapeTo(b, e.DateText)
			b.WriteString(`</title><circle cx="`)
			htmlEscapeTo(b, d.X)
			b.WriteString(`" cy="40" r="`)
			if e.Featured {
				b.WriteString("6.5")
			} else {
				b.WriteString("5")
			}
			b.WriteString(`"/></a>` + "\n")
		}
		b.WriteString(`<text x="`)
		htmlEscapeTo(b, d.X)
		if d.Above {
			b.WriteString(`" y="22"`)
		} else {
			b.WriteString(`" y="68"`)
		}
		b.WriteString(` text-anchor="`)
		htmlEscapeTo(b, d.Anchor)
		b.WriteString(`"`)
		switch {
		case d.Current:
			b.WriteString(` class="cur"`)
		case !d.Near:
			b.WriteString(` class="far"`)
		}
		b.WriteString(">")
		htmlEscapeTo(b, d.Label)
		b.WriteString("</text>\n")
	}
	b.WriteString("</svg>")
	return nil
}

// htmlEscapeTo writes s escaped as html/template escapes text and
// attribute values.
func htmlEscapeTo(b *genBuf, s string) { writeEntities(b, s, false) }

// urlEscapeTo writes a site-relative link as html/template writes it in
// an href: normalized (bytes outside RFC 3986's unreserved and reserved
// characters percent-encoded), then escaped as an attribute value. Each
// byte is written on its own, so that a link written in parts is written
// as it is whole.
func urlEscapeTo(b *genBuf, s string) {
	i := 0
	for i < len(s) && urlNormal[s[i]] {
		i++
	}
	if i == len(s) { // most links: nothing to encode
		htmlEscapeTo(b, s)
		return
	}
	var u strings.Builder
	u.Grow(len(s) + 16)
	u.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if !urlNormal[c] {
			u.WriteString("%" + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16))
			continue
		}
		u.WriteByte(c)
	}
	htmlEscapeTo(b, u.String())
}

// urlNormal is the bytes urlEscapeTo keeps as they are.
var urlNormal = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~!#$&*+,/:;=?@[]%", byte(c)) >= 0
	}
	return t
}()
