package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortEvents checks that SortEvents orders as sorting by Compare does,
// on events that tie on their first instant in every way Compare breaks
// ties: precision, circa, zone, end, weight, title and slug.
func TestSortEvents(t *testing.T) {
	dates := []string{"2014", "2014-01", "2014-01-01", "2014-01-01T00:00", "2014-01-01T00:00Z",
		"2014-01-01T01:00+01:00", "2013-12-31T23:00-01:00", "2014-03-18", "1999", "-0490"}
	rng := rand.New(rand.NewPCG(1, 2))
	var events []*Event
	for i := range 2000 {
		s := dates[rng.IntN(len(dates))]
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		d.Circa = rng.IntN(4) == 0
		e := &Event{Date: d, Weight: rng.IntN(3), Title: fmt.Sprint("t", rng.IntN(5)), Slug: fmt.Sprint("s", i)}
		switch rng.IntN(3) {
		case 1:
			e.End = d.Next()
		case 2:
			e.Ongoing = true
		}
		events = append(events, e)
	}
	want := slices.Clone(events)
	slices.SortFunc(want, Compare)
	SortEvents(events)
	for i := range events {
		if events[i] != want[i] {
			t.Fatalf("event %d is %s, want %s", i, events[i].Slug, want[i].Slug)
		}
	}
}
