package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// server is a site on 127.0.0.1 with a path for each behaviour a checked
// link can meet, counting the requests each path gets.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int // "HEAD /ok" -> count

	flaky atomic.Int32 // requests /flaky has had
	// inFlight and maxInFlight measure the per-host limit.
	inFlight, maxInFlight atomic.Int32
}

func newServer(t *testing.T) *server {
	s := &server{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select { // longer than the checker's timeout
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond) // slower than most, within the timeout
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	})
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/no-head", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if s.flaky.Add(1) <= 2 { // two failures, then an answer
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	mux.HandleFunc("/busy/", func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxInFlight.Load()
			if n <= m || s.maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, not on 127.0.0.1", s.URL)
	}
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

// fast are options that keep the tests quick: a short timeout and pauses.
func fast() Options {
	return Options{Timeout: 400 * time.Millisecond, Backoff: 10 * time.Millisecond, Retries: 2}
}

func TestServerBehaviours(t *testing.T) {
	s := newServer(t)
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL + "/page"
	gone.Close() // a server that went away: its port now refuses

	tests := []struct {
		path    string
		problem string // "" for a working link
		hits    map[string]int
	}{
		{"/ok", "", map[string]int{"HEAD /ok": 1, "GET /ok": 0}},
		{"/missing", "404 Not Found", map[string]int{"HEAD /missing": 1}}, // final: no retry
		{"/error", "500 Internal Server Error", map[string]int{"HEAD /error": 3}},
		{"/hang", "no answer within 400ms", map[string]int{"HEAD /hang": 3}},
		{"/slow", "", map[string]int{"HEAD /slow": 1}},
		{"/loop/a", "redirect loop at " + s.URL + "/loop/a", map[string]int{"HEAD /loop/a": 1, "HEAD /loop/b": 1}},
		{"/moved", "", map[string]int{"HEAD /moved": 1, "HEAD /ok": 1}},
		{"/no-head", "", map[string]int{"HEAD /no-head": 1, "GET /no-head": 1}},
		{"/flaky", "", map[string]int{"HEAD /flaky": 3}},
		{"gone", "connection refused", nil},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			u := s.URL + tt.path
			if tt.path == "gone" {
				u = goneURL
			}
			before := map[string]int{}
			for k := range tt.hits {
				before[k] = s.count(k)
			}
			rep := Check(context.Background(), []Link{{URL: u, File: "content/events/a.md", Line: 7, Archive: "https://web.archive.org/web/2022/" + u}}, fast())
			r := rep.Results[u]
			if r.Problem != tt.problem {
				t.Errorf("problem %q, want %q (status %d)", r.Problem, tt.problem, r.Status)
			}
			for k, want := range tt.hits {
				if got := s.count(k) - before[k]; got != want {
					t.Errorf("%s asked %d times, want %d", k, got, want)
				}
			}
			if tt.problem == "" {
				if len(rep.Broken) != 0 {
					t.Errorf("reported %v", rep.Broken)
				}
				return
			}
			if len(rep.Broken) != 1 {
				t.Fatalf("reported %d problems, want 1", len(rep.Broken))
			}
			want := "content/events/a.md:7: " + u + ": " + tt.problem + "\n\tan archived copy: https://web.archive.org/web/2022/" + u
			if got := rep.Broken[0].Error(); got != want {
				t.Errorf("report\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestPerHostLimit checks that no more than PerHost requests go to one
// host at once, while the checker has more workers than that.
func TestPerHostLimit(t *testing.T) {
	s := newServer(t)
	var links []Link
	for i := range 12 {
		links = append(links, Link{URL: s.URL + "/busy/" + string(rune('a'+i)), File: "a.md", Line: i + 1})
	}
	opts := fast()
	opts.Workers, opts.PerHost = 8, 2
	rep := Check(context.Background(), links, opts)
	if len(rep.Broken) != 0 || rep.Asked != 12 {
		t.Fatalf("asked %d, broken %v", rep.Asked, rep.Broken)
	}
	if m := s.maxInFlight.Load(); m > 2 || m < 1 {
		t.Errorf("%d requests at once to one host, want at most 2", m)
	}
}

// TestCache checks that a second run within the cache's age asks nothing,
// that the cache keeps broken links too, and that an old result is asked
// again.
func TestCache(t *testing.T) {
	s := newServer(t)
	cache := filepath.Join(t.TempDir(), "links", "site.json")
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	links := []Link{
		{URL: s.URL + "/ok", File: "a.md", Line: 3},
		{URL: s.URL + "/missing", File: "a.md", Line: 4},
		{URL: s.URL + "/ok", File: "b.md", Line: 9}, // the same URL in another place
	}
	run := func(at time.Time) *Report {
		opts := fast()
		opts.CacheFile, opts.Now = cache, func() time.Time { return at }
		rep := Check(context.Background(), links, opts)
		if rep.Warning != nil {
			t.Fatal(rep.Warning)
		}
		return rep
	}

	first := run(now)
	if first.URLs != 2 || first.Asked != 2 || first.Cached != 0 || len(first.Broken) != 1 {
		t.Fatalf("first run: %s, broken %v", first.Summary(), first.Broken)
	}
	heads := s.count("HEAD /ok") + s.count("HEAD /missing")

	second := run(now.Add(23 * time.Hour))
	if second.Asked != 0 || second.Cached != 2 || len(second.Broken) != 1 {
		t.Errorf("second run within a day: %s, broken %v", second.Summary(), second.Broken)
	}
	if got := s.count("HEAD /ok") + s.count("HEAD /missing"); got != heads {
		t.Errorf("the second run made %d requests, want none", got-heads)
	}
	if !strings.Contains(second.Broken[0].Error(), "a.md:4: "+s.URL+"/missing: 404 Not Found") {
		t.Errorf("cached broken link reported as %q", second.Broken[0])
	}

	third := run(now.Add(25 * time.Hour))
	if third.Asked != 2 || third.Cached != 0 {
		t.Errorf("a day later: %s, want both asked again", third.Summary())
	}

	// A cache that is not JSON is a warning, and is rewritten.
	if err := os.WriteFile(cache, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := fast()
	opts.CacheFile = cache
	if rep := Check(context.Background(), links, opts); rep.Warning == nil || rep.Asked != 2 {
		t.Errorf("a corrupt cache: warning %v, asked %d", rep.Warning, rep.Asked)
	}
	if rep := Check(context.Background(), links, opts); rep.Warning != nil || rep.Asked != 0 {
		t.Errorf("after rewriting the cache: warning %v, asked %d", rep.Warning, rep.Asked)
	}
}

// TestCollect checks that every kind of external link is found at its
// file and line, and that site paths and other schemes are left alone.
func TestCollect(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"T\"\n")},
		"content/_index.md": {Data: []byte("Intro with [a link](https://example.org/intro).\n")},
		"content/about.md":  {Data: []byte("+++\ntitle = \"About\"\n+++\n\nSee\nhttps://example.org/bare and [mail](mailto:a@b.c).\n")},
		"content/events/a.md": {Data: []byte(`+++
title = "A"
date = "2014"
image = "https://example.org/a.jpg"
image_alt = "A"

[[sources]]
title = "Archived before its URL"
archive = "https://web.archive.org/web/2022/https://example.org/s"
url = "https://example.org/s"

[[sources]]
title = "On this site"
url = "/about/"
+++

Body with [a link](https://example.org/body) and [another event](../b/),
and an image: ![x](http://example.org/i.png).
`)},
	}
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	links, err := Collect(site, fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range links {
		s := l.File + ":" + strconv.Itoa(l.Line) + " " + l.URL
		if l.Archive != "" {
			s += " archive " + l.Archive
		}
		got = append(got, s)
	}
	want := []string{
		"content/_index.md:1 https://example.org/intro",
		"content/events/a.md:10 https://example.org/s archive https://web.archive.org/web/2022/https://example.org/s",
		"content/events/a.md:9 https://web.archive.org/web/2022/https://example.org/s",
		"content/events/a.md:4 https://example.org/a.jpg",
		"content/events/a.md:17 https://example.org/body",
		"content/events/a.md:18 http://example.org/i.png",
		"content/about.md:6 https://example.org/bare",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStopped checks that a check stopped halfway (Ctrl-C) reports and
// caches nothing about the links it was still asking about.
func TestStopped(t *testing.T) {
	s := newServer(t)
	cache := filepath.Join(t.TempDir(), "links.json")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	opts := fast()
	opts.Timeout, opts.CacheFile = 5*time.Second, cache
	rep := Check(ctx, []Link{{URL: s.URL + "/hang", File: "a.md", Line: 1}}, opts)
	if len(rep.Broken) != 0 {
		t.Errorf("a stopped check reported %v", rep.Broken)
	}
	opts.Timeout = 400 * time.Millisecond
	if rep := Check(context.Background(), []Link{{URL: s.URL + "/ok", File: "a.md", Line: 1}, {URL: s.URL + "/hang", File: "a.md", Line: 2}}, opts); rep.Cached != 0 {
		t.Errorf("%d results came from a cache written by a stopped check", rep.Cached)
	}
}
