package render

import (
	"html"
	"html/template"
	"io"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/timeline-ssg/timeline/internal/media"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// mediaView is an event's media as its page shows it (the "media" part of
// event.html): a facade to click, a player of the site's own, a link card
// or a quote.
type mediaView struct {
	Kind     string // media.Media's: video, audio, map, post, article, document, link; or quote
	Provider string
	URL      string // the link without JavaScript: absolute, or a path from the site root
	Embed    string // the iframe media.js puts in the facade's place; "" for none
	Shape    string // wide, square, tall, strip: the player's frame
	File     string // "video" or "audio": the site's own file, played at once
	Title    string // what the link says of its page (a Wikipedia article's title)
	Action   string // the button: "Play video", "Show map", "Open"
	Host     string // the host a link card leads to; the host an embed loads from
	Quote    template.HTML
	Caption  string
	Credit   string
}

// mediaOf makes the view of e's media, or nil when it has none.
func (r *renderer) mediaOf(e *timeline.Event) *mediaView {
	if e.Media == "" {
		return nil
	}
	v := &mediaView{Caption: e.MediaCaption, Credit: e.MediaCredit}
	if timeline.IsQuote(e.Media) {
		v.Kind = "quote"
		v.Quote, v.Credit = r.quote(e.Media, e.MediaCredit)
		return v
	}
	m := media.Detect(e.Media)
	v.Kind, v.Provider, v.URL, v.Embed, v.Shape, v.File, v.Title = m.Kind, m.Provider, m.URL, m.Embed, m.Shape, m.File, m.Title
	v.Action, v.Host = r.loc.T(actionKey(m)), m.Host()
	if timeline.IsLocal(e.Media) {
		v.URL = r.localPath(e, e.Media)
		if v.Embed != "" {
			v.Embed = v.URL
		}
	} else if v.Embed != "" {
		if u, err := url.Parse(v.Embed); err == nil {
			v.Host = u.Hostname()
		}
	}
	return v
}

// actionKey is the string key of the facade's button, in the site's
// language: what clicking does.
func actionKey(m media.Media) string { return "media_" + m.Verb() }

// localPath is where a local image or media of e's is in the built site,
// from its root: beside the event's page when its bundle has the file,
// and otherwise in static/'s copy.
func (r *renderer) localPath(e *timeline.Event, link string) string {
	if res := r.site.Resource(e, link); res != nil {
		return res.Output()
	}
	return strings.TrimPrefix(link, "/")
}

// quote renders a quote: Markdown starting with ">" as the body's
// Markdown is rendered (a <blockquote>), or TimelineJS's HTML
// "<blockquote>" as its text, paragraph by paragraph. The credit is
// the quote's <cite> when one is given in the HTML and none in the front
// matter.
func (r *renderer) quote(src, credit string) (template.HTML, string) {
	if strings.HasPrefix(strings.TrimSpace(src), ">") {
		doc, err := r.md.Render([]byte(src))
		if err == nil {
			return template.HTML(doc.HTML), credit
		}
	}
	paras, cite := quoteText(src)
	var b strings.Builder
	b.WriteString("<blockquote>\n")
	for _, p := range paras {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	b.WriteString("</blockquote>\n")
	if credit == "" {
		credit = cite
	}
	return template.HTML(b.String()), credit
}

// quoteText reads the text of an HTML quote: its paragraphs (split at
// <p>, <br> and blank lines) and what its <cite> says, dropping every tag.
func quoteText(src string) (paras []string, cite string) {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var cur, citeText strings.Builder
	inCite, skip := 0, false
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if z.Err() != io.EOF {
				return paras, cite
			}
			flush()
			return paras, strings.TrimLeft(strings.Join(strings.Fields(citeText.String()), " "), "—–- ")
		case xhtml.TextToken:
			if skip {
				continue
			}
			if inCite > 0 {
				citeText.Write(z.Text())
				continue
			}
			for i, part := range strings.Split(string(z.Text()), "\n\n") {
				if i > 0 {
					flush()
				}
				cur.WriteString(part)
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style:
				skip = tt == xhtml.StartTagToken
			case atom.P, atom.Br, atom.Div:
				flush()
			case atom.Cite:
				if tt == xhtml.StartTagToken {
					inCite++
				} else if tt == xhtml.EndTagToken && inCite > 0 {
					inCite--
				}
			}
		}
	}
}

// resources copies the files of the page bundles beside their events'
// pages.
func (r *renderer) resources(put func(string, []byte) error) error {
	for _, res := range r.site.Resources {
		b, err := readSiteFile(r.site, res.File)
		if err != nil {
			return timeline.ErrorList{{File: res.File, Msg: err.Error()}}
		}
		if err := put(res.Output(), b); err != nil {
			return err
		}
	}
	return nil
}

func readSiteFile(site *timeline.Site, name string) ([]byte, error) {
	f, err := site.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// resourcesSig feeds the resources job's signature: each bundle file with
// its size and time, as staticSig does for static/.
func (r *renderer) resourcesSig(s *signer) {
	for _, res := range r.site.Resources {
		s.str(res.File)
		s.str(res.Output())
		f, err := r.site.Open(res.File)
		if err != nil {
			s.str(err.Error())
			continue
		}
		info, err := f.Stat()
		f.Close()
		if err != nil {
			s.str(err.Error())
			continue
		}
		s.u64(uint64(info.Size()))
		s.u64(uint64(info.ModTime().UnixNano()))
		if info.ModTime().IsZero() { // an in-memory site
			b, _ := readSiteFile(r.site, res.File)
			s.str(string(b))
		}
	}
}
