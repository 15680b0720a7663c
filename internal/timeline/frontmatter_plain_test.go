package timeline

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// The plain TOML decoder is an optimisation only: whatever it accepts, the
// TOML decoder accepts too, with a deeply equal map (types included).

// referenceTOML decodes src with the TOML decoder alone.
func referenceTOML(src []byte) (map[string]any, error) {
	m := map[string]any{}
	_, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&m)
	return m, err
}

// checkPlainTOML fails t when plainTOML accepts src and the TOML decoder
// disagrees; it reports whether plainTOML accepted it.
func checkPlainTOML(t *testing.T, name string, src []byte) bool {
	t.Helper()
	// A copy, overwritten after decoding: no string decodeTOML keeps
	// may share the text's memory (plainTOML's do until ownStrings).
	text := bytes.Clone(src)
	got, ok := plainTOML(text)
	if !ok {
		return false
	}
	ownStrings(got)
	for i := range text {
		text[i] = 'x'
	}
	want, err := referenceTOML(src)
	if err != nil {
		t.Fatalf("%s: plainTOML accepts what the TOML decoder refuses (%v):\n%s", name, err, src)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: plainTOML decodes\n%s\nas  %#v\nnot %#v", name, src, got, want)
	}
	return true
}

// frontMatters returns the front matter of every content file in the
// repository's sites (its own content, the txtar sites of the tests, and
// the golden sites), with each site.toml, by name.
func frontMatters(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	add := func(name string, data []byte) {
		switch {
		case strings.HasSuffix(name, ".toml"):
			out[name] = data
		case strings.HasSuffix(name, ".md"):
			if doc, err := splitFrontMatter(data); err == nil && doc.Front != nil {
				out[name] = doc.Front
			}
		}
	}
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		add(p, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"../../*/*/testdata/*/*.txtar", "../../*/*/testdata/*/*/*.txtar", "../../*/*/testdata/*.txtar"} {
		archives, _ := filepath.Glob(pattern)
		for _, a := range archives {
			ar, err := txtar.ParseFile(a)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				add(a+":"+f.Name, f.Data)
			}
		}
	}
	return out
}

func TestPlainTOMLAgrees(t *testing.T) {
	accepted, all := 0, 0
	for name, src := range frontMatters(t) {
		all++
		if checkPlainTOML(t, name, src) {
			accepted++
		}
	}
	t.Logf("plainTOML decoded %d of the repository's %d front matters and site.toml files", accepted, all)
	if all < 100 {
		t.Fatalf("only %d front matters found", all)
	}

	// The shipped site's events and a generated site's are all plain.
	files, _ := filepath.Glob("../../content/events/*.md")
	for _, p := range files {
		src, _ := os.ReadFile(p)
		doc, _ := splitFrontMatter(src)
		if !checkPlainTOML(t, p, doc.Front) {
			t.Errorf("%s: plainTOML gave up on:\n%s", p, doc.Front)
		}
	}
	for name, f := range benchsite.Site(300) {
		doc, _ := splitFrontMatter(f.Data)
		if strings.HasPrefix(name, "content/events/") && !checkPlainTOML(t, name, doc.Front) {
			t.Errorf("%s: plainTOML gave up on:\n%s", name, doc.Front)
		}
	}
}

// plainCases are texts inside the subset, with its corners.
var plainCases = []string{
	"",
	"\n\n",
	"# only a comment",
	"title = \"A\"",
	"title = \"A\"\n",
	"title=\"A\"#c\n",
	"\t title \t=\t\"A\" \t# a comment with \"quotes\" and = [x]\n",
	`a = "\b\t\n\f\r\"\\ \u00e9\U0001F600 \u0000 \uD7FF \uE000 \U0010FFFF"`,
	`a = "ends in a backslash \\"`,
	`a = 'C:\path\to "file"'`,
	`a = ""`,
	`a = ''`,
	"a = \"\u00e9t\u00e9 \u0645\u0631\u062d\u0628\u0627 \U0001F600\"",
	"a = 0\nb = -0\nc = 7\nd = -42\ne = 123456789012345678\nf = -123456789012345678",
	"draft = true\nfeatured = false\ncirca=true",
	"date = 2014-03-18\nend = 0001-01-01 # c\nx = 2024-02-29\t",
	"tags = []\nt2 = [ ]\nt3 = [\"a\"]\nt4 = [ \"a\" , 'b' , ]\nt5 = [\"a\",\"b\"]# c",
	"tags = [\"Yanukovych\", \"Maidan\", \"Kyiv\"]",
	"title = \"x\"\n\n[[sources]]\ntitle = \"s1\"\nurl = \"u\"\n\n[[sources]]\n\n[[ sources ]]\ntitle = \"s3\"",
	"[t]\na = 1\n[u]\na = 2\n[[v]]\na = 3",
	"[ t ] # c\na=1",
	"1 = 1\n-_- = 2\nA_b-9 = 3",
	"title = \"a long string that is longer than thirty-two bytes\"\nplace = \"short\"",
	"a = \"tab\there\"",
	"\n\n\ntitle = \"x\"\n\n\n",
	"title = \"x\"\ntitle2 = \"x\"",
	"sources = 1\n[t]\nsources = 2",
	"x = \"\\u00E9\\U0000004A\"",
}

// givingUp are texts plainTOML must leave to the TOML decoder: outside the
// subset, or not TOML at all.
var givingUp = []string{
	"a = 1\na = 2",
	"[t]\n[t]",
	"[[t]]\n[t]",
	"[t]\n[[t]]",
	"t = 1\n[t]",
	"t = [\"a\"]\n[[t]]",
	"[[sources]]\nurl = \"a\"\nurl = \"b\"",
	"a.b = 1",
	"\"a\" = 1",
	"'a' = 1",
	"[a.b]",
	"[\"a\"]",
	"a = {b = 1}",
	"a = 1.5",
	"a = 1e5",
	"a = 1_000",
	"a = 0x1f",
	"a = +1",
	"a = 07",
	"a = -07",
	"a = 1234567890123456789",
	"a = 9223372036854775808",
	"a = inf",
	"a = nan",
	"a = 07:32:00",
	"a = 1979-05-27T07:32:00Z",
	"a = 1979-05-27 07:32:00",
	"a = 1979-05-27t07:32:00",
	"a = 1979-02-30",
	"a = 1979-13-01",
	"a = 1979-5-27",
	"a = -1979-05-27",
	"a = \"\"\"x\"\"\"",
	"a = '''x'''",
	"a = \"\"\"\nx\n\"\"\"",
	"a = \"x",
	"a = \"x\ny\"",
	"a = 'x",
	"a = \"\\e\"",
	"a = \"\\x41\"",
	"a = \"\\ \"",
	"a = \"\\q\"",
	"a = \"\\u00\"",
	"a = \"\\uD800\"",
	"a = \"\\U00110000\"",
	"a = \"\\u00g0\"",
	"a = [1, 2]",
	"a = [\n\"x\"\n]",
	"a = [\"x\" # c\n]",
	"a = [,]",
	"a = [\"x\",,]",
	"a = [\"x\" \"y\"]",
	"a = [\"x\"",
	"a = [[\"x\"]]",
	"a = \"x\" \"y\"",
	"a = truex",
	"a = True",
	"a = tru",
	"a = 1x",
	"a = 2014-03-18x",
	"a = 2014-03-18 1",
	"a = ",
	"a",
	"a b = 1",
	"= 1",
	"[]",
	"[[]]",
	"[t",
	"[[t]",
	"[[t] ]",
	"[ [t]]",
	"[t]]",
	"[t] a = 1",
	"a = \"x\"\r\n",
	"a = \"x\"\rb = 1",
	"a = \"\x00\"",
	"a = \"\x7f\"",
	"# \x01",
	"a = \"\xff\"",
	"\xef\xbb\xbfa = 1",
	"a = \"x\" ]",
	"é = 1",
}

func TestPlainTOMLCases(t *testing.T) {
	for i, s := range plainCases {
		if !checkPlainTOML(t, fmt.Sprint("plainCases ", i), []byte(s)) {
			t.Errorf("plainTOML gave up on %q", s)
		}
	}
	for _, s := range givingUp {
		if m, ok := plainTOML([]byte(s)); ok {
			t.Errorf("plainTOML decoded %q as %#v", s, m)
		}
	}
}

// decodeTOML takes the plain path and the reference path to the same
// result, and keeps the reference path's errors.
func TestDecodeTOMLEitherPath(t *testing.T) {
	for _, s := range []string{"title = \"x\"\ndate = 2014-03-18", "title = \"x\"\nd = 1979-05-27T07:32:00Z"} {
		m, err := decodeTOML([]byte(s), 2)
		want, _ := referenceTOML([]byte(s))
		if err != nil || !reflect.DeepEqual(m, want) {
			t.Errorf("decodeTOML(%q) = %#v, %v; want %#v", s, m, err, want)
		}
	}
	_, err := decodeTOML([]byte("title = \"x\"\ntitle = \"y\""), 2)
	if le, ok := err.(*lineError); !ok || le.line != 3 || !strings.Contains(le.msg, "already been defined") {
		t.Errorf("a repeated key: %v", err)
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range shippedContent(f) {
		if doc, err := splitFrontMatter(s); err == nil && doc.Front != nil {
			f.Add(doc.Front)
		}
	}
	for _, s := range append(plainCases, givingUp...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkPlainTOML(t, "fuzz", src)
	})
}

// TestPlainTOMLGenerated decodes texts put together at random from the
// pieces front matter is made of, and from pieces just outside the plain
// subset, both ways.
func TestPlainTOMLGenerated(t *testing.T) {
	keys := []string{"title", "date", "tags", "a", "sources", "t", "1", "x-y_z", "\"q\"", "a.b", "é"}
	values := []string{`"x"`, `""`, `"a \"b\" \\ \t \u00e9 \U0001F600"`, `"\u0000"`, `"\uD800"`, `"\e"`, `"\x41"`,
		`'lit \n'`, `''`, `"""m"""`, `'''m'''`, `0`, `-0`, `42`, `-7`, `+7`, `07`, `1_000`, `1.5`, `1e3`, `0x10`,
		`9223372036854775807`, `123456789012345678`, `true`, `false`, `tru`, `2014-03-18`, `2014-02-30`, `0000-01-01`,
		`2014-03-18T10:00:00Z`, `10:00:00`, `[]`, `[ ]`, `["a", 'b']`, `["a",]`, `["a" , "b" ,]`, `[1]`, `[,]`,
		`["a"`, `{a = 1}`, `inf`, `nan`}
	blanks := []string{"", " ", "\t", "  \t"}
	comments := []string{"", "# c", "#", "# \"x\" = [y]", "#\t"}
	r := rand.New(rand.NewPCG(18, 2026))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	accepted := 0
	for n := range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pick(blanks))
			switch r.IntN(10) {
			case 0:
				b.WriteString("[" + pick(blanks) + pick(keys) + pick(blanks) + "]")
			case 1:
				b.WriteString("[[" + pick(blanks) + pick(keys) + pick(blanks) + "]]")
			case 2:
			default:
				b.WriteString(pick(keys) + pick(blanks) + "=" + pick(blanks) + pick(values))
			}
			b.WriteString(pick(blanks) + pick(comments) + "\n")
		}
		if checkPlainTOML(t, fmt.Sprint("generated ", n), []byte(b.String())) {
			accepted++
		}
	}
	if accepted < 2000 {
		t.Errorf("plainTOML took only %d of 20,000 generated texts", accepted)
	}
	t.Logf("plainTOML took %d of 20,000 generated texts", accepted)
}
