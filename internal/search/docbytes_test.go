package search

import (
	"reflect"
	"testing"
)

func TestDocBinary(t *testing.T) {
	a := NewAnalyzer("en")
	for _, e := range []*Event{
		{URL: "events/a/", Title: "The Treaty of Paris", Date: "1 June 1815", BodyHTML: "<p>Signed at last, in Paris.</p>",
			Track: "war", TrackName: "War", Tags: []string{"treaty", "france"}, TagNames: []string{"Treaty", "France"}},
		{URL: "events/b/", Title: "Alone"},
	} {
		d := a.Analyze(e)
		b, err := d.AppendBinary([]byte("prefix"))
		if err != nil {
			t.Fatal(err)
		}
		var got Doc
		if err := got.UnmarshalBinary(b[len("prefix"):]); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.frag, d.frag) || !reflect.DeepEqual(got.words, d.words) || got.track != d.track ||
			len(got.tags) != len(d.tags) || (len(d.tags) > 0 && !reflect.DeepEqual(got.tags, d.tags)) {
			t.Errorf("%s: the doc read back differs:\n got %+v\nwant %+v", e.URL, got, *d)
		}
		if err := got.UnmarshalBinary(b[len("prefix") : len(b)-1]); err == nil {
			t.Errorf("%s: a doc cut short reads without an error", e.URL)
		}
	}
}
