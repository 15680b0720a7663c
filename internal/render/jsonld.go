package render

import "strings"

// JSONLD describes an event page for search engines (schema.org). Its
// fields are in the order of their names, as a map's would be: the
// output is the same, and a struct marshals several times faster.
//
// Dates are ISO 8601 as schema.org reads them ("2021-12", "2021-12-30",
// "2021-12-30T15:35-05:00"): an approximate date is written plain, and
// the description says it is approximate, since "~" is timeline's own
// notation. A year HTML and ISO 8601 cannot write without an agreement
// (before 1, after 9999) is left out. The sources are the citations of
// the page about the event (subjectOf): schema.org gives citation to a
// creative work, not to an event.
func (p *page) JSONLD() *jsonLD {
	// Small enough to be inlined: the generated writer's ld, which it
	// writes at once, is then on its stack (see writeJSONLD).
	ld := new(jsonLD)
	p.describe(ld)
	return ld
}

// describe fills ld in for the page's event.
func (p *page) describe(ld *jsonLD) {
	e := p.Event
	// schema.org takes ISO 8601 dates, which <time datetime> values are;
	// a date they cannot hold (before year 1, deep time) is left out.
	*ld = jsonLD{Context: "https://schema.org", Type: "Event", Name: e.Title,
		Description: e.Summary, URL: p.Canonical, Image: p.AbsURL(e.Image)}
	ld.StartDate, _ = e.Date.Datetime()
	if !e.End.IsZero() {
		ld.EndDate, _ = e.End.Datetime()
	}
	if e.Date.Circa || e.End.Circa {
		ld.Description = strings.TrimSpace(ld.Description + " The date is approximate: " + e.DateText + ".")
	}
	if e.Place != "" {
		ld.Location = &jsonLDPlace{Type: "Place", Name: e.Place}
	}
	if len(e.Event.Sources) > 0 {
		w := &jsonLDWork{Type: "WebPage", URL: p.Canonical, Citation: make([]jsonLDWork, 0, len(e.Event.Sources))}
		for _, s := range e.Event.Sources {
			c := jsonLDWork{Type: "CreativeWork", Name: s.Title, URL: p.AbsURL(s.URL), ArchivedAt: s.Archive}
			c.DatePublished, _ = s.Date.Datetime()
			if s.Publisher != "" {
				c.Publisher = &jsonLDPlace{Type: "Organization", Name: s.Publisher}
			}
			w.Citation = append(w.Citation, c)
		}
		ld.SubjectOf = w
	}
}

type jsonLD struct {
	Context     string       `json:"@context"`
	Type        string       `json:"@type"`
	Description string       `json:"description,omitempty"`
	EndDate     string       `json:"endDate,omitempty"`
	Image       string       `json:"image,omitempty"`
	Location    *jsonLDPlace `json:"location,omitempty"`
	Name        string       `json:"name"`
	StartDate   string       `json:"startDate,omitempty"`
	SubjectOf   *jsonLDWork  `json:"subjectOf,omitempty"`
	URL         string       `json:"url,omitempty"`
}

// jsonLDPlace is a named thing: a Place, or an Organization.
type jsonLDPlace struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// jsonLDWork is the event's page, or a work it cites.
type jsonLDWork struct {
	Type          string       `json:"@type"`
	ArchivedAt    string       `json:"archivedAt,omitempty"`
	Citation      []jsonLDWork `json:"citation,omitempty"`
	DatePublished string       `json:"datePublished,omitempty"`
	Name          string       `json:"name,omitempty"`
	Publisher     *jsonLDPlace `json:"publisher,omitempty"`
	URL           string       `json:"url,omitempty"`
}
