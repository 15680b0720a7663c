package timeline

import (
	"context"
	"hash/maphash"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/work"
)

// Cache loads the same site again and again, as the preview server does
// after every save. It keeps every content file decoded and, told which
// paths changed, reads and decodes only those; the steps that need every
// file at once (duplicate slugs, drafts, image checks, sorting, grouping)
// are redone each time, and are cheap.
//
// For the same files on disk, Cache.Load returns what Load returns: the
// same site and the same errors. A Cache is not safe for concurrent use.
//
// Identity. An event or page whose file did not change (or changed back
// to the same bytes) keeps its pointer from one load to the next, and one
// whose file changed gets a new one; the Cache never changes an Event or
// Page it has returned. Later stages tell what changed by comparing these
// pointers: render.Incremental keys its signatures and caches on them.
// A pointer is an address, which Go may hand to a new event once nothing
// holds the old one: so whoever remembers events by pointer must hold
// them (render.Incremental holds the last site it rendered), lest a new
// event take the address of a remembered one and pass for it.
type Cache struct {
	fsys fs.FS
	opts Options
	seed maphash.Seed

	loaded     bool
	config     Config
	configOK   bool
	configErrs ErrorList

	// entries holds every path under content/ that the walk reports on: a
	// Markdown file with its decoded contents, or a problem (a file of
	// another kind, an unreadable folder). paths lists them in walk order.
	entries map[string]*cacheEntry
	paths   []string

	// last is the site of the last load that succeeded, as returned.
	last *Site

	// sorted is the events of the last load that got as far as sorting,
	// in order: most of them are in the next load too, already in place.
	sorted []*Event

	// static remembers which paths static/ has, as the checks of local
	// images and media asked; anything changing under static/ forgets it.
	static map[string]bool
}

type cacheEntry struct {
	walkErrs ErrorList // the walk's problems with this path
	isFile   bool      // a Markdown file: res is its decoded contents
	resource bool      // a file of a page bundle
	res      decoded
	sum      uint64 // hash of the file's bytes when res came from them
	read     bool   // the bytes were read (sum is valid)
}

// NewCache returns a Cache for the site in fsys. Nothing is read until the
// first Load.
func NewCache(fsys fs.FS, opts Options) *Cache {
	return &Cache{fsys: fsys, opts: opts, seed: maphash.MakeSeed(),
		entries: map[string]*cacheEntry{}, static: map[string]bool{}}
}

// Load loads the site, like Load. changed names the paths that may have
// changed since the previous call: slash-separated and relative to the
// site root, files or folders, existing or not ("content/events/x.md",
// "content/events/2014", "site.toml", "static/img/a.jpg"). A folder stands
// for everything under it. The first call reads everything, and so does a
// call whose list holds "." (after the file watcher lost track).
func (c *Cache) Load(changed []string) (*Site, error) {
	full := !c.loaded
	for _, p := range changed {
		if path.Clean("/"+p) == "/" {
			full = true
		}
	}
	if full {
		changed = []string{configFile, "content", "static"}
		c.loaded = true
	}

	old := map[string]*cacheEntry{}
	dirs := map[string]*dirListing{}
	var toRead []string
	onlyContent := !full
	before := len(c.paths)
	changed = slices.Clone(changed)
	for i, p := range changed {
		// An index.md coming or going makes or unmakes a page bundle:
		// every file of its folder is then something else.
		if path.Base(p) == "index.md" && strings.HasPrefix(p, "content/events/") {
			changed[i] = path.Dir(p)
		}
	}
	for _, p := range topmost(changed) {
		switch {
		case p == configFile:
			var errs ErrorList
			c.config, c.configOK = loadConfig(c.fsys, &errs)
			c.configErrs = errs
			onlyContent = false
		case p == "static" || strings.HasPrefix(p, "static/"):
			clear(c.static)
			onlyContent = false
		case p == "content" || strings.HasPrefix(p, "content/"):
			toRead = append(toRead, c.rescan(p, dirs, old)...)
		}
	}
	c.read(toRead, old)
	if onlyContent && len(c.paths) == before {
		if site, ok := c.bodiesOnly(old); ok {
			return site, nil
		}
	}
	c.last = nil
	site, err := c.assemble()
	if site != nil && err == nil {
		last := *site // the caller may change its copy (build sets Warnings)
		c.last = &last
	}
	return site, err
}

// assemble makes the site from the entries, as Load does.
func (c *Cache) assemble() (*Site, error) {
	errs := slices.Clone(c.configErrs)
	if !c.configOK {
		return nil, errs.Err()
	}
	var files, resources []string
	var results []decoded
	for _, p := range c.paths {
		e := c.entries[p]
		errs = append(errs, e.walkErrs...)
		if e.isFile && !strayLanguage(p, c.config.Language, &errs) {
			files = append(files, p)
			results = append(results, e.res)
		}
		if e.resource {
			resources = append(resources, p)
		}
	}
	site := &Site{Config: c.config, fsys: c.fsys}
	errs, grouped := assemble(site, files, results, resources, c.opts, c.inStatic, c.sortEvents, errs)
	if !grouped {
		return nil, errs.Err()
	}
	return site, errs.Err()
}

// topmost cleans the paths and drops those inside another one of the list,
// which stands for them.
func topmost(paths []string) []string {
	clean := make([]string, 0, len(paths))
	for _, p := range paths {
		p = strings.TrimPrefix(path.Clean("/"+p), "/")
		if p != "" {
			clean = append(clean, p)
		}
	}
	slices.SortFunc(clean, walkCompare)
	clean = slices.Compact(clean)
	out := clean[:0]
	for _, p := range clean {
		// In walk order a folder comes right before what it holds.
		if n := len(out); n > 0 && strings.HasPrefix(p, out[n-1]+"/") {
			continue
		}
		out = append(out, p)
	}
	return out
}

// walkCompare orders paths as fs.WalkDir visits them: name by name, a
// folder before what it holds ("a" < "a/z" < "a-b"). Comparing with '/' as
// the smallest byte does just that.
func walkCompare(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] == b[i] {
			continue
		}
		switch {
		case a[i] == '/':
			return -1
		case b[i] == '/':
			return 1
		case a[i] < b[i]:
			return -1
		}
		return 1
	}
	return len(a) - len(b)
}

// dirListing is one folder's entries, read once per Load.
type dirListing struct {
	entries []fs.DirEntry
	err     error
}

// rescan forgets what it knew of path p and everything under it (keeping
// the old entries in old, to reuse what did not change), then looks at p
// afresh, as the walk of content/ would, and returns the Markdown files
// to read.
func (c *Cache) rescan(p string, dirs map[string]*dirListing, old map[string]*cacheEntry) []string {
	i, _ := slices.BinarySearchFunc(c.paths, p, walkCompare)
	j := i
	for j < len(c.paths) && (c.paths[j] == p || strings.HasPrefix(c.paths[j], p+"/")) {
		if _, seen := old[c.paths[j]]; !seen {
			old[c.paths[j]] = c.entries[c.paths[j]]
		}
		delete(c.entries, c.paths[j])
		j++
	}
	c.paths = slices.Delete(c.paths, i, j)

	// An ignored name anywhere below content/ hides p, as the walk skips
	// ignored folders whole.
	for _, seg := range strings.Split(p, "/")[1:] {
		if IsIgnored(seg) {
			return nil
		}
	}
	var found, resources []string
	var errs ErrorList
	visit := contentVisitor(newBundles(c.fsys), func(f string) { found = append(found, f) },
		func(f string) { resources = append(resources, f) }, &errs)
	if p == "content" {
		// The root of the walk, as Load walks it (following a link).
		fs.WalkDir(c.fsys, p, visit)
		return c.record(found, resources, errs)
	}
	parent, name := path.Split(p)
	parent = strings.TrimSuffix(parent, "/")
	if parent == "" {
		parent = "."
	}
	list := dirs[parent]
	if list == nil {
		list = &dirListing{}
		list.entries, list.err = fs.ReadDir(c.fsys, parent)
		dirs[parent] = list
	}
	k, exists := slices.BinarySearchFunc(list.entries, name, func(d fs.DirEntry, name string) int {
		return strings.Compare(d.Name(), name)
	})
	if list.err != nil || !exists {
		// Gone, or its folder is: the change that took the folder away
		// is (or was) reported too.
		return nil
	}
	if d := list.entries[k]; d.IsDir() {
		fs.WalkDir(c.fsys, p, visit) // the visitor reports problems itself
	} else {
		visit(p, d, nil)
	}
	return c.record(found, resources, errs)
}

// record adds what a walk found: Markdown files to read, bundles' other
// files, and problems.
func (c *Cache) record(found, resources []string, errs ErrorList) []string {
	for _, f := range found {
		c.add(f).isFile = true
	}
	for _, f := range resources {
		c.add(f).resource = true
	}
	for _, e := range errs {
		en := c.add(e.File)
		en.walkErrs = append(en.walkErrs, e)
	}
	return found
}

// add returns the entry of path p, creating it in its place in walk order.
func (c *Cache) add(p string) *cacheEntry {
	if e := c.entries[p]; e != nil {
		return e
	}
	e := &cacheEntry{}
	c.entries[p] = e
	i, _ := slices.BinarySearchFunc(c.paths, p, walkCompare)
	c.paths = slices.Insert(c.paths, i, p)
	return e
}

// read reads and decodes the files, on all cores. A file whose bytes are
// those it had before keeps its decoded event or page.
func (c *Cache) read(files []string, old map[string]*cacheEntry) {
	// The map of entries is only read while the workers run.
	dirs := newFolders(c.fsys)
	defer dirs.close()
	work.Do(context.Background(), len(files), func(i int) error {
		f := files[i]
		e := c.entries[f]
		src, err := readContent(c.fsys, dirs, f, nil)
		if err != nil {
			e.res = decoded{errs: ErrorList{readError(c.fsys, f, err)}}
			return nil
		}
		e.sum, e.read = maphash.Bytes(c.seed, src), true
		if o := old[f]; o != nil && o.isFile && o.read && o.sum == e.sum {
			e.res = o.res
			return nil
		}
		e.res = decodeAs(f, src, c.opts)
		return nil
	})
}

func (c *Cache) inStatic(p string) bool {
	has, ok := c.static[p]
	if !ok {
		has = staticHas(c.fsys, p)
		c.static[p] = has
	}
	return has
}

// sortEvents sorts events by Compare, as Load does, but starting from the
// order of the previous load: it drops the events that are gone and
// inserts the new ones where they belong. Compare is a total order (slugs
// are unique by then), so the result is the one a full sort gives.
func (c *Cache) sortEvents(events []*Event) {
	defer func() { c.sorted = slices.Clone(events) }()
	inPrev := make(map[*Event]bool, len(events))
	for _, e := range events {
		inPrev[e] = false
	}
	kept := make([]*Event, 0, len(events))
	for _, e := range c.sorted {
		if _, ok := inPrev[e]; ok {
			inPrev[e] = true
			kept = append(kept, e)
		}
	}
	if added := len(events) - len(kept); added > len(events)/4 {
		SortEvents(events)
		return
	}
	for _, e := range events {
		if !inPrev[e] {
			i, _ := slices.BinarySearchFunc(kept, e, Compare)
			kept = slices.Insert(kept, i, e)
		}
	}
	copy(events, kept)
}

// bodiesOnly makes the site when the only change since the last load is to
// the bodies of events that were and are valid: it is then the last site
// with those events in place of their old versions, which sort, group and
// check the same, since only their bodies differ. It reports false when
// the change is of any other kind. old holds the entries the rescans
// replaced; the caller has checked that they added none.
func (c *Cache) bodiesOnly(old map[string]*cacheEntry) (*Site, bool) {
	if c.last == nil || len(old) == 0 || len(old) > 16 {
		return nil, false
	}
	swap := map[*Event]*Event{}
	for p, o := range old {
		n := c.entries[p]
		if n == nil || o == nil || !n.isFile || !o.isFile || len(n.walkErrs)+len(o.walkErrs) > 0 ||
			n.res.event == nil || o.res.event == nil || len(n.res.errs)+len(o.res.errs) > 0 {
			return nil, false
		}
		if n.res.event == o.res.event {
			continue // the same bytes
		}
		a, b := *n.res.event, *o.res.event
		a.Body, a.BodyLine, a.Lead, a.srcSum, a.packed = nil, 0, "", 0, packed.File{}
		b.Body, b.BodyLine, b.Lead, b.srcSum, b.packed = nil, 0, "", 0, packed.File{}
		if !reflect.DeepEqual(a, b) {
			return nil, false
		}
		swap[o.res.event] = n.res.event
	}
	site := *c.last
	site.Events, _ = replaceEvents(site.Events, swap)
	for _, list := range []*[]*Term{&site.Tags, &site.Tracks, &site.Years} {
		terms := slices.Clone(*list)
		for i, t := range terms {
			if events, replaced := replaceEvents(t.Events, swap); replaced {
				copied := *t
				copied.Events = events
				terms[i] = &copied
			}
		}
		*list = terms
	}
	c.sorted = slices.Clone(site.Events)
	last := site
	c.last = &last
	return &site, true
}

// replaceEvents returns events with those in swap replaced, in a new
// slice when any is, and whether any was.
func replaceEvents(events []*Event, swap map[*Event]*Event) ([]*Event, bool) {
	var out []*Event
	for i, e := range events {
		if n, ok := swap[e]; ok {
			if out == nil {
				out = slices.Clone(events)
			}
			out[i] = n
		}
	}
	if out == nil {
		return events, false
	}
	return out, true
}
