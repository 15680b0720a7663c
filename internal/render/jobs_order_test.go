package render

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/benchsite"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestJobOrder renders a site on one worker, where the jobs run in the
// order jobs lists them, and reads that order from the files made. The
// whole-site files made from the views alone come before the event pages,
// so that a large site's never run alone at the end; the feeds, which
// hold the bodies they show until they run, come right after the event
// pages, before the list pages.
func TestJobOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	site, err := timeline.Load(benchsite.Site(60), timeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		order []string
	)
	sink := Sink{Put: func(p string, _ []byte) error {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, p)
		return nil
	}}
	if err := Stream(site, defaults.Theme(), Options{Now: exportNow}, sink); err != nil {
		t.Fatal(err)
	}
	at := func(p string) int {
		i := slices.Index(order, p)
		if i < 0 {
			t.Fatalf("%s not made; made %q", p, order)
		}
		return i
	}
	firstEvent, lastEvent := -1, -1
	for i, p := range order {
		if strings.HasPrefix(p, "events/") {
			lastEvent = i
			if firstEvent < 0 {
				firstEvent = i
			}
		}
	}
	firstList := slices.IndexFunc(order, func(p string) bool {
		return strings.HasPrefix(p, "tracks/") && strings.HasSuffix(p, "/index.html")
	})
	if firstEvent < 0 || firstList < 0 {
		t.Fatalf("no event page or no track page made: %q", order)
	}
	for _, p := range []string{"events.ics", "axis.json", "sitemap.xml"} {
		if i := at(p); i > firstEvent {
			t.Errorf("%s made at %d, after the first event page (%d)", p, i, firstEvent)
		}
	}
	for _, p := range []string{"feed.xml", "feed.json"} {
		if i := at(p); i < lastEvent || i > firstList {
			t.Errorf("%s made at %d, not between the last event page (%d) and the first list page (%d)", p, i, lastEvent, firstList)
		}
	}
}
