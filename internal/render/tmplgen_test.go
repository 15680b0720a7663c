package render

// The generator of templates_gen*.go: the built-in theme's page templates
// as Go code. It lets html/template escape each template a page runs,
// then walks the escaped parse trees (text, actions with their escapers,
// if, with, range, template calls) and writes Go that does what
// text/template would do with them, for the types the renderer passes,
// found by reflection. It runs as a test, inside this package, because
// those types are the package's own:
//
//	go generate ./internal/render
//
// writes the file (with the tag tmplgen, which leaves the old file out of
// the build, so that a stale file that no longer compiles is no hindrance),
// and TestTemplatesGen, run with the other tests, fails while the file is
// not what the templates make.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"go/token"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	texttemplate "text/template"
	"text/template/parse"
	"unsafe"

	defaults "github.com/timeline-ssg/timeline"
)

var genWrite = flag.Bool("gen", false, "write templates_gen*.go from the built-in templates")

func TestTemplatesGen(t *testing.T) {
	files, err := generateTemplates(defaults.Theme())
	if err != nil {
		t.Fatal(err)
	}
	there, err := filepath.Glob("templates_gen*.go")
	if err != nil {
		t.Fatal(err)
	}
	there = slices.DeleteFunc(there, func(name string) bool { return strings.HasSuffix(name, "_test.go") })
	if *genWrite {
		for _, name := range there {
			if files[name] == nil {
				if err := os.Remove(name); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, src := range files {
			if err := os.WriteFile(name, src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, name := range there {
		if files[name] == nil {
			t.Errorf("%s is not made from the templates any more: run go generate ./internal/render", name)
		}
	}
	for name, src := range files {
		if old, err := os.ReadFile(name); err != nil || !bytes.Equal(old, src) {
			t.Errorf("%s is not what the templates make: run go generate ./internal/render", name)
		}
		if n := bytes.Count(src, []byte("\n")); n > 600 {
			t.Errorf("%s has %d lines: the generated files are split by page kind to stay under 600", name, n)
		}
	}
}

// tmplEntry is a template the renderer executes itself, with the type of
// the data it passes.
type tmplEntry struct {
	name string
	data reflect.Type
}

// funcName is the name of the Go function behind funcs[name], which the
// generated code calls: it must be a function of this package declared
// at the top level, not a closure.
func funcName(name string) (string, error) {
	short, full, ok := goFuncName(funcs[name])
	if !ok {
		return "", fmt.Errorf("func %q is %s: make it a function of package render declared at the top level", name, full)
	}
	return short, nil
}

// goFuncName is the name of fn in package render, and its full name; ok
// is whether fn is a function of the package declared at the top level.
func goFuncName(fn any) (short, full string, ok bool) {
	full = runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
	short, ok = strings.CutPrefix(full, renderPkg+".")
	return short, full, ok && token.IsIdentifier(short)
}

// genEscapers maps html/template's escapers to this package's: writers
// (the last of an action) and filters (text to text).
// A writer's asIs is the kind of content it writes as it is: where a
// method or function that returns it has a writer of its own
// (genHTMLWriters, genFuncWriters), that writer is called instead.
var genEscapers = map[string]struct {
	fn     string
	writes bool
	asIs   string
}{
	"_html_template_htmlescaper":    {"escText", true, "ctHTML"},
	"_html_template_attrescaper":    {"escAttr", true, ""},
	"_html_template_rcdataescaper":  {"escRCDATA", true, ""},
	"_html_template_jsvalescaper":   {"escJSVal", true, "ctJS"},
	"_html_template_htmlnamefilter": {"escAttrName", true, ""},
	"_html_template_urlfilter":      {"filterURL", false, ""},
	"_html_template_urlnormalizer":  {"normURL", false, ""},
	"_html_template_urlescaper":     {"escURL", false, ""},
	"_html_template_srcsetescaper":  {"escSrcset", false, ""},
}

// genHTMLWriters are methods returning template.HTML (named by their
// receiver's type as reflect has it) whose HTML a generated writer writes
// straight into its buffer where html/template writes it as it is, in
// text: through the method named here, of the same receiver, which takes
// the buffer first and the same arguments, and writes what the method
// returns, with no string made for it. A listing page writes an entry
// for each event it lists; an event page its small axis.
var genHTMLWriters = map[string]string{
	"*render.page.EntryHTML":  "writeEntryHTML",
	"*render.contextAxis.SVG": "writeSVG",
}

// genFuncWriters are the theme's functions (funcs) whose text a generated
// writer writes straight into its buffer where html/template writes it as
// it is: a function of this package that takes the buffer first, then
// the arguments, and returns an error. Its parameters may be narrower
// than the theme function's; where an argument's type does not fit them,
// the theme function is called. Every event page writes its JSON-LD,
// which made a slice for each.
var genFuncWriters = map[string]any{
	"jsonld": writeJSONLD,
}

var contentTypes = map[reflect.Type]string{
	reflect.TypeFor[template.HTML]():     "ctHTML",
	reflect.TypeFor[template.HTMLAttr](): "ctAttr",
	reflect.TypeFor[template.CSS]():      "ctCSS",
	reflect.TypeFor[template.JS]():       "ctJS",
	reflect.TypeFor[template.JSStr]():    "ctJSStr",
	reflect.TypeFor[template.URL]():      "ctURL",
	reflect.TypeFor[template.Srcset]():   "ctSrcset",
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
	anyType      = reflect.TypeFor[any]()
	renderPkg    = reflect.TypeFor[page]().PkgPath()
)

type generator struct {
	funcs   []*genFunc          // in the order made
	byName  map[string]*genFunc // the same, by name
	bodies  map[string]string   // a function's signature and body -> its name
	imports map[string]string   // package path -> name
	names   map[string]bool
}

// genFunc is one generated function, with the page kinds that use it:
// those of one kind go to that kind's file, the others to a shared one.
type genFunc struct {
	name, src string
	kinds     map[string]bool
}

// genCall is a call of one generated function in another's source.
var genCall = regexp.MustCompile(`\bgen[A-Z][A-Za-z0-9]*\(`)

// reaches is the set of generated functions that fn calls, itself
// included, directly or not.
func (g *generator) reaches(fn string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		f := g.byName[name]
		if f == nil || seen[name] {
			return
		}
		seen[name] = true
		body := f.src[strings.Index(f.src, "{"):]
		for _, call := range genCall.FindAllString(body, -1) {
			visit(strings.TrimSuffix(call, "("))
		}
	}
	visit(fn)
	return seen
}

// use notes that k's pages run the function fn.
func (g *generator) use(k *kindGen, fn string) {
	g.byName[fn].kinds[k.kind] = true
}

type kindGen struct {
	kind     string
	set      *texttemplate.Template // the kind's templates, escaped
	done     map[string]string      // template and dot type -> function
	slotArgs string                 // the functions "base" is given for its slots (", genHead2, genMain2")
}

// generateTemplates makes the generated files for the theme's templates,
// by name: templates_gen.go holds the tables, templates_gen_KIND.go the
// functions only one page kind runs, templates_gen_shared.go the others.
func generateTemplates(theme fs.FS) (map[string][]byte, error) {
	tm, err := loadTemplates(theme)
	if err != nil {
		return nil, err
	}
	g := &generator{byName: map[string]*genFunc{}, bodies: map[string]string{}, imports: map[string]string{}, names: map[string]bool{}}
	for name := range funcs {
		if _, err := funcName(name); err != nil {
			return nil, err
		}
	}
	var table strings.Builder
	var entryFn string // the listings' entry, the same for every kind
	files := map[string]bool{}
	for _, kind := range pageKinds {
		for _, f := range kindFiles(kind) {
			files[f] = true
		}
		html := tm.page(kind)
		entries := []tmplEntry{{"base", reflect.TypeFor[*page]()}, {"entry", reflect.TypeFor[entryArgs]()}}
		for _, name := range fragmentNames(html) {
			entries = append(entries, tmplEntry{name, reflect.TypeFor[*page]()})
		}
		for _, e := range entries {
			// Escaping happens on a template's first execution; with
			// no data it stops at once.
			_ = html.ExecuteTemplate(io.Discard, e.name, nil)
		}
		k := &kindGen{kind: kind, set: textSet(html), done: map[string]string{}}
		fmt.Fprintf(&table, "%q: {\n", kind)
		for _, e := range entries {
			fn, err := g.template(k, e.name, e.data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", kind, err)
			}
			if e.name == "entry" {
				entryFn = fn
			}
			args := "w, d.(" + g.typ(e.data) + ")"
			if e.name == "base" {
				args += k.slotArgs
			}
			fmt.Fprintf(&table, "%q: func(w *genBuf, d any) { %s(%s) },\n", e.name, fn, args)
		}
		table.WriteString("},\n")
	}
	var src bytes.Buffer
	src.WriteString("// genFiles are the sums of the templates the writers are made from: a\n// page kind whose files are these uses them (see loadTemplates).\nvar genFiles = map[string]string{\n")
	for _, f := range slices.Sorted(maps.Keys(files)) {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(&src, "%q: %q,\n", f, hex.EncodeToString(sum[:]))
	}
	src.WriteString("}\n\n// genWriters are, per page kind, the templates the renderer executes.\nvar genWriters = map[string]map[string]func(*genBuf, any){\n")
	src.WriteString(table.String())
	src.WriteString("}\n\n// genEntrySet is the templates' entrySet (see loadTemplates).\nvar genEntrySet = map[string]string{\n")
	sets := entrySets(tm.page)
	for _, kind := range slices.Sorted(maps.Keys(sets)) {
		fmt.Fprintf(&src, "%q: %q,\n", kind, sets[kind])
	}
	src.WriteString("}\n")
	bodies := map[string]*bytes.Buffer{"templates_gen.go": &src}
	inEntry := g.reaches(entryFn)
	for _, fn := range g.funcs {
		file := "templates_gen_shared.go"
		if inEntry[fn.name] {
			file = "templates_gen_entry.go"
		}
		if len(fn.kinds) == 1 {
			for kind := range fn.kinds {
				file = "templates_gen_" + strings.ReplaceAll(kind, "-", "_") + ".go"
			}
		}
		if bodies[file] == nil {
			bodies[file] = new(bytes.Buffer)
		}
		bodies[file].WriteString("\n" + fn.src)
	}
	out := map[string][]byte{}
	for file, body := range bodies {
		var b bytes.Buffer
		b.WriteString("// Code generated by go generate ./internal/render (tmplgen_test.go); DO NOT EDIT.\n\n//go:build !tmplgen\n\npackage render\n\n")
		for _, p := range slices.Sorted(maps.Keys(g.imports)) {
			if !strings.Contains(body.String(), g.imports[p]+".") {
				continue
			}
			if path.Base(p) == g.imports[p] {
				fmt.Fprintf(&b, "import %q\n", p)
			} else {
				fmt.Fprintf(&b, "import %s %q\n", g.imports[p], p)
			}
		}
		b.Write(body.Bytes())
		formatted, err := format.Source(b.Bytes())
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", file, err, b.Bytes())
		}
		out[file] = formatted
	}
	return out, nil
}

// textSet is the text/template set under an html/template, which holds
// the escaped trees and the copies made for templates called in other
// contexts than text ("name$htmltemplate_…"); html/template's Lookup
// finds only the first.
func textSet(t *template.Template) *texttemplate.Template {
	v := reflect.ValueOf(t).Elem().FieldByName("text")
	return (*texttemplate.Template)(unsafe.Pointer(v.Pointer()))
}

// fragmentNames finds the templates a kind's pages execute through
// page.Fragment: the string literal given to .Fragment.
func fragmentNames(t *template.Template) []string {
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				var last string
				switch a := c.Args[0].(type) {
				case *parse.FieldNode:
					last = a.Ident[len(a.Ident)-1]
				case *parse.VariableNode:
					last = a.Ident[len(a.Ident)-1]
				}
				if last == "Fragment" && len(c.Args) == 2 {
					if s, ok := c.Args[1].(*parse.StringNode); ok {
						seen[s.Text] = true
					}
				}
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			walk(x.Tree.Root)
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// typ is t as Go code in this package.
func (g *generator) typ(t reflect.Type) string {
	if t.Name() != "" {
		if strings.ContainsAny(t.Name(), "[]") {
			panic(genErr("generic type %s", t))
		}
		switch t.PkgPath() {
		case "", renderPkg:
			return t.Name()
		}
		name := path.Base(t.PkgPath())
		for p, n := range g.imports {
			if n == name && p != t.PkgPath() {
				panic(genErr("two packages named %s", name))
			}
		}
		g.imports[t.PkgPath()] = name
		return name + "." + t.Name()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + g.typ(t.Elem())
	case reflect.Slice:
		return "[]" + g.typ(t.Elem())
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), g.typ(t.Elem()))
	case reflect.Map:
		return "map[" + g.typ(t.Key()) + "]" + g.typ(t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	}
	panic(genErr("type %s has no name", t))
}

// genIssue is what the generator cannot write, raised as a panic from
// deep in a template's tree and reported with the template's name.
type genIssue struct{ msg string }

func genErr(format string, args ...any) genIssue { return genIssue{fmt.Sprintf(format, args...)} }

// template returns the function that writes the named template of k's
// set for a dot of type dot, generating it (and those it calls) first.
func (g *generator) template(k *kindGen, name string, dot reflect.Type) (fn string, err error) {
	key := name + "\x00" + dot.String()
	if fn, ok := k.done[key]; ok {
		if fn == "" {
			return "", fmt.Errorf("template %q calls itself", name)
		}
		g.use(k, fn)
		return fn, nil
	}
	k.done[key] = ""
	t := k.set.Lookup(name)
	if t == nil || t.Tree == nil {
		return "", fmt.Errorf("no template %q", name)
	}
	f := &funcGen{g: g, k: k, base: name == "base"}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(genIssue)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("template %q (%s): %s", name, f.at, e.msg)
		}
	}()
	d0 := val{expr: "d0", t: dot}
	f.vars = []variable{{"$", d0}}
	f.list(t.Tree.Root, d0)
	sig := "(w *genBuf, d0 " + g.typ(dot) + ") {\n"
	if f.base {
		params := ""
		for _, slot := range baseSlots {
			if s, ok := f.slots[slot]; ok {
				params += ", " + slot + " func(*genBuf, " + s.typ + ")"
				k.slotArgs += ", " + s.fn
			}
		}
		sig = "(w *genBuf, d0 " + g.typ(dot) + params + ") {\n"
	}
	full := sig + f.b.String() + "}\n"
	if fn, ok := g.bodies[full]; ok {
		k.done[key] = fn
		g.use(k, fn)
		return fn, nil
	}
	base := "gen" + goName(strings.SplitN(name, "$", 2)[0])
	fn = base
	for i := 2; g.names[fn]; i++ {
		fn = base + strconv.Itoa(i)
	}
	g.names[fn] = true
	g.bodies[full] = fn
	f2 := &genFunc{name: fn, kinds: map[string]bool{}, src: fmt.Sprintf("// %s writes %q for a %s.\nfunc %s%s", fn, name, g.typ(dot), fn, full)}
	g.funcs = append(g.funcs, f2)
	g.byName[fn] = f2
	k.done[key] = fn
	g.use(k, fn)
	return fn, nil
}

// goName is a template's name as part of a Go name: "site-links" is
// "SiteLinks".
func goName(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
			if up && 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// TestGenerateDerived: a template called in an attribute as well as in
// text is escaped twice by html/template, under two names; the generator
// writes a function for each.
func TestGenerateDerived(t *testing.T) {
	theme := withTheme(t, fstest.MapFS{})
	list := string(theme["templates/list.html"].Data)
	list = strings.Replace(list, `<p class="count">`, `<p class="count" title="{{template "titles" .Term.Events}}">{{template "titles" .Term.Events}}`, 1)
	list += `{{define "titles"}}{{range .}}<b>{{.Title}}</b>{{end}}{{end}}`
	theme["templates/list.html"] = &fstest.MapFile{Data: []byte(list)}
	files, err := generateTemplates(theme)
	if err != nil {
		t.Fatal(err)
	}
	src := bytes.Join(slices.Collect(maps.Values(files)), nil)
	for _, want := range []string{`writes "titles$htmltemplate_stateAttr`, `writes "titles" for`, `escAttr(w, v`} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("no %q in the generated code", want)
		}
	}
}

// TestGenerateFuncWriter: jsonld's writer is called for a description in
// a script, and jsonld itself for another value, or in another place.
func TestGenerateFuncWriter(t *testing.T) {
	theme := withTheme(t, fstest.MapFS{})
	event := string(theme["templates/event.html"].Data)
	event = strings.Replace(event, `<script type="application/ld+json">`,
		`<script type="application/ld+json">{{jsonld .Site.Title}}</script><p title="{{jsonld .JSONLD}}"></p><script type="application/ld+json">`, 1)
	theme["templates/event.html"] = &fstest.MapFile{Data: []byte(event)}
	files, err := generateTemplates(theme)
	if err != nil {
		t.Fatal(err)
	}
	src := string(files["templates_gen_event.go"])
	for _, want := range []string{
		`mustWrite(writeJSONLD(w, d0.JSONLD()))`,
		`escJSVal(w, string(must(jsonldJS(d0.Site.Title))), ctJS)`,
		`escAttr(w, string(must(jsonldJS(d0.JSONLD()))), ctJS)`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("no %q in the generated code:\n%s", want, src)
		}
	}
}
