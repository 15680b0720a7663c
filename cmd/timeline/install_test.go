package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoInstall publishes the repository's tracked files as a version of
// the module in a proxy on disk, and installs the command from it with
// go install, as the README tells users to: the module path, the module's
// files and its dependencies must all hold for that to work.
func TestGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the whole module again: not with -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go is needed to test go install:", err)
	}
	root := moduleRoot(t)
	modFile, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	path := modulePath(modFile)
	if path == "" || !strings.Contains(strings.Split(path, "/")[0], ".") {
		t.Fatalf("module path %q has no host: go install cannot fetch it", path)
	}

	const version = "v0.1.0"
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("listing the module's files (git ls-files): %v", err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for name := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(path + "@" + version + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}

	proxy := t.TempDir()
	dir := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	files := map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": []byte(`{"Version":"` + version + `","Time":"2026-01-01T00:00:00Z"}`),
		version + ".mod":  modFile,
		version + ".zip":  zbuf.Bytes(),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	upstream, err := exec.Command(goCmd, "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	install := exec.Command(goCmd, "install", path+"/cmd/timeline@latest")
	install.Dir = t.TempDir() // outside the module, as a user would be
	install.Env = append(os.Environ(),
		"GOBIN="+bin,
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+strings.TrimSpace(string(upstream)),
		"GONOSUMDB="+path, // a version no checksum database has seen
		"GOFLAGS=",
		"GOWORK=off",
	)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s/cmd/timeline@latest: %v\n%s", path, err, out)
	}
	got, err := exec.Command(filepath.Join(bin, "timeline"), "version").CombinedOutput()
	if err != nil {
		t.Fatalf("the installed timeline: %v\n%s", err, got)
	}
	if !strings.Contains(string(got), version) {
		t.Errorf("timeline version = %q, want the version installed, %s", got, version)
	}
}

// moduleRoot is the folder that holds go.mod, above the test's own.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above", dir)
		}
		dir = parent
	}
}

// modulePath is the path in go.mod's module line.
func modulePath(mod []byte) string {
	for line := range strings.Lines(string(mod)) {
		if rest, ok := strings.CutPrefix(line, "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
