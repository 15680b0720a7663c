package build

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/packed"
	"github.com/timeline-ssg/timeline/internal/sitetest"
)

// recorder is a Target that notes what it is given, in order.
type recorder struct {
	mu    sync.Mutex
	calls []string
	files map[string]packed.File // what is served
}

func (r *recorder) Publish(files map[string]packed.File, complete bool) {
	r.note(fmt.Sprintf("publish complete=%v", complete), files)
}
func (r *recorder) Complete(files map[string]packed.File) { r.note("complete", files) }
func (r *recorder) Fail(err error, whole bool)            { r.note("fail: "+err.Error(), nil) }

func (r *recorder) note(call string, files map[string]packed.File) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call)
	if files != nil {
		r.files = files
	}
}

// waitFor waits until the calls are n, and returns them.
func (r *recorder) waitFor(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r.mu.Lock()
		calls := append([]string(nil), r.calls...)
		r.mu.Unlock()
		if len(calls) >= n || time.Now().After(deadline) {
			if len(calls) != n {
				t.Fatalf("calls %q, want %d", calls, n)
			}
			return calls
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPreviewPublishes checks the order in which a Preview publishes: the
// pages of a build first, then all of it; nothing for a build that fails,
// whose predecessor stays served; nothing after Close.
func TestPreviewPublishes(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteAll(t, dir, map[string]string{
		"site.toml":           "title = \"T\"\nbaseURL = \"https://example.org/\"\n",
		"content/events/a.md": "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nFirst text.\n",
		"content/events/b.md": "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nB's text.\n",
		"content/events/c.md": "+++\ntitle = \"C\"\ndate = \"2016\"\n+++\n\nC's text.\n",
	})
	rec := &recorder{}
	p := NewPreview(Options{FS: os.DirFS(dir), Source: dir, Now: testNow, ImageCache: "-"}, rec)
	res, rendered, err := p.Update(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Site.Events) != 3 || rendered == 0 {
		t.Errorf("first build: %d events, %d pages rendered", len(res.Site.Events), rendered)
	}
	calls := rec.waitFor(t, 2)
	if calls[0] != "publish complete=false" || calls[1] != "complete" {
		t.Fatalf("first build: calls %q, want the pages published, then the whole", calls)
	}
	if _, ok := rec.files["feed.xml"]; !ok {
		t.Error("the whole build lacks feed.xml")
	}

	sitetest.Write(t, dir, "content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nFirst text.\n\nSecond text.\n")
	if _, rendered, err = p.Update(context.Background(), []string{"content/events/a.md"}); err != nil {
		t.Fatal(err)
	}
	if rendered != 1 {
		t.Errorf("a body edited: %d pages rendered, want 1", rendered)
	}
	rec.waitFor(t, 4)
	if page := string(rec.files["events/a/index.html"].Bytes()); !strings.Contains(page, "Second text.") {
		t.Error("the edited page is not served")
	}

	sitetest.Write(t, dir, "content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014-13\"\n+++\n\nThird.\n")
	if _, _, err := p.Update(context.Background(), []string{"content/events/a.md"}); err == nil || !strings.Contains(err.Error(), "a.md") {
		t.Fatalf("a broken date: %v, want an error naming the file", err)
	}
	time.Sleep(50 * time.Millisecond)
	rec.waitFor(t, 4) // nothing published
	if page := string(rec.files["events/a/index.html"].Bytes()); !strings.Contains(page, "Second text.") {
		t.Error("after a failed build, the last good one is not served")
	}

	p.Close()
	sitetest.Write(t, dir, "content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nFixed.\n")
	rec.waitFor(t, 4)
}
