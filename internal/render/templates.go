package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// Page templates: each is parsed with base.html and partials.html and
// defines "main" (and may define "head"); base.html defines "base", the
// frame of every page.
var pageKinds = []string{"home", "event", "list", "terms", "page", "404"}

type templates struct {
	pages map[string]*template.Template

	// entrySet maps each kind of page to the first kind whose "entry"
	// template, with every template it calls, is the same text: the
	// entries either makes serve both (see EntryHTML).
	entrySet map[string]string

	// rootFree records, per kind of listing page and depth (an entryKey
	// with its root), whether the entries these templates make with
	// rootMark are those they make with that root (see EntryHTML).
	rootFree sync.Map
}

var funcs = template.FuncMap{
	// jsonld marshals v for a <script type="application/ld+json">;
	// encoding/json escapes <, > and & so the script cannot be closed early.
	"jsonld": func(v any) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
	"num": groupDigits,
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

// loadTemplates parses the theme's templates once per build.
func loadTemplates(theme fs.FS) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}}
	common := []string{"templates/base.html", "templates/partials.html"}
	for _, kind := range pageKinds {
		files := append(common[:2:2], "templates/"+kind+".html")
		tm := template.New(kind).Funcs(funcs)
		for _, f := range files {
			src, err := fs.ReadFile(theme, f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if _, err := tm.New(f).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
		if tm.Lookup("base") == nil {
			return nil, fmt.Errorf("templates/base.html: it must define \"base\"")
		}
		t.pages[kind] = tm
	}
	t.entrySet = map[string]string{}
	texts := map[string]string{}
	for _, kind := range pageKinds {
		text := calledText(t.pages[kind], "entry")
		if first, ok := texts[text]; ok {
			t.entrySet[kind] = first
			continue
		}
		texts[text] = kind
		t.entrySet[kind] = kind
	}
	return t, nil
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
