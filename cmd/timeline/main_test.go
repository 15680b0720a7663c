package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run the real command as "timeline".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"timeline": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: each builds a site in a
// temporary folder with the real command and checks exit codes, output
// and files written. Two commands of their own let a script try the
// preview: freeport and fetch; exits checks an exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: map[string]func(*testscript.TestScript, bool, []string){
		"freeport": freeport,
		"fetch":    fetch,
		"exits":    exits,
	}})
}

// freeport VAR sets VAR to a TCP port free on 127.0.0.1, for a `timeline
// serve --port $VAR &` that the script then fetches from.
func freeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// fetch [-status N] URL gets URL, waiting up to a minute for a server
// started in the background to listen, checks the status (200 unless
// given) and writes the body to the script's stdout.
func fetch(ts *testscript.TestScript, neg bool, args []string) {
	want := http.StatusOK
	if len(args) == 3 && args[0] == "-status" {
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		want, args = n, args[2:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fetch [-status N] URL")
	}
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(args[0])
		if err != nil {
			if time.Now().After(deadline) {
				ts.Fatalf("%v", err)
			}
			time.Sleep(50 * time.Millisecond)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		ts.Check(err)
		if resp.StatusCode != want {
			ts.Fatalf("GET %s: status %d, want %d", args[0], resp.StatusCode, want)
		}
		fmt.Fprint(ts.Stdout(), string(body))
		return
	}
}

// exits N COMMAND [ARGS...] runs the command as exec does and checks that
// it exits with status N (exec tells only success from failure), leaving
// its output to stdout and stderr.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok {
			ts.Fatalf("%v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
