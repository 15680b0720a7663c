package serve

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

func files(kv ...string) map[string]packed.File {
	m := map[string]packed.File{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = packed.Of(kv[i], []byte(kv[i+1]))
	}
	return m
}

var build1 = files(
	"index.html", "<!doctype html><html><body><h1>Home</h1></body></html>",
	"events/a/index.html", "<!doctype html><html><body><p>Event A</p></BODY></html>",
	"404.html", "<!doctype html><html><body>Not here</body></html>",
	"style.css", "body{color:black}",
	"feed.xml", "<feed/>",
)

type response struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, h http.Handler, method, target string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:1313"
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return response{w.Code, w.Header(), w.Body.String()}
}

var scriptTag = regexp.MustCompile(`<script src="/__timeline/live\.js" data-hash="[0-9a-f]+" defer></script>`)

func TestServesTheBuild(t *testing.T) {
	s := NewSite()
	s.LoopbackOnly = true
	s.Publish(build1, true)

	r := get(t, s, "GET", "/")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", r.status, r.header.Get("Content-Type"))
	}
	if !scriptTag.MatchString(r.body) || !strings.HasSuffix(r.body, "</script></body></html>") {
		t.Errorf("the reload script is not just before </body>:\n%s", r.body)
	}
	if got := scriptTag.ReplaceAllString(r.body, ""); got != string(build1["index.html"].Bytes()) {
		t.Errorf("the page differs from the build beyond the script:\n%s", got)
	}
	if r := get(t, s, "GET", "/events/a/"); !strings.Contains(r.body, "</script></BODY>") {
		t.Errorf("an upper-case </BODY> got no script:\n%s", r.body)
	}

	css := get(t, s, "GET", "/style.css")
	if css.status != 200 || css.body != string(build1["style.css"].Bytes()) || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
		t.Errorf("GET /style.css = %d %q %s: want the file as built", css.status, css.body, css.header.Get("Content-Type"))
	}
	if r := get(t, s, "GET", "/style.css", "If-None-Match", css.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("a conditional GET of an unchanged file = %d, want 304", r.status)
	}
	if r := get(t, s, "HEAD", "/"); r.status != 200 || r.body != "" {
		t.Errorf("HEAD / = %d with %d bytes of body", r.status, len(r.body))
	}

	if r := get(t, s, "GET", "/events/a?x=1"); r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/events/a/?x=1" {
		t.Errorf("GET /events/a = %d to %q, want a redirect to the folder", r.status, r.header.Get("Location"))
	}
	if r := get(t, s, "POST", "/"); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", r.status)
	}
}

// Only the built files are served: no source file, nothing outside the
// site, no folder listing.
func TestServesNothingElse(t *testing.T) {
	s := NewSite()
	s.Publish(build1, true)
	for _, target := range []string{"/../site.toml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
		"/content/events/a.md", "/site.toml", "/events/", "/events", "/index.html/..%00", "//etc/passwd"} {
		r := get(t, s, "GET", target)
		if r.status != http.StatusNotFound || !strings.Contains(r.body, "Not here") {
			t.Errorf("GET %s = %d %q, want the 404 page", target, r.status, r.body)
		}
	}
}

func TestLoopbackOnly(t *testing.T) {
	s := NewSite()
	s.LoopbackOnly = true
	s.Publish(build1, true)
	for host, want := range map[string]int{"localhost:1313": 200, "127.0.0.1": 200, "[::1]:1313": 200, "127.0.0.2:80": 200,
		"app.localhost": 200, "evil.example:1313": http.StatusMisdirectedRequest, "192.168.1.5:1313": http.StatusMisdirectedRequest} {
		if r := get(t, s, "GET", "/", "Host", host); r.status != want {
			t.Errorf("Host %s: %d, want %d", host, r.status, want)
		}
	}
	s.LoopbackOnly = false
	if r := get(t, s, "GET", "/", "Host", "192.168.1.5:1313"); r.status != 200 {
		t.Errorf("bound to all addresses, Host 192.168.1.5: %d", r.status)
	}
}

// The pages of a build are served while the rest is made; a request for
// the rest waits for it, rather than get a file of the previous build.
func TestPartialBuildWaits(t *testing.T) {
	s := NewSite()
	s.Publish(build1, true)
	pages := files("index.html", "<html><body>Home 2</body></html>", "404.html", "<p>Not here</p>")
	s.Publish(pages, false)
	if r := get(t, s, "GET", "/"); !strings.Contains(r.body, "Home 2") {
		t.Fatalf("the new pages are not served: %q", r.body)
	}
	got := make(chan response)
	go func() { got <- get(t, s, "GET", "/feed.xml") }()
	select {
	case r := <-got:
		t.Fatalf("GET /feed.xml did not wait for the rest of the build: %d %q", r.status, r.body)
	case <-time.After(100 * time.Millisecond):
	}
	all := files("index.html", "<html><body>Home 2</body></html>", "404.html", "<p>Not here</p>", "feed.xml", "<feed>2</feed>")
	s.Complete(all)
	if r := <-got; r.status != 200 || r.body != "<feed>2</feed>" {
		t.Errorf("GET /feed.xml = %d %q, want the new feed", r.status, r.body)
	}
}

// A failed build leaves the last good one served; with nothing built yet,
// a page says so.
func TestFailures(t *testing.T) {
	s := NewSite()
	s.Fail(timeline.ErrorList{{File: "content/events/a.md", Line: 3, Msg: "date is required"}})
	r := get(t, s, "GET", "/anything/")
	if r.status != http.StatusServiceUnavailable || !scriptTag.MatchString(r.body) {
		t.Errorf("with nothing built: %d %q, want 503 and a page with the reload script", r.status, r.body)
	}
	s.Publish(build1, true)
	s.Fail(timeline.ErrorList{{File: "content/events/a.md", Line: 3, Msg: "date is required"}})
	if r := get(t, s, "GET", "/events/a/"); r.status != 200 || !strings.Contains(r.body, "Event A") {
		t.Errorf("after a failed build: %d %q, want the last good page", r.status, r.body)
	}
}

func TestInject(t *testing.T) {
	for page, want := range map[string]string{
		"<p>no body tag":                 "<p>no body tag<script",
		"<body>a</body><!-- </body> -->": "<body>a</body><!-- <script",
		"":                               "<script",
	} {
		if got := string(inject([]byte(page), "00")); !strings.HasPrefix(got, want) {
			t.Errorf("inject(%q) = %q", page, got)
		}
	}
}

// sse reads the events a page's live connection receives.
type sse struct {
	t      *testing.T
	events chan [2]string
	cancel context.CancelFunc
}

func connect(t *testing.T, base, path, hash string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/__timeline/events?path="+url.QueryEscape(path)+"&hash="+hash, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	c := &sse{t: t, events: make(chan [2]string, 64), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var event string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				c.events <- [2]string{event, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	t.Cleanup(cancel)
	return c
}

// next returns the next event, failing when none comes.
func (c *sse) next() (string, string) {
	c.t.Helper()
	select {
	case e, ok := <-c.events:
		if !ok {
			c.t.Fatal("the event stream ended")
		}
		return e[0], e[1]
	case <-time.After(30 * time.Second):
		c.t.Fatal("no event came")
	}
	return "", ""
}

// none checks that no event comes for a moment.
func (c *sse) none() {
	c.t.Helper()
	select {
	case e := <-c.events:
		c.t.Fatalf("unexpected event %s %s", e[0], e[1])
	case <-time.After(150 * time.Millisecond):
	}
}

func expectEvent(t *testing.T, c *sse, want string) string {
	t.Helper()
	got, data := c.next()
	if got != want {
		t.Fatalf("event %s (%s), want %s", got, data, want)
	}
	return data
}

func hashOf(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`data-hash="([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no data-hash in %q", page)
	}
	return m[1]
}

// TestLiveEvents follows one open page through builds: another page
// changes (nothing to do), the stylesheet changes (swap it), the build
// fails (show the errors), the fix changes the page (reload).
func TestLiveEvents(t *testing.T) {
	s := NewSite()
	s.Publish(build1, true)
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close()
	page := get(t, s, "GET", "/events/a/")
	c := connect(t, srv.URL, "/events/a/", hashOf(t, page.body))
	expectEvent(t, c, "build-ok")
	c.none()

	b2 := files("index.html", "<html><body>Home changed</body></html>", "events/a/index.html", string(build1["events/a/index.html"].Bytes()),
		"404.html", string(build1["404.html"].Bytes()), "style.css", string(build1["style.css"].Bytes()), "feed.xml", "<feed>2</feed>")
	s.Publish(b2, true)
	c.none()

	b3 := files("index.html", "<html><body>Home changed</body></html>", "events/a/index.html", string(build1["events/a/index.html"].Bytes()),
		"404.html", string(build1["404.html"].Bytes()), "style.css", "body{color:red}", "feed.xml", "<feed>2</feed>")
	s.Publish(b3, true)
	var css []string
	json.Unmarshal([]byte(expectEvent(t, c, "css")), &css)
	if len(css) != 1 || css[0] != "style.css" {
		t.Errorf("css event names %q, want style.css", css)
	}

	s.Fail(timeline.ErrorList{{File: "content/events/a.md", Line: 3, Msg: `date "2014-13": month 13 out of range`, Help: "accepted forms: …"}})
	var errs []errorView
	json.Unmarshal([]byte(expectEvent(t, c, "build-error")), &errs)
	if len(errs) != 1 || errs[0].File != "content/events/a.md" || errs[0].Line != 3 || errs[0].Help == "" {
		t.Errorf("build-error carries %+v", errs)
	}
	c.none()

	b4 := files("index.html", "<html><body>Home changed</body></html>", "events/a/index.html", "<html><body>A, fixed</body></html>",
		"404.html", string(build1["404.html"].Bytes()), "style.css", "body{color:red}", "feed.xml", "<feed>2</feed>")
	s.Publish(b4, true)
	expectEvent(t, c, "build-ok")
	expectEvent(t, c, "reload")

	// A page that connects late, or after a restart, with an old copy
	// hears at once that it is out of date; so does one with errors.
	late := connect(t, srv.URL, "/events/a/", hashOf(t, page.body))
	expectEvent(t, late, "build-ok")
	expectEvent(t, late, "reload")
	s.Fail(timeline.ErrorList{{File: "site.toml", Msg: "bad"}})
	fresh := connect(t, srv.URL, "/events/a/", hashOf(t, get(t, s, "GET", "/events/a/").body))
	expectEvent(t, fresh, "build-error")
	fresh.none()
	// The errors stay until a build succeeds: a new one says so again.
	s.Fail(timeline.ErrorList{{File: "site.toml", Msg: "worse"}})
	if data := expectEvent(t, fresh, "build-error"); !strings.Contains(data, "worse") {
		t.Errorf("build-error = %s", data)
	}

	// A page that was a 404 reloads when its page appears.
	missing := get(t, s, "GET", "/events/b/")
	gone := connect(t, srv.URL, "/events/b/", hashOf(t, missing.body))
	expectEvent(t, gone, "build-error")
	gone.none()
	b5 := files("events/b/index.html", "<html><body>B</body></html>", "404.html", string(build1["404.html"].Bytes()))
	s.Publish(b5, true)
	expectEvent(t, gone, "build-ok")
	expectEvent(t, gone, "reload")
}

// Close ends every live connection, so that the server can shut down.
func TestCloseEndsLiveConnections(t *testing.T) {
	s := NewSite()
	s.Publish(build1, true)
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := connect(t, srv.URL, "/", "x")
	expectEvent(t, c, "build-ok")
	s.Close()
	select {
	case _, ok := <-c.events:
		for ok {
			_, ok = <-c.events
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the live connection stayed open after Close")
	}
	resp, err := http.Get(srv.URL + "/__timeline/live.js")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "EventSource") {
		t.Error("live.js is not served")
	}
}

// A file kept compressed goes compressed to a client that takes gzip, and
// as built to any other; a page always goes as built, with the script.
func TestServesGzip(t *testing.T) {
	s := NewSite()
	data := strings.Repeat(`{"event":"a long and repetitive export"},`, 100)
	page := "<html><body>" + strings.Repeat("<p>A page</p>", 100) + "</body></html>"
	s.Publish(files("timeline.json", data, "index.html", page), true)

	r := get(t, s, "GET", "/timeline.json", "Accept-Encoding", "br, gzip;q=0.8")
	if r.header.Get("Content-Encoding") != "gzip" || len(r.body) >= len(data) {
		t.Fatalf("GET with gzip accepted: Content-Encoding %q, %d bytes for %d", r.header.Get("Content-Encoding"), len(r.body), len(data))
	}
	zr, err := gzip.NewReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(zr); err != nil || string(b) != data {
		t.Errorf("the gzip answer reads as %d bytes (%v), want the file", len(b), err)
	}
	if !strings.Contains(r.header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary = %q, want Accept-Encoding", r.header.Get("Vary"))
	}
	gzTag := r.header.Get("ETag")
	for _, ae := range []string{"", "gzip;q=0", "identity"} {
		r := get(t, s, "GET", "/timeline.json", "Accept-Encoding", ae)
		if r.header.Get("Content-Encoding") != "" || r.body != data {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, %d bytes: want the file as built", ae, r.header.Get("Content-Encoding"), len(r.body))
		}
		if r.header.Get("ETag") == gzTag {
			t.Errorf("Accept-Encoding %q: the same ETag as the gzip answer", ae)
		}
	}
	if r := get(t, s, "GET", "/timeline.json", "Accept-Encoding", "gzip", "Range", "bytes=0-9"); r.status != http.StatusPartialContent || r.body != data[:10] {
		t.Errorf("a range = %d %q, want the first 10 bytes of the file", r.status, r.body)
	}
	r = get(t, s, "GET", "/", "Accept-Encoding", "gzip")
	if r.header.Get("Content-Encoding") != "" || scriptTag.ReplaceAllString(r.body, "") != page {
		t.Errorf("GET / with gzip accepted: Content-Encoding %q, body %.80q", r.header.Get("Content-Encoding"), r.body)
	}
}
