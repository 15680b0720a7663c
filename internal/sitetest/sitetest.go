// Package sitetest is for tests that work on sites on disk: it writes
// their files, making the folders they go in, and shows where two outputs
// first differ.
package sitetest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Write writes data to the slash-separated path name under dir, making
// the folders it goes in, and fails t if it cannot.
func Write(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// WriteAll writes each file of files (path -> contents) under dir.
func WriteAll(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		Write(t, dir, name, data)
	}
}

// FirstDiff shows the first line where two texts differ.
func FirstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines; different bytes)"
}
