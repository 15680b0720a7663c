package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/timeline-ssg/timeline/internal/serve"
)

// profileServe runs the preview (serve.Run) on the site in this process,
// saves edits event files one after another as bench/servelatency does (a
// token at the end of the body, polled for over HTTP), and writes two heap
// profiles: heap at the largest heap in use seen, and heap+".settled"
// once the last edit's feeds and exports are made and collected.
func profileServe(src string, edits int, heap string, every time.Duration) {
	files, _ := filepath.Glob(filepath.Join(src, "content", "events", "*.md"))
	more, _ := filepath.Glob(filepath.Join(src, "content", "events", "*", "*.md"))
	files = append(files, more...)
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == "_index.md" })
	slices.Sort(files)
	if len(files) < edits {
		log.Fatalf("%s has %d events, fewer than %d edits", src, len(files), edits)
	}
	watch := watchHeap(every, heap != "")

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var runErr error
	var run sync.WaitGroup
	start := time.Now()
	run.Go(func() {
		runErr = serve.Run(ctx, serve.Options{Source: src, FS: os.DirFS(src), Port: 0, Stdout: io.Discard, Stderr: os.Stderr,
			Ready: func(url string) { ready <- url }})
	})
	var base string
	select {
	case base = <-ready:
	case <-time.After(5 * time.Minute):
		log.Fatal("the preview did not start")
	}
	fmt.Fprintf(os.Stderr, "serving after %v\n", time.Since(start).Round(time.Millisecond))
	client := &http.Client{Timeout: time.Minute}
	// The feeds and exports come after the pages: wait for them.
	if err := fetch(client, base+"timeline.json"); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "whole after %v\n", time.Since(start).Round(time.Millisecond))

	var lat []time.Duration
	for i := range edits {
		f := files[(2*i+1)*len(files)/(2*edits)]
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		token := fmt.Sprintf("heap-probe-%d-%d", i, time.Now().UnixNano())
		t0 := time.Now()
		if err := os.WriteFile(f, append(bytes.TrimRight(b, "\n"), "\n\n"+token+"\n"...), 0o644); err != nil {
			log.Fatal(err)
		}
		page := base + "events/" + strings.TrimSuffix(filepath.Base(f), ".md") + "/"
		for {
			body, err := get(client, page)
			if err != nil {
				log.Fatal(err)
			}
			if bytes.Contains(body, []byte(token)) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		lat = append(lat, time.Since(t0))
		// Let the feeds and exports of this save be made.
		if err := fetch(client, base+"timeline.json"); err != nil {
			log.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	time.Sleep(time.Second)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if heap != "" {
		f, err := os.Create(heap + ".settled")
		if err != nil {
			log.Fatal(err)
		}
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
	peak, prof := watch.Stop()
	cancel()
	run.Wait()
	if runErr != nil {
		log.Fatal(runErr)
	}
	slices.Sort(lat)
	fmt.Fprintf(os.Stderr, "%d edits: median %v, max %v\n", len(lat), lat[len(lat)/2].Round(100*time.Microsecond),
		lat[len(lat)-1].Round(100*time.Microsecond))
	fmt.Fprintf(os.Stderr, "largest heap in use: %d MiB; settled: %d MiB in use, %d MiB live; peak RSS %s\n",
		peak>>20, m.HeapInuse>>20, m.HeapAlloc>>20, vmHWM())
	if heap != "" {
		if err := os.WriteFile(heap, prof, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func get(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("%s: %s", url, resp.Status)
	}
	return b, err
}

// fetch gets url and lets its body go as it comes: the profile is of the
// preview, not of this client.
func fetch(client *http.Client, url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}

// vmHWM is the process's peak resident memory, from /proc (Linux).
func vmHWM() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
