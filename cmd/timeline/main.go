// Command timeline builds, checks and previews timeline sites. This file
// only parses the command line; the work is done in internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"timeline/internal/build"
	"timeline/internal/importer"
	"timeline/internal/scaffold"
	"timeline/internal/serve"
	"timeline/internal/timeline"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // a content or build error
	exitUsage   = 2
)

type command struct {
	name, args, help string
	run              func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	// Filled here rather than in the declaration because usage refers to
	// the list.
	commands = []command{
		{"build", "[-s DIR] [-d DIR] [--base-url URL] [--drafts]", "build the site into DIR (default SITE/public)", runBuild},
		{"check", "[-s DIR] [--drafts]", "load and render the site, report every error, write nothing", runCheck},
		{"serve", "[-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--poll DURATION]", "preview the site: serve it from memory, rebuild on every save, reload the browser", runServe},
		{"new", `[-s DIR] "Title" [--date 2022-01-10] [--track T]`, "start a new event file in content/events/", runNew},
		{"init", "DIR", "write a starter site into DIR", runInit},
		{"import", "[-s DIR] [--force] FILE", "write an event file for each entry of a TimelineJS JSON or CSV file", runImport},
		{"version", "", "print the version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "timeline builds static sites of dated events from Markdown files.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  timeline %-8s %s\n", c.name, c.args)
	}
	fmt.Fprintln(w, "\nRun `timeline COMMAND --help` for a command's flags.")
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "timeline: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// newFlags makes the FlagSet of one command, with --help that prints the
// command's usage to stdout.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, c := range commands {
			if c.name == name {
				fmt.Fprintf(fs.Output(), "Usage: timeline %s %s\n\n%s.\n", name, c.args, strings.ToUpper(c.help[:1])+c.help[1:])
			}
		}
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses flags that may come before or after the positional
// arguments ("new "Title" --date X"), and returns the positional ones. It
// returns a status other than -1 when the command should exit with it.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, int) {
	var pos []string
	// The flag package prints the usage itself on -h and on a bad flag;
	// print it only after, to stdout for --help and stderr for mistakes.
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				usage()
				return nil, exitOK
			}
			usage()
			return nil, exitUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, -1
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseNoArgs parses the flags of a command that takes no other argument,
// like parse, and refuses any.
func parseNoArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	pos, status := parse(fs, args, stdout)
	if status >= 0 {
		return status
	}
	if len(pos) > 0 {
		hint := ""
		if fs.Lookup("s") != nil {
			hint = " (the site folder is given with -s)"
		}
		fmt.Fprintf(stderr, "timeline %s: unexpected argument %q%s\n", fs.Name(), pos[0], hint)
		return exitUsage
	}
	return -1
}

func siteFlags(fs *flag.FlagSet) (source *string, drafts *bool) {
	source = fs.String("s", ".", "the site `DIR`, holding site.toml")
	drafts = fs.Bool("drafts", false, "include events and pages marked draft = true")
	return
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	source, drafts := siteFlags(fs)
	dest := fs.String("d", "", "the output `DIR` (default SITE/public); it is replaced whole")
	baseURL := fs.String("base-url", "", "the `URL` the site is served from, overriding site.toml's baseURL")
	if status := parseNoArgs(fs, args, stdout, stderr); status >= 0 {
		return status
	}
	res, err := build.Build(build.Options{Source: *source, Dest: *dest, Drafts: *drafts, BaseURL: *baseURL,
		Progress: terminal(stderr)})
	if err != nil {
		return report(stderr, *source, err)
	}
	printWarnings(stderr, *source, res.Warnings())
	out := *dest
	if out == "" {
		out = strings.TrimPrefix(*source+"/public", "./")
	}
	fmt.Fprintf(stdout, "built %d events, %d pages (%d files) in %s -> %s\n",
		len(res.Site.Events), res.Pages, res.Files, round(res.Duration), out)
	return exitOK
}

// terminal returns w when it is a terminal, for a progress line that
// only a person watching should see; nil for a file, a pipe or a test.
func terminal(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return f
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	source, drafts := siteFlags(fs)
	if status := parseNoArgs(fs, args, stdout, stderr); status >= 0 {
		return status
	}
	res, err := build.Check(build.Options{Source: *source, Drafts: *drafts})
	if err != nil {
		return report(stderr, *source, err)
	}
	printWarnings(stderr, *source, res.Warnings())
	fmt.Fprintf(stdout, "checked %d events, %d pages in %s: no errors\n", len(res.Site.Events), res.Pages, round(res.Duration))
	return exitOK
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	source, drafts := siteFlags(fs)
	bind := fs.String("bind", "127.0.0.1", "the `ADDRESS` to listen on; 0.0.0.0 lets other machines in")
	port := fs.Int("port", 1313, "the `PORT` to listen on; 0 picks a free one")
	poll := fs.Duration("poll", 0, "check for changes every `DURATION` (500ms, 2s) instead of asking the system,\nwhere it sends no events (network drives, some containers)")
	if status := parseNoArgs(fs, args, stdout, stderr); status >= 0 {
		return status
	}
	if *port < 0 || *port > 65535 || *poll < 0 {
		fmt.Fprintln(stderr, "timeline serve: --port must be 0 to 65535 and --poll positive")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Options{Source: *source, Bind: *bind, Port: *port, Drafts: *drafts, Poll: *poll,
		Stdout: stdout, Stderr: stderr})
	if err != nil {
		return report(stderr, *source, err)
	}
	return exitOK
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stderr)
	source := fs.String("s", ".", "the site `DIR`, holding site.toml")
	date := fs.String("date", "", "the event's `DATE` (2022, 2022-01 or 2022-01-10; default today)")
	track := fs.String("track", "", "the event's `TRACK`")
	pos, status := parse(fs, args, stdout)
	if status >= 0 {
		return status
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, `timeline new: give the title as one argument: timeline new "Title"`)
		return exitUsage
	}
	name, err := scaffold.NewEvent(*source, scaffold.Event{Title: pos[0], Date: *date, Track: *track}, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "timeline new: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "created %s\n", name)
	return exitOK
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	pos, status := parse(fs, args, stdout)
	if status >= 0 {
		return status
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "timeline init: give the folder for the new site: timeline init DIR")
		return exitUsage
	}
	files, err := scaffold.Init(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "timeline init: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "created a site in %s (%s)\nbuild it with: timeline build -s %s\n", pos[0], strings.Join(files, ", "), pos[0])
	return exitOK
}

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", stderr)
	source := fs.String("s", ".", "the site `DIR`, holding site.toml")
	force := fs.Bool("force", false, "replace event files that exist")
	pos, status := parse(fs, args, stdout)
	if status >= 0 {
		return status
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "timeline import: give one file: timeline import timeline.json (or sheet.csv)")
		return exitUsage
	}
	res, err := importer.Import(*source, pos[0], importer.Options{Force: *force})
	if res != nil {
		printNotes(stderr, res.Notes)
		fmt.Fprintf(stdout, "imported %d %s from %s into %s\n", len(res.Written), plural(len(res.Written), "event", "events"),
			pos[0], strings.TrimPrefix(filepath.Join(*source, "content", "events"), "./"))
		if res.Intro {
			fmt.Fprintf(stdout, "wrote the title slide to %s\n", strings.TrimPrefix(filepath.Join(*source, "content", "_index.md"), "./"))
		}
		if res.Eras > 0 {
			fmt.Fprintf(stdout, "added %d %s to %s\n", res.Eras, plural(res.Eras, "era", "eras"), strings.TrimPrefix(filepath.Join(*source, "site.toml"), "./"))
		}
	}
	if err != nil {
		// Entries are named by their line in FILE, which is given from
		// the current folder already.
		var list timeline.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintf(stderr, "%d %s\n", len(list), plural(len(list), "error", "errors"))
		} else {
			fmt.Fprintf(stderr, "timeline import: %v\n", err)
		}
		return exitFailure
	}
	return exitOK
}

func printNotes(stderr io.Writer, notes timeline.ErrorList) {
	for _, n := range notes {
		fmt.Fprintf(stderr, "note: %s\n", n.Error())
	}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", stderr)
	if status := parseNoArgs(fs, args, stdout, stderr); status >= 0 {
		return status
	}
	fmt.Fprintln(stdout, "timeline", version())
	return exitOK
}

// version is the module version, or the commit it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" && (v == "" || v == "(devel)") {
		v = "devel " + rev[:min(12, len(rev))]
		if settings["vcs.modified"] == "true" {
			v += "+dirty"
		}
	}
	return v
}

// report prints a build's errors, one per line as file:line: message, and
// returns the failure status. Paths are given from the current folder, so
// that an editor or terminal can open them as they are.
func report(stderr io.Writer, source string, err error) int {
	var list timeline.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(stderr, e.From(source).Error())
		}
		fmt.Fprintf(stderr, "%d %s\n", len(list), plural(len(list), "error", "errors"))
		return exitFailure
	}
	fmt.Fprintf(stderr, "error: %v\n", err)
	return exitFailure
}

func printWarnings(stderr io.Writer, source string, warnings timeline.ErrorList) {
	sort.SliceStable(warnings, func(i, j int) bool { return warnings[i].File < warnings[j].File })
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w.From(source).Error())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
