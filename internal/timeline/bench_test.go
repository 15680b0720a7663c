package timeline

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/timeline-ssg/timeline/internal/benchsite"
)

// Benchmarks of loading, the first stage of every build. Run with
//
//	go test ./internal/timeline -run '^$' -bench . -benchmem

var benchDates = []string{"2014", "2014-03", "2014-03-18", "1915-06-03", "-0044-03-15", "2014-03-18T10:30:00+03:00"}

func BenchmarkParseDate(b *testing.B) {
	for b.Loop() {
		for _, s := range benchDates {
			if _, err := ParseDate(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchEvent is one event file as the benchmark site writes them.
func benchEvent() []byte {
	return []byte(benchsite.Event(rand.New(rand.NewPCG(1, 2)), 1, 1950))
}

func BenchmarkSplitFrontMatter(b *testing.B) {
	src := benchEvent()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := splitFrontMatter(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeFrontMatter(b *testing.B) {
	doc, err := splitFrontMatter(benchEvent())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Front)))
	for b.Loop() {
		if _, err := decodeTOML(doc.Front, doc.FrontLine); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEvent is one event file to an Event: split, TOML, fields.
func BenchmarkDecodeEvent(b *testing.B) {
	src := benchEvent()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if r := decodeSource("content/events/1950/event-1.md", src); r.event == nil {
			b.Fatal(r.errs)
		}
	}
}

// BenchmarkLoad loads whole in-memory sites: decoding in parallel, then
// sorting and grouping; "kept" keeps the bodies as a build does.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000} {
		// On disk, as a build reads it: fstest.MapFS lists a folder by
		// scanning every file, which would dominate.
		dir := b.TempDir()
		if err := os.CopyFS(dir, benchsite.Site(n)); err != nil {
			b.Fatal(err)
		}
		fsys := os.DirFS(dir)
		for name, opts := range map[string]Options{"": {}, "/kept": {LeaveBodies: true, KeepBodies: 32 << 20}} {
			b.Run(fmt.Sprint(n)+name, func(b *testing.B) {
				benchLoad(b, fsys, opts, n)
			})
		}
	}
}

func benchLoad(b *testing.B, fsys fs.FS, opts Options, n int) {
	for b.Loop() {
		site, err := Load(fsys, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(site.Events) != n {
			b.Fatalf("%d events, want %d", len(site.Events), n)
		}
	}
}

// BenchmarkReadContent reads every content file of a 1,000-event site,
// as a build does twice: through os.DirFS and through DirFS.
func BenchmarkReadContent(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, benchsite.Site(1000)); err != nil {
		b.Fatal(err)
	}
	files, _, errs := contentFiles(os.DirFS(dir))
	if len(errs) > 0 || len(files) < 1000 {
		b.Fatalf("%d files, %v", len(files), errs)
	}
	for _, c := range []struct {
		name    string
		fsys    fs.FS
		folders bool
	}{{"os.DirFS", os.DirFS(dir), false}, {"DirFS", DirFS(dir), false}, {"DirFS/folders", DirFS(dir), true}} {
		b.Run(c.name, func(b *testing.B) {
			var dirs *folders
			if c.folders {
				dirs = newFolders(c.fsys)
				defer dirs.close()
			}
			for b.Loop() {
				for _, f := range files {
					if _, err := readContent(c.fsys, dirs, f, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
