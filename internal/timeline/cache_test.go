package timeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// randomFile makes the contents of a file at path p: mostly valid events
// and pages, sometimes with errors, duplicate slugs, drafts or images, so
// that every cross-file step of Load gets exercised.
func randomFile(r *rand.Rand, p string) string {
	if !strings.HasSuffix(p, ".md") {
		return "not Markdown"
	}
	if !strings.HasPrefix(p, "content/events/") {
		switch r.IntN(6) {
		case 0:
			return "no front matter\n"
		case 1:
			return "+++\ntitle = \"Events\"\n+++\n" // takes a reserved path at content/events.md
		case 2:
			return fmt.Sprintf("+++\ntitle = \"Page %d\"\nslug = \"same\"\n+++\n\nText.\n", r.IntN(3))
		}
		return fmt.Sprintf("+++\ntitle = \"Page %d\"\nweight = %d\ndraft = %v\n+++\n\nText %d.\n",
			r.IntN(100), r.IntN(3), r.IntN(5) == 0, r.IntN(100))
	}
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\n", []string{"Alpha", "Beta", "Gamma", "Delta"}[r.IntN(4)])
	switch r.IntN(12) {
	case 0:
		b.WriteString("date = \"2014-13\"\n") // an error
	case 1: // no date: an error
	default:
		fmt.Fprintf(&b, "date = \"%d-%02d\"\n", 2010+r.IntN(4), 1+r.IntN(12))
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "slug = \"dup-%d\"\n", r.IntN(3))
	}
	if r.IntN(5) == 0 {
		b.WriteString("draft = true\n")
	}
	fmt.Fprintf(&b, "track = %q\n", []string{"War", "war", "Talks", ""}[r.IntN(4)])
	fmt.Fprintf(&b, "tags = [%q, %q]\n", []string{"A", "b", "C"}[r.IntN(3)], []string{"a", "B", "d"}[r.IntN(3)])
	if r.IntN(6) == 0 {
		fmt.Fprintf(&b, "image = \"img/%d.jpg\"\nimage_alt = \"x\"\n", r.IntN(2))
	} else if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "media = %q\n", []string{"photo.jpg", "sub/clip.mp4", "img/0.jpg"}[r.IntN(3)]) // a bundle's file, or static/'s
	}
	fmt.Fprintf(&b, "weight = %d\n+++\n\nBody %d.\n", r.IntN(3), r.IntN(1000))
	return b.String()
}

var cachePaths = []string{
	"content/_index.md", "content/about.md", "content/guide/style.md", "content/events.md",
	"content/events/a.md", "content/events/b.md", "content/events/a-b.md", "content/events/c.txt",
	"content/events/2014/a.md", "content/events/2014/d.md", "content/events/2014-x/e.md",
	"content/events/2014/sub/f.md", "content/events/.hidden/g.md", "content/events/h.md~",
	"content/events/.#h.md", "content/events/4913", "content/events/new/i.md", "content/events/new/j.md",
	"static/img/0.jpg", "static/img/1.jpg", "site.toml",
	// Page bundles, and a folder of events that becomes one.
	"content/events/b1/index.md", "content/events/b1/photo.jpg", "content/events/b1/sub/clip.mp4",
	"content/events/2014/index.md", "content/events/2014/photo.jpg",
}

// TestCacheMatchesLoad applies random changes to a site and checks after
// each that Cache.Load, told what changed, returns exactly what Load
// returns: the same site and the same errors.
func TestCacheMatchesLoad(t *testing.T) {
	for seed := range uint64(20) {
		for _, drafts := range []bool{false, true} {
			t.Run(fmt.Sprintf("seed%d/drafts=%v", seed, drafts), func(t *testing.T) {
				testCacheMatchesLoad(t, seed, drafts)
			})
		}
	}
}

func testCacheMatchesLoad(t *testing.T, seed uint64, drafts bool) {
	r := rand.New(rand.NewPCG(seed, 4))
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"T\"\n")}}
	opts := Options{Drafts: drafts}
	cache := NewCache(fsys, opts)
	var history []string
	for step := range 60 {
		var changed []string
		for range 1 + r.IntN(3) {
			op, p := r.IntN(11), cachePaths[r.IntN(len(cachePaths))]
			switch {
			case p == "site.toml":
				data := []string{"title = \"T\"\n", "title = \"U\"\n[home]\nlead = 2\n", "titel = 1\n"}[r.IntN(3)]
				if op == 0 {
					delete(fsys, p)
				} else {
					fsys[p] = &fstest.MapFile{Data: []byte(data)}
				}
				history = append(history, "write "+p)
			case strings.HasPrefix(p, "static/"):
				if op < 5 {
					delete(fsys, p)
				} else {
					fsys[p] = &fstest.MapFile{Data: []byte("jpeg")}
				}
				history = append(history, "toggle "+p)
			case op < 5:
				fsys[p] = &fstest.MapFile{Data: []byte(randomFile(r, p))}
				history = append(history, "write "+p)
			case op < 7:
				delete(fsys, p)
				history = append(history, "delete "+p)
			case op < 8:
				// A folder goes away with everything in it.
				p = p[:strings.LastIndexByte(p, '/')]
				for k := range fsys {
					if strings.HasPrefix(k, p+"/") {
						delete(fsys, k)
					}
				}
				history = append(history, "delete folder "+p)
			case op < 9:
				to := cachePaths[r.IntN(len(cachePaths))]
				if f, ok := fsys[p]; ok && strings.HasPrefix(to, "content/") {
					delete(fsys, p)
					fsys[to] = f
					changed = append(changed, to)
				}
				history = append(history, "rename "+p+" -> "+to)
			case op == 9 && fsys[p] != nil:
				// Text added at the end: the body of an event or a page.
				fsys[p] = &fstest.MapFile{Data: append(slices.Clone(fsys[p].Data), fmt.Sprintf("\nMore %d.\n", r.IntN(100))...)}
				history = append(history, "append to "+p)
			default:
				// Saved without a change: the same bytes.
				history = append(history, "touch "+p)
			}
			changed = append(changed, p)
		}
		want, wantErr := Load(fsys, opts)
		got, gotErr := cache.Load(changed)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: after\n\t%s\nCache.Load(%q) =\n%s\nerr: %v\nwant (Load):\n%s\nerr: %v", step,
				strings.Join(history, "\n\t"), changed, describe(got), gotErr, describe(want), wantErr)
		}
	}
}

func describe(s *Site) string {
	if s == nil {
		return "nil site"
	}
	var b strings.Builder
	for _, e := range s.Events {
		fmt.Fprintf(&b, "\tevent %s %s %q %v\n", e.File, e.Slug, e.Title, e.Date.ISO())
	}
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "\tpage %s %s\n", p.File, p.Path)
	}
	for _, r := range s.Resources {
		fmt.Fprintf(&b, "\tresource %s of %s\n", r.File, r.Event.File)
	}
	return b.String()
}

// TestCacheKeepsUnchanged checks that what did not change keeps its
// pointer, which the renderer relies on to re-render only what changed, and
// that a file saved with the same bytes counts as unchanged.
func TestCacheKeepsUnchanged(t *testing.T) {
	fsys := site(
		"content/events/a.md", event("title = \"A\"\ndate = \"2014\"\n"),
		"content/events/b.md", event("title = \"B\"\ndate = \"2015\"\n"),
		"content/about.md", "+++\ntitle = \"About\"\n+++\n")
	c := NewCache(fsys, Options{})
	s1, err := c.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/events/b.md"] = &fstest.MapFile{Data: []byte(event("title = \"B2\"\ndate = \"2015\"\n"))}
	s2, err := c.Load([]string{"content/events/b.md", "content/events/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if s2.Events[0] != s1.Events[0] {
		t.Error("event a was decoded again though its bytes did not change")
	}
	if s2.Events[1] == s1.Events[1] || s2.Events[1].Title != "B2" {
		t.Errorf("event b = %q: the change was not read", s2.Events[1].Title)
	}
	if s2.Pages[0] != s1.Pages[0] {
		t.Error("the page was decoded again though nobody said it changed")
	}
	if s2 == s1 || &s2.Events[0] == &s1.Events[0] {
		t.Error("a load must return a new site, leaving the previous one as it was")
	}
}

// TestCacheOnDisk runs the same comparison on a real folder, with what
// only a disk has: a symbolic link to a folder, which the walk does not
// follow, and a content folder that appears and disappears.
func TestCacheOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) { sitetest.Write(t, dir, name, data) }
	write("site.toml", "title = \"T\"\n")
	fsys := os.DirFS(dir)
	c := NewCache(fsys, Options{})
	check := func(changed ...string) {
		t.Helper()
		want, wantErr := Load(fsys, Options{})
		got, gotErr := c.Load(changed)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("Cache.Load(%q) =\n%s%v\nwant\n%s%v", changed, describe(got), gotErr, describe(want), wantErr)
		}
	}
	check()
	write("content/events/a.md", event("title = \"A\"\ndate = \"2014\"\n"))
	check("content")
	write("elsewhere/b.md", event("title = \"B\"\ndate = \"2015\"\n"))
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "content/events/linked.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	check("content/events/linked.md")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "content/events/linked")); err != nil {
		t.Fatal(err)
	}
	check("content/events/linked")
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	check("content/events/a.md", "content/events", "content")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	check("content")
}

func TestWalkCompare(t *testing.T) {
	paths := []string{"content/a-b/x.md", "content/a/z.md", "content/a", "content/b.md", "content/a/y/q.md", "content/a.md"}
	slices.SortFunc(paths, walkCompare)
	want := []string{"content/a", "content/a/y/q.md", "content/a/z.md", "content/a-b/x.md", "content/a.md", "content/b.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("walk order:\n got %q\nwant %q", paths, want)
	}
	if got := topmost([]string{"content/a/z.md", "/content/a", "content/a-b", "content/a/", "site.toml"}); !slices.Equal(got, []string{"content/a", "content/a-b", "site.toml"}) {
		t.Errorf("topmost = %q", got)
	}
}

// A body edit in the same batch as a change of another kind is not a
// body edit alone: the new file, the new error, count.
func TestCacheBodyEditWithOtherChanges(t *testing.T) {
	for name, other := range map[string]func(fstest.MapFS) string{
		"new event": func(fsys fstest.MapFS) string {
			fsys["content/events/c.md"] = &fstest.MapFile{Data: []byte(event("title = \"C\"\ndate = \"2016\"\n"))}
			return "content/events/c.md"
		},
		"new file of another kind": func(fsys fstest.MapFS) string {
			fsys["content/events/c.txt"] = &fstest.MapFile{Data: []byte("text")}
			return "content/events/c.txt"
		},
		"site.toml": func(fsys fstest.MapFS) string {
			fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Other\"\n")}
			return "site.toml"
		},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := site(
				"content/events/a.md", event("title = \"A\"\ndate = \"2014\"\n"),
				"content/events/b.md", event("title = \"B\"\ndate = \"2015\"\n"))
			c := NewCache(fsys, Options{})
			if _, err := c.Load(nil); err != nil {
				t.Fatal(err)
			}
			fsys["content/events/a.md"] = &fstest.MapFile{Data: []byte(event("title = \"A\"\ndate = \"2014\"\n") + "More.\n")}
			changed := []string{"content/events/a.md", other(fsys)}
			want, wantErr := Load(fsys, Options{})
			got, gotErr := c.Load(changed)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("Cache.Load(%q) =\n%s%v\nwant\n%s%v", changed, describe(got), gotErr, describe(want), wantErr)
			}
		})
	}
}
