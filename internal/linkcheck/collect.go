package linkcheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"strings"

	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Collect lists the external http(s) links of a loaded site, in file
// order: each event's sources (with their archived copies, which can
// break too) and image, then the links, images and bare URLs of every
// body, the intro's and the plain pages'. fsys is the site's folder, read
// for the line of each front-matter value.
func Collect(site *timeline.Site, fsys fs.FS) ([]Link, error) {
	md := markdown.New(markdown.Options{})
	var out []Link
	body := func(file string, src []byte, bodyLine int) error {
		doc, err := md.Render(src)
		if err != nil {
			return err
		}
		for _, l := range doc.Links {
			if external(l.Dest) {
				out = append(out, Link{URL: l.Dest, File: file, Line: bodyLine + l.Line - 1})
			}
		}
		return nil
	}
	if p := site.Intro; p != nil {
		if err := body(p.File, p.Body, p.BodyLine); err != nil {
			return nil, err
		}
	}
	for _, e := range site.Events {
		src, err := fs.ReadFile(fsys, e.File)
		if err != nil {
			return nil, err
		}
		front := newFrontLines(src)
		for _, s := range e.Sources {
			if external(s.URL) {
				out = append(out, Link{URL: s.URL, File: e.File, Line: front.of(s.URL), Archive: s.Archive})
			}
			if external(s.Archive) {
				out = append(out, Link{URL: s.Archive, File: e.File, Line: front.of(s.Archive)})
			}
		}
		if external(e.Image) {
			out = append(out, Link{URL: e.Image, File: e.File, Line: front.of(e.Image)})
		}
		b, err := site.Body(e)
		if err != nil {
			return nil, err
		}
		if err := body(e.File, b, e.BodyLine); err != nil {
			return nil, err
		}
	}
	for _, p := range site.Pages {
		if err := body(p.File, p.Body, p.BodyLine); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func external(link string) bool {
	u, err := url.Parse(strings.TrimSpace(link))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// frontLines finds the line of a value in an event file's front matter:
// the first line, not already given, that holds it quoted as written.
// TOML strings hold a URL as it is (no URL has a character TOML escapes),
// so the text is there; quoted, so that a source's url is not found in
// its archive's ("https://web.archive.org/web/2022/URL"). A value used
// twice is found twice, in order.
type frontLines struct {
	lines [][]byte
	used  map[int]bool
}

func newFrontLines(src []byte) *frontLines {
	return &frontLines{lines: bytes.Split(src, []byte("\n")), used: map[int]bool{}}
}

func (f *frontLines) of(value string) int {
	for _, q := range []string{`"` + value + `"`, `'` + value + `'`, value} {
		first := 0
		for i, line := range f.lines {
			if !bytes.Contains(line, []byte(q)) {
				continue
			}
			if first == 0 {
				first = i + 1
			}
			if !f.used[i+1] {
				f.used[i+1] = true
				return i + 1
			}
		}
		if first > 0 {
			return first
		}
	}
	return 1
}
