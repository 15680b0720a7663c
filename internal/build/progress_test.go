package build

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// syncBuffer is a bytes.Buffer the progress goroutine and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func progressSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":           "title = \"P\"\n",
		"content/events/a.md": "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nBody.\n",
		"content/events/b.md": "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nBody.\n",
	})
	return dir
}

// A build that takes longer than progressDelay rewrites one line with the
// files written so far, then erases it before returning.
func TestProgressLine(t *testing.T) {
	defer func(d, e time.Duration) { progressDelay, progressEvery = d, e }(progressDelay, progressEvery)
	progressDelay, progressEvery = 0, time.Millisecond

	// Each stage waits for its line rather than sleeping a set time, so
	// that a loaded machine, slow to run the progress goroutine, only
	// makes the test slower.
	var out syncBuffer
	waitFor := func(what string, re *regexp.Regexp) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !re.MatchString(out.String()); {
			if time.Now().After(deadline) {
				t.Fatalf("no line %s in %q", what, out.String())
			}
			time.Sleep(time.Millisecond)
		}
	}
	p := startProgress(&out)
	waitFor("while reading content", regexp.MustCompile(`\rbuilding: reading content… `))
	p.loadedSite(2)
	p.files.Add(7)
	waitFor("counting files", regexp.MustCompile(`\rbuilding: 2 events, 7 files written… \d`))
	p.end()
	got := out.String()
	if strings.Contains(got, "\n") {
		t.Errorf("the progress line ends a line: %q", got)
	}
	if !regexp.MustCompile(`\r +\r$`).MatchString(got) {
		t.Errorf("the line is not erased at the end: %q", got)
	}
}

// A build quicker than progressDelay shows nothing; Build drives the line
// when it is slower.
func TestProgressQuiet(t *testing.T) {
	var out syncBuffer
	src := progressSite(t)
	if _, err := Build(Options{FS: os.DirFS(src), Source: src, Progress: &out}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "" {
		t.Errorf("a build quicker than %v wrote %q", progressDelay, out.String())
	}

	defer func(d, e time.Duration) { progressDelay, progressEvery = d, e }(progressDelay, progressEvery)
	progressDelay, progressEvery = 0, time.Millisecond
	if _, err := Build(Options{FS: os.DirFS(src), Source: src, Progress: &out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\rbuilding: ") {
		t.Errorf("no progress with no delay: %q", out.String())
	}
}
