package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A subprocess that runs one build: TestKilledBuilds starts the test binary
// again with these variables set, and kills it part-way.
func init() {
	if os.Getenv("TIMELINE_TEST_BUILD_SOURCE") == "" {
		return
	}
	src := os.Getenv("TIMELINE_TEST_BUILD_SOURCE")
	_, err := Build(Options{FS: os.DirFS(src), Source: src, Dest: os.Getenv("TIMELINE_TEST_BUILD_DEST"), Now: testNow})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// writeLargeSite writes a site of n events with bodies of some length, so
// that a build takes long enough to be killed in the middle.
func writeLargeSite(t testing.TB, dir string, n int) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, "content/events"), 0o755)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Large\"\nbaseURL = \"https://example.org/\"\n"), 0o644)
	body := strings.Repeat("Some words of a paragraph, with *emphasis* and a [link](https://example.org/). ", 30)
	for i := range n {
		src := fmt.Sprintf("+++\ntitle = \"Event %d\"\ndate = \"%04d-%02d\"\ntrack = \"T%d\"\ntags = [\"t%d\", \"u%d\"]\n+++\n\n%s\n\n%s\n",
			i, 1900+i%120, 1+i%12, i%5, i%40, i%7, body, body)
		if err := os.WriteFile(filepath.Join(dir, "content/events", fmt.Sprintf("e%05d.md", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestKilledBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site many times")
	}
	dir := t.TempDir()
	site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeLargeSite(t, site, 400)
	start := time.Now()
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	t.Logf("a whole build takes %v", full)
	before := snapshot(t, dest)

	r := rand.New(rand.NewPCG(1, 2))
	for i := range 10 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TIMELINE_TEST_BUILD_SOURCE="+site, "TIMELINE_TEST_BUILD_DEST="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a moment anywhere from start-up to a little past a
		// whole build's length.
		time.Sleep(time.Duration(r.Int64N(int64(full) * 3 / 2)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		after := snapshot(t, dest)
		if len(after) != len(before) {
			t.Fatalf("kill %d: %d files in the output, %d before", i, len(after), len(before))
		}
		for p, data := range before {
			if after[p] != data {
				t.Fatalf("kill %d: %s changed", i, p)
			}
		}
	}
	// The next build removes whatever the killed ones left.
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	assertNoLeftovers(t, dir)
}
