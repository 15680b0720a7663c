package render

// The generator of templates_gen.go: the built-in theme's page templates
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
	"reflect"
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

var genWrite = flag.Bool("gen", false, "write templates_gen.go from the built-in templates")

func TestTemplatesGen(t *testing.T) {
	src, err := generateTemplates(defaults.Theme())
	if err != nil {
		t.Fatal(err)
	}
	if *genWrite {
		if err := os.WriteFile("templates_gen.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile("templates_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, src) {
		t.Fatal("templates_gen.go is not what the templates make: run go generate ./internal/render")
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
	full := runtime.FuncForPC(reflect.ValueOf(funcs[name]).Pointer()).Name()
	short, ok := strings.CutPrefix(full, renderPkg+".")
	if !ok || !token.IsIdentifier(short) {
		return "", fmt.Errorf("func %q is %s: make it a function of package render declared at the top level", name, full)
	}
	return short, nil
}

// genEscapers maps html/template's escapers to this package's: writers
// (the last of an action) and filters (text to text).
var genEscapers = map[string]struct {
	fn     string
	writes bool
}{
	"_html_template_htmlescaper":    {"escText", true},
	"_html_template_attrescaper":    {"escAttr", true},
	"_html_template_rcdataescaper":  {"escRCDATA", true},
	"_html_template_jsvalescaper":   {"escJSVal", true},
	"_html_template_htmlnamefilter": {"escAttrName", true},
	"_html_template_urlfilter":      {"filterURL", false},
	"_html_template_urlnormalizer":  {"normURL", false},
	"_html_template_urlescaper":     {"escURL", false},
	"_html_template_srcsetescaper":  {"escSrcset", false},
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
	out     bytes.Buffer
	bodies  map[string]string // a function's signature and body -> its name
	imports map[string]string // package path -> name
	names   map[string]bool
}

type kindGen struct {
	kind string
	set  *texttemplate.Template // the kind's templates, escaped
	done map[string]string      // template and dot type -> function
}

// generateTemplates writes templates_gen.go for the theme's templates.
func generateTemplates(theme fs.FS) ([]byte, error) {
	tm, err := loadTemplates(theme)
	if err != nil {
		return nil, err
	}
	g := &generator{bodies: map[string]string{}, imports: map[string]string{}, names: map[string]bool{}}
	for name := range funcs {
		if _, err := funcName(name); err != nil {
			return nil, err
		}
	}
	var table strings.Builder
	files := map[string]bool{}
	for _, kind := range pageKinds {
		for _, f := range kindFiles(kind) {
			files[f] = true
		}
		html := tm.pages[kind]
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
			fmt.Fprintf(&table, "%q: func(w *genBuf, d any) { %s(w, d.(%s)) },\n", e.name, fn, g.typ(e.data))
		}
		table.WriteString("},\n")
	}
	var src bytes.Buffer
	src.WriteString("// Code generated by go generate ./internal/render (tmplgen_test.go); DO NOT EDIT.\n\n//go:build !tmplgen\n\npackage render\n\n")
	for _, p := range slices.Sorted(maps.Keys(g.imports)) {
		if path.Base(p) == g.imports[p] {
			fmt.Fprintf(&src, "import %q\n", p)
		} else {
			fmt.Fprintf(&src, "import %s %q\n", g.imports[p], p)
		}
	}
	src.WriteString("\n// genFiles are the sums of the templates the writers below are made from:\n// a page kind whose files are these uses them (see loadTemplates).\nvar genFiles = map[string]string{\n")
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
	src.WriteString("}\n\n")
	src.Write(g.out.Bytes())
	out, err := format.Source(src.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, src.Bytes())
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
		return fn, nil
	}
	k.done[key] = ""
	t := k.set.Lookup(name)
	if t == nil || t.Tree == nil {
		return "", fmt.Errorf("no template %q", name)
	}
	f := &funcGen{g: g, k: k}
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
	full := sig + f.b.String() + "}\n"
	if fn, ok := g.bodies[full]; ok {
		k.done[key] = fn
		return fn, nil
	}
	base := "gen" + goName(strings.SplitN(name, "$", 2)[0])
	fn = base
	for i := 2; g.names[fn]; i++ {
		fn = base + strconv.Itoa(i)
	}
	g.names[fn] = true
	g.bodies[full] = fn
	fmt.Fprintf(&g.out, "// %s writes %q for a %s.\nfunc %s%s\n", fn, name, g.typ(dot), fn, full)
	k.done[key] = fn
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
	src, err := generateTemplates(theme)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`writes "titles$htmltemplate_stateAttr`, `writes "titles" for`, `escAttr(w, v`} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("no %q in the generated code", want)
		}
	}
}
