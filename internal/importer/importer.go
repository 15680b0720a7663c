// Package importer moves a timeline kept elsewhere into a site: it reads a
// TimelineJS3 JSON file (timelinejs.go) or a CSV file laid out as the
// TimelineJS Google Sheets template (csv.go), and writes one event file per
// slide into content/events/, the title slide into content/_index.md and
// the eras into site.toml.
//
// Every slide that TimelineJS can show, one with a start date that has a
// year, becomes an event; one without is reported at its line. What is
// kept: the headline (as the title; without one, the text's first
// sentence or the date, with a note), the start and end dates at their
// own precision (from a year 13.8 billion years ago to a second), "c." at
// the start of a display date (circa), an end shown as "present" (an
// ongoing span), the group (as the track), the media, the text (HTML
// written as Markdown, toMarkdown in html.go) and the unique_id (as the
// slug). An image file becomes the event's image, with its alt text (or
// caption) and credit; any other media (a video, a post, a map, a page, a
// quotation) becomes media, with its caption and credit. Two parts of the
// text that timeline's own /timeline.json writes are read back into their
// keys: a first <p class="summary"> (the summary) and a <section
// class="sources"> (the sources). So importing a site's own /timeline.json
// gives back its events.
//
// Whatever else a slide holds (a background, a location, a thumbnail, a
// display date that is not "c." or "present", milliseconds) is left out
// with a note at the slide's line; a field the site has no place for never
// makes a slide disappear. Names that collide get -2, -3.
//
// Every file is checked by loading it as the site would before it is
// written; an entry that would not load is reported with its line and the
// others are still imported. No existing file is replaced unless
// Options.Force is set; site.toml is only ever added to.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Options changes how Import writes.
type Options struct {
	Force bool // replace event files, and content/_index.md, that exist
}

// Result says what an import did.
type Result struct {
	Written []string           // event files written, relative to the site
	Intro   bool               // content/_index.md was written from the title slide
	Eras    int                // eras added to site.toml
	Notes   timeline.ErrorList // what was left out on purpose, and why
}

// Import reads file (TimelineJS3 JSON, or CSV in the TimelineJS sheet
// layout) and writes its entries into the site at dir, whose files site
// holds (os.DirFS(dir)): they are read to find the slugs already taken.
// The error, when not nil, is a timeline.ErrorList of the entries that
// could not be imported, each at its line of file; the others are written
// all the same. The caller has checked that dir is a site
// (timeline.CheckSite).
func Import(site fs.FS, dir, file string, opts Options) (*Result, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	name := filepath.ToSlash(file)
	var rows []row
	if isJSON(file, src) {
		rows, err = readTimelineJS(src)
	} else {
		rows, err = readCSV(src)
	}
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, timeline.ErrorList{{File: name, Line: le.line, Msg: le.msg}}
		}
		return nil, timeline.ErrorList{{File: name, Msg: err.Error()}}
	}

	w := newWriter(site, dir, opts)
	res := &Result{}
	var errs timeline.ErrorList
	note := func(line int, msg string) {
		res.Notes = append(res.Notes, &timeline.Error{File: name, Line: line, Msg: msg})
	}
	var eras []*era
	for _, r := range rows {
		switch {
		case r.err != "":
			errs = append(errs, &timeline.Error{File: name, Line: r.line, Msg: r.err})
			continue
		case r.skip != "":
			note(r.line, r.skip)
			continue
		}
		switch r.kind {
		case rowTitle:
			written, msgs, err := w.writeIntro(convertTitle(r.slide))
			if err != nil {
				errs = append(errs, &timeline.Error{File: name, Line: r.line, Msg: err.Error()})
			}
			for _, m := range msgs {
				note(r.line, m)
			}
			res.Intro = written
			continue
		case rowEra:
			e, err := convertEra(r.slide)
			if err != nil {
				errs = append(errs, &timeline.Error{File: name, Line: r.line, Msg: "era: " + err.Error()})
				continue
			}
			e.line = r.line
			for _, m := range e.notes {
				note(r.line, m)
			}
			eras = append(eras, e)
			continue
		}
		ev, err := convert(r.slide)
		if err != nil {
			errs = append(errs, &timeline.Error{File: name, Line: r.line, Msg: err.Error()})
			continue
		}
		written, err := w.write(ev)
		for _, m := range ev.notes {
			note(r.line, m)
		}
		if err != nil {
			errs = append(errs, &timeline.Error{File: name, Line: r.line, Msg: err.Error()})
			continue
		}
		res.Written = append(res.Written, written)
	}
	if len(eras) > 0 {
		msgs, bad := w.writeEras(eras)
		for _, m := range msgs {
			note(eras[0].line, m)
		}
		for _, e := range eras {
			if msg, ok := bad[e]; ok {
				errs = append(errs, &timeline.Error{File: name, Line: e.line, Msg: "era: " + msg})
			}
		}
		if len(msgs) == 0 {
			res.Eras = len(eras) - len(bad)
		}
	}
	slices.SortStableFunc(res.Notes, func(a, b *timeline.Error) int { return a.Line - b.Line })
	return res, errs.Err()
}

func isJSON(file string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		return true
	case ".csv":
		return false
	}
	src = bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(src) > 0 && src[0] == '{'
}

// A row is one entry of the input, at its line: a slide to import, or a
// reason it is skipped or bad.
type row struct {
	line  int
	kind  rowKind
	slide *slide
	skip  string // a note: left out on purpose
	err   string // bad: reported, not imported
}

// rowKind tells an event from the title slide and an era.
type rowKind uint8

const (
	rowEvent rowKind = iota
	rowTitle
	rowEra
)

// lineError is a problem with the whole input at a line of it.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// lineOf returns the line of byte offset off in src.
func lineOf(src []byte, off int64) int {
	off = min(max(off, 0), int64(len(src)))
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// writer names, checks and writes event files.
type writer struct {
	dir     string
	opts    Options
	slugs   map[string]string // slug -> file, of the site's events and those written
	written map[string]bool   // the files this import has written
}

func newWriter(fsys fs.FS, dir string, opts Options) *writer {
	w := &writer{dir: dir, opts: opts, slugs: map[string]string{}, written: map[string]bool{}}
	// Slugs already taken; a site that does not load as it is simply
	// gets no such check, and the build will say what is wrong.
	if site, err := timeline.Load(fsys, timeline.Options{Drafts: true}); err == nil {
		for _, e := range site.Events {
			w.slugs[e.Slug] = e.File
		}
	}
	return w
}

// write names the event's file content/events/DATE-SLUG.md, checks it the
// way the site will load it, and writes it. It returns the file's path
// from the site folder.
func (w *writer) write(ev *event) (string, error) {
	// The file is DATE-STEM.md. A unique_id is the slug itself; without
	// one the stem comes from the headline and the slug from the file
	// name, as with `timeline new`.
	stem := ev.slug
	if stem == "" {
		stem = timeline.Slugify(ev.title)
	}
	if stem == "" {
		return "", errors.New("cannot make a slug: the headline has no letter or digit, and there is no unique_id")
	}
	datePart := strings.ReplaceAll(strings.TrimPrefix(ev.date.ISO(), "~"), ":", "")
	fileFor := func(stem string) (name, slug string) {
		name = "content/events/" + datePart + "-" + stem + ".md"
		if strings.HasPrefix(stem, datePart) {
			name = "content/events/" + stem + ".md"
		}
		slug = timeline.Slugify(strings.TrimSuffix(path.Base(name), ".md"))
		if ev.slug != "" {
			slug = stem
		}
		return name, slug
	}
	name, slug := fileFor(stem)
	// A name this import has written already, or a slug that another file
	// has, is made unique with a number: two slides of one headline and
	// date are two events.
	for n, base := 2, stem; ; n++ {
		other, taken := w.slugs[slug]
		if !w.written[name] && (!taken || other == name) {
			break
		}
		stem = base + "-" + strconv.Itoa(n)
		name, slug = fileFor(stem)
	}
	if _, err := os.Stat(filepath.Join(w.dir, filepath.FromSlash(name))); err == nil && !w.opts.Force {
		return "", fmt.Errorf("%s exists; not overwriting it (--force replaces it)", name)
	}
	// The slug key is written only when the file name would not give it.
	ev.slugKey = ""
	if timeline.Slugify(strings.TrimSuffix(path.Base(name), ".md")) != slug {
		ev.slugKey = slug
	}
	text := ev.file()
	if err := w.check(name, text, ev); err != nil {
		if ev.media == "" {
			return "", err
		}
		// Media the site does not take must not cost the event: it is
		// left out with a note, and the event checked again.
		ev.note("media %q left out: %v", ev.media, err)
		ev.media, ev.mediaCaption, ev.mediaCredit = "", "", ""
		text = ev.file()
		if err := w.check(name, text, ev); err != nil {
			return "", err
		}
	}
	if err := writeFile(filepath.Join(w.dir, filepath.FromSlash(name)), text, w.opts.Force); err != nil {
		return "", err
	}
	w.slugs[slug] = name
	w.written[name] = true
	return name, nil
}

// check loads the new file as the site would, alone in a site of its
// own, and returns what the loader finds wrong with it.
func (w *writer) check(name string, text []byte, ev *event) error {
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"import\"\n")},
		name:        {Data: text},
	}
	if ev.image != "" && !strings.Contains(ev.image, "://") {
		p := "static/" + strings.TrimPrefix(ev.image, "/")
		if _, err := os.Stat(filepath.Join(w.dir, filepath.FromSlash(p))); err == nil && fs.ValidPath(p) {
			fsys[p] = &fstest.MapFile{}
		}
	}
	_, err := timeline.Load(fsys, timeline.Options{Drafts: true})
	var list timeline.ErrorList
	if errors.As(err, &list) {
		msgs := make([]string, len(list))
		for i, e := range list {
			msgs[i] = e.Msg
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return err
}

// writeFile writes a new file, or with force replaces one through a
// temporary file and a rename, so that a reader never sees half of it.
func writeFile(p string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if !force {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".import-*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
