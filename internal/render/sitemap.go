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
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	loc := func(p string) {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(base+p))
		b.WriteString("</loc></url>\n")
	}
	loc("")
	for _, v := range r.events {
		loc(v.URL)
	}
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags, r.sv.Years} {
		for _, t := range list {
			loc(t.URL)
			for n := 2; n <= (len(t.Events)+r.perPage()-1)/r.perPage(); n++ {
				loc(listPath(t, n))
			}
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
	if r.sv.BaseURL != "" {
		s += "\nSitemap: " + r.sv.BaseURL + "sitemap.xml\n"
	}
	return put("robots.txt", []byte(s))
}
