package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/leakcheck"
	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// syncBuffer is a bytes.Buffer that Run may write to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	sitetest.Write(t, dir, name, data)
}

func eventFile(title, date, body string) string {
	return fmt.Sprintf("+++\ntitle = %q\ndate = %q\ntrack = \"Talks\"\ntags = [\"geneva\"]\n+++\n\n%s\n", title, date, body)
}

// newSite writes a small site into a temporary folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"Preview test\"\nbaseURL = \"https://example.org/\"\n")
	writeFile(t, dir, "content/about.md", "+++\ntitle = \"About\"\n+++\n\nAbout this site.\n")
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "The first day."))
	writeFile(t, dir, "content/events/b.md", eventFile("Talks go on", "2022-01-11", "The second day."))
	writeFile(t, dir, "content/events/c.md", eventFile("Talks end", "2022-01-12", "The last day."))
	return dir
}

// running is a Run in progress.
type running struct {
	url            string
	stdout, stderr *syncBuffer
	stop           func() error
}

func start(t *testing.T, dir string, opts Options) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	ready := make(chan string, 1)
	opts.Source, opts.FS, opts.Stdout, opts.Stderr = dir, os.DirFS(dir), r.stdout, r.stderr
	opts.Ready = func(url string) { ready <- url }
	if opts.Quiet == 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opts) }()
	select {
	case r.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run ended before serving: %v\n%s", err, r.stderr)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("Run did not start serving")
	}
	stopped := false
	r.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return fmt.Errorf("Run did not return within 10s of being stopped")
		}
	}
	t.Cleanup(func() { r.stop() })
	return r
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// eventually polls check until it passes or time runs out.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSaveReloads saves an event and follows the page that shows it: the
// page hears that it changed, and the new text is served.
func TestSaveReloads(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{})
	status, page := fetch(t, r.url+"events/a/")
	if status != 200 || !strings.Contains(page, "The first day.") {
		t.Fatalf("GET /events/a/ = %d\n%s", status, page)
	}
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/a/", hashOf(t, page))
	expectEvent(t, live, "build-ok")
	other := connect(t, strings.TrimSuffix(r.url, "/"), "/events/c/", hashOf(t, fetchBody(t, r.url+"events/c/")))
	expectEvent(t, other, "build-ok")

	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "The first day.\n\nA new paragraph."))
	expectEvent(t, live, "reload")
	if _, page := fetch(t, r.url+"events/a/"); !strings.Contains(page, "A new paragraph.") {
		t.Errorf("the new text is not served:\n%s", page)
	}
	// Only the page that changed reloads.
	other.none()
	if !strings.Contains(r.stdout.String(), "rebuilt in") || !strings.Contains(r.stdout.String(), "content/events/a.md") {
		t.Errorf("the terminal does not tell of the rebuild:\n%s", r.stdout)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("the preview wrote public/")
	}
}

func fetchBody(t *testing.T, url string) string {
	t.Helper()
	_, b := fetch(t, url)
	return b
}

// TestErrorsAndFix breaks an event: the errors show in the terminal and
// over the page while the last good site stays served; the fix clears
// them.
func TestErrorsAndFix(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{})
	page := fetchBody(t, r.url+"events/b/")
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/b/", hashOf(t, page))
	expectEvent(t, live, "build-ok")

	writeFile(t, dir, "content/events/b.md", "+++\ntitle = \"Talks go on\"\ndate = \"2022-13\"\n+++\n\nBroken.\n")
	data := expectEvent(t, live, "build-error")
	if !strings.Contains(data, `"file":"content/events/b.md","line":3`) {
		t.Errorf("build-error = %s, want content/events/b.md line 3", data)
	}
	eventually(t, "the error in the terminal", func() bool {
		return strings.Contains(r.stderr.String(), filepath.ToSlash(filepath.Join(dir, "content/events/b.md"))+":3: ")
	})
	if status, now := fetch(t, r.url+"events/b/"); status != 200 || !strings.Contains(now, "The second day.") {
		t.Errorf("the last good page is not served: %d\n%s", status, now)
	}

	writeFile(t, dir, "content/events/b.md", eventFile("Talks go on", "2022-01-11", "The second day, fixed."))
	expectEvent(t, live, "build-ok")
	expectEvent(t, live, "reload")
	if !strings.Contains(fetchBody(t, r.url+"events/b/"), "The second day, fixed.") {
		t.Error("the fixed page is not served")
	}
}

// TestServedEqualsBuild makes edits of every kind and checks that what is
// served, file by file, is what `timeline build` makes of the same files.
func TestServedEqualsBuild(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{})
	edits := []func(){
		func() {
			writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Body edited."))
		},
		func() {
			writeFile(t, dir, "content/events/b.md", eventFile("Talks, day two", "2022-01-11", "Title edited."))
		},
		func() { writeFile(t, dir, "content/events/d.md", eventFile("A new event", "2021-12-30", "New.")) },
		func() { os.Remove(filepath.Join(dir, "content/events/c.md")) },
		func() { writeFile(t, dir, "static/style.css", "body { color: teal }\n") },
		func() {
			writeFile(t, dir, "site.toml", "title = \"Preview test, renamed\"\nbaseURL = \"https://example.org/\"\n")
		},
	}
	for i, edit := range edits {
		edit()
		want, _, err := build.Render(build.Options{FS: os.DirFS(dir), Source: dir})
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, fmt.Sprintf("the site after edit %d", i), func() bool {
			for name, b := range want.Files {
				status, got := fetch(t, r.url+strings.TrimSuffix(name, "index.html"))
				if status != 200 || scriptTag.ReplaceAllString(got, "") != string(b) {
					return false
				}
			}
			return true
		})
	}
	// And nothing else: a file of the build before is gone.
	if status, _ := fetch(t, r.url+"events/c/"); status != 404 {
		t.Errorf("the deleted event's page is still served: %d", status)
	}
}

func TestNotASite(t *testing.T) {
	dir := t.TempDir()
	err := Run(context.Background(), Options{Source: dir, FS: os.DirFS(dir)})
	if err == nil || !strings.Contains(err.Error(), "site.toml") {
		t.Errorf("Run in a folder without site.toml: %v", err)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := newSite(t)
	err = Run(context.Background(), Options{Source: dir, FS: os.DirFS(dir), Port: port})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d is in use", port)) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("Run on a port in use: %v", err)
	}
}

func TestWarnsWhenReachable(t *testing.T) {
	r := start(t, newSite(t), Options{Bind: "0.0.0.0"})
	if !strings.Contains(r.stderr.String(), "warning: listening on 0.0.0.0") {
		t.Errorf("no warning when bound to every address:\n%s", r.stderr)
	}
	if !strings.HasPrefix(r.url, "http://localhost:") {
		t.Errorf("URL %s", r.url)
	}
	quiet := start(t, newSite(t), Options{})
	if strings.Contains(quiet.stderr.String(), "warning") {
		t.Errorf("a warning on 127.0.0.1:\n%s", quiet.stderr)
	}
}

// TestFirstBuildFails starts on a broken site: the errors are served,
// and the site once it is fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/events/a.md", "no front matter")
	r := start(t, dir, Options{})
	if !strings.Contains(r.stderr.String(), "content/events/a.md:1: missing front matter") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	status, page := fetch(t, r.url)
	if status != http.StatusServiceUnavailable {
		t.Fatalf("GET / on a site that never built = %d", status)
	}
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/", hashOf(t, page))
	expectEvent(t, live, "build-error")
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Fixed."))
	expectEvent(t, live, "build-ok")
	expectEvent(t, live, "reload")
	if status, _ := fetch(t, r.url); status != 200 {
		t.Errorf("GET / once fixed = %d", status)
	}
}

// TestShutdown stops a Run with pages connected and checks that it
// returns, leaving no goroutine of its own behind.
func TestShutdown(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{})
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/a/", hashOf(t, fetchBody(t, r.url+"events/a/")))
	expectEvent(t, live, "build-ok")
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "Edited."))
	expectEvent(t, live, "reload")
	start := time.Now()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	// The server gives its connections 5s to end: shutting down must
	// not wait for that limit, however loaded the machine.
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("shutting down took %v", d)
	}
	http.DefaultClient.CloseIdleConnections()
	leakcheck.Check(t, "internal/serve.", "internal/watch.", "internal/render.", "internal/build.", "fsnotify.", "net/http.(*conn).serve")
}

// TestPoll is the preview where the file system sends no events:
// --poll finds the save all the same.
func TestPoll(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir, Options{Poll: 50 * time.Millisecond})
	page := fetchBody(t, r.url+"events/c/")
	live := connect(t, strings.TrimSuffix(r.url, "/"), "/events/c/", hashOf(t, page))
	expectEvent(t, live, "build-ok")
	writeFile(t, dir, "content/events/c.md", eventFile("Talks end", "2022-01-12", "Polled."))
	expectEvent(t, live, "reload")
	if !strings.Contains(fetchBody(t, r.url+"events/c/"), "Polled.") {
		t.Error("the polled save is not served")
	}
}
