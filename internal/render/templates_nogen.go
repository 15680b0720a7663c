//go:build tmplgen

package render

// Without templates_gen.go, while go generate makes it again: every page
// is made by html/template.

import "bytes"

var (
	genFiles   map[string]string
	genWriters map[string]map[string]func(*bytes.Buffer, any)
)
