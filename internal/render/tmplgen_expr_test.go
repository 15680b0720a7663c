package render

// The generator's expressions: pipelines, fields and methods found by
// reflection, the template's functions, and text/template's truth (see
// tmplgen_test.go).

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
)

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
		v := f.callFunc(recv.expr+"."+name, m.Type, 1, args, final, dot)
		if w, ok := genHTMLWriters[mt.String()+"."+name]; ok && contentTypes[v.t] == "ctHTML" {
			v.direct = recv.expr + "." + w + "(" + strings.Join(append([]string{"w"}, v.args...), ", ") + ")"
		}
		return v
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
	var types []reflect.Type
	for i, a := range args {
		s, t := f.arg(a, want(i), dot)
		list, types = append(list, s), append(types, t)
	}
	if final != nil {
		s, t := f.convertTyped(*final, want(len(args)))
		list, types = append(list, s), append(types, t)
	}
	call := expr + "(" + strings.Join(list, ", ") + ")"
	switch {
	case ft.NumOut() == 1:
		return val{expr: call, t: ft.Out(0), args: list, argTypes: types}
	case ft.NumOut() == 2 && ft.Out(1) == errorType:
		return val{expr: "must(" + call + ")", t: ft.Out(0), args: list, argTypes: types}
	}
	panic(genErr("%s returns %d values", expr, ft.NumOut()))
}

// arg is an argument of type want, as text/template converts it: a
// constant to the parameter's type, any other value as it is; with the
// Go type of the expression (that of the value, for a parameter of type
// any).
func (f *funcGen) arg(n parse.Node, want reflect.Type, dot val) (string, reflect.Type) {
	switch n := n.(type) {
	case *parse.StringNode:
		if want.Kind() == reflect.String {
			return strconv.Quote(n.Text), want
		}
		if want == anyType {
			return strconv.Quote(n.Text), reflect.TypeFor[string]()
		}
	case *parse.NumberNode:
		switch want.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if n.IsInt {
				return strconv.FormatInt(n.Int64, 10), want
			}
		case reflect.Float64, reflect.Float32:
			if n.IsFloat {
				return strconv.FormatFloat(n.Float64, 'g', -1, 64), want
			}
		case reflect.Interface:
			if want == anyType {
				v := f.term(n, dot)
				return v.expr, v.t
			}
		}
	case *parse.BoolNode:
		if want.Kind() == reflect.Bool {
			return strconv.FormatBool(n.True), want
		}
		if want == anyType {
			return strconv.FormatBool(n.True), reflect.TypeFor[bool]()
		}
	case *parse.NilNode:
		switch want.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan:
			return "nil", want
		}
	default:
		return f.convertTyped(f.term(n, dot), want)
	}
	panic(genErr("%s is no %s", n, want))
}

// convert is v as an argument of type want.
func (f *funcGen) convert(v val, want reflect.Type) string {
	s, _ := f.convertTyped(v, want)
	return s
}

// convertTyped is convert, with the Go type of the expression it returns.
func (f *funcGen) convertTyped(v val, want reflect.Type) (string, reflect.Type) {
	switch {
	case v.t.Kind() == reflect.Interface:
		panic(genErr("an interface value as an argument"))
	case v.t.AssignableTo(want):
		return v.expr, v.t
	case v.addr && reflect.PointerTo(v.t).AssignableTo(want):
		return "&" + v.expr, reflect.PointerTo(v.t)
	case v.t.Kind() == reflect.Pointer && v.t.Elem().AssignableTo(want):
		return "*" + v.expr, v.t.Elem()
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
		v := f.callFunc(fn, reflect.TypeOf(funcs[name]), 0, args, final, dot)
		if w, ok := genFuncWriters[name]; ok {
			v.direct = f.funcWriter(w, v)
		}
		return v
	}
	panic(genErr("function %s is not written in Go yet (tmplgen_test.go)", name))
}

// funcWriter is the call of w, the writer of a theme function (see
// genFuncWriters), for v, the call of that function; "" when v's
// arguments do not fit w's parameters.
func (f *funcGen) funcWriter(w any, v val) string {
	short, name, ok := goFuncName(w)
	if !ok {
		panic(genErr("writer %s: make it a function of package render declared at the top level", name))
	}
	wt := reflect.TypeOf(w)
	if wt.NumIn() != 1+len(v.argTypes) || wt.In(0) != reflect.TypeFor[*genBuf]() ||
		wt.NumOut() != 1 || wt.Out(0) != errorType {
		panic(genErr("writer %s: wants func(*genBuf, the arguments) error", short))
	}
	for i, t := range v.argTypes {
		if !t.AssignableTo(wt.In(1 + i)) {
			return ""
		}
	}
	return short + "(" + strings.Join(append([]string{"w"}, v.args...), ", ") + ")"
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
