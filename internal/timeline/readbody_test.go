package timeline

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
)

// onDisk writes the files of a site to a new folder and returns it.
func onDisk(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, site(files...)); err != nil {
		t.Fatal(err)
	}
	return dir
}

var readBodyFiles = []string{
	"content/events/1914/a.md", "+++\ntitle = \"A\"\ndate = \"1914\"\n+++\n\n" + strings.Repeat("A long body, read first. ", 150) + "\n",
	"content/events/1914/b.md", "+++\ntitle = \"B\"\ndate = \"1914-02\"\n+++\nShort.\n",
	"content/events/1914/c.md", "\ufeff+++\r\ntitle = \"C\"\r\ndate = \"1914-03\"\r\n+++\r\nCRLF body.\r\n",
	"content/events/1915/d.md", "+++\ntitle = \"D\"\ndate = \"1915\"\n+++\n",
	"content/events/1915/e.md", "+++\ntitle = \"E\"\ndate = \"1915-02\"\n+++\n\n" + strings.Repeat("Large. ", 40000) + "\n",
	"content/events/1915/f.md", "+++\ntitle = \"F\"\ndate = \"1915-03\"\n+++\n\n" + strings.Repeat("Middle. ", 1000) + "\n",
	"content/events/g/index.md", "+++\ntitle = \"G\"\ndate = \"1916\"\n+++\nA bundle.\n",
}

// TestReadBody: ReadBody gives the bytes Body gives (and a site loaded
// whole holds), from a buffer that shows nothing past them, for a body
// read again, kept or packed, through DirFS or another fs.FS; a long
// body read before a short one into the same buffer leaves nothing of
// itself in the short one.
func TestReadBody(t *testing.T) {
	dir := onDisk(t, readBodyFiles...)
	whole, err := Load(site(readBodyFiles...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts Options
	}{{"left", Options{LeaveBodies: true}}, {"kept", Options{LeaveBodies: true, KeepBodies: 1 << 20}},
		{"packed", Options{PackBodies: true}}, {"whole", Options{}}} {
		for _, fsys := range []fs.FS{DirFS(dir), os.DirFS(dir)} {
			s, err := Load(fsys, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			for round := range 2 {
				for i, e := range s.Events {
					want := string(whole.Events[i].Body)
					body, err := s.Body(e)
					if err != nil || string(body) != want {
						t.Errorf("%s %T round %d: %s: Body %d bytes, %v; want %d", c.name, fsys, round, e.File, len(body), err, len(want))
					}
					body, done, err := s.ReadBody(e)
					if err != nil || string(body) != want {
						t.Errorf("%s %T round %d: %s: ReadBody %d bytes, %v; want %d", c.name, fsys, round, e.File, len(body), err, len(want))
					}
					if cap(body) != len(body) && c.name == "left" {
						t.Errorf("%s %T: %s: ReadBody's body has %d bytes past its end", c.name, fsys, e.File, cap(body)-len(body))
					}
					done()
					done() // a second call does nothing
				}
			}
			s.Close()
		}
	}
}

// TestReadBodyRefusesChange: ReadBody, like Body, refuses a file changed
// since Load read it, and one that is gone.
func TestReadBodyRefusesChange(t *testing.T) {
	dir := onDisk(t, readBodyFiles...)
	s, err := Load(DirFS(dir), Options{LeaveBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, e := range s.Events { // every folder held
		_, done, _ := s.ReadBody(e)
		done()
	}
	b, d := s.Events[1], s.Events[3]
	if err := os.WriteFile(dir+"/"+b.File, []byte("+++\ntitle = \"B\"\ndate = \"1914-02\"\n+++\nShorT.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(dir + "/" + d.File); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		e    *Event
		want string
	}{{b, "changed while the site was being built"}, {d, "the file is gone"}} {
		body, done, err := s.ReadBody(c.e)
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].File != c.e.File || !strings.Contains(list[0].Msg, c.want) || body != nil {
			t.Errorf("%s: ReadBody gives %q, %v; want an error %q", c.e.File, body, err, c.want)
		}
		done()
	}
}

// TestReadBodyConcurrent reads the bodies from many goroutines at once,
// with the site closed midway (run with -race).
func TestReadBodyConcurrent(t *testing.T) {
	dir := onDisk(t, readBodyFiles...)
	whole, err := Load(site(readBodyFiles...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(DirFS(dir), Options{LeaveBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for round := range 20 {
				if g == 0 && round == 10 {
					s.Close()
				}
				for i, e := range s.Events {
					body, done, err := s.ReadBody(e)
					if err != nil || string(body) != string(whole.Events[i].Body) {
						t.Errorf("%s: %d bytes, %v", e.File, len(body), err)
					}
					done()
				}
			}
		})
	}
	wg.Wait()
	s.Close()
}
