package render

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
)

// escContexts are the places of a page a value can be written in, each
// with the escapers html/template gives it there.
var escContexts = []string{
	`<p>{{.}}</p>`,
	`<p title="{{.}}">`,
	`<p{{.}}>`,
	`<p data-x="{{.}}">`,
	`<title>{{.}}</title>`,
	`<svg><title>{{.}}</title></svg>`,
	`<a href="{{.}}">`,
	`<a href="/x/{{.}}">`,
	`<a href="/x?q={{.}}">`,
	`<a href="#y-{{.}}">`,
	`<img srcset="{{.}}">`,
	`<img src="{{.}}">`,
	`<script type="application/ld+json">{{.}}</script>`,
}

type namedString string

// escValues are values of each kind html/template treats apart.
func escValues(s string) []any {
	return []any{s, template.HTML(s), template.URL(s), template.Srcset(s), template.JS(s),
		template.HTMLAttr(s), template.CSS(s), namedString(s), &s, len(s), -len(s), len(s)%2 == 0,
		float64(len(s)) / 8, []string{s}}
}

// escapeOurs writes v where the template's one action is, with the
// escapers of templates_escape.go that the generator would pick. ok is
// false when they give up (html/template then makes the page).
func escapeOurs(t *testing.T, tm *template.Template, v any) (out string, ok bool) {
	t.Helper()
	var b genBuf
	defer func() {
		if r := recover(); r != nil {
			if e, isGen := r.(genError); isGen && errors.Is(e.err, errGenUnsupported) {
				out, ok = "", false
				return
			}
			panic(r)
		}
	}()
	for _, n := range tm.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			b.Write(n.Text)
		case *parse.ActionNode:
			s, ct := genString(v)
			for i, c := range n.Pipe.Cmds[1:] {
				name := c.Args[0].(*parse.IdentifierNode).Ident
				if i > 0 {
					ct = ctPlain
				}
				switch genEscapers[name].fn {
				case "escText":
					escText(&b, s, ct)
				case "escAttr":
					escAttr(&b, s, ct)
				case "escRCDATA":
					escRCDATA(&b, s, ct)
				case "escJSVal":
					escJSVal(&b, s, ct)
				case "escAttrName":
					escAttrName(&b, s, ct)
				case "filterURL":
					s = filterURL(s, ct)
				case "normURL":
					s = normURL(s, ct)
				case "escURL":
					s = escURL(s, ct)
				case "escSrcset":
					s = escSrcset(s, ct)
				default:
					t.Fatalf("escaper %s has no Go function", name)
				}
			}
		default:
			t.Fatalf("node %s", n)
		}
	}
	return b.String(), true
}

// checkEscapers compares html/template and ours on s, as every kind of
// value, in every context.
func checkEscapers(t *testing.T, s string) {
	for _, src := range escContexts {
		for _, v := range escValues(s) {
			tm := template.Must(template.New("x").Parse(src))
			var want strings.Builder
			if err := tm.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			got, ok := escapeOurs(t, tm, v)
			if ok && got != want.String() {
				t.Errorf("%s with %T %q:\n got %q\nwant %q", src, v, s, got, want.String())
			}
		}
	}
}

var escSamples = []string{
	"", "plain", `<b>"bold" & 'it'</b>`, "a+b=c", "\x00nul", "é ж 🙂", "\xff\xfe bad utf-8",
	"javascript:alert(1)", "JavaScript:x", "http://example.org/a b?c=d&e=f#g", "HTTPS://X", "mailto:a@b",
	"/path/with:colon", "data:text/html,x", "%41%zz%4", "%", "%4", "a%2", "!#$&*+,/:;=?@[]", "-._~",
	"a.jpg 1x, b.jpg 2x", " a.jpg  100w ,b.jpg", "a.jpg 1.5x", "javascript:x 1x, ok.jpg", ",,", "x,",
	"\t\n\f\r ", "{\"a\":\"</script>\"}", "ﷰ\ufdd0\uffff", "<!-- c -->", "a\u2028b",
}

func TestEscapers(t *testing.T) {
	for _, s := range escSamples {
		checkEscapers(t, s)
	}
}

// TestEscapersGiveUp: the values the escapers leave to html/template are
// those where it does what they do not (HTML in an attribute is stripped
// of its tags; a script takes only template.JS here).
func TestEscapersGiveUp(t *testing.T) {
	tm := template.Must(template.New("x").Parse(`<p title="{{.}}">`))
	_ = tm.Execute(&strings.Builder{}, "")
	if _, ok := escapeOurs(t, tm, template.HTML("<b>x</b>")); ok {
		t.Error("HTML in an attribute: written, want left to html/template")
	}
	if _, ok := escapeOurs(t, tm, "<b>x</b>"); !ok {
		t.Error("text in an attribute: left to html/template")
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range escSamples {
		f.Add(s)
	}
	f.Fuzz(checkEscapers)
}
