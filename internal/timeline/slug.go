package timeline

import (
	"path"
	"strings"
	"unicode"
)

// Slugify makes a URL path segment from a name: lowercase letters and digits
// (any script), with every other run of characters turned into one hyphen.
// The result never contains '/', '.', '\' or spaces, so a slug cannot leave
// the folder it names. It may be empty when the name has no letter or digit.
//
// A name that is a slug already is returned as it is, sharing its memory:
// most file names and tags are.
func Slugify(name string) string {
	if isPlainSlug(name) {
		return name
	}
	return slugify(name)
}

// slugify is Slugify for any name.
func slugify(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '_' && b.Len() > 0 && !hyphen:
			b.WriteByte('_')
		default:
			hyphen = true
		}
	}
	return strings.TrimRight(b.String(), "_")
}

// isPlainSlug reports whether Slugify would return name unchanged, for
// the common case of lowercase ASCII letters and digits in runs joined by
// single hyphens.
func isPlainSlug(name string) bool {
	prev := byte('-') // no hyphen first
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case c == '-' && prev != '-':
		default:
			return false
		}
		prev = c
	}
	return prev != '-' // nor last, nor an empty name
}

// ValidSlug reports whether s is a slug that Slugify could have made: one
// or more lowercase letters or digits, separated by single hyphens or
// underscores.
func ValidSlug(s string) bool {
	return s != "" && Slugify(s) == s
}

// FileURL is the address, from the site's root, of the page a content
// file makes when it sets no slug: "events/SLUG/" for an event,
// "PATH/" for a page, "" for content/_index.md. A build that failed uses
// it so that links to a file with errors are not reported as broken too.
func FileURL(file string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(file, "content/"), path.Ext(file))
	switch {
	case rel == "_index":
		return ""
	case strings.HasPrefix(rel, "events/"):
		return "events/" + Slugify(path.Base(rel)) + "/"
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		segs[i] = Slugify(seg)
	}
	return strings.Join(segs, "/") + "/"
}
