// Package report formats what the command line prints: counts with their
// nouns, durations, and a build's errors and warnings. `timeline build`,
// `check`, `import` and the preview's terminal all print through it, so
// that they say things the same way.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Count writes n with the noun in the right number: "1 event", "2 events",
// "0 events".
func Count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Round rounds a duration for people: to 10ms past a second, to the
// millisecond past 10ms, and to 100µs below.
func Round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	case d > 10*time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Microsecond)
}

// Errors prints err to w and returns how many errors it held. A
// timeline.ErrorList (or Error) prints one error per line as
// "path:line: message", the paths given from dir (the site folder as the
// user named it) so that an editor or terminal opens them as they are,
// then the count: "2 errors". then, when given, follows the count
// ("2 errors; the last good version is still served"). Any other error
// prints as "error: …", with then on the line below.
func Errors(w io.Writer, dir string, err error, then string) int {
	list, ok := timeline.Errors(err)
	if !ok {
		fmt.Fprintf(w, "error: %v\n", err)
		if then != "" {
			fmt.Fprintln(w, then)
		}
		return 1
	}
	for _, e := range list {
		fmt.Fprintln(w, e.From(dir).Error())
	}
	count := Count(len(list), "error", "errors")
	if then != "" {
		count += "; " + then
	}
	fmt.Fprintln(w, count)
	return len(list)
}

// Warnings prints each warning as "warning: path:line: message", sorted
// by file, the paths given from dir.
func Warnings(w io.Writer, dir string, warnings timeline.ErrorList) {
	warnings = slices.Clone(warnings)
	slices.SortStableFunc(warnings, func(a, b *timeline.Error) int { return strings.Compare(a.File, b.File) })
	for _, e := range warnings {
		fmt.Fprintf(w, "warning: %s\n", e.From(dir).Error())
	}
}

// Suggest returns " (did you mean X?)" for the word of known nearest to
// w, when it is near enough to be a likely typo, and "" otherwise.
func Suggest(w string, known []string) string {
	if s := timeline.Closest(w, known); s != "" {
		return fmt.Sprintf(" (did you mean %s?)", s)
	}
	return ""
}
