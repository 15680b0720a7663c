package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The writer's files: whole, in parts, replaced, and refused when a
// created file exists already or its folder is missing.
func TestOutputFiles(t *testing.T) { testOutputFiles(t, func(*outDir) {}) }

// testOutputFiles is TestOutputFiles with the output folder set as set
// says, once open.
func testOutputFiles(t *testing.T, set func(*outDir)) {
	dir := t.TempDir()
	out, err := openOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	set(out)
	whole := filepath.Join(dir, "whole.txt")
	if err := out.writeFile("whole.txt", []byte("a longer first text")); err != nil {
		t.Fatal(err)
	}
	if err := out.writeFile("whole.txt", []byte("short")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(whole); string(b) != "short" {
		t.Errorf("rewritten file = %q, want %q", b, "short")
	}

	parts := filepath.Join(dir, "parts.html")
	f, err := out.createFile("parts.html")
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 1<<20)
	for _, s := range []string{"<p>", big, "</p>"} {
		if n, err := f.Write([]byte(s)); err != nil || n != len(s) {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if b, _ := os.ReadFile(parts); string(b) != "<p>"+big+"</p>" {
		t.Errorf("file written in parts has %d bytes, want %d", len(b), len(big)+7)
	}
	if err := out.mkdir("sub"); err != nil {
		t.Fatal(err)
	}
	if err := out.writeFile(filepath.Join("sub", "x"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sub", "x")); string(b) != "x" {
		t.Errorf("file in a made folder = %q", b)
	}
	if err := out.mkdir("sub"); !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), filepath.Join(dir, "sub")) {
		t.Errorf("making a folder twice: %v", err)
	}
	// The mode os.WriteFile gives, the umask applied.
	ref := filepath.Join(dir, "ref")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{whole, parts} {
		got, err1 := os.Stat(p)
		want, err2 := os.Stat(ref)
		if err1 != nil || err2 != nil || got.Mode() != want.Mode() {
			t.Errorf("%s: mode %v, want %v (%v, %v)", p, got.Mode(), want.Mode(), err1, err2)
		}
	}

	if _, err := out.createFile("parts.html"); !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), parts) {
		t.Errorf("creating an existing file: %v", err)
	}
	missing := filepath.Join(dir, "no", "file")
	if err := out.writeFile(filepath.Join("no", "file"), nil); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}
