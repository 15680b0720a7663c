package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"testing"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/benchsite"
	"github.com/timeline-ssg/timeline/internal/markdown"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Benchmarks of rendering, the bulk of a build. Run with
//
//	go test ./internal/render -run '^$' -bench . -benchmem
//
// and profile one with -cpuprofile or -memprofile.

// benchRenderer loads a benchmark site of n events, written to a folder
// so that loading reads files as a build does, and prepares a renderer.
func benchRenderer(b testing.TB, n int) (*timeline.Site, *renderer) {
	b.Helper()
	dir := b.TempDir()
	if err := os.CopyFS(dir, benchsite.Site(n)); err != nil {
		b.Fatal(err)
	}
	site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return site, preparedRenderer(b, site)
}

// preparedRenderer is a renderer of site with the built-in theme,
// prepared as a render prepares it before its jobs run.
func preparedRenderer(tb testing.TB, site *timeline.Site) *renderer {
	tb.Helper()
	tmpl, err := loadTemplates(defaults.Theme())
	if err != nil {
		tb.Fatal(err)
	}
	r := &renderer{site: site, theme: defaults.Theme(), tmpl: tmpl, opts: Options{BaseURL: site.Config.BaseURL, Now: exportNow},
		links: newLinkCheck(len(site.Events) + len(site.Pages) + 1), md: markdown.New(markdown.Options{Unsafe: site.Config.Markdown.Unsafe}), memo: noMemo{}}
	if err := r.prepare(); err != nil {
		tb.Fatal(err)
	}
	return r
}

func discard(string, []byte) error { return nil }

// BenchmarkEventTemplate is the event page template alone, body
// rendered: by the generated writers of the built-in templates
// (templates_gen*.go), and by html/template, as a site that overrides
// them has it.
func BenchmarkEventTemplate(b *testing.B) {
	for _, gen := range []bool{true, false} {
		name := "generated"
		if !gen {
			name = "html-template"
		}
		b.Run(name, func(b *testing.B) {
			_, r := benchRenderer(b, 100)
			if !gen {
				r.tmpl.gen = nil
			}
			v := r.events[50]
			body, _, err := r.eventBody(v)
			if err != nil {
				b.Fatal(err)
			}
			p := r.newPage("event", v.URL, v.Title, v.Summary)
			p.Event, p.Content = v, template.HTML(body)
			for b.Loop() {
				if err := r.writePage(discard, "x.html", "event", p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEntryTemplate is one event's "entry", as a listing page makes
// it before keeping it: generated, and by html/template.
func BenchmarkEntryTemplate(b *testing.B) {
	for _, gen := range []bool{true, false} {
		name := "generated"
		if !gen {
			name = "html-template"
		}
		b.Run(name, func(b *testing.B) {
			_, r := benchRenderer(b, 100)
			if !gen {
				r.tmpl.gen = nil
			}
			p := r.newPage("home", "", "", "")
			p.r, p.tmpl = r, "home"
			v := r.events[50]
			for b.Loop() {
				if _, err := p.entry(v, "../"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWithRoot is a kept entry given a listing page's root, once
// for every listing that shows the event.
func BenchmarkWithRoot(b *testing.B) {
	_, r := benchRenderer(b, 100)
	p := r.newPage("home", "", "", "")
	p.r, p.tmpl = r, "home"
	s, err := p.entry(r.events[50], rootMark)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		replaceRoot(s, "../../")
	}
}

// BenchmarkEventPage is one event's job in a build: its page (body and
// template), its embed page and its oEmbed file.
func BenchmarkEventPage(b *testing.B) {
	_, r := benchRenderer(b, 100)
	job := r.eventJob(r.events[50])
	for b.Loop() {
		if err := job(discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListPage is the page of the most used tag of a 1,000-event
// site, its entries already made by an earlier page as in a build.
func BenchmarkListPage(b *testing.B) {
	_, r := benchRenderer(b, 1000)
	t := r.sv.Tags[0]
	for _, u := range r.sv.Tags {
		if len(u.Events) > len(t.Events) {
			t = u
		}
	}
	p := r.newPage("list", t.URL, t.Name, "")
	p.Kind, p.Term, p.Groups = t.Kind, t, groupByYear(t.Events, 0)
	b.ReportMetric(float64(len(t.Events)), "events/page")
	r.expectEntries("list", p) // a page before it made them
	for b.Loop() {
		r.expectEntries("list", p) // and one after it shows them
		if err := r.writePage(discard, "x.html", "list", p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender is the whole in-memory render of a site, loaded once.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			site, _ := benchRenderer(b, n)
			var out *Output
			for b.Loop() {
				var err error
				if out, err = Render(site, defaults.Theme(), Options{Now: exportNow}); err != nil {
					b.Fatal(err)
				}
			}
			var size int
			for _, f := range out.Files {
				size += len(f)
			}
			b.ReportMetric(float64(len(out.Files)), "files")
			b.SetBytes(int64(size))
		})
	}
}

// TestBenchSiteRenders keeps the benchmark site valid: a benchmark of a
// site that fails to render measures nothing.
func TestBenchSiteRenders(t *testing.T) {
	fsys := benchsite.Site(200)
	site, err := timeline.Load(fsys, timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(site, defaults.Theme(), Options{Now: exportNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Events) != 200 || !bytes.Contains(out.Files["index.html"], []byte(site.Events[0].Title)) {
		t.Fatalf("%d events; the home page does not list the first", len(site.Events))
	}
}

// BenchmarkAtomFeeds is every Atom feed of a 1,000-event site (the site's
// and each track's and tag's), the bodies made already, as the event pages
// hand them over in a build.
func BenchmarkAtomFeeds(b *testing.B) {
	_, r := benchRenderer(b, 1000)
	primed := newExports(r)
	for _, v := range r.events {
		body, err := r.site.Body(v.Event)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := r.md.RenderResolved(body, r.links.resolver(v.File, v.BodyLine, v.URL))
		if err != nil {
			b.Fatal(err)
		}
		primed.fromPage(v, doc)
	}
	// Written as a build writes them: to files, here counted.
	var size countingFile
	r.create = func(string) (io.WriteCloser, error) { return &size, nil }
	put := func(_ string, data []byte) error {
		size.n += int64(len(data))
		return nil
	}
	for b.Loop() {
		size.n = 0
		r.exports = nil
		r.exportJobs()
		x := r.exports
		for i := range x.bodies {
			l := &x.bodies[i]
			l.once.Do(func() { l.html = primed.bodies[i].html; l.ready.Done() })
		}
		if err := x.atomSite(put); err != nil {
			b.Fatal(err)
		}
		for _, list := range [][]*termView{r.sv.Tracks, r.sv.Tags} {
			for _, t := range list {
				if err := x.atomTerm(t)(put); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.SetBytes(size.n)
}

// countingFile counts the bytes written to it.
type countingFile struct{ n int64 }

func (f *countingFile) Write(p []byte) (int, error) { f.n += int64(len(p)); return len(p), nil }
func (f *countingFile) Close() error                { return nil }

// BenchmarkLoadTemplates is parsing the built-in templates, which every
// build does once.
func BenchmarkLoadTemplates(b *testing.B) {
	theme := defaults.Theme()
	for b.Loop() {
		if _, err := loadTemplates(theme); err != nil {
			b.Fatal(err)
		}
	}
}
