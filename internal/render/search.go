package render

import (
	"bufio"
	"strconv"
	"sync"

	"github.com/timeline-ssg/timeline/internal/search"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// searchIndex makes the site's search index (internal/search: the
// tokenizing, the ranking and the files are that package's). Splitting an
// event into words is the costly part, and is done for each event apart:
// in a full render (follow) by the worker that made its page, from the
// body it rendered, while a job beside the workers adds each to the index
// in time order as soon as it is ready and lets it go, so that a large
// site's words are never all held twice. Rendering incrementally, the job
// runs late and makes each event's doc from its body as the exports have
// it, keeping the docs for the next render (incRun.searchDoc).
type searchIndex struct {
	r      *renderer
	an     *search.Analyzer
	follow bool
	docs   []*search.Doc    // by the events' places in r.events, their pos
	ready  []sync.WaitGroup // done once docs[i] or errs[i] is set
	errs   []error
	once   []sync.Once
}

func newSearchIndex(r *renderer) *searchIndex {
	x := &searchIndex{r: r, an: search.NewAnalyzer(r.site.Config.Language), follow: r.memo.follows()}
	if x.follow {
		n := len(r.events)
		x.docs, x.errs = make([]*search.Doc, n), make([]error, n)
		x.ready, x.once = make([]sync.WaitGroup, n), make([]sync.Once, n)
		for i := range r.events {
			x.ready[i].Add(1)
		}
	}
	return x
}

// searchJob is the job that writes the index.
func (r *renderer) searchJob() task {
	x := newSearchIndex(r)
	r.search = x
	return task{run: x.write, follows: x.follow}
}

// fromPage makes the doc of an event from the body its page rendered, or
// records why its page failed; only a full render takes it.
func (x *searchIndex) fromPage(v *eventView, body []byte, err error) {
	if !x.follow {
		return
	}
	i := int(v.pos) // in a full render, v is r.events[v.pos]
	x.once[i].Do(func() {
		defer x.ready[i].Done()
		if err != nil {
			x.errs[i] = err
			return
		}
		x.docs[i] = x.an.AnalyzeBody(x.event(v, ""), body)
	})
}

// event is what the index holds of v, whose body is bodyHTML.
func (x *searchIndex) event(v *eventView, bodyHTML string) *search.Event {
	e := &search.Event{URL: v.URL, Title: v.Title, Date: v.DateText, Datetime: v.Datetime(),
		DateWords: dateWords(v.Event), Place: v.Place, Summary: v.Summary, BodyHTML: bodyHTML,
		Lead: v.Event.Summary == ""}
	if v.Track != nil {
		e.Track, e.TrackName, e.Colour = v.Track.Slug, v.Track.Name, v.Track.Colour
	}
	for _, t := range v.Tags {
		e.Tags = append(e.Tags, t.Slug)
		e.TagNames = append(e.TagNames, t.Name)
	}
	return e
}

// write adds every event's doc to the index, in time order, and writes it.
func (x *searchIndex) write(put func(string, []byte) error) error {
	// Each file written, not put: the index reuses its buffer for the
	// next (see search.NewIndex).
	idx := x.an.NewIndex(func(path string, data []byte) error {
		return x.r.writeFile(put, path, func(w *bufio.Writer) error {
			_, err := w.Write(data)
			return err
		})
	})
	for i, v := range x.r.events {
		var d *search.Doc
		if x.follow {
			x.ready[i].Wait()
			if x.errs[i] != nil {
				return x.errs[i] // its page reports it first
			}
			d, x.docs[i] = x.docs[i], nil
		} else {
			var err error
			if d, err = x.r.memo.searchDoc(x.r, x, v); err != nil {
				return err
			}
		}
		if err := idx.Add(d); err != nil {
			return err
		}
		if x.follow {
			d.Recycle() // made for this render alone, and added
		}
	}
	return idx.Finish()
}

// dateWords are the words besides its date as shown ("18 March 2014")
// that find an event's time: its date in ISO form ("2014-03",
// "2014-03-18"), and for a span that ends, every year it runs through
// (up to a century), so that "1942" finds a war of 1939 to 1945.
func dateWords(e *timeline.Event) []string {
	d := e.Date
	if d.Year < 1 {
		return nil
	}
	var out []string
	if d.Precision >= timeline.PrecisionMonth {
		ym := strconv.Itoa(d.Year) + "-" + twoDigit(int(d.Month))
		out = append(out, ym)
		if d.Precision >= timeline.PrecisionDay {
			out = append(out, ym+"-"+twoDigit(int(d.Day)))
		}
	}
	if !e.End.IsZero() {
		for y := d.Year + 1; y <= e.End.Year && y <= d.Year+100; y++ {
			out = append(out, strconv.Itoa(y))
		}
	}
	return out
}

func twoDigit(n int) string { return string(timeline.AppendPadded(nil, n, 2)) }
