package timeline

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/work"
)

// Options changes what Load includes.
type Options struct {
	Drafts bool // include events and pages marked draft = true

	// Lead, when set, makes each event's lead (Event.Lead: what stands for
	// a missing summary, the body's first paragraph) as its file is read.
	// The lead must keep nothing of body, whose memory may be the next
	// file's once Lead returns (see decodeFile).
	Lead func(body []byte) string
	// LeaveBodies makes Load keep no event's Markdown body: Site.Body
	// reads it again from its file when it is needed. A site rendered once
	// (timeline build) then never holds every body at once; with Lead,
	// listing pages need none.
	LeaveBodies bool
	// KeepBodies, with LeaveBodies, keeps the events' bodies when their
	// files come to this many bytes or less in all, and otherwise none: Site.Body
	// returns a kept body until Site.LeaveBody lets it go, and reads the
	// file again after. A site whose bodies fit reads each file once.
	KeepBodies int64
	keepLeft   *atomic.Int64 // of KeepBodies, the bytes not kept yet
	// PackBodies makes Load keep each event's Markdown body compressed,
	// in a third of the memory or less: Site.Body unpacks it when it is
	// needed. Unlike LeaveBodies, the body stays the one read, however
	// the file changes later (the preview renders the site as loaded).
	PackBodies bool
}

// MaxFileSize is the largest content file Load reads. An event is a page of
// text; a file past this size is a mistake (a pasted binary, a log) that
// would otherwise slow every build.
const MaxFileSize = 2 << 20

// reserved are first path segments a plain page may not take, because the
// generator writes there.
var reserved = []string{"events", "tags", "tracks", "years", "feed.xml", "feed.json", "timeline.json",
	"events.ics", "sitemap.xml", "robots.txt", "404.html", "index.html"}

// Load reads a site from fsys, whose root holds site.toml and content/. It
// returns every problem it finds as an ErrorList, sorted by file and line.
// With errors, the Site is nil when site.toml is missing, and otherwise
// holds what loaded without error: not a site to publish, but one a build
// renders to find the errors only rendering finds (broken links, templates),
// so that every error comes in one run (see FileURL).
func Load(fsys fs.FS, opts Options) (*Site, error) {
	if opts.LeaveBodies && opts.KeepBodies > 0 {
		opts.keepLeft = new(atomic.Int64)
		opts.keepLeft.Store(opts.KeepBodies)
	}
	var errs ErrorList
	config, ok := loadConfig(fsys, &errs)
	if !ok {
		return nil, errs.Err()
	}
	if len(config.Languages) > 0 {
		site, err := loadLanguages(fsys, config, opts, errs)
		keepAllOrNone(site, opts)
		return site, err
	}
	site, errs, ok := loadSite(fsys, config, opts, errs)
	if !ok {
		return nil, errs.Err()
	}
	keepAllOrNone(site, opts)
	return site, errs.Err()
}

// minKeptBody is the size of a body below which bodies are not expected to
// fit in Options.KeepBodies: a site of more files than KeepBodies over
// this keeps none, rather than some until the budget runs out.
const minKeptBody = 1 << 10

// keepAllOrNone lets go of the bodies Load kept when they did not all fit
// in Options.KeepBodies: a large site is loaded as lean as without, for a
// build's soft memory limit is set from the heap the loaded site holds
// (some 130 MB more at 100,000 events for 32 MB of bodies, held only
// until their pages are made: see also minKeptBody).
func keepAllOrNone(site *Site, opts Options) {
	if site == nil || opts.keepLeft == nil || opts.keepLeft.Load() >= 0 {
		return
	}
	for _, s := range append([]*Site{site}, site.Translations...) {
		for _, e := range s.Events {
			s.LeaveBody(e)
		}
	}
}

// loadSite reads the content of the site whose settings are config, and
// returns it with errs and the problems it found appended, and whether it
// got as far as grouping the events (see assemble).
func loadSite(fsys fs.FS, config Config, opts Options, errs ErrorList) (*Site, ErrorList, bool) {
	site := &Site{Config: config, fsys: fsys}

	files, resources, walkErrs := contentFiles(fsys)
	errs = append(errs, walkErrs...)
	if _, ok := fsys.(*langView); !ok {
		files = strayLanguages(files, config.Language, &errs)
	}

	if int64(len(files)) > opts.KeepBodies/minKeptBody {
		opts.keepLeft = nil // too many to fit: none kept, even for a while
	}
	results := make([]decoded, len(files))
	dirs := newFolders(fsys)
	work.Do(context.Background(), len(files), func(i int) error {
		results[i] = decodeFile(fsys, dirs, files[i], opts)
		return nil
	})
	if opts.LeaveBodies {
		site.folders = dirs // for Body, until Close
	} else {
		dirs.close()
	}

	inStatic := func(p string) bool { return staticHas(fsys, p) }
	errs, grouped := assemble(site, files, results, resources, opts, inStatic, SortEvents, errs)
	return site, errs, grouped
}

// decoded is one content file read and decoded: an event, a page, or the
// errors that stopped it.
type decoded struct {
	event *Event
	page  *Page
	errs  ErrorList
}

// decodeFile reads and decodes one content file (opened in its folder if
// dirs holds it), making the event's lead and leaving its body as opts say.
//
// When no body is kept, an event's file is read into a buffer of
// bodyBuffers, given back once the event is decoded, for the next file:
// the event keeps nothing of it (its strings are its own: see
// ownStrings), and 100,000 events' files would otherwise be 270 MB of
// garbage made while the site loads. A page keeps its body, and a file
// that failed may keep a part in its errors: their buffers are left to
// the collector.
func decodeFile(fsys fs.FS, dirs *folders, file string, opts Options) decoded {
	var alloc func(int) []byte
	if opts.LeaveBodies && opts.keepLeft == nil {
		alloc = bodyBuffers.Get
	}
	src, err := readContent(fsys, dirs, file, alloc)
	if err != nil {
		var r decoded
		r.errs = append(r.errs, readError(fsys, file, err))
		return r
	}
	r := decodeAs(file, src, opts)
	if alloc != nil && r.event != nil && r.event.bodyLeft && len(r.errs) == 0 {
		bodyBuffers.Put(src) // src is the buffer, cut to the file's length
	}
	return r
}

// decodeAs decodes the contents of a content file, making the event's
// lead and leaving its body as opts say.
func decodeAs(file string, src []byte, opts Options) decoded {
	r := decodeSource(file, src)
	if e := r.event; e != nil {
		if opts.Lead != nil && e.Summary == "" {
			e.Lead, e.HasLead = opts.Lead(e.Body), true
		}
		switch {
		case opts.LeaveBodies:
			e.srcSum = maphash.Bytes(srcSeed, src)
			// A kept body holds its file's bytes, front matter and all
			// (a copy of the body alone took a tenth of loading's time):
			// the whole file counts.
			if k := opts.keepLeft; k != nil && k.Add(-int64(len(src))) >= 0 {
				e.bodyKept = true
			} else {
				e.Body, e.bodyLeft = nil, true
			}
		case opts.PackBodies:
			e.packed, e.hasPacked = packed.Of("", e.Body), true
			e.Body = nil
		}
	}
	return r
}

// LeaveBody lets go of e's body if Load kept it (Options.KeepBodies), once
// the build is done with it: Site.Body reads it again if asked. The caller
// is the only one using e's body meanwhile.
func (s *Site) LeaveBody(e *Event) {
	if e.bodyKept {
		e.Body, e.bodyKept, e.bodyLeft = nil, false, true
	}
}

// srcSeed seeds the sums that tell whether a file changed since it was read.
var srcSeed = maphash.MakeSeed()

// Body returns the Markdown body of an event. If Load left it (see
// Options.LeaveBodies), it reads it again from the event's file, and fails
// if the file has changed since; if Load packed it (Options.PackBodies),
// it unpacks it.
func (s *Site) Body(e *Event) ([]byte, error) {
	if e.hasPacked {
		return e.packed.Bytes(), nil
	}
	if !e.bodyLeft {
		return e.Body, nil
	}
	src, err := readContent(s.fsys, s.folders, e.File, nil)
	if err != nil {
		return nil, ErrorList{readError(s.fsys, e.File, err)}
	}
	return bodyOf(e, src)
}

// bodyOf returns the body of e in src, its file read again, or an error if
// the file changed since Load read it.
func bodyOf(e *Event, src []byte) ([]byte, error) {
	if maphash.Bytes(srcSeed, src) != e.srcSum {
		return nil, ErrorList{{File: e.File, Msg: "the file changed while the site was being built", Help: "build again"}}
	}
	doc, err := splitFrontMatter(src)
	if err != nil { // it did not fail when first read
		return nil, ErrorList{{File: e.File, Msg: err.Error()}}
	}
	return doc.Body, nil
}

// decodeSource decodes the contents of a content file, as an event or a
// page depending on where it lies.
func decodeSource(file string, src []byte) decoded {
	var r decoded
	switch {
	case file == "content/_index.md":
		r.page = decodePage(file, src, false, &r.errs)
	case strings.HasPrefix(file, "content/events/"):
		r.event = decodeEvent(file, src, &r.errs)
	default:
		r.page = decodePage(file, src, true, &r.errs)
	}
	return r
}

// assemble does what needs every file at once: it finds duplicate slugs and
// page paths, gives bundles their resources, checks local images and media
// against them and static/ (inStatic tells what static/ holds), leaves out
// drafts, sorts the events (with sortEvents, which must sort by Compare)
// and groups them. files are in walk order, results[i] is files[i]
// decoded; resources are the bundles' other files. It returns errs with
// the problems it found appended, and whether it got as far as sorting and
// grouping the events. Load and Cache share it, so a reloaded site is the
// same as a loaded one.
func assemble(site *Site, files []string, results []decoded, resources []string, opts Options,
	inStatic func(p string) bool, sortEvents func([]*Event), errs ErrorList) (ErrorList, bool) {
	bySlug := map[string]*Event{}
	byPath := map[string]*Page{}
	for i, r := range results {
		errs = append(errs, r.errs...)
		if e := r.event; e != nil {
			if other := bySlug[e.Slug]; other != nil {
				errs.add(e.File, 1, "duplicate slug %q: %s has it too", e.Slug, other.File)
				errs.add(other.File, 1, "duplicate slug %q: %s has it too", e.Slug, e.File)
				continue
			}
			bySlug[e.Slug] = e
			if !e.Draft || opts.Drafts {
				site.Events = append(site.Events, e)
			}
		}
		if p := r.page; p != nil {
			if files[i] == "content/_index.md" {
				site.Intro = p
				continue
			}
			if other := byPath[p.Path]; other != nil {
				errs.add(p.File, 1, "page path /%s/ is also the path of %s", p.Path, other.File)
				continue
			}
			byPath[p.Path] = p
			if !p.Draft || opts.Drafts {
				site.Pages = append(site.Pages, p)
			}
		}
	}
	site.addResources(resources, bySlug)
	for _, e := range bySlug {
		site.checkLinks(e, inStatic, &errs)
	}
	// Sorted and grouped even with errors: the page paths are checked
	// against the years, and a failed build still renders what loaded.
	sortEvents(site.Events)
	site.group()
	site.Pages = slices.DeleteFunc(site.Pages, func(p *Page) bool {
		first, _, _ := strings.Cut(p.Path, "/")
		if slices.Contains(reserved, first) || isYearSlug(first, site.Years) {
			errs.add(p.File, 1, "page path /%s/ is taken by the generator's own pages", p.Path).Help = "set slug = \"...\" in its front matter"
			return true // left out, so that what loaded can be rendered
		}
		return false
	})
	return errs, true
}

func isYearSlug(s string, years []*Term) bool {
	for _, y := range years {
		if y.Slug == s {
			return true
		}
	}
	return false
}

// contentFiles lists the Markdown files under content/ in lexical order,
// and the other files of page bundles, skipping hidden files and editors'
// temporary files, and reports files of other kinds, which belong in
// static/.
func contentFiles(fsys fs.FS) (files, resources []string, errs ErrorList) {
	visit := contentVisitor(newBundles(fsys), func(p string) { files = append(files, p) },
		func(p string) { resources = append(resources, p) }, &errs)
	if err := fs.WalkDir(listFolders(fsys, "content"), "content", visit); err != nil {
		errs.add("content", 0, "%v", err)
	}
	return files, resources, errs
}

// contentVisitor is the walk of content/: it hands each Markdown file to
// found, each other file of a page bundle to resource, and adds a problem
// to errs for anything else. Cache walks parts of content/ with it too.
func contentVisitor(b *bundles, found, resource func(string), errs *ErrorList) fs.WalkDirFunc {
	return func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a site with no content yet: no events
			}
			errs.add(p, 0, "%v", err)
			return nil
		}
		name := d.Name()
		if p != "content" && IsIgnored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch b.kind(p, errs) {
		case "md":
			found(p)
		case "resource":
			resource(p)
		}
		return nil
	}
}

// IsIgnored reports whether a file or folder name is one the generator
// never reads: hidden files and editors' backup, swap and temporary files.
// The preview's watcher uses it too.
func IsIgnored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // .git, .DS_Store, .#emacs-lock, .file.swp
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs auto-save
		strings.HasSuffix(name, "~"),                                 // emacs, gedit backup
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		name == "4913": // vim's probe for a writable directory
		return true
	}
	return false
}

// readError is the error of a content file that could not be read. A
// symbolic link to nothing says where it points, where the system would
// say only "no such file or directory".
func readError(fsys fs.FS, file string, err error) *Error {
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := fs.ReadLink(fsys, file); lerr == nil {
			return &Error{File: file, Msg: fmt.Sprintf("a symbolic link to %s, which does not exist", target),
				Help: "remove the link, or point it at an existing file"}
		}
		return &Error{File: file, Msg: "the file is gone: it was removed while the site was read"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the file is named already
	}
	return &Error{File: file, Msg: err.Error()}
}

// readContent reads a content file whole, refusing what is not a regular
// file or is larger than MaxFileSize. A DirFS opens it in its folder when
// dirs holds that open. The bytes are read into alloc(size) (see
// allocate), or a new slice when alloc is nil.
func readContent(fsys fs.FS, dirs *folders, name string, alloc func(int) []byte) ([]byte, error) {
	if d, ok := fsys.(dirFS); ok {
		return d.readContent(dirs, name, alloc)
	}
	return readFSContent(fsys, name, alloc)
}

// allocate returns alloc(n) cut to n bytes, or a new slice of n bytes.
func allocate(alloc func(int) []byte, n int) []byte {
	if alloc == nil {
		return make([]byte, n)
	}
	return alloc(n)[:n]
}

func readFSContent(fsys fs.FS, name string, alloc func(int) []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if err := checkSize(info.Size()); err != nil {
		return nil, err
	}
	// One allocation of the right size; a file that grows meanwhile is cut
	// at the size it had, and read in full on the next build.
	buf := allocate(alloc, int(info.Size()))
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return buf[:n], nil
}

var errNotRegular = errors.New("not a regular file (a symbolic link to a folder, or a device)")

func checkSize(size int64) error {
	if size > MaxFileSize {
		return fmt.Errorf("file is %d bytes; the limit for one content file is %d (2 MiB)", size, MaxFileSize)
	}
	return nil
}

var pageKeys = []string{"title", "description", "slug", "draft", "weight"}

// decodePage reads a plain page, or content/_index.md (the home page's
// intro) when needTitle is false: its front matter is optional.
func decodePage(file string, src []byte, needTitle bool, errs *ErrorList) *Page {
	doc, err := splitFrontMatter(src)
	if err != nil {
		addLineError(errs, file, err)
		return nil
	}
	rel := strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md")
	p := &Page{File: file, Body: doc.Body, BodyLine: doc.BodyLine}
	n := len(*errs)
	m := map[string]any{}
	var f *fields
	if doc.Front != nil {
		if m, err = decodeTOML(doc.Front, doc.FrontLine); err != nil {
			addLineError(errs, file, err)
			return nil
		}
	} else if needTitle {
		errs.add(file, 1, "missing front matter").Help = "a page starts with a line +++, then title = \"...\", then +++"
		return nil
	}
	f = &fields{file: file, m: m, lines: newKeyLineIndex(doc.Front, doc.FrontLine), line0: 1, errs: errs}
	f.unknown(pageKeys)
	if _, ok := m["date"]; ok {
		// A dated page is most likely an event in the wrong folder.
		for _, e := range (*errs)[n:] {
			if e.Msg == `unknown key "date"` {
				e.Help = "a file outside content/events/ is a page, which has no date; to make it an event, move it to content/events/"
			}
		}
	}
	p.Title = strings.TrimSpace(f.str("title"))
	p.Description = strings.TrimSpace(f.str("description"))
	p.Draft = f.boolean("draft")
	p.Weight = f.integer("weight")
	if needTitle {
		requireTitle(f, p.Title)
	}
	// The path keeps the file's folders; slug replaces the last segment.
	dir, name := path.Split(rel)
	if slug, ok := f.slug(); ok {
		name = slug
	}
	segs := strings.Split(dir+name, "/")
	for i, s := range segs {
		segs[i] = Slugify(s)
		if segs[i] == "" && len(*errs) == n {
			errs.add(file, 1, "cannot make a URL from the path %q", rel).Help = "rename the file or set slug = \"...\""
		}
	}
	p.Path = strings.Join(segs, "/")
	if len(*errs) > n {
		return nil
	}
	return p
}
