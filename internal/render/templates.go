package render

import (
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Page templates: each is parsed with base.html and partials.html and
// defines "main" (and may define "head"); base.html defines "base", the
// frame of every page.
// The embed kinds are parsed with embed-base.html too, whose "base" is a
// frame without the site's header and footer (embed.go).
var pageKinds = []string{"home", "event", "list", "terms", "page", "404", "embed", "embed-event"}

type templates struct {
	// pages are the kinds' templates, parsed; use page, for a kind in
	// lazy is parsed only when first asked for.
	pages map[string]*template.Template
	lazy  map[string]*lazyTemplates

	// gen holds, per kind of page whose templates are the built-in ones,
	// the generated writers of its templates (templates_gen*.go).
	gen map[string]map[string]genWriter

	// entrySet maps each kind of page to the first kind whose "entry"
	// template, with every template it calls, is the same text: the
	// entries either makes serve both (see EntryHTML).
	entrySet map[string]string

	// rootFree records, per kind of listing page and depth (an entryKey
	// with its root), whether the entries these templates make with
	// rootMark are those they make with that root (see EntryHTML).
	rootFree sync.Map
}

// funcs are the theme's functions. Each is a function of this package
// declared at the top level, which the generated writers call by name.
var funcs = template.FuncMap{
	"jsonld": jsonldJS,
	"num":    groupDigits,
}

// jsonldMarshal is jsonldJS for any value (see jsonld_write.go).
func jsonldMarshal(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// groupDigits writes a count for people: digits in threes from 10,000 up,
// parted by a narrow no-break space as SI and ISO 80000 do, which reads
// the same in every language ("9999", "10 000", "1 234 567").
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	digits := strings.TrimPrefix(s, "-")
	if len(digits) < 5 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:len(s)-len(digits)])
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(d)
	}
	return b.String()
}

// kindFiles are the template files a kind of page is parsed from.
func kindFiles(kind string) []string {
	if strings.HasPrefix(kind, "embed") {
		return []string{"templates/base.html", "templates/partials.html", "templates/embed-base.html", "templates/" + kind + ".html"}
	}
	return []string{"templates/base.html", "templates/partials.html", "templates/" + kind + ".html"}
}

// loadTemplates parses the theme's templates once per build. It reports
// every template file that fails to parse, each once (base.html and
// partials.html are parsed with every page template).
//
// A kind whose templates are the built-in ones has generated writers,
// which make its pages: its templates are parsed only if html/template
// must run (see lazyTemplates), and when every kind is so, the entries'
// sets are the generator's (genEntrySet). Parsing them all was the most
// of what a small site's build does before its first page.
func loadTemplates(theme fs.FS) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}, lazy: map[string]*lazyTemplates{}}
	var errs timeline.ErrorList
	failed := map[string]bool{}
	sources := map[string][]byte{}
	readErr := map[string]error{}
	for _, kind := range pageKinds {
		for _, f := range kindFiles(kind) {
			if _, ok := sources[f]; ok || readErr[f] != nil {
				continue
			}
			if src, err := fs.ReadFile(theme, f); err != nil {
				readErr[f] = err
			} else {
				sources[f] = src
			}
		}
	}
	t.gen = generatedFor(sources)
	for _, kind := range pageKinds {
		if t.gen[kind] != nil {
			t.lazy[kind] = &lazyTemplates{kind: kind, sources: sources}
			continue
		}
		tm := template.New(kind).Funcs(funcs)
		ok := true
		for _, f := range kindFiles(kind) {
			err := readErr[f]
			if err == nil {
				_, err = tm.New(f).Parse(string(sources[f]))
			}
			if err != nil {
				ok = false
				if !failed[f] {
					failed[f] = true
					errs = append(errs, templateError(err, f))
				}
			}
		}
		if !ok {
			continue
		}
		if tm.Lookup("base") == nil {
			if !failed["templates/base.html"] {
				failed["templates/base.html"] = true
				errs = append(errs, &timeline.Error{File: "templates/base.html", Msg: `it must define "base"`,
					Help: `every page is made from base.html: wrap it in {{define "base"}} … {{end}}`})
			}
			continue
		}
		t.pages[kind] = tm
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(t.lazy) == len(pageKinds) && genEntrySet != nil {
		t.entrySet = genEntrySet
	} else {
		t.entrySet = entrySets(t.page)
	}
	return t, nil
}

// page returns the templates of a kind of page.
func (t *templates) page(kind string) *template.Template {
	if l := t.lazy[kind]; l != nil {
		l.once.Do(l.parse)
		return l.tm
	}
	return t.pages[kind]
}

// lazyTemplates are the templates of a kind whose files are the built-in
// ones, parsed when first asked for: by a writer that gave up, by a page
// of a kind without writers that shows entries, by the tests.
type lazyTemplates struct {
	kind    string
	sources map[string][]byte // by file, read only
	once    sync.Once
	tm      *template.Template
}

func (l *lazyTemplates) parse() {
	tm := template.New(l.kind).Funcs(funcs)
	for _, f := range kindFiles(l.kind) {
		template.Must(tm.New(f).Parse(string(l.sources[f]))) // the built-in templates parse
	}
	l.tm = tm
}

// entrySets maps each kind of page to the first kind whose "entry"
// template, with every template it calls, is the same text (see
// templates.entrySet).
func entrySets(page func(kind string) *template.Template) map[string]string {
	set := map[string]string{}
	texts := map[string]string{}
	for _, kind := range pageKinds {
		text := calledText(page(kind), "entry")
		if first, ok := texts[text]; ok {
			set[kind] = first
			continue
		}
		texts[text] = kind
		set[kind] = kind
	}
	return set
}

// calledText is the text of the template name in tm and of every
// template it calls, in a form that is the same for the same templates.
func calledText(tm *template.Template, name string) string {
	var b strings.Builder
	seen := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
		}
	}
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		t := tm.Lookup(name)
		b.WriteString(name + "\x00")
		if t == nil || t.Tree == nil {
			b.WriteString("-\x00")
			return
		}
		b.WriteString(t.Tree.Root.String() + "\x00")
		walk(t.Tree.Root)
	}
	visit(name)
	return b.String()
}

// templatePos is where text/template and html/template put the position
// of a parse or execution error: at the start of the message, after the
// package's name ("template: templates/home.html:3:12: executing …").
// They give it in no other form, so it is read back from there; the names
// are our own (the template files' paths), so the match is exact.
var templatePos = regexp.MustCompile(`^(?:html/)?template: ?(templates/[^:\s]+\.html):(\d+)(?::\d+)?: (?s)(.*)$`)

// templateError makes err, from parsing or executing the theme's
// templates, a timeline.Error at the template file and line it names. An
// error in a template that a method of the page ran (an entry, a
// fragment) comes wrapped in the error of the template that called it:
// the innermost position is where the mistake is. file is the template
// to blame when the error names none.
func templateError(err error, file string) *timeline.Error {
	out := &timeline.Error{File: file, Msg: err.Error()}
	for e := err; e != nil; e = errors.Unwrap(e) {
		m := templatePos.FindStringSubmatch(e.Error())
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		out = &timeline.Error{File: m[1], Line: line, Msg: m[3]}
	}
	return out
}
