package render

import (
	"bufio"
	"io"
	"strconv"

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

// embedCodeFor makes the snippets of the embed page of the page at page
// ("" for the timeline's, "events/x/"), titled title, or nil without a
// baseURL.
func (r *renderer) embedCodeFor(page, title string, height int) *embedCode {
	if r.sv.BaseURL == "" {
		return nil
	}
	c := new(embedCode)
	r.appendEmbedCode(c, nil, page, title, height)
	return c
}

// appendEmbedCode sets c to the "Embed" section of the embed page of the
// page at page, titled title, and returns text with the section's
// snippets appended: c's snippets are strings of text's bytes, which an
// event page reuses once written (see eventPage). Needs a baseURL.
func (r *renderer) appendEmbedCode(c *embedCode, text []byte, page, title string, height int) []byte {
	*c = embedCode{Heading: r.loc.T("embed_heading"), Text: r.loc.T("embed_text_timeline"),
		FixedHeading: r.loc.T("embed_fixed"), AutoHeading: r.loc.T("embed_auto"),
		Copy: r.loc.T("embed_copy"), Copied: r.loc.T("embed_copied")}
	if page != "" {
		c.Text = r.loc.T("embed_text_event")
	}
	// Each snippet is a string of the bytes just appended: appending more
	// may move text, but not the bytes a string has already.
	start := len(text)
	text = appendEmbedIframe(text, r.sv.BaseURL, page, title, height)
	c.Iframe = bytesString(text[start:])
	start = len(text)
	text = appendEmbedScript(text, r.sv.BaseURL, page, title, height)
	c.Script = bytesString(text[start:])
	return text
}

// appendEmbedScript appends the snippet of embed.js for the embed page of
// the page at page ("" or "events/x/"), titled title, of height h: a
// link to it, which the script makes an iframe sized to its content.
func appendEmbedScript(b []byte, base, page, title string, h int) []byte {
	b = appendEmbedSrc(append(b, `<div class="timeline-embed" data-src="`...), base, page)
	b = strconv.AppendInt(append(b, `" data-height="`...), int64(h), 10)
	b = appendEmbedSrc(append(b, `"><a href="`...), base, page)
	b = append(appendHTMLEscaped(append(b, `">`...), title), "</a></div>\n"...)
	b = appendHTMLEscaped(appendHTMLEscaped(append(b, `<script src="`...), base), embedScriptPath)
	return append(b, `" async></script>`...)
}

// appendEmbedSrc appends the URL of the embed page of the page at page,
// escaped for an attribute.
func appendEmbedSrc(b []byte, base, page string) []byte {
	return append(appendHTMLEscaped(appendHTMLEscaped(b, base), page), "embed/"...)
}

// appendEmbedIframe appends the plain iframe of the embed page of the
// page at page ("" or "events/x/"), titled title, of height h.
func appendEmbedIframe(b []byte, base, page, title string, h int) []byte {
	b = appendEmbedSrc(append(b, `<iframe src="`...), base, page)
	b = append(appendHTMLEscaped(append(b, `" title="`...), title), `" height="`...)
	b = append(strconv.AppendInt(b, int64(h), 10), `" loading="lazy" style="display:block;width:100%;height:`...)
	return append(strconv.AppendInt(b, int64(h), 10), `px;border:0"></iframe>`...)
}

// embedTitle is the iframe's title for the whole timeline, and
// appendEventEmbedTitle appends one event's: what a screen reader says of
// the frame.
func (r *renderer) embedTitle() string { return r.loc.T("embed_title", "site", r.sv.Title) }

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
		var buf [512]byte
		iframe := appendEmbedIframe(buf[:0], r.sv.BaseURL, "", r.embedTitle(), embedHeight)
		return r.putOEmbed(put, "", r.sv.Title, bytesString(iframe), embedHeight)
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
// oEmbed file, which shows iframe, the event page's (setEmbed).
func (r *renderer) eventEmbeds(put func(string, []byte) error, v *eventView, iframe string) error {
	if err := r.eventEmbed(put, v); err != nil {
		return err
	}
	if r.sv.BaseURL == "" {
		return nil
	}
	return r.putOEmbed(put, v.URL, v.Title, iframe, cardHeight)
}

// eventEmbed writes an event's embed page, v.URL + "embed/".
func (r *renderer) eventEmbed(put func(string, []byte) error, v *eventView) error {
	ep := r.eventPage("embed-event", v, "embed/")
	defer putEventPage(ep)
	return r.writePage(put, v.URL+"embed/index.html", "embed-event", &ep.page)
}

// eventOEmbed writes an event's oEmbed file alone, its iframe made on
// the stack unless it is long.
func (r *renderer) eventOEmbed(put func(string, []byte) error, v *eventView) error {
	var buf [512]byte
	b := r.appendEventEmbedTitle(buf[:0], v)
	title := bytesString(b) // appending the iframe after it leaves its bytes as they are
	b = appendEmbedIframe(b, r.sv.BaseURL, v.URL, title, cardHeight)
	return r.putOEmbed(put, v.URL, v.Title, bytesString(b[len(title):]), cardHeight)
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

// putOEmbed writes the oEmbed file of the page at page ("" or
// "events/x/"), which shows its embed page in iframe (appendEmbedIframe).
func (r *renderer) putOEmbed(put func(string, []byte) error, page, title, iframe string, height int) error {
	o := oEmbed{Version: "1.0", Type: "rich", Title: title, ProviderName: r.sv.Title, ProviderURL: r.sv.BaseURL,
		AuthorName: r.sv.Author, HTML: iframe, Width: embedWidth, Height: height}
	return r.writeFile(put, page+"oembed.json", func(w *bufio.Writer) error {
		o.write(w)
		return nil
	})
}

// jsonWriter is what an oEmbed response is written to: a bytes.Buffer or
// a bufio.Writer, whose room to append to it lends.
type jsonWriter interface {
	io.Writer
	io.StringWriter
	AvailableBuffer() []byte
}

// write writes the response as encoding/json's Encoder does with an
// indent of two spaces, without its reflection: one for each of 10,000
// events was a tenth of the cost of their embed pages.
func (o *oEmbed) write(b jsonWriter) {
	str := func(name, v string) {
		b.WriteString(`  "`)
		b.WriteString(name)
		b.WriteString(`": `)
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
	b.WriteString(`  "width": `)
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(o.Width), 10))
	b.WriteString(",\n" + `  "height": `)
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(o.Height), 10))
	b.WriteString("\n}\n")
}
