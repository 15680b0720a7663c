// Command timeline builds, checks and previews timeline sites. This file
// only parses the command line; the work is done in internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/timeline-ssg/timeline/internal/build"
	"github.com/timeline-ssg/timeline/internal/importer"
	"github.com/timeline-ssg/timeline/internal/linkcheck"
	"github.com/timeline-ssg/timeline/internal/report"
	"github.com/timeline-ssg/timeline/internal/scaffold"
	"github.com/timeline-ssg/timeline/internal/serve"
	"github.com/timeline-ssg/timeline/internal/timeline"
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
		{"check", "[-s DIR] [--drafts] [--links]", "load and render the site, report every error, write nothing; --links also asks the web for every external link", runCheck},
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
	names := make([]string, len(commands))
	for i, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
		names[i] = c.name
	}
	fmt.Fprintf(stderr, "timeline: unknown command %q%s\n", args[0], report.Suggest(args[0], names))
	fmt.Fprintln(stderr, "Run `timeline --help` for the commands.")
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
			printFlags(fs)
		}
	}
	return fs
}

// dashed is a flag as the README and the help write it: one dash for a
// one-letter flag (-s), two for a word (--base-url). The flag package
// takes either.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags lists the flags as flag.PrintDefaults does, but dashed.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  " + dashed(f.Name)
		if arg != "" {
			line += " " + arg
		}
		usage = strings.ReplaceAll(usage, "\n", "\n    \t")
		if def := f.DefValue; def != "" && def != "false" && def != "0" && def != "0s" {
			usage += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(fs.Output(), "%s\n    \t%s\n", line, usage)
	})
}

// flagInMessage finds the flag a message of the flag package names with
// one dash ("for flag -port:").
var flagInMessage = regexp.MustCompile(`(: |flag )-([A-Za-z][\w-]*)`)

// flagError says what was wrong with the command line of fs, with the
// flags dashed as the help writes them, and the nearest flag to one it
// does not know.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		msg = "unknown flag " + dashed(name)
		if s := timeline.Closest(name, names); s != "" {
			msg += " (did you mean " + dashed(s) + "?)"
		}
		return msg
	}
	return flagInMessage.ReplaceAllStringFunc(msg, func(m string) string {
		sub := flagInMessage.FindStringSubmatch(m)
		return sub[1] + dashed(sub[2])
	})
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
	// The flag package prints its error and the usage itself on -h and
	// on a bad flag: print the usage for --help, to stdout, and for a
	// mistake only the mistake and where to look.
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				usage()
				return nil, exitOK
			}
			fmt.Fprintf(out, "timeline %s: %s\nRun `timeline %s --help` for its flags.\n", fs.Name(), flagError(fs, err), fs.Name())
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

// checkSiteDir says what to do when -s names no folder, or a file: the
// site is the folder that holds site.toml. It returns a status other than
// -1 when the command should exit with it. A folder without site.toml is
// the build's to report, or timeline.CheckSite's.
func checkSiteDir(cmd, dir string, stderr io.Writer) int {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(stderr, "timeline %s: -s %s: there is no such folder\n\tpass -s the folder that holds site.toml, or start a site there with `timeline init %s`\n", cmd, dir, dir)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "timeline %s: -s %s: %v\n", cmd, dir, err)
		return exitFailure
	case !info.IsDir():
		fmt.Fprintf(stderr, "timeline %s: -s %s is a file, not a folder\n\tpass -s the folder that holds site.toml: -s %s\n", cmd, dir, filepath.Dir(dir))
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
	if status := checkSiteDir("build", *source, stderr); status >= 0 {
		return status
	}
	if *baseURL != "" {
		if _, ok := timeline.NormalizeBaseURL(*baseURL); !ok {
			fmt.Fprintf(stderr, "timeline build: --base-url %s must be an absolute http(s) URL, like https://example.org/timeline/\n", *baseURL)
			return exitUsage
		}
	}
	res, err := build.Build(build.Options{FS: timeline.DirFS(*source), Source: *source, Dest: *dest, Drafts: *drafts, BaseURL: *baseURL,
		Progress: terminal(stderr)})
	if err != nil {
		return reportErrors(stderr, *source, err)
	}
	report.Warnings(stderr, *source, res.Warnings())
	out := *dest
	if out == "" {
		out = strings.TrimPrefix(*source+"/public", "./")
	}
	fmt.Fprintf(stdout, "built %s, %s (%s) in %s -> %s\n", report.Count(len(res.Site.Events), "event", "events"),
		report.Count(res.Pages, "page", "pages"), report.Count(res.Files, "file", "files"), report.Round(res.Duration), out)
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
	links := fs.Bool("links", false, "also check every external link (sources, images, links in the text) over the network")
	cache := fs.String("links-cache", "", "keep link results in `FILE` (default: a file for this site in the user's cache folder)")
	maxAge := fs.Duration("links-max-age", 24*time.Hour, "ask again about a link whose cached result is older than `DURATION`; 0 asks about every link")
	timeout := fs.Duration("links-timeout", 15*time.Second, "give up on a request after `DURATION`")
	if status := parseNoArgs(fs, args, stdout, stderr); status >= 0 {
		return status
	}
	if status := checkSiteDir("check", *source, stderr); status >= 0 {
		return status
	}
	fsys := timeline.DirFS(*source)
	res, err := build.Check(build.Options{FS: fsys, Source: *source, Drafts: *drafts})
	if err != nil {
		return reportErrors(stderr, *source, err)
	}
	report.Warnings(stderr, *source, res.Warnings())
	fmt.Fprintf(stdout, "checked %s, %s in %s: no errors\n", report.Count(len(res.Site.Events), "event", "events"),
		report.Count(res.Pages, "page", "pages"), report.Round(res.Duration))
	if !*links {
		return exitOK
	}
	opts := linkcheck.Options{CacheFile: *cache, MaxAge: *maxAge, Timeout: *timeout}
	if *maxAge == 0 {
		opts.MaxAge = -1 // every cached result is too old
	}
	if opts.CacheFile == "" {
		if opts.CacheFile, err = linkcheck.CacheFile(*source); err != nil {
			fmt.Fprintf(stderr, "warning: no cache of link results: %v\n", err)
		}
	}
	return checkLinks(res.Site, fsys, *source, opts, stdout, stderr)
}

// checkLinks is check --links: every external link asked about, the
// broken ones reported like errors, at their file and line.
func checkLinks(site *timeline.Site, fsys fs.FS, source string, opts linkcheck.Options, stdout, stderr io.Writer) int {
	list, err := linkcheck.Collect(site, fsys)
	if err != nil {
		return reportErrors(stderr, source, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep := linkcheck.Check(ctx, list, opts)
	if rep.Warning != nil {
		fmt.Fprintf(stderr, "warning: %v\n", rep.Warning)
	}
	for _, e := range rep.Broken {
		fmt.Fprintln(stderr, e.From(source).Error())
	}
	fmt.Fprintln(stdout, rep.Summary())
	if len(rep.Broken) > 0 || ctx.Err() != nil {
		return exitFailure
	}
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
	if status := checkSiteDir("serve", *source, stderr); status >= 0 {
		return status
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Options{Source: *source, FS: timeline.DirFS(*source), Bind: *bind, Port: *port, Drafts: *drafts, Poll: *poll,
		Stdout: stdout, Stderr: stderr})
	if err != nil {
		return reportErrors(stderr, *source, err)
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
	if *date != "" {
		if _, err := timeline.ParseDate(*date); err != nil {
			fmt.Fprintf(stderr, "timeline new: --date: %v\n\t%s\n", err, strings.ReplaceAll(timeline.DateForms, "\n", "\n\t"))
			return exitUsage
		}
	}
	if status := checkSiteDir("new", *source, stderr); status >= 0 {
		return status
	}
	if err := timeline.CheckSite(os.DirFS(*source)); err != nil {
		return reportErrors(stderr, *source, err)
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
	if status := checkSiteDir("import", *source, stderr); status >= 0 {
		return status
	}
	fsys := os.DirFS(*source)
	if err := timeline.CheckSite(fsys); err != nil {
		return reportErrors(stderr, *source, err)
	}
	res, err := importer.Import(fsys, *source, pos[0], importer.Options{Force: *force})
	if res != nil {
		printNotes(stderr, res.Notes)
		fmt.Fprintf(stdout, "imported %s from %s into %s\n", report.Count(len(res.Written), "event", "events"),
			pos[0], strings.TrimPrefix(filepath.Join(*source, "content", "events"), "./"))
		if res.Intro {
			fmt.Fprintf(stdout, "wrote the title slide to %s\n", strings.TrimPrefix(filepath.Join(*source, "content", "_index.md"), "./"))
		}
		if res.Eras > 0 {
			fmt.Fprintf(stdout, "added %s to %s\n", report.Count(res.Eras, "era", "eras"), strings.TrimPrefix(filepath.Join(*source, "site.toml"), "./"))
		}
	}
	if err != nil {
		// Entries are named by their line in FILE, which is given from
		// the current folder already.
		var list timeline.ErrorList
		if errors.As(err, &list) {
			report.Errors(stderr, "", list, "")
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

// reportErrors prints a build's errors, one per line as file:line:
// message, and returns the failure status.
func reportErrors(stderr io.Writer, source string, err error) int {
	report.Errors(stderr, source, err, "")
	return exitFailure
}
