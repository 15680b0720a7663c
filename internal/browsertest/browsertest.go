// Package browsertest runs tests in a real browser: Debian's headless
// Chromium, driven over the DevTools protocol by chromedp. It starts the
// browser with the flags a machine without a network needs, serves a
// built site the way a static host would, and records what a tab reports
// (console errors, uncaught exceptions, failed loads, every request).
//
// A test that needs the browser calls Start. Where Chromium is missing the
// test is skipped, unless TIMELINE_REQUIRE_BROWSER=1 (set by CI), which
// makes it fail instead: CI never passes by skipping. `go test -short`
// skips every browser test, for a quick loop while editing, unless they
// are required.
package browsertest

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Required reports whether tests must not skip for want of a browser or
// of the tools the browser tests load (TIMELINE_REQUIRE_BROWSER=1).
func Required() bool { return os.Getenv("TIMELINE_REQUIRE_BROWSER") == "1" }

// Missing skips the test, or fails it when the browser is required, for
// want of what is named.
func Missing(t testing.TB, what string) {
	t.Helper()
	msg := what + " is missing: ./test.sh installs it"
	if Required() {
		t.Fatal(msg + " (TIMELINE_REQUIRE_BROWSER=1)")
	}
	t.Skip(msg)
}

// Chromium returns the path of the browser, or "" when there is none.
func Chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Timeout bounds everything a test does in one browser, so that a page
// that hangs fails the test instead of the whole run.
const Timeout = 3 * time.Minute

// Start launches a headless Chromium for t and returns the context of its
// first tab; the browser quits when the test ends. The window is 1280×900
// until a test emulates another size.
func Start(t testing.TB) context.Context {
	t.Helper()
	if testing.Short() && !Required() {
		t.Skip("a browser test: skipped with -short")
	}
	exe := Chromium()
	if exe == "" {
		Missing(t, "chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // root in a container has no user namespace to sandbox in
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// The network is closed: nothing may try to phone home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// Tab opens a new tab in the browser of ctx, closed when the test ends.
// Each tab keeps its own emulation settings (size, colour scheme, script).
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// Serve serves files (slash paths from the site root, as the renderer
// makes them) the way a static host does: a folder's index.html at its
// path, a redirect from "dir" to "dir/", and 404.html with status 404 for
// anything missing. The server stops when the test ends.
func Serve(t testing.TB, files map[string][]byte) *httptest.Server {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	static := http.FileServerFS(fsys)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(files["404.html"])
			return
		}
		static.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Watch is what a tab has reported since WatchTab.
type Watch struct {
	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
	requests []string
}

// WatchTab records the console messages, uncaught exceptions, browser log
// entries (such as a failed load) and requested URLs of a tab until the
// test ends. Call it before navigating.
func WatchTab(t testing.TB, tab context.Context) *Watch {
	t.Helper()
	w := &Watch{}
	ctx, cancel := context.WithCancel(tab)
	console := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	var wg sync.WaitGroup
	wg.Go(func() {
		for m, err := range console {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.messages = append(w.messages, m)
			w.mu.Unlock()
		}
	})
	wg.Go(func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.requests = append(w.requests, ev.Request.URL)
			w.mu.Unlock()
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
	return w
}

// Errors returns the console errors, uncaught exceptions and error entries
// of the browser log (a 404 for a stylesheet, say), each as one line.
func (w *Watch) Errors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, m := range w.messages {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			line := m.String()
			if m.URL != "" {
				line += " (" + m.URL + ")"
			}
			out = append(out, line)
		}
	}
	return out
}

// Requests returns every URL the tab asked for, in order.
func (w *Watch) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...)
}
