package render

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// linkCheck checks the links of Markdown bodies against the files the
// build makes, as Zola does for its internal links: a link to a page that
// does not exist is an error at its file and line. It also lets writers
// link to another event by its source file ("2014-03-crimea.md"), and
// turns such links into the URL of that event's page.
type linkCheck struct {
	pages map[string]string // content file -> URL from the root: "events/a/"
	// folder is where the language's pages are in the built site ("uk/";
	// "" for the default language), for messages: its paths are checked
	// from there.
	folder string

	mu      sync.Mutex
	pending []pendingLink // site paths to look for once every file is made
	errs    timeline.ErrorList
}

type pendingLink struct {
	file   string
	line   int
	dest   string // as written
	target string // cleaned path from the root
}

// newLinkCheck is a link check for a site of about size content files:
// its map is made at its size, which growing it by halves to 100,000
// events copied over and over.
func newLinkCheck(size int) *linkCheck {
	return &linkCheck{pages: make(map[string]string, size)}
}

// resolver returns the Resolver for the Markdown of file, whose body starts
// at bodyLine and whose page is at dir ("events/a/", or "" for the root).
func (c *linkCheck) resolver(file string, bodyLine int, dir string) markdown.Resolver {
	return func(dest string, line int) string {
		if webURL(dest) {
			return dest // another site: most links, which need no parse
		}
		line += bodyLine - 1
		u, err := url.Parse(dest)
		switch {
		case dest == "" || strings.HasPrefix(dest, "#"):
			return dest
		case err != nil:
			c.fail(file, line, "link %q is not a valid URL", dest)
			return dest
		case u.Scheme != "" || u.Host != "":
			return dest // another site, mail, telephone: not ours to check
		}
		suffix := ""
		if u.RawQuery != "" {
			suffix += "?" + u.RawQuery
		}
		if u.Fragment != "" {
			suffix += "#" + u.EscapedFragment()
		}
		p := u.Path
		if strings.HasSuffix(p, ".md") {
			src := path.Join(path.Dir(file), p)
			if strings.HasPrefix(p, "/") {
				src = path.Join("content", p)
			}
			target, ok := c.pages[src]
			if !ok {
				c.fail(file, line, "link %q: there is no page made from %s (or it is a draft)", dest, src)
				return dest
			}
			return rootFor(dir) + target + suffix
		}
		target := path.Join(dir, p)
		if strings.HasPrefix(p, "/") {
			target = strings.TrimPrefix(path.Clean(p), "/")
		}
		if target == ".." || strings.HasPrefix(target, "../") {
			c.fail(file, line, "link %q leads out of the site", dest)
			return dest
		}
		c.mu.Lock()
		c.pending = append(c.pending, pendingLink{file: file, line: line, dest: dest, target: target})
		c.mu.Unlock()
		return dest
	}
}

// webURL reports whether dest is an http or https URL that url.Parse
// takes without an error: a host of letters, digits, dots and hyphens
// alone (no user, no port), then no control character, and "%" only
// before two hex digits. It says false of some good ones, which are
// parsed.
func webURL(dest string) bool {
	rest, ok := strings.CutPrefix(dest, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(dest, "http://"); !ok {
			return false
		}
	}
	host := 0
	for host < len(rest) && rest[host] != '/' && rest[host] != '?' && rest[host] != '#' {
		c := rest[host]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
		host++
	}
	if host == 0 {
		return false
	}
	for i := host; i < len(rest); i++ {
		switch c := rest[i]; {
		case c < ' ' || c == 0x7f:
			return false
		case c == '%':
			if i+2 >= len(rest) || !isHexDigit(rest[i+1]) || !isHexDigit(rest[i+2]) {
				return false
			}
		}
	}
	return true
}

func (c *linkCheck) fail(file string, line int, format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := &timeline.Error{File: file, Line: line}
	e.Msg = fmt.Sprintf(format, args...)
	c.errs = append(c.errs, e)
}

// check reports every link whose target is not among the files made.
func (c *linkCheck) check(made func(string) bool) error {
	for _, l := range c.pending {
		if l.target == "." || made(l.target) || made(path.Join(l.target, "index.html")) {
			continue
		}
		e := &timeline.Error{File: l.file, Line: l.line, Msg: fmt.Sprintf("link %q: the site has no page or file at /%s", l.dest, c.folder+l.target)}
		if strings.HasPrefix(l.dest, "/") {
			e.Help = "links starting with / are read from the site's root; a relative link (../other-event/) works wherever the site is served"
		}
		c.errs = append(c.errs, e)
	}
	return c.errs.Err()
}

// add adds what the link check of one body found.
func (c *linkCheck) add(pending []pendingLink, errs timeline.ErrorList) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending = append(c.pending, pending...)
	c.errs = append(c.errs, errs...)
}

// snapshot copies the link check as it stands, to check again later.
func (c *linkCheck) snapshot() *linkCheck {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &linkCheck{pages: c.pages, folder: c.folder, pending: append([]pendingLink(nil), c.pending...),
		errs: append(timeline.ErrorList(nil), c.errs...)}
}
