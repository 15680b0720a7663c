package browsertest

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestServe: a folder's index.html at its path, "dir" redirected to
// "dir/", and 404.html with status 404 for anything missing.
func TestServe(t *testing.T) {
	srv := Serve(t, map[string][]byte{
		"index.html":          []byte("home"),
		"events/a/index.html": []byte("event a"),
		"style.css":           []byte("body{}"),
		"404.html":            []byte("not here"),
	})
	for _, c := range []struct {
		path, body string
		status     int
	}{
		{"/", "home", 200},
		{"/events/a/", "event a", 200},
		{"/events/a", "event a", 200}, // after the redirect
		{"/style.css", "body{}", 200},
		{"/events/b/", "not here", 404},
		{"/index.html/../../etc/passwd", "not here", 404},
	} {
		res, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != c.status || string(b) != c.body {
			t.Errorf("GET %s: %d %q, want %d %q", c.path, res.StatusCode, b, c.status, c.body)
		}
	}
}

// TestWatchTab: a page's console error, uncaught exception and failed
// load are reported, and so is every request.
func TestWatchTab(t *testing.T) {
	browser := Start(t)
	srv := Serve(t, map[string][]byte{
		"index.html": []byte(`<!doctype html><title>t</title><link rel="icon" href="data:,">
<script>console.error("boom"); setTimeout(() => { throw new Error("bang") });</script>
<img src="missing.png" alt="">`),
		"404.html": []byte("not here"),
	})
	tab := Tab(t, browser)
	w := WatchTab(t, tab)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"), chromedp.Sleep(300e6)); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(w.Errors(), "\n")
	for _, want := range []string{"boom", "bang", "404"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	reqs := strings.Join(w.Requests(), "\n")
	if !strings.Contains(reqs, srv.URL+"/missing.png") {
		t.Errorf("requests lack missing.png:\n%s", reqs)
	}
}
