//go:build tmplgen

package render

// Without templates_gen*.go, while go generate makes them again: every page
// is made by html/template.

var (
	genFiles    map[string]string
	genWriters  map[string]map[string]func(*genBuf, any)
	genEntrySet map[string]string
)
