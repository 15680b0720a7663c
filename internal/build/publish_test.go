package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-ssg/timeline/internal/render"
)

// snapshot reads every file under dir, keyed by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func basicSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return writeSite(t, ar)
}

func TestBuildIsDeterministic(t *testing.T) {
	site := basicSite(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: a, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: b, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) == 0 || len(sa) != len(sb) {
		t.Fatalf("%d files vs %d", len(sa), len(sb))
	}
	for p, data := range sa {
		if sb[p] != data {
			t.Errorf("%s differs between two builds of the same site", p)
		}
	}
	// What Build writes is exactly what Render returns.
	out, _, err := Render(Options{FS: os.DirFS(site), Source: site, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Files) != len(sa) {
		t.Errorf("Render made %d files, Build wrote %d", len(out.Files), len(sa))
	}
	for p, data := range out.Files {
		if sa[p] != string(data) {
			t.Errorf("%s: Build wrote other bytes than Render returned", p)
		}
	}
}

// An event page that fails must fail the build, not leave timeline.json,
// which follows the event pages, waiting for its body.
func TestFailingEventPageFailsTheBuild(t *testing.T) {
	site := basicSite(t)
	if err := os.MkdirAll(filepath.Join(site, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	tmpl := `{{define "head"}}{{index .Site.Tags 1000}}{{end}}`
	if err := os.WriteFile(filepath.Join(site, "templates/event.html"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: filepath.Join(t.TempDir(), "public"), Now: testNow})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "while making the page /events/") {
			t.Fatalf("error = %v, want the event template's", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the build did not end")
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := basicSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)

	bad := filepath.Join(site, "content/events/bad.md")
	if err := os.WriteFile(bad, []byte("+++\ntitle = \"x\"\ndate = \"2014-13\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow})
	if err == nil || !strings.Contains(err.Error(), "content/events/bad.md:3: ") {
		t.Fatalf("error = %v, want one at content/events/bad.md:3", err)
	}
	after := snapshot(t, dest)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after a failed build, %d before", len(after), len(before))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	assertNoLeftovers(t, filepath.Dir(dest))
}

func TestFailedWriteKeepsPreviousOutput(t *testing.T) {
	site := basicSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	// A writer that fails half-way, as a full disk would.
	n := 0
	err := Publish(site, dest, func(out render.Sink) error {
		for _, p := range []string{"index.html", "events/x/index.html", "tags/index.html"} {
			if n++; n == 3 {
				return errors.New("no space left on device")
			}
			if err := out.Put(p, []byte("new")); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("error = %v", err)
	}
	after := snapshot(t, dest)
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed after a failed write", p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d files after, %d before", len(after), len(before))
	}
	assertNoLeftovers(t, filepath.Dir(dest))
}

func TestNoStaleFiles(t *testing.T) {
	site := basicSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content/events/2014-04-war.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"events/2014-04-war/index.html", "tags/donbas/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survives its event's removal (%v)", gone, err)
		}
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode = %v, %v; want 0755", info.Mode(), err)
	}
}

func TestLeftoversOfAKilledBuildAreRemoved(t *testing.T) {
	site := basicSite(t)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	// A build killed while writing leaves its temporary folder; one killed
	// between the two renames of the fallback swap leaves the old output
	// moved aside and no output.
	if err := os.MkdirAll(filepath.Join(parent, ".public.tmp-123", "events"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(parent, ".public.old"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(parent, ".public.old", "index.html"), []byte("previous"), 0o644)
	removeLeftovers(parent, "public")
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "previous" {
		t.Errorf("the previous output was not restored: %q, %v", b, err)
	}
	assertNoLeftovers(t, parent)
	if _, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	assertNoLeftovers(t, parent)
}

func assertNoLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("leftover %s in %s", e.Name(), parent)
		}
	}
}

func TestRefusedDestinations(t *testing.T) {
	site := basicSite(t)
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct{ dest, want string }{
		{site, "it holds the site itself"},
		{filepath.Dir(site), "it holds the site itself"},
		{filepath.Join(site, "content"), "inside the site's content/ folder"},
		{filepath.Join(site, "static", "out"), "inside the site's static/ folder"},
		{other, "does not look like a built site"},
		{file, "it is not a folder"},
	}
	for _, tt := range tests {
		_, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: tt.dest, Now: testNow})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build to %s: error %v, want %q", tt.dest, err, tt.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Error("a refused destination was changed")
	}
	if _, err := os.Stat(filepath.Join(site, "content/events/2014-03-crimea.md")); err != nil {
		t.Error("the site lost a file")
	}
}

func TestPublishRefusesEscapingPaths(t *testing.T) {
	site := basicSite(t)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, p := range []string{"../escape.html", "/etc/x", "a/../../b", "", "a\\b"} {
		err := Publish(site, dest, func(out render.Sink) error {
			return out.Put(p, []byte("x"))
		})
		if err == nil {
			t.Errorf("put(%q) was accepted", p)
		}
		err = Publish(site, dest, func(out render.Sink) error {
			w, err := out.Create(p)
			if err == nil {
				w.Close()
			}
			return err
		})
		if err == nil {
			t.Errorf("create(%q) was accepted", p)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Errorf("files were written: %v", entries)
	}
}

// TestUnwritableDestination builds into a folder no one can write, not even
// root (the tests run as root in CI, where file modes do not stop writes):
// /proc refuses new folders. The error says what failed.
func TestUnwritableDestination(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here")
	}
	site := basicSite(t)
	_, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: "/proc/timeline-test/public", Now: testNow})
	if err == nil || !strings.Contains(err.Error(), "/proc/timeline-test") {
		t.Fatalf("error = %v; want one naming the destination", err)
	}
}

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		live      uint64
		gogc, mem string
		want      int64
		set       bool
	}{
		{0, "", "", 560 << 20, true},
		{135 << 20, "", "", 560 << 20, true}, // 100,000 generated events
		{150 << 20, "", "", 600 << 20, true},
		{400 << 20, "", "", 1600 << 20, true},
		{150 << 20, "200", "", 0, false}, // GOGC set: left alone
		{150 << 20, "", "2GiB", 0, false},
	} {
		if got, set := memoryLimit(c.live, c.gogc, c.mem); got != c.want || set != c.set {
			t.Errorf("memoryLimit(%d, %q, %q) = %d, %v; want %d, %v", c.live, c.gogc, c.mem, got, set, c.want, c.set)
		}
	}
	runtime.GC()
	if liveHeap() == 0 {
		t.Error("liveHeap found no live heap")
	}
}

// TestCheckIsBuildWithoutWriting checks that Check makes every file Build
// writes, and writes none.
func TestCheckIsBuildWithoutWriting(t *testing.T) {
	site := basicSite(t)
	before := snapshot(t, site)
	checked, err := Check(Options{FS: os.DirFS(site), Source: site, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, site); len(after) != len(before) {
		t.Errorf("check wrote into the site: %d files before, %d after", len(before), len(after))
	}
	built, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: filepath.Join(t.TempDir(), "public"), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if checked.Files != built.Files || checked.Pages != built.Pages || checked.Files == 0 {
		t.Errorf("check made %d files, %d pages; build %d, %d", checked.Files, checked.Pages, built.Files, built.Pages)
	}
}

// TestDirWriterForgets: past madeMax folders a dirWriter forgets those it
// made, and still writes every file, in new folders and in forgotten ones.
func TestDirWriterForgets(t *testing.T) {
	root := t.TempDir()
	out, err := openOutDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := &dirWriter{out: out, made: map[string]bool{"": true}}
	n := madeMax/2 + 10 // two folders each: the map is cleared once
	name := func(i int) string { return "events/e" + strconv.Itoa(i) }
	for i := range n {
		if err := w.put(name(i)+"/index.html", []byte("a")); err != nil {
			t.Fatal(err)
		}
		if err := w.put(name(i)+"/embed/index.html", []byte("b")); err != nil {
			t.Fatal(err)
		}
	}
	if len(w.made) >= madeMax {
		t.Errorf("remembers %d folders, past %d", len(w.made), madeMax)
	}
	for i := range n { // again, into folders forgotten or not
		if err := w.put(name(i)+"/embed/oembed.json", []byte("c")); err != nil {
			t.Fatal(err)
		}
	}
	files := snapshot(t, root)
	if len(files) != 3*n {
		t.Fatalf("%d files written, want %d", len(files), 3*n)
	}
	for i := range n {
		for p, want := range map[string]string{"/index.html": "a", "/embed/index.html": "b", "/embed/oembed.json": "c"} {
			if got := files[name(i)+p]; got != want {
				t.Fatalf("%s%s = %q, want %q", name(i), p, got, want)
			}
		}
	}
}
