package serve

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Site is the preview's http.Handler: it serves the current build of a
// site from memory, exactly as `timeline build` would write it, plus the
// reload script, which it adds to HTML responses only. Nothing is read
// from disk, so no path can reach a source file or leave the site, and a
// folder is never listed.
//
// A build is published in up to two steps: its pages first (Publish with
// complete false), then everything (complete true). A request for a path
// that the first step lacks waits for the second, so that nobody ever
// sees a file of an older build beside a page of a newer one. A failed
// build (Fail) leaves the last good one served and shows its errors over
// every page until a build succeeds.
type Site struct {
	// LoopbackOnly refuses requests whose Host is not a loopback name or
	// address: a page elsewhere on the web cannot then read the preview
	// through a DNS name that points at 127.0.0.1.
	LoopbackOnly bool

	state atomic.Pointer[state]
	live  *hub

	mu sync.Mutex // serializes Publish, Complete and Fail
}

// state is what is served: one build, and the errors of the last attempt.
type state struct {
	files    map[string]packed.File
	complete bool          // every file of the build is in files
	done     chan struct{} // closed when a newer state replaces this one
	errs     []errorView   // the last build failed: shown in the overlay
}

// NewSite returns a handler with nothing built yet: requests wait for the
// first Publish, or get a page showing the errors after a first Fail.
func NewSite() *Site {
	s := &Site{live: newHub()}
	s.state.Store(&state{files: map[string]packed.File{}, done: make(chan struct{})})
	return s
}

// Publish serves files, the output of a successful build: the whole of
// it (complete), or its pages with the rest to come through Complete. It
// clears the errors shown, tells every open page that changed to reload
// itself, and the others to load their stylesheets again when those
// changed.
func (s *Site) Publish(files map[string]packed.File, complete bool) {
	s.replace(func(old *state) *state {
		return &state{files: files, complete: complete}
	})
}

// Complete serves files, the whole of the build whose pages are served,
// in place of them; the errors of a later failed build stay shown.
func (s *Site) Complete(files map[string]packed.File) {
	s.replace(func(old *state) *state {
		return &state{files: files, complete: true, errs: old.errs}
	})
}

// Fail shows the errors of a failed build over every page, and keeps
// serving the last good build.
func (s *Site) Fail(err error) {
	s.replace(func(old *state) *state {
		// With nothing built yet, nothing more is coming: serve what
		// there is (a page showing the errors) rather than wait.
		return &state{files: old.files, complete: old.complete || len(old.files) == 0, errs: errorViews(err)}
	})
}

func (s *Site) replace(next func(old *state) *state) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load()
	st := next(old)
	st.done = make(chan struct{})
	s.state.Store(st)
	close(old.done) // requests waiting for old's other files look again
	var css []string
	for p, f := range st.files {
		if strings.HasSuffix(p, ".css") {
			if of, ok := old.files[p]; !ok || of.Sum() != f.Sum() {
				css = append(css, p)
			}
		}
	}
	slices.Sort(css)
	s.live.update(st, css)
}

// Close ends the live connections of every open page, so that the server
// can shut down.
func (s *Site) Close() { s.live.close() }

// errorView is one error as the overlay shows it.
type errorView struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
	Help string `json:"help,omitempty"`
}

func errorViews(err error) []errorView {
	var list timeline.ErrorList
	switch e := err.(type) {
	case timeline.ErrorList:
		list = e
	case *timeline.Error:
		list = timeline.ErrorList{e}
	default:
		return []errorView{{Msg: err.Error()}}
	}
	out := make([]errorView, len(list))
	for i, e := range list {
		out[i] = errorView{File: e.File, Line: e.Line, Msg: e.Msg, Help: e.Help}
	}
	return out
}

// served returns which file the state serves for a URL path, as
// ServeHTTP does, and false while it cannot yet tell (the file may come
// with the rest of the build).
func (st *state) served(urlPath string) (string, bool) {
	name, _ := outputPath(urlPath)
	switch _, ok := st.files[name]; {
	case ok:
		return name, true
	case !st.complete:
		return "", false
	}
	if nf := notFoundFile(st.files, urlPath); hasFile(st.files, nf) {
		return nf, true
	}
	return "", true // nothing (the placeholder), or a bare 404
}

// hash identifies a file's contents, so that an open page can tell
// whether the file it shows is still current.
func (st *state) hash(p string) string {
	f, ok := st.files[p]
	if !ok {
		return "0000000000000000" // the placeholder, or a bare 404
	}
	return fmt.Sprintf("%016x", f.Sum())
}

// prefix is where the preview's own files live; a site's own file there
// would be hidden, which is why the name is an unlikely one.
const prefix = "/__timeline/"

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.LoopbackOnly && !isLoopbackHost(r.Host) {
		http.Error(w, "this preview answers only to localhost, 127.0.0.1 and [::1]", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case prefix + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
		return
	case prefix + "events":
		s.live.serve(w, r, s)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, dir := outputPath(r.URL.Path)
	st, f, ok := s.lookup(r.Context(), name)
	switch {
	case ok:
	case !dir && name != "" && s.has(r.Context(), name+"/index.html"):
		// /events/x is the folder /events/x/, as static hosts have it.
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	default:
		s.notFound(w, r, st)
		return
	}
	s.write(w, r, st, name, f, http.StatusOK)
}

// outputPath maps a URL path to the output file it names, and says
// whether it named a folder. Cleaning resolves every "..", so the result
// never leaves the site; it is only ever looked up in memory anyway.
func outputPath(urlPath string) (name string, dir bool) {
	dir = strings.HasSuffix(urlPath, "/")
	name = strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if dir || name == "" {
		if name != "" {
			name += "/"
		}
		name += "index.html"
	}
	return name, dir
}

// lookup finds the file in the current build, waiting for the rest of a
// build that is still being made when its pages lack it.
func (s *Site) lookup(ctx context.Context, name string) (*state, packed.File, bool) {
	for {
		st := s.state.Load()
		if f, ok := st.files[name]; ok || st.complete {
			return st, f, ok
		}
		select {
		case <-st.done:
		case <-ctx.Done():
			return st, packed.File{}, false
		}
	}
}

func (s *Site) has(ctx context.Context, name string) bool {
	_, _, ok := s.lookup(ctx, name)
	return ok
}

func (s *Site) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	if nf := notFoundFile(st.files, r.URL.Path); hasFile(st.files, nf) {
		s.write(w, r, st, nf, st.files[nf], http.StatusNotFound)
		return
	}
	if len(st.files) == 0 {
		// Nothing built yet (the first build failed): a page that shows
		// the errors and turns into the site once they are fixed.
		s.write(w, r, st, "", packed.Of("", []byte(placeholder)), http.StatusServiceUnavailable)
		return
	}
	http.NotFound(w, r)
}

const placeholder = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Building…</title></head>
<body><p>The site has not been built yet: see the errors below, or in the terminal.</p></body></html>
`

// write sends one file; HTML gets the reload script. A file kept
// compressed goes as it is to a browser that takes gzip.
func (s *Site) write(w http.ResponseWriter, r *http.Request, st *state, name string, f packed.File, status int) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if name == "" {
		ctype = "text/html; charset=utf-8"
	}
	var b []byte
	if ctype == "" {
		b = f.Bytes()
		ctype = http.DetectContentType(b)
	}
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	// Always ask again: the next save may change anything.
	h.Set("Cache-Control", "no-cache")
	if strings.HasPrefix(ctype, "text/html") {
		b = inject(f.Bytes(), st.hash(name))
	} else if status == http.StatusOK {
		h.Add("Vary", "Accept-Encoding")
		if gz, ok := f.Gzip(); ok && acceptsGzip(r) && r.Header.Get("Range") == "" {
			h.Set("Content-Encoding", "gzip")
			h.Set("ETag", `"`+st.hash(name)+`-gzip"`)
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(gz))
			return
		}
		if b == nil {
			b = f.Bytes()
		}
		h.Set("ETag", `"`+st.hash(name)+`"`)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
		return
	} else if b == nil {
		b = f.Bytes()
	}
	h.Set("Content-Length", itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// inject adds the reload script to an HTML page, before </body> when it
// has one. The script carries the hash of the page as built, so that it
// can tell when the page it shows is out of date.
func inject(page []byte, hash string) []byte {
	tag := `<script src="` + prefix + `live.js" data-hash="` + hash + `" defer></script>`
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, page[i:]...)
	return out
}

// acceptsGzip reports whether the request takes a gzip-encoded answer.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, c := range strings.Split(v, ",") {
			name, q, _ := strings.Cut(strings.TrimSpace(c), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") {
				q = strings.ReplaceAll(strings.TrimSpace(q), " ", "")
				return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
			}
		}
	}
	return false
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

// isLoopbackHost reports whether a Host header names this machine by a
// loopback name or address.
func isLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
