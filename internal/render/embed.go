package render

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unsafe"

	"github.com/timeline-ssg/timeline/internal/jsonstr"
)

// The timeline inside someone else's page: /embed/, a compact view of the
// home page's list and axis without the site's header and footer, made to
// sit in an iframe of an article; /events/SLUG/embed/, one event as a
// card; the snippets that embed them (page.Embed), and oEmbed files that
// let a CMS embed a pasted URL. Embedding needs absolute URLs: without a
// baseURL the embed pages are still made, but no snippet or oEmbed file,
// and the build has said so once (build.configure).

// Heights of the iframes the snippets and oEmbed files write, in CSS
// pixels: what the embed pages are laid out for. embed.js then sizes a
// frame to its content.
const (
	embedHeight     = 600
	cardHeight      = 420
	embedWidth      = 720 // oEmbed's width: an article's column
	embedScriptPath = "embed.js"
)

// embedCode is what an "Embed" section offers to copy.
type embedCode struct {
	Iframe string // a plain iframe of a fixed height
	Script string // a div and embed.js, which sizes the iframe to its content

	// The section's words, in the site's language: its heading, what to
	// do with the snippets, and the heading of each; and the copy button's
	// two states, which timeline.js adds.
	Heading, Text, FixedHeading, AutoHeading, Copy, Copied string
}

// embedCodeFor makes the snippets of the embed page at dir ("embed/",
// "events/x/embed/"), titled title, or nil without a baseURL.
func (r *renderer) embedCodeFor(dir, title string, height int) *embedCode {
	if r.sv.BaseURL == "" {
		return nil
	}
	c := new(embedCode)
	r.appendEmbedCode(c, make([]byte, 0, 1024), dir, title, height)
	return c
}

// appendEmbedCode sets c to the "Embed" section of the embed page at
// dir, titled title, and returns text with the section's snippets
// appended: c's snippets are strings of text's bytes, which an event
// page reuses once written (see eventPage). Needs a baseURL.
func (r *renderer) appendEmbedCode(c *embedCode, text []byte, dir, title string, height int) []byte {
	*c = embedCode{Heading: r.loc.T("embed_heading"), Text: r.loc.T("embed_text_timeline"),
		FixedHeading: r.loc.T("embed_fixed"), AutoHeading: r.loc.T("embed_auto"),
		Copy: r.loc.T("embed_copy"), Copied: r.loc.T("embed_copied")}
	if dir != "embed/" {
		c.Text = r.loc.T("embed_text_event")
	}
	// Each piece is a string of the bytes just appended: appending more
	// may move text, but not the bytes a string has already.
	start := len(text)
	text = appendHTMLEscaped(appendHTMLEscaped(text, r.sv.BaseURL), dir)
	src := bytesString(text[start:])
	start = len(text)
	text = appendHTMLEscaped(text, title)
	t := bytesString(text[start:])
	start = len(text)
	text = strconv.AppendInt(text, int64(height), 10)
	h := bytesString(text[start:])
	start = len(text)
	text = appendIframe(text, src, t, h)
	c.Iframe = bytesString(text[start:])
	start = len(text)
	text = append(text, `<div class="timeline-embed" data-src="`...)
	text = append(append(append(text, src...), `" data-height="`...), h...)
	text = append(append(append(text, `"><a href="`...), src...), `">`...)
	text = append(append(text, t...), "</a></div>\n"+`<script src="`...)
	text = appendHTMLEscaped(appendHTMLEscaped(text, r.sv.BaseURL), embedScriptPath)
	text = append(text, `" async></script>`...)
	c.Script = bytesString(text[start:])
	return text
}

// embedIframe is the plain iframe of the embed page at src, titled
// title, both escaped, of height h.
func embedIframe(src, title, h string) string {
	const markup = len(iframe1 + iframe2 + iframe3 + iframe4 + iframe5)
	b := make([]byte, 0, markup+len(src)+len(title)+2*len(h))
	return bytesString(appendIframe(b, src, title, h))
}

func appendIframe(b []byte, src, title, h string) []byte {
	b = append(append(append(b, iframe1...), src...), iframe2...)
	b = append(append(append(b, title...), iframe3...), h...)
	b = append(append(append(b, iframe4...), h...), iframe5...)
	return b
}

const (
	iframe1 = `<iframe src="`
	iframe2 = `" title="`
	iframe3 = `" height="`
	iframe4 = `" loading="lazy" style="display:block;width:100%;height:`
	iframe5 = `px;border:0"></iframe>`
)

// appendHTMLEscaped appends s escaped as html.EscapeString escapes it.
func appendHTMLEscaped(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, `<>&'"`)
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '\'':
			b = append(b, "&#39;"...)
		case '"':
			b = append(b, "&#34;"...)
		}
		s = s[i+1:]
	}
}

// bytesString is b as a string, without a copy: b must not be written
// while the string is used.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// embedTitle is the iframe's title for the whole timeline, and
// eventEmbedTitle for one event: what a screen reader says of the frame.
func (r *renderer) embedTitle() string { return r.loc.T("embed_title", "site", r.sv.Title) }

func (r *renderer) eventEmbedTitle(v *eventView) string {
	return string(r.appendEventEmbedTitle(make([]byte, 0, 256), v))
}

func (r *renderer) appendEventEmbedTitle(b []byte, v *eventView) []byte {
	return r.loc.AppendT(b, "embed_event_title", "title", v.Title, "date", v.DateText, "site", r.sv.Title)
}

// embedPage is /embed/: the home page's list, with the same filters.
func (r *renderer) embedPage() *page {
	p := r.newPage("embed", "embed/", "", "")
	p.Condensed = r.condensed
	p.Groups = r.homeGroups
	// The embed shows the home page: that is the page to index.
	if r.sv.BaseURL != "" {
		p.Canonical = r.sv.BaseURL
	}
	return p
}

// embedJobs are the jobs of the embed pages and of the oEmbed files. A
// full render leaves each event's to the job of its page (eventEmbeds):
// a large site would otherwise hold two more jobs per event until they run.
func (r *renderer) embedJobs() []task {
	var jobs []task
	full := r.inc == nil
	for _, v := range r.events {
		if full {
			break
		}
		key := v.URL + "embed/index.html"
		jobs = append(jobs, task{key: key, sig: func(s *signer) {
			s.template("embed-event")
			s.event(v)
		}, run: func(put func(string, []byte) error) error {
			return r.eventEmbed(put, v)
		}})
	}
	if r.sv.BaseURL == "" {
		return jobs
	}
	jobs = append(jobs, task{key: "oembed.json", sig: func(*signer) {}, run: func(put func(string, []byte) error) error {
		return r.putOEmbed(put, "oembed.json", r.sv.Title, "embed/", r.embedTitle(), embedHeight)
	}})
	for _, v := range r.events {
		if full {
			break
		}
		key := v.URL + "oembed.json"
		jobs = append(jobs, task{key: key, sig: func(s *signer) { s.card(v) }, run: func(put func(string, []byte) error) error {
			return r.eventOEmbed(put, v)
		}})
	}
	return jobs
}

// eventEmbeds writes an event's embed page and, with a baseURL, its
// oEmbed file.
func (r *renderer) eventEmbeds(put func(string, []byte) error, v *eventView) error {
	if err := r.eventEmbed(put, v); err != nil {
		return err
	}
	if r.sv.BaseURL == "" {
		return nil
	}
	return r.eventOEmbed(put, v)
}

// eventEmbed writes an event's embed page, v.URL + "embed/".
func (r *renderer) eventEmbed(put func(string, []byte) error, v *eventView) error {
	ep := r.eventPage("embed-event", v, "embed/")
	defer putEventPage(ep)
	if r.sv.BaseURL != "" {
		ep.Canonical = ep.str(r.sv.BaseURL, v.URL)
	}
	return r.writePage(put, v.URL+"embed/index.html", "embed-event", &ep.page)
}

// eventOEmbed writes an event's oEmbed file.
func (r *renderer) eventOEmbed(put func(string, []byte) error, v *eventView) error {
	return r.putOEmbed(put, v.URL+"oembed.json", v.Title, v.URL+"embed/", r.eventEmbedTitle(v), cardHeight)
}

// oEmbed is an oEmbed 1.0 response of type "rich" (https://oembed.com/).
// A static site cannot answer the endpoint's ?url= query, so each
// embeddable page links to its own response (page.OEmbed).
type oEmbed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	AuthorName   string `json:"author_name,omitempty"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

func (r *renderer) putOEmbed(put func(string, []byte) error, path, title, dir, frameTitle string, height int) error {
	// The iframe of embedCodeFor, without the rest of the section.
	iframe := embedIframe(html.EscapeString(r.sv.BaseURL+dir), html.EscapeString(frameTitle), strconv.Itoa(height))
	o := oEmbed{Version: "1.0", Type: "rich", Title: title, ProviderName: r.sv.Title, ProviderURL: r.sv.BaseURL,
		AuthorName: r.sv.Author, HTML: iframe, Width: embedWidth, Height: height}
	var b bytes.Buffer
	o.write(&b)
	return put(path, b.Bytes())
}

// write writes the response as encoding/json's Encoder does with an
// indent of two spaces, without its reflection: one for each of 10,000
// events was a tenth of the cost of their embed pages.
func (o *oEmbed) write(b *bytes.Buffer) {
	b.Grow(256 + len(o.HTML) + len(o.Title))
	str := func(name, v string) {
		b.WriteString(`  "` + name + `": `)
		b.Write(jsonstr.Append(b.AvailableBuffer(), v))
		b.WriteString(",\n")
	}
	b.WriteString("{\n")
	str("version", o.Version)
	str("type", o.Type)
	str("title", o.Title)
	str("provider_name", o.ProviderName)
	str("provider_url", o.ProviderURL)
	if o.AuthorName != "" {
		str("author_name", o.AuthorName)
	}
	str("html", o.HTML)
	b.WriteString(`  "width": ` + strconv.Itoa(o.Width) + ",\n")
	b.WriteString(`  "height": ` + strconv.Itoa(o.Height) + "\n}\n")
}
