package render

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/benchsite"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// builtInTemplates are the built-in theme's templates, with the generated
// writers and without, parsed once.
var builtInTemplates = func() func(testing.TB) (*templates, *templates) {
	var gen, html *templates
	var err error
	var once sync.Once
	return func(t testing.TB) (*templates, *templates) {
		once.Do(func() {
			if gen, err = loadTemplates(defaults.Theme()); err == nil {
				interpretOnly.Store(true)
				html, err = loadTemplates(defaults.Theme())
				interpretOnly.Store(false)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return gen, html
	}
}()

var themeFiles = sync.OnceValue(func() fstest.MapFS {
	out := fstest.MapFS{}
	_ = fs.WalkDir(defaults.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(defaults.Theme(), p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	return out
})

// withTheme is fsys with the built-in theme's files under it.
func withTheme(t testing.TB, fsys fs.FS) fstest.MapFS {
	out := fstest.MapFS{}
	for p, f := range themeFiles() {
		out[p] = f
	}
	for _, src := range []fs.FS{fsys} {
		err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			out[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// renderBoth renders the site in fsys (theme included) with the generated
// writers and with html/template alone, and fails unless every file, or
// the error, is the same. It returns how many times a writer gave up.
// With cached, the theme must be the built-in one, and its templates are
// parsed once for every call.
func renderBoth(t testing.TB, name string, fsys fs.FS, cached bool) int64 {
	t.Helper()
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		if tb, ok := t.(*testing.T); ok && testing.Verbose() {
			tb.Logf("%s does not load: %v", name, err)
		}
		return 0 // a site that does not load renders nothing
	}
	var genTmpl, htmlTmpl *templates
	if cached {
		genTmpl, htmlTmpl = builtInTemplates(t)
	} else {
		genTmpl, err = loadTemplates(fsys)
		if err == nil {
			interpretOnly.Store(true)
			htmlTmpl, err = loadTemplates(fsys)
			interpretOnly.Store(false)
		}
		if err != nil {
			return 0 // the templates' own errors are another test's
		}
	}
	render := func(tmpl *templates) (*Output, error) {
		out := &Output{Files: map[string][]byte{}}
		return out, streamAll(site, fsys, tmpl, Options{Now: exportNow}, Sink{Put: out.put})
	}
	fallbacks := genFallbacks.Load()
	gen, genErr := render(genTmpl)
	fallbacks = genFallbacks.Load() - fallbacks
	site, _ = timeline.Load(fsys, timeline.Options{})
	html, htmlErr := render(htmlTmpl)
	if fmt.Sprint(genErr) != fmt.Sprint(htmlErr) {
		t.Fatalf("%s: generated writers fail with\n%v\nhtml/template with\n%v", name, genErr, htmlErr)
	}
	if genErr != nil {
		return fallbacks
	}
	paths := slices.Sorted(maps.Keys(html.Files))
	if len(gen.Files) != len(html.Files) {
		t.Errorf("%s: %d files from the generated writers, %d from html/template", name, len(gen.Files), len(html.Files))
	}
	for _, p := range paths {
		if g, h := gen.Files[p], html.Files[p]; !bytes.Equal(g, h) {
			i := 0
			for i < len(g) && i < len(h) && g[i] == h[i] {
				i++
			}
			from := max(0, i-80)
			t.Fatalf("%s: %s differs at byte %d:\ngenerated: %q\ntemplate:  %q", name, p, i,
				g[from:min(len(g), i+80)], h[from:min(len(h), i+80)])
		}
	}
	return fallbacks
}

// TestGeneratedMatchesTemplates renders the golden sites of this package
// and of internal/build, and a generated site, with both and compares
// them byte for byte; no writer may give up on them.
func TestGeneratedMatchesTemplates(t *testing.T) {
	sites := map[string]fs.FS{
		"home":           homeSite,
		"home-no-base":   withConfig(homeSite, "title = \"Home\"\n"),
		"home-condensed": withConfig(homeSite, "title = \"Home\"\nbaseURL = \"https://example.org/\"\n[home]\nmax_events = 3\nlead = 1\n"),
		"home-eras":      withConfig(homeSite, erasConfig+"[home]\norder = \"newest\"\n"),
		"export":         exportSite,
		"deep":           deepSite,
		"benchsite-300":  benchsite.Site(300),
		"benchsite-1000": nil,
	}
	if !testing.Short() {
		sites["benchsite-1000"] = benchsite.Site(1000)
	} else {
		delete(sites, "benchsite-1000")
	}
	files, _ := filepath.Glob("../build/testdata/sites/*.txtar")
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := fstest.MapFS{}
		for _, af := range ar.Files {
			m[af.Name] = &fstest.MapFile{Data: af.Data}
		}
		sites["build/"+strings.TrimSuffix(filepath.Base(f), ".txtar")] = m
	}
	if len(files) == 0 {
		t.Fatal("no sites in ../build/testdata/sites")
	}
	for _, name := range slices.Sorted(maps.Keys(sites)) {
		fsys := withTheme(t, sites[name])
		if n := renderBoth(t, name, fsys, false); n != 0 && !strings.HasPrefix(name, "build/broken") {
			t.Errorf("%s: the generated writers gave up %d times", name, n)
		}
	}
}

// TestGeneratedOnlyForBuiltIn: a site that overrides a template keeps
// html/template for the kinds made from it, and the writers for the rest.
func TestGeneratedOnlyForBuiltIn(t *testing.T) {
	theme := withTheme(t, fstest.MapFS{})
	tm, err := loadTemplates(theme)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range pageKinds {
		if tm.gen[kind] == nil {
			t.Errorf("built-in theme: no generated writers for %s", kind)
		}
	}
	theme["templates/list.html"] = &fstest.MapFile{Data: append(bytes.Clone(theme["templates/list.html"].Data), " "...)}
	theme["templates/embed-base.html"] = &fstest.MapFile{Data: append(bytes.Clone(theme["templates/embed-base.html"].Data), " "...)}
	tm, err = loadTemplates(theme)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range pageKinds {
		own := kind == "list" || strings.HasPrefix(kind, "embed")
		if (tm.gen[kind] == nil) != own {
			t.Errorf("%s: generated writers %v, want %v", kind, tm.gen[kind] != nil, !own)
		}
	}
	theme["templates/base.html"] = &fstest.MapFile{Data: []byte(`{{define "base"}}{{.Title}}{{end}}`)}
	if tm, err = loadTemplates(theme); err != nil {
		t.Fatal(err)
	}
	if len(tm.gen) != 0 {
		t.Errorf("own base.html: generated writers for %d kinds", len(tm.gen))
	}
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// FuzzGeneratedPages renders a site of a few events made from random
// strings (titles, tags, places, sources, media, images) with the
// generated writers and with html/template, which must agree byte for
// byte. testdata/fuzz/FuzzGeneratedPages holds its seeds.
func FuzzGeneratedPages(f *testing.F) {
	f.Add("Crimea", "russia", "Kyiv", "A summary.", "https://example.org/a?x=1&y=2", "https://www.youtube.com/watch?v=abc", "img/a.jpg", "2014-03")
	f.Add(`<script>alert("x")</script>`, `"quoted" & <tag>`, "O'Brien + co", "javascript:alert(1)", "https://example.org/?q=<x>&y=\"z\"#f", "<blockquote>Words</blockquote>", "https://example.org/i.png?a=<b>", "~1900")
	f.Fuzz(func(t *testing.T, title, tag, place, summary, source, media, image, date string) {
		// Values every event must have, so that more of the inputs load.
		if strings.TrimSpace(title) == "" {
			title = "Untitled"
		}
		if date == "" {
			date = "2000"
		}
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\ntrack = %s\ntags = [%s, \"plain\"]\nplace = %s\nsummary = %s\n",
			tomlString(title), tomlString(date), tomlString(tag), tomlString(tag), tomlString(place), tomlString(summary))
		if image != "" {
			fmt.Fprintf(&b, "image = %s\nimage_alt = %s\nimage_credit = %s\n", tomlString(image), tomlString(title), tomlString(place))
		}
		if media != "" {
			fmt.Fprintf(&b, "media = %s\nmedia_caption = %s\nmedia_credit = %s\n", tomlString(media), tomlString(summary), tomlString(tag))
		}
		if source != "" {
			fmt.Fprintf(&b, "[[sources]]\ntitle = %s\nurl = %s\npublisher = %s\n", tomlString(title), tomlString(source), tomlString(place))
			if strings.HasPrefix(source, "http") {
				fmt.Fprintf(&b, "archive = %s\n", tomlString(source))
			}
		}
		b.WriteString("+++\n" + summary + "\n")
		site := fstest.MapFS{
			"site.toml":                  {Data: []byte("title = " + tomlString(place) + "\nbaseURL = \"https://example.org/\"\n")},
			"content/_index.md":          {Data: []byte(summary + "\n")},
			"content/events/fuzzed.md":   {Data: []byte(b.String())},
			"content/events/other.md":    {Data: []byte("+++\ntitle = \"Other\"\ndate = \"2001-02-03\"\ntags = [\"plain\"]\n+++\nBody.\n")},
			"content/events/span.md":     {Data: []byte("+++\ntitle = \"Span\"\ndate = \"1990\"\nend = \"present\"\ntrack = \"Other\"\n+++\nBody.\n")},
			"content/about.md":           {Data: []byte("+++\ntitle = " + tomlString(title) + "\n+++\n" + summary + "\n")},
			"static/img/a.jpg":           {Data: []byte("jpeg")},
			"static/audio/a.mp3":         {Data: []byte("mp3")},
			"content/events/far.md":      {Data: []byte("+++\ntitle = \"Far\"\ndate = \"-0489\"\n+++\nBody.\n")},
			"content/events/featured.md": {Data: []byte("+++\ntitle = \"Key\"\ndate = \"2001\"\nfeatured = true\nplace = " + tomlString(place) + "\n+++\nBody.\n")},
		}
		if n := renderBoth(t, "fuzzed site", withTheme(t, site), true); n != 0 {
			t.Logf("the generated writers gave up %d times", n)
		}
	})
}

// TestGeneratedGivesUpMidPage: a generated writer that fails after
// passing part of a long page on leaves the page to html/template, which
// writes it from the start, in memory and in a file.
func TestGeneratedGivesUpMidPage(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 400
	}
	_, r := benchRenderer(t, n)
	tag := r.sv.Tags[0]
	for _, u := range r.sv.Tags {
		if len(u.Events) > len(tag.Events) {
			tag = u
		}
	}
	page := func() *page {
		p := r.newPage("list", tag.URL, tag.Name, "")
		p.Kind, p.Term, p.Groups = tag.Kind, tag, groupByYear(tag.Events, 0)
		return p
	}
	var want []byte
	gen := r.tmpl.gen
	r.tmpl.gen = nil
	if err := r.writePage(func(_ string, b []byte) error { want = b; return nil }, "x.html", "list", page()); err != nil {
		t.Fatal(err)
	}
	r.tmpl.gen = gen
	if len(want) < 3*genFlushAt {
		t.Fatalf("the page is %d bytes, too short to be passed on in parts", len(want))
	}
	writer := gen["list"]["base"]
	defer func() { gen["list"]["base"] = writer }()
	gen["list"]["base"] = func(w *genBuf, d any) {
		writer(w, d)
		if !w.passed {
			t.Error("the whole page was held")
		}
		panic("fails at the end")
	}
	var got []byte
	if err := r.writePage(func(_ string, b []byte) error { got = b; return nil }, "x.html", "list", page()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("in memory: %d bytes, want html/template's %d", len(got), len(want))
	}
	dir := t.TempDir()
	r.create = func(p string) (io.WriteCloser, error) { return os.Create(filepath.Join(dir, p)) }
	defer func() { r.create = nil }()
	if err := r.writePage(nil, "x.html", "list", page()); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "x.html")); err != nil || !bytes.Equal(got, want) {
		t.Errorf("in a file: %d bytes (%v), want html/template's %d", len(got), err, len(want))
	}
}
