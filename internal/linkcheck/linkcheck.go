// Package linkcheck asks the web whether a site's external links still
// work: every http(s) URL of its sources, images, and the links in its
// bodies, intro and pages (Collect finds them, with their file and line).
//
// Check asks each distinct URL once, HEAD first and GET when a server
// refuses HEAD, following redirects itself so that it can tell a loop. It
// runs several requests at a time but only a few per host, gives each
// request a timeout, and retries a timeout, a refused connection, a 429
// or a 5xx after a pause that doubles each time. A 404 is final.
//
// Results are kept in a cache file with the time they were found, and a
// result younger than Options.MaxAge (a day) is used without asking again,
// so a writer can run the check after every edit without hammering the
// sites a timeline cites.
package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"

	"github.com/timeline-ssg/timeline/internal/report"
	"github.com/timeline-ssg/timeline/internal/work"
)

// Link is an external URL as a site writes it, and where.
type Link struct {
	URL     string
	File    string // from the site root: "content/events/a.md"
	Line    int
	Archive string // an archived copy the source gives, suggested if URL is broken
}

// Options configures Check. The zero value checks with the defaults and
// keeps no cache.
type Options struct {
	Timeout      time.Duration // for each request, headers and all; default 15s
	Retries      int           // tries after the first for a transient failure; default 2, -1 for none
	Backoff      time.Duration // pause before the first retry, doubled for each next; default 1s
	PerHost      int           // requests at a time to one host; default 2
	Workers      int           // requests at a time in all; default 8
	MaxRedirects int           // default 10
	CacheFile    string        // where results are kept between runs; "" keeps none
	MaxAge       time.Duration // a cached result younger than this is used as it is; default 24h, negative for none

	Client    *http.Client     // default: a client of its own
	Now       func() time.Time // default time.Now
	UserAgent string           // default "timeline-linkcheck"
}

func (o *Options) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 2
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.MaxAge == 0 {
		o.MaxAge = 24 * time.Hour
	}
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.UserAgent == "" {
		o.UserAgent = "timeline-linkcheck"
	}
}

// Result is what one URL gave.
type Result struct {
	Status  int       `json:"status,omitempty"`  // the final HTTP status; 0 when none came
	Problem string    `json:"problem,omitempty"` // "" for a working link: "404 Not Found", "redirect loop", "timeout after 15s"
	Checked time.Time `json:"checked"`
}

// OK reports whether the link works.
func (r Result) OK() bool { return r.Problem == "" }

// Report is the outcome of a check.
type Report struct {
	Links  int                // places that link out
	URLs   int                // distinct URLs among them
	Cached int                // URLs answered from the cache
	Asked  int                // URLs asked of their servers
	Broken timeline.ErrorList // one per place of a broken URL, sorted
	// Results holds every URL's result.
	Results map[string]Result
	// Warning is a problem with the cache, which does not stop the check.
	Warning error
}

// Check checks the links and reports those that are broken, each at its
// file and line as "URL: 404 Not Found", with the archived copy as help.
// It returns early, with what it found, when ctx ends.
func Check(ctx context.Context, links []Link, opts Options) *Report {
	opts.defaults()
	rep := &Report{Links: len(links), Results: map[string]Result{}}
	var urls []string
	for _, l := range links {
		if _, ok := rep.Results[l.URL]; !ok {
			rep.Results[l.URL] = Result{}
			urls = append(urls, l.URL)
		}
	}
	rep.URLs = len(urls)

	cache, err := loadCache(opts.CacheFile)
	rep.Warning = err
	now := opts.Now()
	var ask []string
	for _, u := range urls {
		if r, ok := cache[u]; ok && now.Sub(r.Checked) < opts.MaxAge && !r.Checked.After(now) {
			rep.Results[u] = r
			rep.Cached++
			continue
		}
		ask = append(ask, u)
	}
	rep.Asked = len(ask)

	c := &checker{opts: opts, hosts: map[string]chan struct{}{}}
	results := make([]Result, len(ask))
	// A link not asked, for ctx ended, is left out below.
	work.DoN(ctx, opts.Workers, len(ask), func(i int) error {
		results[i] = c.check(ctx, ask[i])
		return nil
	})
	for i, u := range ask {
		if results[i].Checked.IsZero() {
			continue // not asked: ctx ended
		}
		rep.Results[u] = results[i]
		if cache != nil {
			cache[u] = results[i]
		}
	}
	if opts.CacheFile != "" && len(ask) > 0 {
		if err := saveCache(opts.CacheFile, cache); err != nil && rep.Warning == nil {
			rep.Warning = err
		}
	}

	for _, l := range links {
		r := rep.Results[l.URL]
		if r.Checked.IsZero() || r.OK() {
			continue
		}
		e := &timeline.Error{File: l.File, Line: l.Line, Msg: l.URL + ": " + r.Problem}
		if l.Archive != "" {
			e.Help = "an archived copy: " + l.Archive
		}
		rep.Broken = append(rep.Broken, e)
	}
	rep.Broken.Sort()
	return rep
}

type checker struct {
	opts  Options
	mu    sync.Mutex
	hosts map[string]chan struct{} // a semaphore per host
}

func (c *checker) host(u string) chan struct{} {
	h := u
	if p, err := url.Parse(u); err == nil {
		h = strings.ToLower(p.Host)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.hosts[h]
	if !ok {
		s = make(chan struct{}, c.opts.PerHost)
		c.hosts[h] = s
	}
	return s
}

// check asks for u until it gets a lasting answer or runs out of tries.
func (c *checker) check(ctx context.Context, u string) Result {
	pause := c.opts.Backoff
	var r Result
	for try := 0; ; try++ {
		var transient bool
		r, transient = c.once(ctx, u)
		if !transient || try >= c.opts.Retries || ctx.Err() != nil {
			break
		}
		select {
		case <-time.After(pause):
		case <-ctx.Done():
		}
		pause *= 2
	}
	if ctx.Err() != nil {
		return Result{} // stopped, not answered: neither reported nor cached
	}
	r.Checked = c.opts.Now()
	return r
}

// once makes one attempt at u: HEAD, then GET if the server refuses HEAD.
// transient says whether another try might answer otherwise.
func (c *checker) once(ctx context.Context, u string) (r Result, transient bool) {
	r, transient = c.follow(ctx, http.MethodHead, u)
	switch r.Status {
	case http.StatusMethodNotAllowed, http.StatusNotImplemented, http.StatusForbidden, http.StatusBadRequest:
		// Servers that refuse HEAD say so in several ways.
		r, transient = c.follow(ctx, http.MethodGet, u)
	}
	return r, transient
}

// follow requests u with method and follows its redirects, to a final
// answer, a loop, or too many.
func (c *checker) follow(ctx context.Context, method, u string) (Result, bool) {
	seen := map[string]bool{}
	for hops := 0; ; hops++ {
		if seen[u] {
			return Result{Problem: "redirect loop at " + u}, false
		}
		if hops > c.opts.MaxRedirects {
			return Result{Problem: fmt.Sprintf("more than %d redirects", c.opts.MaxRedirects)}, false
		}
		seen[u] = true
		status, location, err := c.request(ctx, method, u)
		if err != nil {
			return Result{Problem: c.describe(err)}, true
		}
		if status >= 300 && status < 400 && location != "" {
			base, _ := url.Parse(u)
			next, err := base.Parse(location)
			if err != nil {
				return Result{Status: status, Problem: fmt.Sprintf("%d redirect to a bad URL %q", status, location)}, false
			}
			u = next.String()
			continue
		}
		if status >= 400 {
			return Result{Status: status, Problem: statusText(status)},
				status == http.StatusTooManyRequests || status >= 500
		}
		return Result{Status: status}, false
	}
}

// request makes one request, reading a little of the body of a GET (some
// servers report errors late) and no more.
func (c *checker) request(ctx context.Context, method, u string) (status int, location string, err error) {
	sem := c.host(u)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return 0, "", ctx.Err()
	}
	defer func() { <-sem }()

	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	client := *c.opts.Client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if method == http.MethodGet {
		if _, err := io.CopyN(io.Discard, resp.Body, 4096); err != nil && !errors.Is(err, io.EOF) {
			return 0, "", err
		}
	}
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

// describe says what went wrong with a request, briefly.
func (c *checker) describe(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", c.opts.Timeout)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed without an answer"
	case errors.As(err, &dns):
		return "host not found: " + dns.Name
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprintf("status %d", code)
}

// Summary is one line saying what the check did, for the terminal.
func (r *Report) Summary() string {
	broken := 0
	for _, res := range r.Results {
		if !res.Checked.IsZero() && !res.OK() {
			broken++
		}
	}
	s := fmt.Sprintf("checked %s (%s: %d asked, %d from the cache)", report.Count(r.Links, "link", "links"),
		report.Count(r.URLs, "URL", "URLs"), r.Asked, r.Cached)
	if broken == 0 {
		return s + ": none broken"
	}
	return fmt.Sprintf("%s: %d broken", s, broken)
}
