package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// Hostile and careless input. Every case either fails with errors at the
// given file:line prefixes, leaving the previous output exactly as it was,
// or builds, and then passes its own check of the output.

const okSite = "title = \"Hostile\"\nbaseURL = \"https://example.org/\"\n"

func ev(front string) string { return "+++\n" + front + "+++\n\nBody.\n" }

const valid = "title = \"T\"\ndate = \"2014\"\n"

type hostileCase struct {
	name  string
	files map[string]string // added to a site with okSite as site.toml
	errs  []string          // error prefixes, in order; nil means it builds
	check func(t *testing.T, out map[string]string)
}

const xss = `<script>alert("x")</script>`

var hostileCases = []hostileCase{
	// Malformed TOML, one kind per case.
	{name: "unclosed string", files: map[string]string{"content/events/a.md": ev("title = \"T\ndate = \"2014\"\n")}, errs: []string{"content/events/a.md:2: TOML: "}},
	{name: "unclosed multi-line string", files: map[string]string{"content/events/a.md": ev("title = \"\"\"T\ndate = \"2014\"\n")}, errs: []string{"content/events/a.md:"}},
	{name: "missing value", files: map[string]string{"content/events/a.md": ev("title =\ndate = \"2014\"\n")}, errs: []string{"content/events/a.md:2: TOML: "}},
	{name: "missing equals", files: map[string]string{"content/events/a.md": ev("title \"T\"\ndate = \"2014\"\n")}, errs: []string{"content/events/a.md:2: TOML: "}},
	{name: "duplicate key", files: map[string]string{"content/events/a.md": ev(valid + "title = \"U\"\n")}, errs: []string{"content/events/a.md:4: TOML: "}},
	{name: "bad escape", files: map[string]string{"content/events/a.md": ev("date = \"2014\"\ntitle = \"a\\qb\"\n")}, errs: []string{"content/events/a.md:3: TOML: "}},
	{name: "unclosed table header", files: map[string]string{"content/events/a.md": ev(valid + "[[sources\ntitle = \"s\"\n")}, errs: []string{"content/events/a.md:4: TOML: "}},
	{name: "unclosed array", files: map[string]string{"content/events/a.md": ev(valid + "tags = [\"a\",\n")}, errs: []string{"content/events/a.md:"}},
	{name: "unclosed inline table", files: map[string]string{"content/events/a.md": ev(valid + "x = {a = 1\n")}, errs: []string{"content/events/a.md:4: TOML: "}},
	{name: "bad number", files: map[string]string{"content/events/a.md": ev(valid + "weight = 1__0\n")}, errs: []string{"content/events/a.md:4: TOML: "}},
	{name: "impossible TOML date", files: map[string]string{"content/events/a.md": ev("title = \"T\"\ndate = 2014-02-30\n")}, errs: []string{"content/events/a.md:3: TOML: "}},
	{name: "control character in a string", files: map[string]string{"content/events/a.md": ev("title = \"T\x01\"\ndate = \"2014\"\n")}, errs: []string{"content/events/a.md:2: TOML: "}},
	{name: "table redefined", files: map[string]string{"content/events/a.md": ev(valid + "[x]\n[x]\n")}, errs: []string{"content/events/a.md:"}},
	{name: "sources not tables", files: map[string]string{"content/events/a.md": ev(valid + "sources = [\"a\"]\n")}, errs: []string{"content/events/a.md:4: sources: expected [[sources]] tables"}},
	{name: "weight too large", files: map[string]string{"content/events/a.md": ev(valid + "weight = 99999999999\n")}, errs: []string{"content/events/a.md:4: weight: expected an integer"}},

	// Front matter missing, empty or unclosed.
	{name: "empty file", files: map[string]string{"content/events/a.md": ""}, errs: []string{"content/events/a.md:1: missing front matter"}},
	{name: "empty front matter", files: map[string]string{"content/events/a.md": "+++\n+++\n"}, errs: []string{"content/events/a.md:1: date is required", "content/events/a.md:1: title is required"}},
	{name: "front matter never closed", files: map[string]string{"content/events/a.md": "+++\n" + valid}, errs: []string{"content/events/a.md:1: front matter opened with +++ is never closed"}},
	{name: "YAML", files: map[string]string{"content/events/a.md": "---\ntitle: T\n---\n"}, errs: []string{"content/events/a.md:1: front matter between --- lines (YAML)"}},

	// Dates.
	{name: "impossible date", files: map[string]string{"content/events/a.md": ev("title = \"T\"\ndate = \"2014-02-30\"\n")}, errs: []string{`content/events/a.md:3: date "2014-02-30": day 30 out of range (February 2014 has 28 days)`}},
	{name: "end before start", files: map[string]string{"content/events/a.md": ev(valid + "end = \"2013-12\"\n")}, errs: []string{"content/events/a.md:4: end 2013-12 is before the start 2014"}},
	{name: "date in words", files: map[string]string{"content/events/a.md": ev("title = \"T\"\ndate = \"18 March 2014\"\n")}, errs: []string{`content/events/a.md:3: date "18 March 2014"`}},

	// Slugs and file names that try to leave the destination.
	{name: "slug with dots", files: map[string]string{"content/events/a.md": ev(valid + "slug = \"../../../tmp/x\"\n")}, errs: []string{`content/events/a.md:4: slug "../../../tmp/x" may only hold`}},
	{name: "slug absolute", files: map[string]string{"content/events/a.md": ev(valid + "slug = \"/etc\"\n")}, errs: []string{`content/events/a.md:4: slug "/etc"`}},
	{name: "slug with backslash", files: map[string]string{"content/events/a.md": ev(valid + "slug = \"..\\\\x\"\n")}, errs: []string{`content/events/a.md:4: slug`}},
	{name: "page slug escaping", files: map[string]string{"content/p.md": "+++\ntitle = \"P\"\nslug = \"..\"\n+++\n"}, errs: []string{`content/p.md:3: slug ".."`}},
	{name: "file name without letters", files: map[string]string{"content/events/+++.md": ev(valid)}, errs: []string{"content/events/+++.md:1: cannot make a URL slug"}},
	{name: "file name of dots is hidden", files: map[string]string{"content/events/....md": ev(valid)}, check: func(t *testing.T, out map[string]string) {
		for p := range out {
			if strings.HasPrefix(p, "events/") {
				t.Errorf("a hidden file made %s", p)
			}
		}
	}},
	{name: "file name with odd characters", files: map[string]string{"content/events/a b;rm -rf $HOME.md": ev(valid)}, check: func(t *testing.T, out map[string]string) {
		if _, ok := out["events/a-b-rm-rf-home/index.html"]; !ok {
			t.Error("no page at events/a-b-rm-rf-home/")
		}
	}},
	{name: "duplicate slugs", files: map[string]string{"content/events/a.md": ev(valid), "content/events/x/a.md": ev(valid)}, errs: []string{`content/events/a.md:1: duplicate slug "a"`, `content/events/x/a.md:1: duplicate slug "a"`}},
	{name: "page over a generated path", files: map[string]string{"content/events.md": "+++\ntitle = \"E\"\n+++\n"}, errs: []string{"content/events.md:1: page path /events/ is taken"}},
	{name: "page over a year", files: map[string]string{"content/events/a.md": ev(valid), "content/2014.md": "+++\ntitle = \"Y\"\n+++\n"}, errs: []string{"content/2014.md:1: page path /2014/ is taken"}},

	// Markup and scripts in every text field are escaped in every output.
	{name: "scripts in every field", files: map[string]string{
		"site.toml":           "title = \"S " + tomlq(xss) + "\"\ndescription = \"D " + tomlq(xss) + "\"\nauthor = \"" + tomlq(xss) + "\"\ncopyright = \"" + tomlq(xss) + "\"\nbaseURL = \"https://example.org/\"\n",
		"content/events/a.md": ev("title = \"" + tomlq(xss) + "\"\ndate = \"2014-03\"\nend = \"present\"\ntrack = \"" + tomlq(xss) + "\"\ntags = [\"" + tomlq(xss) + "\", \"ok\"]\nplace = \"" + tomlq(xss) + "\"\nsummary = \"" + tomlq(xss) + "\"\nimage = \"https://example.org/a.png\"\nimage_alt = \"" + tomlq(xss) + "\"\nimage_credit = \"" + tomlq(xss) + "\"\n[[sources]]\ntitle = \"" + tomlq(xss) + "\"\nurl = \"https://example.org/?a=\\\"><script>\"\n"),
		"content/p.md":        "+++\ntitle = \"" + tomlq(xss) + "\"\ndescription = \"" + tomlq(xss) + "\"\n+++\n",
		// Neighbours, so that every event page shows a hostile title as
		// its previous or next, and listings hold several.
		"content/events/before.md": ev("title = \"" + tomlq(xss) + " before\"\ndate = \"2013\"\nplace = \"" + tomlq(xss) + "\"\n"),
		"content/events/after.md":  ev("title = \"" + tomlq(xss) + " after\"\ndate = \"2015\"\ntags = [\"ok\"]\n"),
	}, check: func(t *testing.T, out map[string]string) {
		noScripts(t, out)
		for _, p := range []string{"events/before/index.html", "events/a/index.html"} {
			if !strings.Contains(out[p], `rel="next"`) {
				t.Errorf("%s has no next event: the case tests nothing", p)
			}
		}
	}},
	{name: "raw HTML and javascript links in Markdown", files: map[string]string{
		"content/events/a.md": "+++\n" + valid + "+++\n\n" + xss + "\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) [c2](JAVASCRIPT:alert(1)) ![i](javascript:alert(1)) <a href=\"javascript:x\">a</a>\n",
	}, check: noScripts},
	{name: "raw HTML allowed when unsafe", files: map[string]string{
		"site.toml":           okSite + "[markdown]\nunsafe = true\n",
		"content/events/a.md": "+++\n" + valid + "+++\n\nText <mark>marked</mark>.\n",
	}, check: func(t *testing.T, out map[string]string) {
		if !strings.Contains(out["events/a/index.html"], "<mark>marked</mark>") {
			t.Error("raw HTML was dropped although unsafe = true")
		}
	}},

	// Bytes and encodings.
	{name: "non-UTF-8 bytes", files: map[string]string{"content/events/a.md": "+++\n" + valid + "place = \"Kyiv \xc0\xaf\"\n+++\n"}, errs: []string{"content/events/a.md:4: not valid UTF-8 text"}},
	{name: "Latin-1 body", files: map[string]string{"content/events/a.md": "+++\n" + valid + "+++\n\nCaf\xe9\n"}, errs: []string{"content/events/a.md:6: not valid UTF-8 text"}},
	{name: "byte-order mark", files: map[string]string{"content/events/a.md": "\xef\xbb\xbf" + ev(valid)}, check: pageExists("events/a/index.html")},
	{name: "byte-order mark in site.toml", files: map[string]string{"site.toml": "\xef\xbb\xbf" + okSite, "content/events/a.md": ev(valid)}, check: pageExists("events/a/index.html")},
	{name: "CRLF line endings", files: map[string]string{"content/events/a.md": strings.ReplaceAll(ev(valid+"end = \"2013\"\n"), "\n", "\r\n")}, errs: []string{"content/events/a.md:4: end 2013 is before the start 2014"}},
	{name: "CR-only line endings", files: map[string]string{"content/events/a.md": strings.ReplaceAll(ev(valid), "\n", "\r")}, errs: []string{"content/events/a.md:1: missing front matter"}},
	{name: "NUL bytes", files: map[string]string{"content/events/a.md": "+++\n" + valid + "+++\n\nA\x00B\n"}, check: func(t *testing.T, out map[string]string) {
		if strings.Contains(out["events/a/index.html"], "\x00") {
			t.Error("a NUL byte reached the page")
		}
	}},
	{name: "file over the size limit", files: map[string]string{"content/events/a.md": ev(valid) + strings.Repeat("x", 2<<20)}, errs: []string{"content/events/a.md: file is "}},

	// Files that are not events.
	{name: "an image in content", files: map[string]string{"content/events/a.md": ev(valid), "content/events/a.jpg": "\xff\xd8"}, errs: []string{"content/events/a.jpg: not a Markdown file"}},
	{name: "editor and system files are ignored", files: map[string]string{"content/events/a.md": ev(valid), "content/events/.DS_Store": "\x00", "content/events/.a.md.swp": "\x00", "content/events/a.md~": "x", "content/events/#a.md#": "x", "content/events/.#a.md": "x", "content/events/a.md___jb_tmp___": "x", "content/events/4913": ""}, check: pageExists("events/a/index.html")},

	// Unicode.
	{name: "right-to-left and other scripts", files: map[string]string{"content/events/קרים.md": ev("title = \"חצי האי קרים \u202eevil\"\ndate = \"2014\"\ntags = [\"Україна\", \"УКРАЇНА\"]\n")}, check: func(t *testing.T, out map[string]string) {
		page, ok := out["events/קרים/index.html"]
		if !ok {
			t.Fatal("no page at events/קרים/")
		}
		if !strings.Contains(page, "חצי האי קרים") {
			t.Error("the title is not on its page")
		}
		if _, ok := out["tags/україна/index.html"]; !ok || strings.Count(out["tags/index.html"], `class="count"`) != 1 {
			t.Error("tags differing only in case are not one tag")
		}
	}},
	{name: "tags differing only in case across events", files: map[string]string{"content/events/a.md": ev(valid + "tags = [\"Crimea\"]\n"), "content/events/b.md": ev("title = \"U\"\ndate = \"2015\"\ntags = [\"CRIMEA\"]\n")}, check: func(t *testing.T, out map[string]string) {
		if strings.Count(out["tags/crimea/index.html"], `class="entry`) != 2 {
			t.Error("tags/crimea/ does not list both events")
		}
	}},

	// site.toml.
	{name: "broken site.toml", files: map[string]string{"site.toml": "title = \"x\"\n[markdown\n"}, errs: []string{"site.toml:2: TOML: "}},
	{name: "site.toml of the wrong types", files: map[string]string{"site.toml": "title = 1\n[feed]\nlimit = \"ten\"\n"}, errs: []string{"site.toml:1: title: expected a string", "site.toml:3: limit: expected an integer"}},
	{name: "site.toml as a folder", files: map[string]string{"site.toml/x": ""}, errs: []string{"site.toml: "}},
}

// tomlq escapes s for a TOML basic string.
func tomlq(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }

func pageExists(p string) func(*testing.T, map[string]string) {
	return func(t *testing.T, out map[string]string) {
		if _, ok := out[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
}

// noScripts checks that no output carries the script as markup: HTML and
// XML escape it, JSON escapes < and >, and the calendar is plain text.
func noScripts(t *testing.T, out map[string]string) {
	t.Helper()
	if len(out) == 0 {
		t.Fatal("no output")
	}
	for p, data := range out {
		if strings.HasSuffix(p, ".ics") {
			continue // text/calendar has no markup; its escaping is tested with the export
		}
		lower := strings.ToLower(data)
		for _, bad := range []string{"<script>alert", `href="javascript:`, `src="javascript:`, "onerror=alert", "\"><script>"} {
			if strings.Contains(lower, bad) {
				i := strings.Index(lower, bad)
				t.Errorf("%s contains %q: …%s…", p, bad, data[max(0, i-80):min(len(data), i+80)])
			}
		}
		// JSON-LD must not close its script element early.
		for _, s := range strings.Split(lower, `<script type="application/ld+json">`)[1:] {
			if end := strings.Index(s, "</script>"); strings.Contains(s[:end], "<") {
				t.Errorf("%s: JSON-LD holds a raw <", p)
			}
		}
	}
}

func TestHostileInput(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			write := func(name, data string) { sitetest.Write(t, site, name, data) }
			if _, ok := tc.files["site.toml/x"]; !ok {
				if _, ok := tc.files["site.toml"]; !ok {
					write("site.toml", okSite)
				}
			}
			for name, data := range tc.files {
				write(name, data)
			}
			// A previous good build, which a failed one must leave alone.
			dest := filepath.Join(dir, "public")
			os.MkdirAll(dest, 0o755)
			os.WriteFile(filepath.Join(dest, "index.html"), []byte("previous"), 0o644)

			res, err := Build(Options{FS: os.DirFS(site), Source: site, Dest: dest, Now: testNow})
			if tc.errs != nil {
				if err == nil {
					t.Fatalf("built %d files; want errors %q", res.Files, tc.errs)
				}
				var got []string
				for _, l := range strings.Split(err.Error(), "\n") {
					if !strings.HasPrefix(l, "\t") {
						got = append(got, l)
					}
				}
				if len(got) != len(tc.errs) {
					t.Fatalf("errors:\n%s\nwant %d with prefixes %q", err, len(tc.errs), tc.errs)
				}
				for i := range got {
					if !strings.HasPrefix(got[i], tc.errs[i]) {
						t.Errorf("error %d = %q, want prefix %q", i, got[i], tc.errs[i])
					}
				}
				after := snapshot(t, dest)
				if len(after) != 1 || after["index.html"] != "previous" {
					t.Errorf("the failed build changed the output: %d files", len(after))
				}
				assertNoLeftovers(t, dir)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, snapshot(t, dest))
		})
	}
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	outside := filepath.Join(dir, "outside.md")
	os.MkdirAll(filepath.Join(site, "content/events/sub"), 0o755)
	os.WriteFile(filepath.Join(site, "site.toml"), []byte(okSite), 0o644)
	os.WriteFile(filepath.Join(site, "content/events/a.md"), []byte(ev(valid)), 0o644)
	os.WriteFile(outside, []byte(ev("title = \"Outside\"\ndate = \"2015\"\n")), 0o644)

	// A link to a file is followed: it is how people share an event
	// between sites.
	if err := os.Symlink(outside, filepath.Join(site, "content/events/linked.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out, _, err := Render(Options{FS: os.DirFS(site), Source: site, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Files["events/linked/index.html"], []byte("Outside")) {
		t.Error("a symlinked event file was not read")
	}

	// A loop and a link to a folder are errors naming the link.
	os.Symlink("loop.md", filepath.Join(site, "content/events/loop.md"))
	os.Symlink("sub", filepath.Join(site, "content/events/dir.md"))
	os.Symlink(filepath.Join(site, "content"), filepath.Join(site, "content/events/sub/up"))
	_, _, err = Render(Options{FS: os.DirFS(site), Source: site, Now: testNow})
	if err == nil {
		t.Fatal("a site with a symlink loop built")
	}
	msg := err.Error()
	for _, want := range []string{"content/events/dir.md: ", "content/events/loop.md: ", "content/events/sub/up: "} {
		if !strings.Contains(msg, "\n"+want) && !strings.HasPrefix(msg, want) {
			t.Errorf("no error for %s in:\n%s", want, msg)
		}
	}
}
