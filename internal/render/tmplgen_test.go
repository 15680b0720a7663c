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

	defaults "timeline"
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
	"_html_template_htmlescaper":   {"escText", true},
	"_html_template_attrescaper":   {"escAttr", true},
	"_html_template_rcdataescaper": {"escRCDATA", true},
	"_html_template_jsvalescaper":  {"escJSVal", true},
	"_html_template_urlfilter":     {"filterURL", false},
	"_html_template_urlnormalizer": {"normURL", false},
	"_html_template_urlescaper":    {"escURL", false},
	"_html_template_srcsetescaper": {"escSrcset", false},
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

// val is a Go expression and its static type; addr tells whether
// text/template's value would be addressable (it then finds methods of
// the pointer too).
type val struct {
	expr string
	t    reflect.Type
	addr bool
}

type variable struct {
	name string
	v    val
}

type funcGen struct {
	g    *generator
	k    *kindGen
	b    strings.Builder
	vars []variable
	n    int
	at   string // the node being generated, for errors
}

func (f *funcGen) local() string {
	f.n++
	return "v" + strconv.Itoa(f.n)
}

func (f *funcGen) line(format string, args ...any) {
	fmt.Fprintf(&f.b, format, args...)
	f.b.WriteByte('\n')
}

func (f *funcGen) list(l *parse.ListNode, dot val) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		f.node(n, dot)
	}
}

// block generates l in a Go block whose variables end with it, as
// text/template's do at the end of a control structure.
func (f *funcGen) block(l *parse.ListNode, dot val) {
	depth := len(f.vars)
	f.list(l, dot)
	f.vars = f.vars[:depth]
}

func (f *funcGen) node(n parse.Node, dot val) {
	f.at = n.String()
	if len(f.at) > 80 {
		f.at = f.at[:80] + "…"
	}
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) > 0 {
			f.line("w.WriteString(%s)", strconv.Quote(string(n.Text)))
		}
	case *parse.CommentNode:
	case *parse.ActionNode:
		f.action(n.Pipe, dot)
	case *parse.IfNode:
		if len(n.Pipe.Decl) > 0 {
			panic(genErr("a variable declared in if"))
		}
		f.line("if %s {", f.cond(n.Pipe, dot))
		f.block(n.List, dot)
		if n.ElseList != nil {
			f.line("} else {")
			f.block(n.ElseList, dot)
		}
		f.line("}")
	case *parse.WithNode:
		v := f.pipe(n.Pipe, dot)
		d := f.local()
		f.line("if %s := %s; %s {", d, v.expr, truth(val{expr: d, t: v.t}))
		depth := len(f.vars)
		nd := val{expr: d, t: v.t, addr: v.addr}
		for _, decl := range n.Pipe.Decl { // {{with $x := …}}
			f.vars = append(f.vars, variable{decl.Ident[0], nd})
		}
		f.list(n.List, nd)
		f.vars = f.vars[:depth]
		if n.ElseList != nil {
			f.line("} else {")
			f.block(n.ElseList, dot)
		}
		f.line("}")
	case *parse.RangeNode:
		f.rangeNode(n, dot)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			panic(genErr("template %q called without data", n.Name))
		}
		arg := f.pipe(n.Pipe, dot)
		if arg.t.Kind() == reflect.Interface {
			panic(genErr("template %q called with an interface", n.Name))
		}
		fn, err := f.g.template(f.k, n.Name, arg.t)
		if err != nil {
			panic(genErr("%v", err))
		}
		f.line("%s(w, %s)", fn, arg.expr)
	case *parse.BreakNode:
		f.line("break")
	case *parse.ContinueNode:
		f.line("continue")
	default:
		panic(genErr("node %T", n))
	}
}

func (f *funcGen) lookup(name string) val {
	for i := len(f.vars) - 1; i >= 0; i-- {
		if f.vars[i].name == name {
			return f.vars[i].v
		}
	}
	panic(genErr("undefined variable %s", name))
}

func (f *funcGen) rangeNode(n *parse.RangeNode, dot val) {
	v := f.pipe(n.Pipe, dot)
	r, i, e := f.local(), f.local(), f.local()
	var key, elem val
	switch v.t.Kind() {
	case reflect.Slice, reflect.Array:
		f.line("if %s := %s; len(%s) > 0 {", r, v.expr, r)
		f.line("for %s := range %s {", i, r)
		f.line("%s := %s[%s]", e, r, i)
		key, elem = val{expr: i, t: reflect.TypeFor[int]()}, val{expr: e, t: v.t.Elem(), addr: true}
	case reflect.Map:
		// In the order of the keys, as text/template visits a map.
		switch v.t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		default:
			panic(genErr("range over a map keyed by %s", v.t.Key()))
		}
		f.line("if %s := %s; len(%s) > 0 {", r, v.expr, r)
		f.line("for _, %s := range genSortedKeys(%s) {", i, r)
		f.line("%s := %s[%s]", e, r, i)
		key, elem = val{expr: i, t: v.t.Key()}, val{expr: e, t: v.t.Elem()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(n.Pipe.Decl) > 1 {
			panic(genErr("two variables in a range over an integer"))
		}
		f.line("if %s := %s; %s > 0 {", r, v.expr, r)
		f.line("for %s := range %s {", i, r)
		f.line("%s := %s", e, i)
		key, elem = val{expr: i, t: v.t}, val{expr: e, t: v.t}
	default:
		panic(genErr("range over %s", v.t))
	}
	f.line("_, _ = %s, %s", i, e)
	depth := len(f.vars)
	switch len(n.Pipe.Decl) {
	case 0:
	case 1:
		f.vars = append(f.vars, variable{n.Pipe.Decl[0].Ident[0], elem})
	case 2:
		f.vars = append(f.vars, variable{n.Pipe.Decl[0].Ident[0], key}, variable{n.Pipe.Decl[1].Ident[0], elem})
	}
	f.list(n.List, elem)
	f.vars = f.vars[:depth]
	f.line("w.flush()")
	f.line("}")
	if n.ElseList != nil {
		f.line("} else {")
		f.block(n.ElseList, dot)
	}
	f.line("}")
}

// action generates {{pipeline}}: a declaration, or a value and the
// escapers html/template put after it.
func (f *funcGen) action(p *parse.PipeNode, dot val) {
	if len(p.Decl) > 0 {
		v := f.pipe(p, dot)
		if p.IsAssign {
			old := f.lookup(p.Decl[0].Ident[0])
			if !v.t.AssignableTo(old.t) {
				panic(genErr("assigning a %s to a %s", v.t, old.t))
			}
			f.line("%s = %s", old.expr, v.expr)
			return
		}
		name := f.local()
		f.line("%s := %s", name, v.expr)
		f.line("_ = %s", name)
		f.vars = append(f.vars, variable{p.Decl[0].Ident[0], val{expr: name, t: v.t, addr: true}})
		return
	}
	k := len(p.Cmds)
	for k > 0 {
		c := p.Cmds[k-1]
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") || len(c.Args) != 1 {
			break
		}
		k--
	}
	escs := p.Cmds[k:]
	if k == 0 || len(escs) == 0 {
		panic(genErr("an action without escaper"))
	}
	v := f.cmds(p.Cmds[:k], dot)
	s, ct := f.text(v)
	var pre string
	if ct == "" { // known at run time only
		pre = f.local()
		f.line("{")
		f.line("%s, %sc := %s", pre, pre, s)
		s, ct = pre, pre+"c"
	}
	expr := ""
	for i, c := range escs {
		name := c.Args[0].(*parse.IdentifierNode).Ident
		e, ok := genEscapers[name]
		if !ok {
			panic(genErr("escaper %s is not written in Go yet (templates_escape.go)", name))
		}
		last := i == len(escs)-1
		if e.writes != last {
			panic(genErr("escaper %s in the middle of an action", name))
		}
		if i > 0 {
			s, ct = expr, "ctPlain"
		}
		if last {
			f.line("%s(w, %s, %s)", e.fn, s, ct)
		} else {
			expr = fmt.Sprintf("%s(%s, %s)", e.fn, s, ct)
		}
	}
	if pre != "" {
		f.line("}")
	}
}

// text is v's text and kind of content as html/template's escapers see
// them, as Go expressions; ct is "" when only the run time knows.
func (f *funcGen) text(v val) (s, ct string) {
	t := v.t
	if c, ok := contentTypes[t]; ok {
		return "string(" + v.expr + ")", c
	}
	if t.Kind() != reflect.Interface && !t.Implements(stringerType) && !t.Implements(errorType) {
		named := t.PkgPath() != ""
		switch t.Kind() {
		case reflect.String:
			if named {
				return "string(" + v.expr + ")", "ctPlain"
			}
			return v.expr, "ctPlain"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return "itoa(" + v.expr + ")", "ctPlain"
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return "utoa(" + v.expr + ")", "ctPlain"
		case reflect.Float64:
			return "ftoa64(" + v.expr + ")", "ctPlain"
		case reflect.Float32:
			return "ftoa32(" + v.expr + ")", "ctPlain"
		case reflect.Bool:
			f.g.imports["strconv"] = "strconv"
			return "strconv.FormatBool(bool(" + v.expr + "))", "ctPlain"
		}
	}
	return "genString(" + v.expr + ")", ""
}

// pipe is a pipeline's value (its declarations are the caller's).
func (f *funcGen) pipe(p *parse.PipeNode, dot val) val {
	return f.cmds(p.Cmds, dot)
}

func (f *funcGen) cmds(cmds []*parse.CommandNode, dot val) val {
	var final *val
	for _, c := range cmds {
		v := f.cmd(c, dot, final)
		final = &v
	}
	return *final
}

func (f *funcGen) cmd(c *parse.CommandNode, dot val, final *val) val {
	args := c.Args[1:]
	noArgs := func() {
		if len(args) > 0 || final != nil {
			panic(genErr("arguments to a value that is not a function"))
		}
	}
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		return f.chain(dot, n.Ident, args, final, dot)
	case *parse.ChainNode:
		return f.chain(f.term(n.Node, dot), n.Field, args, final, dot)
	case *parse.VariableNode:
		v := f.lookup(n.Ident[0])
		if len(n.Ident) == 1 {
			noArgs()
			return v
		}
		return f.chain(v, n.Ident[1:], args, final, dot)
	case *parse.IdentifierNode:
		return f.call(n.Ident, args, final, dot)
	default:
		noArgs()
		return f.term(n, dot)
	}
}

// term is the value of an operand: a literal, dot, a variable, a field
// chain or a pipeline in parentheses.
func (f *funcGen) term(n parse.Node, dot val) val {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.StringNode:
		return val{expr: strconv.Quote(n.Text), t: reflect.TypeFor[string]()}
	case *parse.BoolNode:
		return val{expr: strconv.FormatBool(n.True), t: reflect.TypeFor[bool]()}
	case *parse.NumberNode:
		switch {
		case n.IsInt:
			return val{expr: "int(" + strconv.FormatInt(n.Int64, 10) + ")", t: reflect.TypeFor[int]()}
		case n.IsFloat && !n.IsComplex:
			return val{expr: "float64(" + strconv.FormatFloat(n.Float64, 'g', -1, 64) + ")", t: reflect.TypeFor[float64]()}
		}
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			panic(genErr("a declaration in parentheses"))
		}
		return f.pipe(n, dot)
	case *parse.FieldNode, *parse.ChainNode, *parse.VariableNode:
		return f.cmd(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}}, dot, nil)
	}
	panic(genErr("operand %s", n))
}

func (f *funcGen) chain(recv val, idents []string, args []parse.Node, final *val, dot val) val {
	for i, name := range idents {
		if i == len(idents)-1 {
			return f.member(recv, name, args, final, dot)
		}
		recv = f.member(recv, name, nil, nil, dot)
	}
	return recv
}

// member is recv.name: a method (of the pointer too, when the value is
// addressable), else a field, as text/template looks them up.
func (f *funcGen) member(recv val, name string, args []parse.Node, final *val, dot val) val {
	t := recv.t
	if t.Kind() == reflect.Interface {
		panic(genErr(".%s of an interface", name))
	}
	mt := t
	if t.Kind() != reflect.Pointer && recv.addr {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(name); ok {
		return f.callFunc(recv.expr+"."+name, m.Type, 1, args, final, dot)
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		panic(genErr("no method %s of %s", name, t))
	}
	sf, ok := st.FieldByName(name)
	if !ok || !sf.IsExported() {
		panic(genErr("no field %s of %s", name, t))
	}
	if len(args) > 0 || final != nil {
		panic(genErr("arguments to field %s", name))
	}
	return val{expr: recv.expr + "." + name, t: sf.Type, addr: recv.addr || t.Kind() == reflect.Pointer}
}

// callFunc calls the function expr of type ft (whose first skip inputs
// are its receiver) with the template's arguments and final, the value
// piped in.
func (f *funcGen) callFunc(expr string, ft reflect.Type, skip int, args []parse.Node, final *val, dot val) val {
	in := ft.NumIn() - skip
	n := len(args)
	if final != nil {
		n++
	}
	if ft.IsVariadic() && n < in-1 || !ft.IsVariadic() && n != in {
		panic(genErr("%s wants %d arguments, has %d", expr, in, n))
	}
	want := func(i int) reflect.Type {
		if ft.IsVariadic() && i >= in-1 {
			return ft.In(ft.NumIn() - 1).Elem()
		}
		return ft.In(skip + i)
	}
	var list []string
	for i, a := range args {
		list = append(list, f.arg(a, want(i), dot))
	}
	if final != nil {
		list = append(list, f.convert(*final, want(len(args))))
	}
	call := expr + "(" + strings.Join(list, ", ") + ")"
	switch {
	case ft.NumOut() == 1:
		return val{expr: call, t: ft.Out(0)}
	case ft.NumOut() == 2 && ft.Out(1) == errorType:
		return val{expr: "must(" + call + ")", t: ft.Out(0)}
	}
	panic(genErr("%s returns %d values", expr, ft.NumOut()))
}

// arg is an argument of type want, as text/template converts it: a
// constant to the parameter's type, any other value as it is.
func (f *funcGen) arg(n parse.Node, want reflect.Type, dot val) string {
	switch n := n.(type) {
	case *parse.StringNode:
		if want.Kind() == reflect.String || want == anyType {
			return strconv.Quote(n.Text)
		}
	case *parse.NumberNode:
		switch want.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if n.IsInt {
				return strconv.FormatInt(n.Int64, 10)
			}
		case reflect.Float64, reflect.Float32:
			if n.IsFloat {
				return strconv.FormatFloat(n.Float64, 'g', -1, 64)
			}
		case reflect.Interface:
			if want == anyType {
				return f.term(n, dot).expr
			}
		}
	case *parse.BoolNode:
		if want.Kind() == reflect.Bool || want == anyType {
			return strconv.FormatBool(n.True)
		}
	case *parse.NilNode:
		switch want.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan:
			return "nil"
		}
	default:
		return f.convert(f.term(n, dot), want)
	}
	panic(genErr("%s is no %s", n, want))
}

// convert is v as an argument of type want.
func (f *funcGen) convert(v val, want reflect.Type) string {
	switch {
	case v.t.Kind() == reflect.Interface:
		panic(genErr("an interface value as an argument"))
	case v.t.AssignableTo(want):
		return v.expr
	case v.addr && reflect.PointerTo(v.t).AssignableTo(want):
		return "&" + v.expr
	case v.t.Kind() == reflect.Pointer && v.t.Elem().AssignableTo(want):
		return "*" + v.expr
	}
	panic(genErr("a %s is no %s", v.t, want))
}

// call is a function of the template: a built-in one or one of funcs.
func (f *funcGen) call(name string, args []parse.Node, final *val, dot val) val {
	ops := func() []val {
		var out []val
		for _, a := range args {
			out = append(out, f.term(a, dot))
		}
		if final != nil {
			out = append(out, *final)
		}
		return out
	}
	boolType := reflect.TypeFor[bool]()
	switch name {
	case "and", "or":
		vs := ops()
		if len(vs) == 0 {
			panic(genErr("%s without arguments", name))
		}
		t := vs[0].t
		for _, v := range vs {
			if v.t != t {
				t = anyType
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "func() %s {", f.g.typ(t))
		for i, v := range vs {
			if i == len(vs)-1 {
				fmt.Fprintf(&b, " return %s }()", v.expr)
				break
			}
			x := f.local()
			test := truth(val{expr: x, t: v.t})
			if name == "and" {
				test = "!(" + test + ")"
			}
			fmt.Fprintf(&b, " if %s := %s; %s { return %s };", x, v.expr, test, x)
		}
		return val{expr: b.String(), t: t}
	case "not":
		vs := ops()
		if len(vs) != 1 {
			panic(genErr("not takes one argument"))
		}
		return val{expr: "!(" + truth(vs[0]) + ")", t: boolType}
	case "eq", "ne", "lt", "le", "gt", "ge":
		vs := ops()
		if len(vs) != 2 {
			panic(genErr("%s with %d arguments", name, len(vs)))
		}
		if (name == "eq" || name == "ne") && vs[0].t == vs[1].t && vs[0].t.Comparable() &&
			(vs[0].t.Kind() == reflect.Pointer || vs[0].t.Kind() == reflect.Struct) {
			op := map[string]string{"eq": "==", "ne": "!="}[name]
			return val{expr: "(" + vs[0].expr + " " + op + " " + vs[1].expr + ")", t: boolType}
		}
		a, b := basic(vs[0]), basic(vs[1])
		if a.t != b.t || a.t.Kind() == reflect.Bool && name != "eq" && name != "ne" {
			panic(genErr("%s of a %s and a %s", name, vs[0].t, vs[1].t))
		}
		op := map[string]string{"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}[name]
		return val{expr: "(" + a.expr + " " + op + " " + b.expr + ")", t: boolType}
	case "index":
		vs := ops()
		if len(vs) == 0 {
			panic(genErr("index without arguments"))
		}
		x := vs[0]
		for _, k := range vs[1:] {
			switch x.t.Kind() {
			case reflect.Slice, reflect.Array, reflect.String:
				if k.t.Kind() < reflect.Int || k.t.Kind() > reflect.Uintptr {
					panic(genErr("index of %s by %s", x.t, k.t))
				}
				t := reflect.TypeFor[byte]()
				if x.t.Kind() != reflect.String {
					t = x.t.Elem()
				}
				x = val{expr: x.expr + "[" + k.expr + "]", t: t, addr: x.t.Kind() == reflect.Slice}
			case reflect.Map:
				x = val{expr: x.expr + "[" + f.convert(k, x.t.Key()) + "]", t: x.t.Elem()}
			default:
				panic(genErr("index of %s", x.t))
			}
		}
		return x
	case "print", "printf", "println":
		vs := ops()
		var list []string
		for _, v := range vs {
			list = append(list, v.expr)
		}
		f.g.imports["fmt"] = "fmt"
		fn := map[string]string{"print": "fmt.Sprint", "printf": "fmt.Sprintf", "println": "fmt.Sprintln"}[name]
		if name == "printf" {
			if len(vs) == 0 || vs[0].t.Kind() != reflect.String {
				panic(genErr("printf without a format"))
			}
			list[0] = "string(" + list[0] + ")"
		}
		return val{expr: fn + "(" + strings.Join(list, ", ") + ")", t: reflect.TypeFor[string]()}
	case "len":
		vs := ops()
		if len(vs) != 1 {
			panic(genErr("len takes one argument"))
		}
		switch vs[0].t.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return val{expr: "len(" + vs[0].expr + ")", t: reflect.TypeFor[int]()}
		}
		panic(genErr("len of %s", vs[0].t))
	}
	if _, ok := funcs[name]; ok {
		fn, err := funcName(name)
		if err != nil {
			panic(genErr("%v", err))
		}
		return f.callFunc(fn, reflect.TypeOf(funcs[name]), 0, args, final, dot)
	}
	panic(genErr("function %s is not written in Go yet (tmplgen_test.go)", name))
}

// basic is v as a comparable basic value: a string, int64, uint64, float64
// or bool, as text/template's comparisons take them.
func basic(v val) val {
	switch v.t.Kind() {
	case reflect.String:
		return val{expr: "string(" + v.expr + ")", t: reflect.TypeFor[string]()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return val{expr: "int64(" + v.expr + ")", t: reflect.TypeFor[int64]()}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return val{expr: "uint64(" + v.expr + ")", t: reflect.TypeFor[uint64]()}
	case reflect.Float32, reflect.Float64:
		return val{expr: "float64(" + v.expr + ")", t: reflect.TypeFor[float64]()}
	case reflect.Bool:
		return val{expr: "bool(" + v.expr + ")", t: reflect.TypeFor[bool]()}
	}
	panic(genErr("comparing a %s", v.t))
}

// truth is text/template's truth of v, as a Go expression.
func truth(v val) string {
	switch v.t.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return "len(" + v.expr + ") > 0"
	case reflect.Bool:
		return "bool(" + v.expr + ")"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return v.expr + " != 0"
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer:
		return v.expr + " != nil"
	case reflect.Interface:
		return "genTruth(" + v.expr + ")"
	case reflect.Struct:
		return "func() bool { _ = " + v.expr + "; return true }()"
	}
	panic(genErr("truth of %s", v.t))
}

// cond is the truth of an if's pipeline; and, or and not become Go's
// &&, || and !, which stop as early as text/template's do.
func (f *funcGen) cond(p *parse.PipeNode, dot val) string {
	if len(p.Cmds) == 1 {
		c := p.Cmds[0]
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && len(c.Args) > 1 {
			var parts []string
			for _, a := range c.Args[1:] {
				parts = append(parts, "("+f.truthOf(a, dot)+")")
			}
			switch id.Ident {
			case "and":
				return strings.Join(parts, " && ")
			case "or":
				return strings.Join(parts, " || ")
			case "not":
				if len(parts) == 1 {
					return "!" + parts[0]
				}
			}
		}
	}
	return truth(f.pipe(p, dot))
}

func (f *funcGen) truthOf(n parse.Node, dot val) string {
	if p, ok := n.(*parse.PipeNode); ok && len(p.Decl) == 0 {
		return f.cond(p, dot)
	}
	return truth(f.term(n, dot))
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
