package render

// The generator's walk of an escaped template's statements: text,
// actions with their escapers, if, with, range and template calls (see
// tmplgen_test.go).

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// val is a Go expression and its static type; addr tells whether
// text/template's value would be addressable (it then finds methods of
// the pointer too).
type val struct {
	expr string
	t    reflect.Type
	addr bool
	// direct, for a call of a method in genHTMLWriters or a function in
	// genFuncWriters, is the call of its writer: what writes the value's
	// text as it is, with no string made first.
	direct   string
	args     []string       // a call's arguments
	argTypes []reflect.Type // and their Go types
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
	// slots are, when the template being generated is "base", the
	// functions its slots (see baseSlots) resolve to: "base" calls them
	// through parameters, so that the page kinds, which differ only there,
	// share one "base".
	slots map[string]slotFn
	base  bool // this template is "base"
}

// baseSlots are the templates "base" calls that each page kind defines
// for itself, in the order of the generated base's parameters.
var baseSlots = []string{"head", "main"}

// slotFn is the function a slot of "base" resolves to for one page kind,
// and the type of its data.
type slotFn struct{ fn, typ string }

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
		if slot := strings.SplitN(n.Name, "$", 2)[0]; f.base && slices.Contains(baseSlots, slot) {
			if prev, ok := f.slots[slot]; ok && prev.fn != fn {
				panic(genErr("base calls %q as two templates", slot))
			}
			if f.slots == nil {
				f.slots = map[string]slotFn{}
			}
			f.slots[slot] = slotFn{fn, f.g.typ(arg.t)}
			f.line("%s(w, %s)", slot, arg.expr)
			break
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
	if asIs := genEscapers[escs[0].Args[0].(*parse.IdentifierNode).Ident].asIs; v.direct != "" && len(escs) == 1 && asIs != "" && asIs == contentTypes[v.t] {
		f.line("mustWrite(%s)", v.direct) // the escaper writes v as it is
		return
	}
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
