// Command search measures the search index of a built site: its files,
// and the bytes a query loads as the browser's script loads them (the
// script, the manifest, the shards of the query's words, the sets of a
// filter, the fragments of the first page of results, and the pages of
// those found by their bodies alone, for their snippets).
//
//	go run ./bench/search -d OUT                  # a fixed set and 200 sampled words
//	go run ./bench/search -d OUT geneva "nato summit"
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timeline-ssg/timeline/internal/search"
)

// page is how many results the script shows at first.
const page = 10

func main() {
	dir := flag.String("d", "public", "the built site")
	samples := flag.Int("sample", 200, "words sampled from the index, each searched whole and by its first three letters")
	flag.Parse()
	if err := run(*dir, *samples, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(1)
	}
}

func run(dir string, samples int, queries []string) error {
	fsys := os.DirFS(dir)
	sizes := map[string][2]int{} // kind -> files, bytes
	err := fs.WalkDir(fsys, "search", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		kind := strings.SplitN(strings.TrimPrefix(p, "search/"), "/", 2)[0]
		s := sizes[kind]
		sizes[kind] = [2]int{s[0] + 1, s[1] + int(info.Size())}
		return nil
	})
	if err != nil {
		return err
	}
	var m search.Manifest
	b, err := fs.ReadFile(fsys, "search/index.json")
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	engine, err := fs.ReadFile(fsys, "search-engine.js")
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d events\n\n| files | count | bytes |\n|---|---:|---:|\n", dir, m.Events)
	total := [2]int{}
	for _, k := range []string{"index.json", "w", "e", "track", "tag"} {
		s := sizes[k]
		total[0] += s[0]
		total[1] += s[1]
		fmt.Printf("| search/%s | %d | %s |\n", k, s[0], kb(s[1]))
	}
	fmt.Printf("| all | %d | %s |\n\n", total[0], kb(total[1]))

	if len(queries) == 0 {
		queries = []string{"geneva", "gen", "ge", "treaty", "helsinki curie", "nato summit vaccine", "1950", "march 1950", "zzzz"}
		queries = append(queries, sample(fsys, m, samples)...)
	}
	var all []int
	var worst string
	fmt.Printf("| query | results | files | bytes | Go ranking |\n|---|---:|---:|---:|---:|\n")
	for i, q := range queries {
		n, bytes := 1, len(engine)
		load := func(p string) ([]byte, error) {
			b, err := fs.ReadFile(fsys, p)
			n++
			bytes += len(b)
			return b, err
		}
		start := time.Now()
		hits, err := search.QueryHits(load, q, search.Filter{})
		took := time.Since(start)
		if err != nil {
			return fmt.Errorf("%q: %v", q, err)
		}
		loaded := map[string][]struct {
			URL string `json:"u"`
		}{}
		for _, h := range hits[:min(page, len(hits))] {
			p := search.FragmentPath(h.ID)
			if _, ok := loaded[p]; !ok {
				b, err := load(p)
				if err != nil {
					return err
				}
				a := loaded[p]
				if err := json.Unmarshal(b, &a); err != nil {
					return err
				}
				loaded[p] = a
			}
			if h.Body { // its snippet comes from its page
				if _, err := load(loaded[p][h.ID%m.Group].URL + "index.html"); err != nil {
					return err
				}
			}
		}
		all = append(all, bytes)
		if bytes == slices.Max(all) {
			worst = q
		}
		if i < 9 || len(queries) < 20 {
			fmt.Printf("| %s | %d | %d | %s | %v |\n", q, len(hits), n, kb(bytes), took.Round(100*time.Microsecond))
		}
	}
	slices.Sort(all)
	fmt.Printf("\n%d queries: bytes per query median %s, 90th percentile %s, max %s (%q)\n",
		len(all), kb(all[len(all)/2]), kb(all[len(all)*9/10]), kb(all[len(all)-1]), worst)
	return nil
}

// sample draws words from the shards, each searched whole and by its
// first three letters.
func sample(fsys fs.FS, m search.Manifest, n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	var out []string
	for range n {
		p := search.ShardPath(r.IntN(len(m.Shards)))
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		dump, err := search.Dump(p, b)
		if err != nil {
			continue
		}
		lines := strings.Split(strings.TrimSpace(dump), "\n")
		w, err := strconv.Unquote(strings.Fields(lines[r.IntN(len(lines))])[0])
		if err != nil {
			continue
		}
		out = append(out, w)
		if r := []rune(w); len(r) > 3 {
			out = append(out, string(r[:3]))
		}
	}
	return out
}

func kb(n int) string { return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB" }
