//go:build unix

// Command servelatency measures how long a preview server takes from a
// save to serving the saved text: it starts the server on a site, waits
// until it serves, then edits event files one after another, each time
// writing a token at the end of the body and polling the event's page
// over HTTP until the token appears. bench/serve-latency.sh runs it for
// `timeline serve` and `hugo server` on the same generated corpus.
//
//	servelatency -tool ours -bin ./timeline -site DIR [-edits 20] [-gap 1s]
//	servelatency -tool hugo -bin hugo -site DIR
//
// Each save is timed from an idle server: after starting, and after each
// edit is served, it waits until the server has used less than 5% of a
// core for a second (as a writer who saves now and then finds it).
//
// It prints one line: the tool, the number of edits, the latencies in
// milliseconds (median, p90, min, max, mean), the server's peak resident
// memory in MiB, then every latency.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	tool := flag.String("tool", "ours", "ours (timeline serve) or hugo (hugo server)")
	bin := flag.String("bin", "", "the server's executable")
	site := flag.String("site", "", "the site folder; its event files are edited")
	edits := flag.Int("edits", 20, "how many edits to time")
	gap := flag.Duration("gap", time.Second, "pause after each edit is served, before waiting for the server to be idle")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up on one edit, or on the start, after this long")
	logFile := flag.String("log", "", "write the server's output here")
	flag.Parse()
	if *bin == "" || *site == "" || (*tool != "ours" && *tool != "hugo") {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*tool, *bin, *site, *edits, *gap, *timeout, *logFile); err != nil {
		fmt.Fprintln(os.Stderr, "servelatency:", err)
		os.Exit(1)
	}
}

func run(tool, bin, site string, edits int, gap, timeout time.Duration, logFile string) error {
	files, err := filepath.Glob(filepath.Join(site, "content", "events", "*.md"))
	if err != nil {
		return err
	}
	more, _ := filepath.Glob(filepath.Join(site, "content", "events", "*", "*.md"))
	files = append(files, more...)
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == "_index.md" })
	slices.Sort(files)
	if len(files) < edits {
		return fmt.Errorf("%s has %d events, fewer than %d edits", site, len(files), edits)
	}

	port, err := freePort()
	if err != nil {
		return err
	}
	var cmd *exec.Cmd
	switch tool {
	case "ours":
		cmd = exec.Command(bin, "serve", "-s", site, "--port", fmt.Sprint(port))
	case "hugo":
		cmd = exec.Command(bin, "server", "-s", site, "--port", fmt.Sprint(port), "--bind", "127.0.0.1")
	}
	out := io.Discard
	if logFile != "" {
		f, err := os.Create(logFile)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}()

	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	client := &http.Client{Timeout: timeout}
	// Events spread over the whole site, the same ones for every tool.
	var picks []string
	for i := range edits {
		picks = append(picks, files[(2*i+1)*len(files)/(2*edits)])
	}
	start := time.Now()
	if _, err := waitFor(client, base+pageOf(picks[0]), nil, start.Add(timeout)); err != nil {
		return fmt.Errorf("%s did not start serving: %w", tool, err)
	}
	fmt.Fprintf(os.Stderr, "servelatency: %s serves %s after %v\n", tool, site, time.Since(start).Round(time.Millisecond))
	// Whatever a server does after it starts serving (ours makes its feeds
	// and exports, Hugo may too) is not what is measured: each save is
	// timed from an idle server, as when a writer saves now and then.
	waitIdle(cmd.Process.Pid, timeout)

	var lat []time.Duration
	for i, f := range picks {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		token := fmt.Sprintf("latency-probe-%d-%08x", i, rand.Uint32())
		edited := append(bytes.TrimRight(src, "\n"), []byte("\n\n"+token+"\n")...)
		t0 := time.Now()
		if err := os.WriteFile(f, edited, 0o644); err != nil {
			return err
		}
		seen, err := waitFor(client, base+pageOf(f), []byte(token), t0.Add(timeout))
		if err != nil {
			return fmt.Errorf("edit %d (%s): %w", i+1, f, err)
		}
		lat = append(lat, seen.Sub(t0)) // the write included
		time.Sleep(gap)
		waitIdle(cmd.Process.Pid, timeout)
	}
	report(tool, lat, peakRSS(cmd.Process.Pid))
	return nil
}

// peakRSS is the most memory the process has held, in MiB, from /proc.
func peakRSS(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kib float64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kib)
			return kib / 1024
		}
	}
	return 0
}

// pageOf is the URL path of an event's page: /events/SLUG/, the slug
// being the file's name, in timeline and in Hugo.
func pageOf(file string) string {
	return "events/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
}

// waitFor polls url until it answers 200 with token in its body (any body
// when token is nil), and returns when the answer that had it came.
func waitFor(client *http.Client, url string, token []byte, deadline time.Time) (time.Time, error) {
	for {
		ctx, cancel := context.WithDeadline(context.Background(), deadline)
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := client.Do(req)
		if err == nil {
			body, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if rerr == nil && resp.StatusCode == 200 && (token == nil || bytes.Contains(body, token)) {
				cancel()
				return time.Now(), nil
			}
		}
		cancel()
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("the page never showed the edit")
			}
			return time.Time{}, fmt.Errorf("%s: %w", url, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitIdle waits until the process has used less than 5% of a core for a
// whole second, or for at most limit.
func waitIdle(pid int, limit time.Duration) {
	const window = time.Second
	deadline := time.Now().Add(limit)
	last, ok := cpuTime(pid)
	for ok && time.Now().Before(deadline) {
		time.Sleep(window)
		now, ok2 := cpuTime(pid)
		if !ok2 || now-last < window/20 {
			return
		}
		last = now
	}
}

// cpuTime returns the CPU time (user and system) the process has used, from
// /proc: Linux only, where the benchmark runs.
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after its closing parenthesis. utime and stime are fields 14 and 15.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, false
	}
	var utime, stime int64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks, true
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// report prints: tool edits median p90 min max mean (ms), the peak RSS
// (MiB), then each latency.
func report(tool string, lat []time.Duration, rss float64) {
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	n := len(sorted)
	median := sorted[n/2]
	if n%2 == 0 {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	p90 := sorted[min(n-1, (n*9+9)/10-1)]
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	each := make([]string, n)
	for i, d := range lat {
		each[i] = ms(d)
	}
	fmt.Printf("%s %d %s %s %s %s %s %.0f %s\n", tool, n, ms(median), ms(p90), ms(sorted[0]), ms(sorted[n-1]),
		ms(sum/time.Duration(n)), rss, strings.Join(each, ","))
}
