package linkcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// cacheVersion changes when the file's form does; a file of another
// version is ignored.
const cacheVersion = 1

type cacheFile struct {
	Version int               `json:"version"`
	Results map[string]Result `json:"results"`
}

// CacheFile is where a site's results are kept by default: a file named
// for the site's folder (its absolute path, hashed) under the user's cache
// folder, such as ~/.cache/timeline/links/3f2a….json on Linux.
func CacheFile(siteDir string) (string, error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "timeline", "links", hex.EncodeToString(sum[:8])+".json"), nil
}

// loadCache reads the results kept at path: none (an empty cache) when
// the file does not exist yet, nil when path is "".
func loadCache(path string) (map[string]Result, error) {
	if path == "" {
		return nil, nil
	}
	m := map[string]Result{}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("link cache: %w", err)
	}
	var f cacheFile
	if err := json.Unmarshal(b, &f); err != nil {
		return m, fmt.Errorf("link cache %s: %v (it will be rewritten)", path, err)
	}
	if f.Version != cacheVersion || f.Results == nil {
		return m, nil
	}
	return f.Results, nil
}

// saveCache writes the results through a temporary file and a rename, so
// that a check stopped halfway leaves the previous cache whole.
func saveCache(path string, results map[string]Result) error {
	b, err := json.MarshalIndent(cacheFile{Version: cacheVersion, Results: results}, "", "\t")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".links-*.json")
	if err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("link cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("link cache: %w", err)
	}
	return nil
}
