package timeline

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Error is one problem in one file of a site, at a line when known.
// It prints as "path:line: message", the form editors and grep understand,
// with any help indented on the lines below.
type Error struct {
	File string // slash-separated, relative to the site root
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
	Help string // optional advice, printed indented under the message
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Help != "" {
		for _, line := range strings.Split(e.Help, "\n") {
			b.WriteString("\n\t")
			b.WriteString(line)
		}
	}
	return b.String()
}

// From returns e with its path (relative to the site root) given from the
// folder that holds the site, dir, so that an editor or terminal opening
// "path:line" from the current folder finds the file. Errors about a
// command-line flag ("--base-url") keep their name.
func (e *Error) From(dir string) *Error {
	if dir == "" || dir == "." || strings.HasPrefix(e.File, "-") {
		return e
	}
	c := *e
	c.File = filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(e.File)))
	return &c
}

// ErrorList is every error of one load or build, so that a writer fixes
// them all in one pass instead of one per run.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Errors returns the errors err holds: an ErrorList, or one Error as a
// list of one. ok is false for any other error, which has no file.
func Errors(err error) (list ErrorList, ok bool) {
	var one *Error
	switch {
	case errors.As(err, &list):
		return list, true
	case errors.As(err, &one):
		return ErrorList{one}, true
	}
	return nil, false
}

// Sort orders the errors by file, then line, then message.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
}

// Err returns the list sorted as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

func (l *ErrorList) add(file string, line int, format string, args ...any) *Error {
	e := &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	*l = append(*l, e)
	return e
}
