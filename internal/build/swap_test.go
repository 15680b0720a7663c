package build

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fallbackSwap makes swap take the path of systems that cannot exchange
// two names (two renames), with rename failing for the calls fail picks.
func fallbackSwap(t *testing.T, fail func(from, to string) bool) {
	t.Helper()
	oldExchange, oldRename := exchangeNames, rename
	t.Cleanup(func() { exchangeNames, rename = oldExchange, oldRename })
	exchangeNames = func(a, b string) (bool, error) { return false, nil }
	rename = func(from, to string) error {
		if fail(from, to) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return os.Rename(from, to)
	}
}

func swapDirs(t *testing.T) (tmp, dest string) {
	t.Helper()
	dir := t.TempDir()
	dest = filepath.Join(dir, "public")
	tmp = filepath.Join(dir, tempPrefix("public")+"1")
	for d, text := range map[string]string{dest: "old", tmp: "new"} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "index.html"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tmp, dest
}

func readIndex(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFallbackSwap: the two renames put the new output in place and
// leave nothing of the old.
func TestFallbackSwap(t *testing.T) {
	fallbackSwap(t, func(string, string) bool { return false })
	tmp, dest := swapDirs(t)
	if err := swap(tmp, dest); err != nil {
		t.Fatal(err)
	}
	if got := readIndex(t, dest); got != "new" {
		t.Errorf("dest holds %q, want the new output", got)
	}
	for _, p := range []string{tmp, filepath.Join(filepath.Dir(dest), oldName("public"))} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is left behind", filepath.Base(p))
		}
	}
}

// TestFallbackSwapRestores: when the new output cannot be moved in, the
// old one, already moved aside, is put back, and the error returned.
func TestFallbackSwapRestores(t *testing.T) {
	tmp, dest := swapDirs(t)
	fallbackSwap(t, func(from, to string) bool { return from == tmp })
	if err := swap(tmp, dest); err == nil {
		t.Fatal("swap succeeded although moving the new output in failed")
	}
	if got := readIndex(t, dest); got != "old" {
		t.Errorf("dest holds %q, want the old output restored", got)
	}
	if _, err := os.Lstat(filepath.Join(filepath.Dir(dest), oldName("public"))); !errors.Is(err, os.ErrNotExist) {
		t.Error("the old output is still aside")
	}
}

// TestFallbackSwapFailsFirst: when even moving the old output aside
// fails, nothing has moved.
func TestFallbackSwapFailsFirst(t *testing.T) {
	tmp, dest := swapDirs(t)
	fallbackSwap(t, func(from, to string) bool { return from == dest })
	if err := swap(tmp, dest); err == nil {
		t.Fatal("swap succeeded although moving the old output aside failed")
	}
	if got := readIndex(t, dest); got != "old" {
		t.Errorf("dest holds %q, want the old output", got)
	}
	if got := readIndex(t, tmp); got != "new" {
		t.Errorf("the new output moved: %q", got)
	}
}
