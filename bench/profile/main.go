// Command profile builds a site the way `timeline build` does and writes
// pprof profiles of it: the CPU over the whole build, and the heap as it
// stood when it was largest (sampled every -every), which is what sets the
// build's peak RSS, or everything the build allocated. See bench/README.md.
//
//	go run ./bench/profile -cpu cpu.out -heap heap.out -allocs allocs.out -trace trace.out -s SITE -d DEST
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

func main() {
	src := flag.String("s", ".", "the site folder")
	dest := flag.String("d", "", "the output folder (default SITE/public)")
	cpu := flag.String("cpu", "", "write a CPU profile here")
	heap := flag.String("heap", "", "write the heap profile of the largest heap seen here")
	allocs := flag.String("allocs", "", "write the profile of what the whole build allocated here")
	tr := flag.String("trace", "", "write an execution trace here (go tool trace)")
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
	if *tr != "" {
		f, err := os.Create(*tr)
		if err != nil {
			log.Fatal(err)
		}
		if err := trace.Start(f); err != nil {
			log.Fatal(err)
		}
		defer f.Close()
	}
	var watch *heapWatch
	if *heap != "" {
		watch = watchHeap(*every, true)
	}
	start := time.Now()
	res, err := build.Build(build.Options{FS: timeline.DirFS(*src), Source: *src, Dest: *dest})
	var peak uint64
	var prof []byte
	if watch != nil {
		peak, prof = watch.Stop()
	}
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *tr != "" {
		trace.Stop()
	}
	if err != nil {
		log.Fatal(err)
	}
	if *allocs != "" {
		writeAllocs(*allocs)
	}
	fmt.Fprintf(os.Stderr, "%d events, %d files in %v\n",
		len(res.Site.Events), res.Files, time.Since(start).Round(time.Millisecond))
	if *heap != "" {
		fmt.Fprintf(os.Stderr, "largest heap in use: %d MiB\n", peak>>20)
		if err := os.WriteFile(*heap, prof, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// writeAllocs writes the allocations of the run so far (the "allocs"
// profile: go tool pprof -sample_index=alloc_space).
func writeAllocs(name string) {
	runtime.GC() // the profile counts what the last collection saw
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		log.Fatal(err)
	}
}
