package timeline

import (
	"os"
	"reflect"
	"runtime"
	"testing"

	"github.com/timeline-ssg/timeline/internal/benchsite"
	"github.com/timeline-ssg/timeline/internal/bufpool"
)

// TestLoadGivesBuffersBack: a site that keeps no body reads its event
// files into buffers given back once each is decoded. With every buffer
// poisoned as it is given back, each event holds exactly what it holds
// when its file is read into memory of its own, whatever its front
// matter (escapes, arrays, tables of sources, multi-line strings, short
// and long values); and loading allocates less than the files' bytes
// more than that would.
func TestLoadGivesBuffersBack(t *testing.T) {
	dir := t.TempDir()
	fsys := benchsite.Site(200)
	for name, data := range site(
		"content/events/x/escapes.md", "+++\ntitle = \"Quotes \\\"in\\\" a title, \\u00e9\"\ndate = \"2001-02-03\"\n"+
			"tags = [\"short\", \"a tag long enough to be copied rather than shared\"]\ntrack = \"T\"\nplace = \"Kyiv\"\n"+
			"summary = '''\nA summary\nover lines.'''\nimage = \"https://example.org/a.jpg\"\nimage_alt = \"Alt\"\n"+
			"media = \"https://example.org/v\"\nmedia_caption = \"Cap\"\n\n[[sources]]\ntitle = \"S\"\nurl = \"https://example.org/s\"\n"+
			"publisher = \"P\"\ndate = \"2001\"\narchive = \"https://web.archive.org/web/2001/https://example.org/s\"\n+++\n\nBody *one*.\n",
		"content/events/x/inline.md", "+++\ntitle = 'Literal \\ title'\ndate = 2001-02-04\ntags = [ \"x\",\n  \"y\" ]\n[[sources]]\nurl = \"/local/\"\n+++\nBody.\n",
		"content/about.md", "+++\ntitle = \"About\"\n+++\n\nA page keeps its body.\n",
	) {
		if name != "site.toml" {
			fsys[name] = data
		}
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	lead := func(body []byte) string { return "lead: " + string(body[:min(len(body), 40)]) }

	allocated := func(opts Options) (*Site, uint64) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s, err := Load(DirFS(dir), opts)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		return s, after.TotalAlloc - before.TotalAlloc
	}
	defer bufpool.Poison()()
	own, ownBytes := allocated(Options{LeaveBodies: true, KeepBodies: 1 << 30, Lead: lead}) // each file its own memory, kept
	lean, leanBytes := allocated(Options{LeaveBodies: true, Lead: lead})

	if len(lean.Events) != len(own.Events) || len(lean.Pages) != len(own.Pages) {
		t.Fatalf("%d events and %d pages, want %d and %d", len(lean.Events), len(lean.Pages), len(own.Events), len(own.Pages))
	}
	for i, e := range lean.Events {
		got, want := *e, *own.Events[i]
		got.Body, got.bodyLeft, got.bodyKept = nil, false, false
		want.Body, want.bodyLeft, want.bodyKept = nil, false, false
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s loaded through reused buffers:\n%+v\nwant\n%+v", e.File, got, want)
		}
	}
	if !reflect.DeepEqual(lean.Pages, own.Pages) {
		t.Errorf("pages differ: %+v, want %+v", lean.Pages, own.Pages)
	}

	var files uint64
	for _, f := range fsys {
		files += uint64(len(f.Data))
	}
	if leanBytes+files/2 > ownBytes {
		t.Errorf("loading allocated %d bytes, and %d reading each file into memory of its own: the files are %d bytes", leanBytes, ownBytes, files)
	}
}
