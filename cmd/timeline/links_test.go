package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCheckLinks drives check --links end to end against a server on
// 127.0.0.1: a broken source is reported at its line with its archived
// copy, the exit status is 1, a second run asks nothing, and plain check
// asks nothing at all.
func TestCheckLinks(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if r.URL.Path != "/ok" && !strings.HasPrefix(r.URL.Path, "/archived/") {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	files := map[string]string{
		"site.toml": "title = \"Links\"\nbaseURL = \"https://example.org/\"\n",
		"content/events/a.md": `+++
title = "A"
date = "2014"

[[sources]]
title = "Gone"
url = "` + srv.URL + `/gone"
archive = "` + srv.URL + `/archived/gone"
+++

Still [there](` + srv.URL + `/ok).
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := filepath.Join(t.TempDir(), "links.json")
	check := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"check", "-s", dir}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}

	if code, _, stderr := check(); code != exitOK || asked.Load() != 0 {
		t.Fatalf("plain check: exit %d, %d requests, stderr %s", code, asked.Load(), stderr)
	}

	// The archived copy is a link too, and is asked about.
	code, stdout, stderr := check("--links", "--links-cache", cache, "--links-timeout", "2s")
	wantErr := filepath.ToSlash(filepath.Join(dir, "content/events/a.md")) + ":7: " + srv.URL + "/gone: 404 Not Found\n" +
		"\tan archived copy: " + srv.URL + "/archived/gone\n"
	if code != exitFailure || !strings.HasPrefix(stderr, wantErr) {
		t.Fatalf("check --links: exit %d\nstderr:\n%s\nwant it to start with:\n%s", code, stderr, wantErr)
	}
	if !strings.Contains(stdout, "checked 3 links (3 URLs: 3 asked, 0 from the cache)") {
		t.Errorf("stdout: %s", stdout)
	}
	n := asked.Load()

	code, stdout, _ = check("--links", "--links-cache", cache)
	if code != exitFailure || asked.Load() != n || !strings.Contains(stdout, "0 asked, 3 from the cache") {
		t.Errorf("second run: exit %d, %d more requests, stdout %s", code, asked.Load()-n, stdout)
	}
}
