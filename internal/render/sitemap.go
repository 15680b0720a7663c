package render

import (
	"bufio"
	"encoding/xml"
	"strconv"
)

// sitemap writes /sitemap.xml (sitemaps.org 0.9) listing every page. A
// sitemap needs absolute URLs, so without a baseURL there is none; the
// build warns about that once (see Warnings). The protocol allows 50,000
// URLs a file: past that, /sitemap.xml is an index of /sitemaps/N.xml,
// each of up to sitemapURLs. The files are written as they are made.
func (r *renderer) sitemap(put func(string, []byte) error) error {
	base := r.sv.BaseURL
	if base == "" {
		return nil
	}
	var paths []string
	paths = append(paths, "")
	for _, v := range r.events {
		paths = append(paths, v.URL)
	}
	for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags, r.sv.Years} {
		for _, t := range list {
			paths = append(paths, t.URL)
			for n := 2; n <= (len(t.Events)+r.perPage()-1)/r.perPage(); n++ {
				paths = append(paths, listPath(t, n))
			}
		}
	}
	paths = append(paths, "tracks/", "tags/", "years/")
	for _, p := range r.sv.Pages {
		paths = append(paths, p.URL)
	}
	if len(paths) <= sitemapURLs {
		return r.sitemapFile(put, "sitemap.xml", "urlset", paths)
	}
	var files []string
	for i := 0; i < len(paths); i += sitemapURLs {
		name := "sitemaps/" + strconv.Itoa(len(files)+1) + ".xml"
		if err := r.sitemapFile(put, name, "urlset", paths[i:min(i+sitemapURLs, len(paths))]); err != nil {
			return err
		}
		files = append(files, name)
	}
	return r.sitemapFile(put, "sitemap.xml", "sitemapindex", files)
}

// sitemapURLs is how many URLs a sitemap file holds at most: the
// protocol's limit (a variable, for tests).
var sitemapURLs = 50_000

// sitemapFile writes a urlset of pages or a sitemapindex of sitemaps.
func (r *renderer) sitemapFile(put func(string, []byte) error, name, kind string, paths []string) (err error) {
	f, err := r.open(name, put)
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(f, 64<<10)
	defer func() {
		if err == nil {
			err = b.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	item := map[string]string{"urlset": "url", "sitemapindex": "sitemap"}[kind]
	b.WriteString(xml.Header)
	ls := r.opts.langs
	if kind == "urlset" && ls != nil {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		b.WriteString(`<` + kind + ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	for _, p := range paths {
		b.WriteString("<" + item + "><loc>")
		xml.EscapeText(b, []byte(r.sv.BaseURL+p))
		b.WriteString("</loc>")
		if kind == "urlset" && ls != nil {
			writeAlternates(b, ls, p)
		}
		b.WriteString("</" + item + ">\n")
	}
	_, err = b.WriteString("</" + kind + ">\n")
	return err
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
func writeAlternates(b *bufio.Writer, ls *languages, p string) {
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
