package render

import "strings"

// packStrings returns list with its strings copied into one allocation,
// which a large site's views hold a hundred thousand of: one object for
// the collector rather than one each. A string keeps the whole of it.
func packStrings(list []string) []string {
	n := 0
	for _, s := range list {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range list {
		b.WriteString(s)
	}
	all := b.String()
	for i, s := range list {
		list[i], all = all[:len(s)], all[len(s):]
	}
	return list
}
