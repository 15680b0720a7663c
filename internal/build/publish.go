package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/timeline-ssg/timeline/internal/render"
)

// Publish replaces the folder dest with the files that produce writes to
// the sink it is given, all at once: the files go into a new temporary folder beside dest, which is
// swapped in only when every file is written. If produce or any write
// fails, dest is left as it was and the temporary folder removed. A
// temporary folder left by a build that was killed is removed by the next.
//
// source is the site folder; Publish refuses a dest that would replace or
// sit inside the site's own files.
func Publish(source, dest string, produce func(out render.Sink) error) error {
	dest, err := checkDest(source, dest)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	removeLeftovers(parent, base)

	tmp, err := os.MkdirTemp(parent, tempPrefix(base))
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", dest, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	out, err := openOutDir(tmp)
	if err != nil {
		return err
	}
	w := &dirWriter{out: out, made: map[string]bool{"": true}}
	err = produce(render.Sink{Put: w.put, Create: w.create})
	out.Close()
	if err != nil {
		return err
	}
	if err := swap(tmp, dest); err != nil {
		return fmt.Errorf("replacing %s: %w", dest, err)
	}
	ok = true
	return nil
}

// dirWriter writes output files in the output folder, making each folder once.
type dirWriter struct {
	out  *outDir // the output folder, open
	mu   sync.Mutex
	made map[string]bool // folders made; forgotten past madeMax
}

// madeMax is how many folders a dirWriter remembers making. A large site
// makes hundreds of thousands, each needed only by the few files that go
// in it and the folders made in it, which come just after: remembering
// all of them held megabytes. A folder forgotten and met again is made
// again, and found to exist (see mkdir).
const madeMax = 4096

func (w *dirWriter) put(p string, data []byte) error {
	if err := w.mkdir(p); err != nil {
		return err
	}
	if err := w.out.writeFile(filepath.FromSlash(p), data); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// create opens the file at p to be written in parts.
func (w *dirWriter) create(p string) (io.WriteCloser, error) {
	if err := w.mkdir(p); err != nil {
		return nil, err
	}
	f, err := w.out.createFile(filepath.FromSlash(p))
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", p, err)
	}
	return f, nil
}

// mkdir checks the output path p and makes the folders it goes in.
func (w *dirWriter) mkdir(p string) error {
	if err := render.CheckPath(p); err != nil {
		return err
	}
	dir := filepath.Dir(filepath.FromSlash(p))
	if dir == "." {
		dir = ""
	}
	w.mu.Lock()
	made, parentMade := w.made[dir], w.made[parentDir(dir)]
	w.mu.Unlock()
	if !made {
		// Most folders are new leaves under one made already (events/x/):
		// one mkdir, where MkdirAll would stat the folder and its parent first.
		err := os.ErrNotExist
		if parentMade {
			if err = w.out.mkdir(dir); errors.Is(err, fs.ErrExist) {
				err = nil // made meanwhile by another file's put
			}
		}
		if err != nil {
			err = os.MkdirAll(filepath.Join(w.out.path, dir), 0o755)
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		w.mu.Lock()
		if len(w.made) >= madeMax {
			clear(w.made)
			w.made[""] = true
		}
		for d := dir; !w.made[d]; d = parentDir(d) { // and the folders it is in
			w.made[d] = true
		}
		w.mu.Unlock()
	}
	return nil
}

// parentDir is the folder holding dir, "" for the root's own folders.
func parentDir(dir string) string {
	if p := filepath.Dir(dir); p != "." {
		return p
	}
	return ""
}

func tempPrefix(base string) string { return "." + base + ".tmp-" }
func oldName(base string) string    { return "." + base + ".old" }

// swap puts the folder tmp at dest. Where the system can exchange two
// names atomically (Linux), it does; elsewhere dest is moved aside first,
// and a build killed between the two renames is repaired by the next.
func swap(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	if exchanged, err := exchangeNames(tmp, dest); exchanged {
		if err != nil {
			return err
		}
		return removeAll(tmp) // tmp now holds the previous output
	}
	parent, base := filepath.Split(dest)
	old := filepath.Join(parent, oldName(base))
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := rename(dest, old); err != nil {
		return err
	}
	if err := rename(tmp, dest); err != nil {
		rename(old, dest)
		return err
	}
	return removeAll(old)
}

// exchangeNames and rename are exchange and os.Rename, save in tests,
// which make the fallback of two renames run, and fail, on Linux too.
var (
	exchangeNames = exchange
	rename        = os.Rename
)

// removeLeftovers removes temporary folders of builds that were killed,
// first restoring a previous output that was moved aside and not replaced.
func removeLeftovers(parent, base string) {
	dest := filepath.Join(parent, base)
	old := filepath.Join(parent, oldName(base))
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
			os.Rename(old, dest)
		} else {
			os.RemoveAll(old)
		}
	}
	matches, _ := filepath.Glob(filepath.Join(parent, tempPrefix(base)+"*"))
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

// checkDest makes dest absolute and refuses destinations that would
// destroy the site or someone's files: the site folder itself, a folder
// that holds it, a folder inside its sources, or a non-empty folder that
// does not look like a built site.
func checkDest(source, dest string) (string, error) {
	src, err := realPath(source)
	if err != nil {
		return "", err
	}
	dst, err := realPath(dest)
	if err != nil {
		return "", err
	}
	if dst == src || within(src, dst) {
		return "", fmt.Errorf("refusing to publish to %s: it holds the site itself", dest)
	}
	for _, d := range []string{"content", "templates", "static"} {
		if dst == filepath.Join(src, d) || within(dst, filepath.Join(src, d)) {
			return "", fmt.Errorf("refusing to publish to %s: it is inside the site's %s/ folder", dest, d)
		}
	}
	info, err := os.Lstat(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return dst, nil
	case err != nil:
		return "", err
	case !info.IsDir():
		return "", fmt.Errorf("refusing to publish to %s: it is not a folder", dest)
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return "", err
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dst, "index.html")); err != nil {
			return "", fmt.Errorf("refusing to replace %s: it is not empty and has no index.html, so it does not look like a built site; remove it or choose another -d", dest)
		}
	}
	return dst, nil
}

// realPath makes p absolute and resolves symbolic links in the part of it
// that exists, so that two names for one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
	}
}

// within reports whether path is strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
