package timeline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// generateSite writes a site of n events into a new folder and returns it:
// dates from 1900 to 2025 at every precision (1939–1945 left empty, so that
// the timeline has a gap), six tracks, sixty tags, ranges, ongoing spans
// and sources. Event i depends only on i. Bodies are two paragraphs, the
// first (the summary) about as long as a news teaser.
func generateSite(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) { sitetest.Write(t, dir, name, text) }
	write("site.toml", fmt.Sprintf("title = \"Generated timeline (%d events)\"\ndescription = \"A generated site for tests.\"\nbaseURL = \"https://example.org/\"\n", n))
	write("content/_index.md", "A generated timeline: every event is made up.\n")
	tracks := []string{"Politics", "Economy", "Science", "Culture", "Conflict", "Sport"}
	words := strings.Fields("the council agreed a new treaty after weeks of talks while ministers " +
		"in the capital warned that prices would rise and the opposition called for a vote on " +
		"reform as crowds gathered outside parliament and envoys met late into the night")
	for i := range n {
		year := 1900 + i%126
		if year >= 1939 && year <= 1945 {
			year += 7
		}
		month, day := i*7%12+1, i*13%28+1
		var date string
		switch i % 5 {
		case 0:
			date = fmt.Sprintf("%d", year)
		case 1:
			date = fmt.Sprintf("%d-%02d", year, month)
		default:
			date = fmt.Sprintf("%d-%02d-%02d", year, month, day)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Event %d: %s %s %s\"\ndate = \"%s\"\n", i, words[i%len(words)], words[(i+5)%len(words)], words[(i+9)%len(words)], date)
		switch {
		case i%97 == 0:
			b.WriteString("end = \"present\"\n")
		case i%9 == 0:
			fmt.Fprintf(&b, "end = \"%d-%02d-%02d\"\n", year+i%3+1, month, day)
		}
		fmt.Fprintf(&b, "track = %q\ntags = [\"topic %d\", \"topic %d\"]\nplace = \"City %d\"\n", tracks[i%len(tracks)], i%60, (i*7+3)%60, i%40)
		fmt.Fprintf(&b, "\n[[sources]]\ntitle = \"Report %d\"\nurl = \"https://example.org/news/%d\"\n+++\n\n", i, i)
		for j := range 40 {
			b.WriteString(words[(i*3+j*j)%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("and so on.\n\nA second paragraph that only the event's page shows.\n")
		write(fmt.Sprintf("content/events/%d/e%05d.md", year, i), b.String())
	}
	return dir
}
