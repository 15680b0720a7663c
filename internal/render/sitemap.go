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
	b.WriteString(`<` + kind + ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range paths {
		b.WriteString("<" + item + "><loc>")
		xml.EscapeText(b, []byte(r.sv.BaseURL+p))
		b.WriteString("</loc></" + item + ">\n")
	}
	_, err = b.WriteString("</" + kind + ">\n")
	return err
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
