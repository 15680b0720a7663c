package timeline

import (
	"io/fs"
	"path"
	"strings"
)

// A page bundle is an event kept in a folder with its files, as Hugo has
// them: content/events/crimea/index.md is the event, and every other file
// in content/events/crimea/ and its sub-folders is one of its resources.
// The event's slug comes from the folder's name; its image, media and body
// refer to its resources by paths relative to the folder ("photo.jpg"),
// and the build copies them beside the event's page
// (events/crimea/photo.jpg). A Markdown file inside a bundle other than
// its index.md is an error, as is any non-Markdown file in content/
// outside a bundle.

// Resource is a file of a page bundle.
type Resource struct {
	File  string // from the site root: "content/events/crimea/photo.jpg"
	Name  string // from the bundle's folder: "photo.jpg", "img/map.png"
	Event *Event
}

// Output is where the build writes the resource: beside its event's page.
func (r *Resource) Output() string { return "events/" + r.Event.Slug + "/" + r.Name }

// bundles tells, for the walk of content/, which folders are inside a page
// bundle; it remembers what it looked up, for one walk.
type bundles struct {
	fsys fs.FS
	has  map[string]bool // folder -> it holds an index.md
}

func newBundles(fsys fs.FS) *bundles { return &bundles{fsys: fsys, has: map[string]bool{}} }

// of returns the bundle folder that dir lies in (dir itself or the nearest
// folder above it holding an index.md, below content/events/), or "".
func (b *bundles) of(dir string) string {
	for ; strings.HasPrefix(dir, "content/events/"); dir = path.Dir(dir) {
		has, ok := b.has[dir]
		if !ok {
			info, err := fs.Stat(b.fsys, dir+"/index.md")
			has = err == nil && info.Mode().IsRegular()
			b.has[dir] = has
		}
		if has {
			return dir
		}
	}
	return ""
}

// kind tells what the walk of content/ makes of the file p: an event or
// page to read ("md"), a bundle's resource ("resource"), or a problem,
// which it adds to errs.
func (b *bundles) kind(p string, errs *ErrorList) string {
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if path.Ext(name) == ".md" {
		inside := dir
		if name == "index.md" {
			inside = path.Dir(dir) // its own folder is its bundle
		}
		if bd := b.of(inside); bd != "" {
			errs.add(p, 0, "a Markdown file inside the page bundle %s/", bd).Help =
				"a bundle is one event, its index.md, with its files beside it; move this file out of the folder"
			return ""
		}
		return "md"
	}
	bd := b.of(dir)
	if bd == "" {
		errs.add(p, 0, "not a Markdown file").Help = "content/ holds only .md files; put images and other files in static/, " +
			"or make the event a page bundle: content/events/NAME/index.md with its files beside it"
		return ""
	}
	if strings.TrimPrefix(p, bd+"/") == "index.html" {
		errs.add(p, 0, "a page bundle's file may not be called index.html: the event's page takes that name")
		return ""
	}
	return "resource"
}

// Resource returns the resource of e's bundle that link names, a path
// relative to the bundle's folder ("photo.jpg", "img/map.png?x#y"), or nil
// when e is not a bundle or has no such file.
func (s *Site) Resource(e *Event, link string) *Resource {
	if e.Bundle == "" || !IsLocal(link) || strings.HasPrefix(link, "/") {
		return nil
	}
	if i := strings.IndexAny(link, "?#"); i >= 0 {
		link = link[:i]
	}
	if link = path.Clean(link); !fs.ValidPath(link) { // "./a.jpg" is "a.jpg"; "../a.jpg" is not the bundle's
		return nil
	}
	return s.resources[e.Bundle+"/"+link]
}

// Open opens a file of the site (a resource, or a file in static/) by its
// path from the site root.
func (s *Site) Open(file string) (fs.File, error) {
	if s.fsys == nil {
		return nil, &fs.PathError{Op: "open", Path: file, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(file)
}

// addResources gives the resources found by the walk to the events of
// their bundles; Resources leaves out those of events left out (drafts).
func (s *Site) addResources(files []string, bySlug map[string]*Event) {
	s.resources = map[string]*Resource{}
	if len(files) == 0 {
		return // most sites: no need to go through the events
	}
	byBundle := map[string]*Event{}
	for _, e := range bySlug {
		if e.Bundle != "" {
			byBundle[e.Bundle] = e
		}
	}
	kept := map[*Event]bool{}
	for _, e := range s.Events {
		kept[e] = true
	}
	b := &bundles{has: map[string]bool{}}
	for bd := range byBundle {
		b.has[bd] = true
	}
	for _, f := range files {
		bd := b.ofKnown(path.Dir(f))
		e := byBundle[bd]
		if e == nil {
			continue
		}
		r := &Resource{File: f, Name: strings.TrimPrefix(f, bd+"/"), Event: e}
		s.resources[f] = r
		if kept[e] {
			s.Resources = append(s.Resources, r)
		}
	}
}

// ofKnown is of for bundles already known: it reads nothing.
func (b *bundles) ofKnown(dir string) string {
	for ; strings.HasPrefix(dir, "content/events/"); dir = path.Dir(dir) {
		if b.has[dir] {
			return dir
		}
	}
	return ""
}

// checkLinks checks that an event's local image and media exist, in its
// bundle or in static/ (staticHas tells).
func (s *Site) checkLinks(e *Event, staticHas func(p string) bool, errs *ErrorList) {
	for _, l := range []struct {
		key, link string
		line      int
	}{{"image", e.Image, int(e.imageLine)}, {"media", e.Media, int(e.mediaLine)}} {
		if !IsLocal(l.link) || s.Resource(e, l.link) != nil {
			continue
		}
		p := strings.TrimPrefix(l.link, "/")
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if p = path.Clean(p); !fs.ValidPath(p) {
			errs.add(e.File, l.line, "%s %q is not a valid path inside static/", l.key, l.link)
			continue
		}
		if staticHas(p) {
			continue
		}
		if e.Bundle != "" && !strings.HasPrefix(l.link, "/") {
			errs.add(e.File, l.line, "%s %q not found: expected the file %s/%s or static/%s", l.key, l.link, e.Bundle, p, p)
		} else {
			errs.add(e.File, l.line, "%s %q not found: expected the file static/%s", l.key, l.link, p)
		}
	}
}

// staticHas reports whether static/p is a file of the site.
func staticHas(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, "static/"+p)
	return err == nil
}
