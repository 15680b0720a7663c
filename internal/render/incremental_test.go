package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/bufpool"
	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/sitetest"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// incNow is the build time of the incremental tests.
var incNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// incSite is a site to edit at random: a theme (the built-in one, copied
// so that the test can change it), site.toml, pages, and events kept as
// fields, so that an edit can change one thing at a time, as a writer
// does.
type incSite struct {
	fs     fstest.MapFS
	r      *rand.Rand
	events map[string]*incEvent // by file
	broken string               // a file made invalid, to fix next
	log    []string
}

type incEvent struct {
	title, date, end, track, place, summary string
	tags                                    []string
	draft                                   bool
	first, rest, link                       string
}

func newIncSite(t *testing.T, seed uint64, events int) *incSite {
	t.Helper()
	s := &incSite{fs: fstest.MapFS{}, r: rand.New(rand.NewPCG(seed, 7)), events: map[string]*incEvent{}}
	err := fs.WalkDir(defaults.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(defaults.Theme(), p)
		s.fs[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s.set("site.toml", "title = \"Inc\"\nbaseURL = \"https://example.org/inc/\"\n[home]\nmax_events = 12\nlead = 2\n")
	s.set("content/_index.md", "Intro with a [link](events/e1.md).\n")
	s.set("content/about.md", "+++\ntitle = \"About\"\n+++\n\nAbout [the first](events/e0.md).\n")
	for i := range events {
		e := s.newEvent(i)
		if i < 2 {
			e.draft = false // the intro and the about page link to them
		}
		s.write(fmt.Sprintf("content/events/e%d.md", i), e)
	}
	return s
}

func (s *incSite) set(p, data string) { s.fs[p] = &fstest.MapFile{Data: []byte(data)} }

func (s *incSite) write(p string, e *incEvent) {
	s.events[p] = e
	s.set(p, e.String())
}

var (
	incTracks = []string{"War", "Talks", "Energy", ""}
	incTags   = []string{"crimea", "Crimea", "gas", "nato", "talks", "osce"}
)

func (s *incSite) pick(list []string) string { return list[s.r.IntN(len(list))] }

func (s *incSite) newEvent(i int) *incEvent {
	e := &incEvent{title: fmt.Sprintf("Event %d", i), track: s.pick(incTracks),
		tags: []string{s.pick(incTags), s.pick(incTags)}, draft: s.r.IntN(8) == 0,
		first: fmt.Sprintf("First paragraph of event %d.", i), rest: "More text."}
	s.newDate(e)
	if s.r.IntN(3) == 0 {
		e.summary = "A written summary."
	}
	return e
}

func (s *incSite) newDate(e *incEvent) {
	r := s.r
	e.end = ""
	switch r.IntN(4) {
	case 0:
		e.date = fmt.Sprint(2010 + r.IntN(6))
	case 1:
		e.date, e.end = fmt.Sprintf("%d-%02d", 2010+r.IntN(6), 1+r.IntN(12)), "present"
	default:
		e.date = fmt.Sprintf("%d-%02d-%02d", 2010+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28))
	}
}

func (e *incEvent) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %q\n", e.title, e.date)
	if e.end != "" {
		fmt.Fprintf(&b, "end = %q\n", e.end)
	}
	if e.track != "" {
		fmt.Fprintf(&b, "track = %q\n", e.track)
	}
	fmt.Fprintf(&b, "tags = [%q, %q]\n", e.tags[0], e.tags[1])
	if e.place != "" {
		fmt.Fprintf(&b, "place = %q\n", e.place)
	}
	if e.summary != "" {
		fmt.Fprintf(&b, "summary = %q\n", e.summary)
	}
	if e.draft {
		b.WriteString("draft = true\n")
	}
	fmt.Fprintf(&b, "+++\n\n%s\n\n%s\n", e.first, e.rest)
	if e.link != "" {
		fmt.Fprintf(&b, "\nSee %s.\n", e.link)
	}
	return b.String()
}

// edit changes the site at random, mostly one field of one event, and
// returns the paths it changed.
func (s *incSite) edit() []string {
	r := s.r
	if s.broken != "" {
		// Fixed: written as it was.
		p := s.broken
		s.broken = ""
		s.write(p, s.events[p])
		s.log = append(s.log, "fix "+p)
		return []string{p}
	}
	files := slices.Sorted(maps.Keys(s.events))
	p := s.pick(files)
	e := s.events[p]
	n := r.IntN(1000)
	var what string
	switch k := r.IntN(26); {
	case k < 5:
		e.rest += fmt.Sprintf("\n\nAdded %d.", n)
		what = "body"
	case k < 7:
		e.first = fmt.Sprintf("Opening %d.", n)
		what = "first paragraph"
	case k < 9:
		e.title = fmt.Sprintf("Event %d", n)
		what = "title"
	case k < 11:
		s.newDate(e)
		what = "date"
	case k < 12:
		e.place = s.pick([]string{"", "Kyiv", "Geneva"})
		what = "place"
	case k < 13:
		e.summary = s.pick([]string{"", "Another summary."})
		what = "summary"
	case k < 15:
		e.tags[r.IntN(2)] = s.pick(append(incTags, fmt.Sprint("tag-", n)))
		what = "tags"
	case k < 16:
		e.track = s.pick(incTracks)
		what = "track"
	case k < 17:
		e.draft = !e.draft
		what = "draft"
	case k < 18:
		e.link = s.pick([]string{"", "[another](e3.md)", fmt.Sprintf("[a missing one](e%d.md)", 200+n%3),
			"[the tags](../../tags/)", "[the feed](/feed.xml)", "[nowhere](../../nowhere/)"})
		what = "link"
	case k < 19:
		q := fmt.Sprintf("content/events/e%d.md", 100+n%20)
		s.write(q, s.newEvent(100+n%20))
		s.log = append(s.log, "new "+q)
		return []string{q}
	case k < 20:
		delete(s.fs, p)
		delete(s.events, p)
		s.log = append(s.log, "delete "+p)
		return []string{p}
	case k < 21:
		q := fmt.Sprintf("content/events/renamed-%d.md", n)
		delete(s.fs, p)
		delete(s.events, p)
		s.write(q, e)
		s.log = append(s.log, "rename "+p+" to "+q)
		return []string{p, q}
	case k < 22:
		q := "templates/" + s.pick([]string{"event", "list", "home", "partials", "terms"}) + ".html"
		src := string(s.fs[q].Data)
		at := strings.Index(src, `{{define "main"`)
		if at < 0 {
			at = strings.Index(src, `{{define "entry"`)
		}
		at += strings.Index(src[at:], "}}") + 2
		s.set(q, src[:at]+fmt.Sprintf("<!-- %d -->", n)+src[at:])
		s.log = append(s.log, "template "+q)
		return []string{q}
	case k < 23:
		q := "static/style.css"
		s.set(q, string(s.fs[q].Data)+fmt.Sprintf("\n/* %d */\n", n))
		s.log = append(s.log, "css")
		return []string{q}
	case k < 24:
		s.set("site.toml", fmt.Sprintf("title = \"Inc %d\"\nbaseURL = \"https://example.org/inc/\"\n[home]\nmax_events = %d\nlead = %d\n",
			n%3, 8+n%10, 1+n%3))
		s.log = append(s.log, "site.toml")
		return []string{"site.toml"}
	case k < 25:
		q := s.pick([]string{"content/about.md", "content/_index.md"})
		s.set(q, string(s.fs[q].Data)+fmt.Sprintf("\nMore %d.\n", n))
		s.log = append(s.log, "page "+q)
		return []string{q}
	default:
		s.set(p, strings.Replace(e.String(), "date = ", "date = \"2014-13\"\nxdate = ", 1))
		s.broken = p
		s.log = append(s.log, "break "+p)
		return []string{p}
	}
	s.write(p, e)
	s.log = append(s.log, what+" of "+p)
	return []string{p}
}

// TestIncrementalMatchesFull applies random edits to a site and checks
// after each that what the incremental renderer serves is what a fresh
// full build of the same files writes, byte for byte, errors included.
func TestIncrementalMatchesFull(t *testing.T) {
	t.Cleanup(bufpool.Poison()) // a buffer read after it is given back shows
	steps, seeds := 60, uint64(6)
	if testing.Short() {
		steps, seeds = 20, 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			s := newIncSite(t, seed, 24)
			cache := timeline.NewCache(s.fs, timeline.Options{})
			inc := NewIncremental()
			defer inc.Wait()
			opts := Options{Now: incNow}
			var changed []string
			for step := range steps {
				if step > 0 && s.r.IntN(3) == 0 {
					// A save whose rendering the next save's overtakes,
					// as when a writer saves twice in a row: it is not
					// waited for, and its late work may never be done.
					if site, err := cache.Load(s.edit()); err == nil {
						inc.Render(context.Background(), site, maps.Clone(s.fs), opts)
					}
				}
				if step > 0 {
					changed = s.edit()
				}
				got, pages, gotErr := incRender(inc, cache, changed, s.fs, opts)
				want, wantErr := fullRender(s.fs, opts)
				where := fmt.Sprintf("step %d, after:\n\t%s", step, strings.Join(s.log, "\n\t"))
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Fatalf("%s\nincremental error: %v\nfull build error:  %v", where, gotErr, wantErr)
				}
				if wantErr != nil {
					continue
				}
				compareOutputs(t, where, got.Files, want.Files)
				for p, b := range pages.Files {
					if !bytes.Equal(b, want.Files[p]) {
						t.Fatalf("%s\nthe early pages hold a %s that the build does not", where, p)
					}
				}
			}
		})
	}
}

func fullRender(fsys fs.FS, opts Options) (*Output, error) {
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		return nil, err
	}
	return Render(site, fsys, opts)
}

func incRender(inc *Incremental, cache *timeline.Cache, changed []string, fsys fs.FS, opts Options) (*Output, *Output, error) {
	site, err := cache.Load(changed)
	if err != nil {
		return nil, nil, err
	}
	// The theme is read in the background too: give it a copy of the
	// files, which the test goes on changing (a disk is safe for that).
	g, err := inc.Render(context.Background(), site, maps.Clone(fsys.(fstest.MapFS)), opts)
	if err != nil {
		return nil, nil, err
	}
	out, err := g.Wait()
	return &Output{Files: packed.Unpack(out)}, &Output{Files: packed.Unpack(g.Pages())}, err
}

func compareOutputs(t *testing.T, where string, got, want map[string][]byte) {
	t.Helper()
	for p, b := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Fatalf("%s\nthe incremental render lacks %s", where, p)
		case !bytes.Equal(g, b):
			t.Fatalf("%s\n%s differs from the full build's:\n%s\n"+
				"(a page shows data that the signatures in incremental.go do not declare)", where, p, sitetest.FirstDiff(b, g))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Fatalf("%s\nthe incremental render has %s, which the full build does not", where, p)
		}
	}
}

// TestIncrementalRendersOnlyWhatChanged checks that each kind of edit
// re-renders the pages that show what changed, and no others.
func TestIncrementalRendersOnlyWhatChanged(t *testing.T) {
	s := newIncSite(t, 1, 0)
	write := func(i int, front, body string) {
		s.set(fmt.Sprintf("content/events/e%d.md", i), "+++\n"+front+"+++\n\n"+body)
	}
	write(0, "title = \"Zero\"\ndate = \"2014-01\"\ntrack = \"War\"\ntags = [\"a\"]\n", "First.\n")
	write(1, "title = \"One\"\ndate = \"2014-02\"\ntrack = \"War\"\ntags = [\"b\"]\n", "First.\n")
	write(2, "title = \"Two\"\ndate = \"2015-03\"\ntrack = \"Talks\"\ntags = [\"a\"]\n", "First.\n")
	write(3, "title = \"Three\"\ndate = \"2016-04\"\ntrack = \"Talks\"\ntags = [\"c\"]\n", "First.\n")
	s.set("site.toml", "title = \"Inc\"\nbaseURL = \"https://example.org/inc/\"\n")
	cache := timeline.NewCache(s.fs, timeline.Options{})
	inc := NewIncremental()
	defer inc.Wait()
	opts := Options{Now: incNow}
	render := func(changed ...string) []string {
		t.Helper()
		site, err := cache.Load(changed)
		if err != nil {
			t.Fatal(err)
		}
		g, err := inc.Render(context.Background(), site, s.fs, opts)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.Wait(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(g.Rendered)
		return g.Rendered
	}
	check := func(what string, got []string, want ...string) {
		t.Helper()
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s re-rendered\n\t%q\nwant\n\t%q", what, got, want)
		}
	}
	if all := render(); len(all) < 15 {
		t.Fatalf("the first render made only %q", all)
	}
	check("nothing changed", render("content/events/e1.md"))

	write(1, "title = \"One\"\ndate = \"2014-02\"\ntrack = \"War\"\ntags = [\"b\"]\n", "First.\n\nAnd more.\n")
	check("an edit past the first paragraph", render("content/events/e1.md"), "events/e1/index.html")

	write(1, "title = \"One!\"\ndate = \"2014-02\"\ntrack = \"War\"\ntags = [\"b\"]\n", "First.\n\nAnd more.\n")
	check("a new title", render("content/events/e1.md"),
		"events/e1/index.html", "events/e0/index.html", "events/e2/index.html", "events/e3/index.html", // itself and the neighbours its small axis shows
		"index.html", "tags/b/index.html", "tracks/war/index.html", "2014/index.html", // what lists it
		"embed/index.html", "events/e1/embed/index.html", "events/e1/oembed.json") // the embeds that show it

	s.set("static/style.css", string(s.fs["static/style.css"].Data)+"\n/* more */\n")
	check("a stylesheet", render("static/style.css"), "static/")

	s.set("templates/list.html", strings.Replace(string(s.fs["templates/list.html"].Data), "</", "<!-- x --></", 1))
	got := render("templates/list.html")
	for _, p := range got {
		if !strings.HasPrefix(p, "tags/") && !strings.HasPrefix(p, "tracks/") && !strings.HasPrefix(p, "20") {
			t.Errorf("a change to list.html re-rendered %s", p)
		}
	}
	if len(got) != 3+2+3 {
		t.Errorf("a change to list.html re-rendered %q, want the 8 tag, track and year pages", got)
	}

	s.set("site.toml", "title = \"Inc 2\"\nbaseURL = \"https://example.org/inc/\"\n")
	if got := render("site.toml"); len(got) < 15 {
		t.Errorf("a new site title re-rendered only %q", got)
	}
}

// TestSignaturesDescribeEveryView renders a site with every kind of page
// and checks that each signature could describe all the page's data. A
// field of a kind a signature cannot hash (a map, a func, an interface)
// makes its pages render every time: add it to incremental.go's signer.
func TestSignaturesDescribeEveryView(t *testing.T) {
	s := newIncSite(t, 3, 30)
	site, err := timeline.Load(s.fs, timeline.Options{Drafts: true}) // every event a link may name
	if err != nil {
		t.Fatal(err)
	}
	inc := NewIncremental()
	defer inc.Wait()
	g, err := inc.Render(context.Background(), site, s.fs, Options{Now: incNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(g.Unknowable) > 0 {
		t.Errorf("signatures met data they cannot describe in %q", g.Unknowable)
	}
}

func TestMayShowCounts(t *testing.T) {
	for src, want := range map[string]bool{
		`{{.Site.Title}} {{$.Site.EventCount}} {{range .Site.Pages}}{{.Title}}{{end}}`: false,
		`{{range .Site.Tracks}}{{len .Events}}{{end}}`:                                 true,
		`{{len $.Site.Tags}}`:                          true,
		`{{with .Site}}{{range .Years}}{{end}}{{end}}`: true,
		`{{$s := .Site}}{{$s.Title}}`:                  true,
		`{{.Event.Tags}}`:                              false,
	} {
		if got := mayShowCounts([]byte(src)); got != want {
			t.Errorf("mayShowCounts(%s) = %v, want %v", src, got, want)
		}
	}
	for name := range siteScalars {
		if _, ok := reflect.TypeFor[*siteView]().MethodByName(name); ok {
			continue // the language's strings: no count of a term
		}
		f, ok := reflect.TypeFor[siteView]().FieldByName(name)
		if !ok || f.Type == reflect.TypeFor[[]*termView]() {
			t.Errorf("siteScalars names %s, which is not a field of siteView without counts", name)
		}
	}
}

// TestSupersededRender saves twice in a row: the second save's render
// waits for the first's background pass, which gives way to it; the
// second's output is still exactly a full build's.
func TestSupersededRender(t *testing.T) {
	s := newIncSite(t, 5, 12)
	cache := timeline.NewCache(s.fs, timeline.Options{})
	inc := NewIncremental()
	defer inc.Wait()
	opts := Options{Now: incNow}
	if _, _, err := incRender(inc, cache, nil, s.fs, opts); err != nil {
		t.Fatal(err)
	}
	bodyEdit := func(p string) []string {
		e := s.events[p]
		e.rest += "\n\nOne more line."
		s.write(p, e)
		return []string{p}
	}
	release := make(chan struct{})
	var once sync.Once
	inc.passHook = func() { once.Do(func() { <-release }) } // the first pass waits
	site, err := cache.Load(bodyEdit("content/events/e2.md"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := inc.Render(context.Background(), site, maps.Clone(s.fs), opts)
	if err != nil {
		t.Fatal(err)
	}
	second := make(chan *Rendering)
	site, err = cache.Load(bodyEdit("content/events/e3.md"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		g, err := inc.Render(context.Background(), site, maps.Clone(s.fs), opts)
		if err != nil {
			t.Error(err)
		}
		second <- g
	}()
	for inc.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	if _, err := first.Wait(); !errors.Is(err, ErrSuperseded) {
		t.Errorf("the first render's Wait = %v, want ErrSuperseded", err)
	}
	g := <-second
	if g == nil {
		t.FailNow()
	}
	got, err := g.Wait()
	if err != nil {
		t.Fatal(err)
	}
	want, err := fullRender(s.fs, opts)
	if err != nil {
		t.Fatal(err)
	}
	compareOutputs(t, "after two saves in a row", packed.Unpack(got), want.Files)
	for p, b := range packed.Unpack(g.Pages()) {
		if !bytes.Equal(b, want.Files[p]) {
			t.Errorf("the second render's early pages hold a %s that the build does not", p)
		}
	}
}

// A signature never panics on the kinds of data a view may hold,
// unexported fields included.
func TestSignerValues(t *testing.T) {
	type inner struct{ N int }
	type odd struct {
		A     string
		b     *inner
		c     time.Time
		D     map[string]int
		E     func()
		F     []*inner
		G     float64
		h     []string
		Cycle *odd
	}
	v := &odd{A: "a", b: &inner{1}, c: incNow, D: map[string]int{"x": 1}, F: []*inner{{2}}, G: 1.5, h: []string{"x"}}
	v.Cycle = v
	x := &incRun{inc: NewIncremental(), plans: &planCache{plans: map[planKey][]int{}}}
	s := x.signer(true)
	s.fields(reflect.ValueOf(v).Elem(), nil)
	if !s.unknown {
		t.Error("a map, a func and a cycle were described")
	}
	s.sum()
}

// TestIncrementalTranslations changes the site's language and then one of
// its own strings: the preview shows each change on every page, as a full
// build does.
func TestIncrementalTranslations(t *testing.T) {
	s := newIncSite(t, 3, 12)
	cache := timeline.NewCache(s.fs, timeline.Options{})
	inc := NewIncremental()
	defer inc.Wait()
	opts := Options{Now: incNow}
	if _, _, err := incRender(inc, cache, nil, s.fs, opts); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		what, file, data, want string
	}{
		{"language", "site.toml", "title = \"Inc\"\nlanguage = \"uk\"\nbaseURL = \"https://example.org/inc/\"\n[home]\nmax_events = 12\nlead = 2\n", "Хронологія"},
		{"a string of the site's own", "i18n/uk.toml", "timeline = \"Літопис\"\n", "Літопис"},
		{"the string again", "i18n/uk.toml", "timeline = \"Часопис\"\n", "Часопис"},
	}
	for _, st := range steps {
		s.set(st.file, st.data)
		got, _, err := incRender(inc, cache, []string{st.file}, s.fs, opts)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fullRender(s.fs, opts)
		if err != nil {
			t.Fatal(err)
		}
		compareOutputs(t, "after changing "+st.what, got.Files, want.Files)
		if !bytes.Contains(got.Files["events/e0/index.html"], []byte(st.want)) {
			t.Errorf("after changing %s, an event page lacks %q", st.what, st.want)
		}
	}
}
