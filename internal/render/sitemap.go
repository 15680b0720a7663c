package render

import (
	"bytes"
	"encoding/xml"
)

// sitemap writes /sitemap.xml (sitemaps.org 0.9) listing every page. A
// sitemap needs absolute URLs, so without a baseURL there is none; the
// build warns about that once (see Warnings).
func (r *renderer) sitemap(put func(string, []byte) error) error {
	base := r.sv.BaseURL
	if base == "" {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	ls := r.opts.langs
	if ls == nil {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	} else {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	}
	loc := func(p string) {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(base+p))
		b.WriteString("</loc>")
		if ls != nil {
			writeAlternates(&b, ls, p)
		}
		b.WriteString("</url>\n")
	}
	loc("")
	for _, v := range r.events {
		loc(v.URL)
	}
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags, r.sv.Years} {
		for _, t := range list {
			loc(t.URL)
		}
	}
	loc("tracks/")
	loc("tags/")
	loc("years/")
	for _, p := range r.sv.Pages {
		loc(p.URL)
	}
	b.WriteString("</urlset>\n")
	return put("sitemap.xml", b.Bytes())
}

// robots writes /robots.txt: everything may be crawled, and the sitemap is
// named when there is one.
func (r *renderer) robots(put func(string, []byte) error) error {
	s := "User-agent: *\nAllow: /\n"
	switch ls := r.opts.langs; {
	case ls != nil && ls.current != ls.all[0]:
		return nil // robots.txt is read at the root only
	case ls != nil && r.sv.BaseURL != "":
		s += "\n"
		for _, l := range ls.all {
			s += "Sitemap: " + l.baseURL + "sitemap.xml\n"
		}
	case r.sv.BaseURL != "":
		s += "\nSitemap: " + r.sv.BaseURL + "sitemap.xml\n"
	}
	return put("robots.txt", []byte(s))
}

// writeAlternates writes the xhtml:link of each language the page at p
// is in, and x-default, the default language's, when more than one is.
func writeAlternates(b *bytes.Buffer, ls *languages, p string) {
	if !ls.current.has[p] {
		return // untranslated: not a version of its own
	}
	var in []*siteLanguage
	for _, l := range ls.all {
		if l.has[p] {
			in = append(in, l)
		}
	}
	if len(in) < 2 {
		return
	}
	link := func(code, href string) {
		b.WriteString(`<xhtml:link rel="alternate" hreflang="` + code + `" href="`)
		xml.EscapeText(b, []byte(href))
		b.WriteString(`"/>`)
	}
	for _, l := range in {
		link(l.Code, l.baseURL+p)
	}
	if in[0] == ls.all[0] {
		link("x-default", in[0].baseURL+p)
	}
}
