package render

// The escapers of the generated page writers (templates_gen*.go): what
// html/template's contextual escaping does to a value at each place of a
// page, written again for values whose type is known when the code is
// generated. Each is checked against html/template itself, on random
// strings and on each typed kind of content (templates_escape_test.go).
//
// The first escaper of an action gets the value's text and its kind of
// content (a template.HTML is trusted where a string is escaped); the
// escapers after it get plain text, as html/template's do. A value
// html/template would treat in a way these do not (HTML in an attribute,
// which it strips of tags; anything but template.JS in a script) makes
// them give up: the page is then made by html/template.

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
)

// content is the kind of a value's text, from its type.
type content int

const (
	ctPlain content = iota
	ctHTML
	ctAttr
	ctCSS
	ctJS
	ctJSStr
	ctURL
	ctSrcset
)

// errGenUnsupported makes a generated writer give up on the page; the
// renderer then runs html/template, which has the last word.
var errGenUnsupported = errors.New("generated writer: not supported here")

// genError carries an error out of a generated writer, as a panic.
type genError struct{ err error }

func genFail(err error) { panic(genError{err}) }

// must returns v, or stops the generated writer when err is not nil.
func must[T any](v T, err error) T {
	if err != nil {
		genFail(err)
	}
	return v
}

// mustWrite stops the generated writer when a method that writes to it
// failed (see genHTMLWriters in tmplgen_test.go).
func mustWrite(err error) {
	if err != nil {
		genFail(err)
	}
}

// runGen runs a generated writer, reporting whether it finished: a
// method's error, or any panic, leaves the page to html/template, which
// says what went wrong as it always has.
func runGen(fn func(*genBuf, any), w *genBuf, data any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	fn(w, data)
	return true
}

// genString is the text of v and its kind of content, for a value whose
// type the generator does not know: pointers are followed to a value, or
// to one that has a String or Error method, and that is printed as fmt
// prints it. A nil interface prints nothing.
func genString(v any) (string, content) {
	if v == nil {
		return "", ctPlain
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch x := rv.Interface().(type) {
	case string:
		return x, ctPlain
	case template.HTML:
		return string(x), ctHTML
	case template.HTMLAttr:
		return string(x), ctAttr
	case template.CSS:
		return string(x), ctCSS
	case template.JS:
		return string(x), ctJS
	case template.JSStr:
		return string(x), ctJSStr
	case template.URL:
		return string(x), ctURL
	case template.Srcset:
		return string(x), ctSrcset
	}
	rv = reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if _, ok := rv.Interface().(fmt.Stringer); ok {
			break
		}
		if _, ok := rv.Interface().(error); ok {
			break
		}
		rv = rv.Elem()
	}
	return fmt.Sprint(rv.Interface()), ctPlain
}

// genTruth is text/template's truth of a value whose type the generator
// does not know: false for nil, a zero number, an empty string, slice or
// map, and true for anything else.
func genTruth(v any) bool {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return false
	}
	switch rv.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() > 0
	case reflect.Bool:
		return rv.Bool()
	case reflect.Complex64, reflect.Complex128:
		return rv.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !rv.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return rv.Uint() != 0
	}
	return true
}

// An entityTable is what an escaper writes for each byte it replaces,
// with a table of bools of which it replaces, which a loop over text reads
// faster than the strings' lengths. writeEntities and appendEntities read
// one.
type entityTable struct {
	has  [256]bool
	text [256]string
}

func newEntityTable(text [256]string) (t entityTable) {
	t.text = text
	for c := range t.has {
		t.has[c] = text[c] != ""
	}
	return t
}

// entity is the character reference of each byte the HTML escapers
// replace: markup, both quotes, and "+" (UTF-7). NUL becomes U+FFFD.
var entity = newEntityTable([256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
})

// writeEntities writes s with the bytes entity names replaced; with keepAmp,
// "&" is kept as it is (text that is HTML already has its references).
func writeEntities(w *genBuf, s string, keepAmp bool) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !entity.has[c] || c == '&' && keepAmp {
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(entity.text[c])
		start = i + 1
	}
	w.WriteString(s[start:])
}

// escText writes a value in the text of an element.
func escText(w *genBuf, s string, t content) {
	if t == ctHTML {
		w.WriteString(s)
		return
	}
	writeEntities(w, s, false)
}

// escAttr writes a value in a quoted attribute.
func escAttr(w *genBuf, s string, t content) {
	if t == ctHTML {
		genFail(errGenUnsupported) // html/template strips its tags
	}
	writeEntities(w, s, false)
}

// escRCDATA writes a value in <title> or <textarea>, where there are no
// tags: HTML keeps its character references.
func escRCDATA(w *genBuf, s string, t content) {
	writeEntities(w, s, t == ctHTML)
}

// escJSVal writes a value in a script. Only template.JS, written as it
// is, is done here.
func escJSVal(w *genBuf, s string, t content) {
	if t != ctJS {
		genFail(errGenUnsupported)
	}
	w.WriteString(s)
}

// escAttrName writes a value where an attribute's name goes
// (`<div{{.}}>`): only template.HTMLAttr, written as it is, is done here;
// html/template checks any other value is a harmless name.
func escAttrName(w *genBuf, s string, t content) {
	if t != ctAttr {
		genFail(errGenUnsupported)
	}
	w.WriteString(s)
}

// filterURL keeps a URL whose scheme, if it has one, is http, https or
// mailto, and replaces any other with "#ZgotmplZ", as html/template does
// where a URL begins; a template.URL is trusted.
func filterURL(s string, t content) string {
	if t == ctURL || safeScheme(s) {
		return s
	}
	return "#ZgotmplZ"
}

// safeScheme reports whether s has no scheme, or a harmless one: text
// before the first ":" that holds a "/" is a path, not a scheme.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normURL percent-encodes what cannot stand in a URL in an attribute,
// leaving the URL's own delimiters and escapes as they are.
func normURL(s string, t content) string { return percentEncode(s, true) }

// escURL percent-encodes a value inside a URL's query or fragment, where
// it is data: delimiters too, unless it is a template.URL.
func escURL(s string, t content) string { return percentEncode(s, t == ctURL) }

// percentEncode encodes every byte but letters, digits and "-._~" as
// %xx (lower-case hex). With norm, the reserved delimiters of RFC 3986
// and "%" starting a valid escape are kept too.
func percentEncode(s string, norm bool) string {
	var b strings.Builder
	appendPercent(&b, s, norm)
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// appendPercent writes s percent-encoded to b; it writes nothing when s
// needs no change.
func appendPercent(b *strings.Builder, s string, norm bool) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeep(c) {
			continue
		}
		if norm && (strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0 ||
			c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2])) {
			continue
		}
		if start == 0 && b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[start:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		start = i + 1
	}
	if start > 0 {
		b.WriteString(s[start:])
	}
}

func urlKeep(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escSrcset makes a value safe in a srcset attribute: a template.Srcset
// as it is; a template.URL normalised, its commas encoded; and text
// taken candidate by candidate (between commas), each kept only if its
// URL's scheme is harmless and its descriptor only spaces, letters and
// digits, and otherwise replaced by "#ZgotmplZ".
func escSrcset(s string, t content) string {
	switch t {
	case ctSrcset:
		return s
	case ctURL:
		return strings.ReplaceAll(percentEncode(s, true), ",", "%2c")
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ',' {
			continue
		}
		srcsetCandidate(&b, s[start:i])
		if i < len(s) {
			b.WriteByte(',')
		}
		start = i + 1
	}
	return b.String()
}

func srcsetCandidate(b *strings.Builder, c string) {
	from := 0
	for from < len(c) && htmlSpace(c[from]) {
		from++
	}
	to := from
	for to < len(c) && !htmlSpace(c[to]) {
		to++
	}
	url, desc := c[from:to], c[to:]
	ok := safeScheme(url)
	for i := 0; ok && i < len(desc); i++ {
		d := desc[i]
		ok = htmlSpace(d) || 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z' || '0' <= d && d <= '9'
	}
	if !ok {
		b.WriteString("#ZgotmplZ")
		return
	}
	b.WriteString(c[:from])
	b.WriteString(percentEncode(url, true))
	b.WriteString(desc)
}

// htmlSpace is ASCII whitespace as HTML defines it.
func htmlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// Text of the basic types as fmt prints them.
func itoa[T ~int | ~int8 | ~int16 | ~int32 | ~int64](n T) string {
	return strconv.FormatInt(int64(n), 10)
}
func utoa[T ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr](n T) string {
	return strconv.FormatUint(uint64(n), 10)
}
func ftoa64[T ~float64](f T) string { return strconv.FormatFloat(float64(f), 'g', -1, 64) }
func ftoa32[T ~float32](f T) string { return strconv.FormatFloat(float64(f), 'g', -1, 32) }
