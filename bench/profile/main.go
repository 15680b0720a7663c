// Command profile builds a site the way `timeline build` does and writes
// pprof profiles of it: the CPU over the whole build, and the heap as it
// stood when it was largest (sampled every -every), which is what sets the
// build's peak RSS. See bench/README.md.
//
//	go run ./bench/profile -cpu cpu.out -heap heap.out -s SITE -d DEST
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"timeline/internal/build"
)

func main() {
	src := flag.String("s", ".", "the site folder")
	dest := flag.String("d", "", "the output folder (default SITE/public)")
	cpu := flag.String("cpu", "", "write a CPU profile here")
	heap := flag.String("heap", "", "write the heap profile of the largest heap seen here")
	every := flag.Duration("every", 100*time.Millisecond, "how often to look at the heap")
	edits := flag.Int("serve", 0, "profile the preview instead: serve the site, save this many edits")
	flag.Parse()
	if *edits > 0 {
		profileServe(*src, *edits, *heap, *every)
		return
	}

	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	var (
		mu   sync.Mutex
		peak uint64
		prof bytes.Buffer
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	if *heap != "" {
		runtime.MemProfileRate = 64 * 1024
		wg.Go(func() {
			t := time.NewTicker(*every)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
				}
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				mu.Lock()
				if m.HeapInuse > peak {
					peak = m.HeapInuse
					prof.Reset()
					pprof.Lookup("heap").WriteTo(&prof, 0)
				}
				mu.Unlock()
			}
		})
	}
	start := time.Now()
	res, err := build.Build(build.Options{FS: os.DirFS(*src), Source: *src, Dest: *dest})
	close(done)
	wg.Wait()
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%d events, %d files in %v\n",
		len(res.Site.Events), res.Files, time.Since(start).Round(time.Millisecond))
	if *heap != "" {
		fmt.Fprintf(os.Stderr, "largest heap in use: %d MiB\n", peak>>20)
		if err := os.WriteFile(*heap, prof.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
