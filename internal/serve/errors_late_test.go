package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLateErrorPlaced: a file in static/ at the path of a feed fails the
// feeds once the pages are served. The terminal says so as it says every
// build error, at the file, from the folder the preview was started in,
// with the count, and the overlay shows it.
func TestLateErrorPlaced(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "static/feed.xml", "mine")
	r := start(t, dir, Options{})
	file := filepath.ToSlash(filepath.Join(dir, "static/feed.xml"))
	want := file + ": the build makes /feed.xml itself\n" +
		"\ta file in static/ is copied to the same path in the built site: move or rename it\n" +
		"1 error; its pages are served; the feeds and exports wait until the site builds\n"
	eventually(t, "the error in the terminal", func() bool { return strings.Contains(r.stderr.String(), "served") })
	if got := r.stderr.String(); !strings.Contains(got, want) {
		t.Errorf("terminal:\n%s\nwant:\n%s", got, want)
	}
	page := fetchBody(t, r.url+"events/b/")
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/b/", hashOf(t, page))
	if data := expectEvent(t, live, "build-error"); !strings.Contains(data, `"file":"static/feed.xml"`) {
		t.Errorf("build-error = %s, want static/feed.xml", data)
	}

	// Once a build has completed, a late failure leaves it served whole.
	if err := os.Remove(filepath.Join(dir, "static/feed.xml")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the generated feed", func() bool { return strings.Contains(fetchBody(t, r.url+"feed.xml"), "<feed") })
	writeFile(t, dir, "static/feed.xml", "mine again")
	again := strings.Replace(want, "its pages are served; the feeds and exports wait until the site builds", "the last good version is still served", 1)
	eventually(t, "the second error in the terminal", func() bool { return strings.Count(r.stderr.String(), "1 error") == 2 })
	if got := r.stderr.String(); !strings.HasSuffix(got, again) {
		t.Errorf("terminal:\n%s\nwant at the end:\n%s", got, again)
	}
	if feed := fetchBody(t, r.url+"feed.xml"); !strings.Contains(feed, "<feed") {
		t.Errorf("/feed.xml after the late failure = %.80q, want the last good build's feed", feed)
	}
}
