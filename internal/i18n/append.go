package i18n

import (
	"strings"
)

// AppendT appends T(key, args...) to b. A text whose braces are its
// placeholders alone, filled with values and names without braces, is
// filled in one pass, with no string made for it: what T's replacing
// name after name makes then. Any other is T's.
func (l *Locale) AppendT(b []byte, key string, args ...string) []byte {
	return appendFill(b, l.text(key), args)
}

// appendFill appends fill(s, args) to b.
func appendFill(b []byte, s string, args []string) []byte {
	if !placeholdersOnly(s, args) {
		return append(b, fillInTurn(s, args)...)
	}
	return appendPlaceholders(b, s, args)
}

// appendPlaceholders appends s with each placeholder filled, in one pass:
// fill's, when placeholdersOnly(s, args).
func appendPlaceholders(b []byte, s string, args []string) []byte {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		j := i + strings.IndexByte(s[i:], '}') // there is one: placeholdersOnly
		b = append(b, arg(s[i:j+1], args)...)
		s = s[j+1:]
	}
}

// arg is the value of the placeholder p ("{name}") in args, the first
// given, as fill replaces it; p itself when args have no such name.
func arg(p string, args []string) string {
	name := p[1 : len(p)-1]
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1]
		}
	}
	return p
}

// placeholdersOnly reports whether s's braces pair, "{" then "}", with
// none inside another, and args have no brace: each of fill's
// replacements then finds the placeholders of s alone, and filling them
// in one pass makes the same text.
func placeholdersOnly(s string, args []string) bool {
	open := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if open {
				return false
			}
			open = true
		case '}':
			if !open {
				return false
			}
			open = false
		}
	}
	if open {
		return false
	}
	for _, a := range args {
		if strings.ContainsAny(a, "{}") {
			return false
		}
	}
	return true
}
