package render

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// iso8601 is the forms of ISO 8601 that schema.org's Date and DateTime
// take: a calendar date at year, month or day precision, or a date and
// time with optional seconds and zone. No "~", no sign, no fifth digit.
var iso8601 = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?)?)?$`)

// TestJSONLDDates checks every date in the JSON-LD of every event page
// of a site with every kind of date (circa, BC, zones, spans, sources
// with dates) against the ISO 8601 forms schema.org accepts.
func TestJSONLDDates(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{Now: exportNow})
	dates := 0
	for path, b := range out.Files {
		// Event pages only: events/SLUG/index.html, not their embeds.
		if !strings.HasPrefix(path, "events/") || strings.Count(path, "/") != 2 || !strings.HasSuffix(path, ".html") {
			continue
		}
		ld := jsonLDOf(t, path, b)
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					walk(k, x)
				}
			case []any:
				for _, x := range v {
					walk(key, x)
				}
			case string:
				if strings.HasSuffix(strings.ToLower(key), "date") || key == "datePublished" {
					dates++
					if !iso8601.MatchString(v) {
						t.Errorf("%s: %s %q is not an ISO 8601 date schema.org accepts", path, key, v)
					}
				}
			}
		}
		walk("", ld)
	}
	if dates < 10 {
		t.Errorf("only %d dates seen: the test site lost its events?", dates)
	}
}

// TestJSONLDCitation checks that an event's sources are the citations of
// its page, and that an approximate date says so in the description.
func TestJSONLDCitation(t *testing.T) {
	_, out := renderSite(t, exportSite, Options{Now: exportNow})
	ld := jsonLDOf(t, "month", out.Files["events/month/index.html"])
	page, _ := ld["subjectOf"].(map[string]any)
	if page["@type"] != "WebPage" || page["url"] != "https://example.org/tl/events/month/" {
		t.Fatalf("subjectOf = %v", ld["subjectOf"])
	}
	cites, _ := page["citation"].([]any)
	if len(cites) != 3 {
		t.Fatalf("citation = %v, want the 3 sources", page["citation"])
	}
	got, _ := json.Marshal(cites[0])
	want := `{"@type":"CreativeWork","archivedAt":"https://web.archive.org/web/20140320/https://example.com/a?b=1\u0026c=2","datePublished":"2014-03","name":"A source with a URL","publisher":{"@type":"Organization","name":"Example \u0026 Co"},"url":"https://example.com/a?b=1\u0026c=2"}`
	if string(got) != want {
		t.Errorf("first citation\n got %s\nwant %s", got, want)
	}
	if c, _ := cites[1].(map[string]any); c["url"] != "https://example.org/tl/about/" {
		t.Errorf("a site-path source's url = %v, want it absolute", c["url"])
	}

	year := jsonLDOf(t, "year", out.Files["events/year/index.html"])
	if year["startDate"] != "1990" || !strings.Contains(year["description"].(string), "approximate: c. 1990") {
		t.Errorf("circa event: startDate %v, description %q", year["startDate"], year["description"])
	}
}

func jsonLDOf(t *testing.T, path string, b []byte) map[string]any {
	t.Helper()
	_, after, ok := strings.Cut(string(b), `<script type="application/ld+json">`)
	if !ok {
		t.Fatalf("%s: no JSON-LD", path)
	}
	text, _, _ := strings.Cut(after, "</script>")
	var ld map[string]any
	if err := json.Unmarshal([]byte(text), &ld); err != nil {
		t.Fatalf("%s: JSON-LD: %v\n%s", path, err, text)
	}
	return ld
}

// TestJSONLDLikeMarshal holds jsonldJS's own writing to json.Marshal's,
// on the pages of generated events (the golden sites have the rest) and
// on values with
// every field empty, set, and set to what JSON and HTML escape.
func TestJSONLDLikeMarshal(t *testing.T) {
	odd := "a<b>&\"c\\ \u2028 \xff é\n"
	lds := []*jsonLD{
		{},
		{Context: "https://schema.org", Type: "Event", Name: odd},
		{Context: odd, Type: odd, Description: odd, EndDate: odd, Image: odd, Location: &jsonLDPlace{Type: odd, Name: odd},
			Name: odd, StartDate: odd, URL: odd, SubjectOf: &jsonLDWork{Type: odd, ArchivedAt: odd, DatePublished: odd, Name: odd,
				Publisher: &jsonLDPlace{}, URL: odd, Citation: []jsonLDWork{{}, {Type: odd, Citation: []jsonLDWork{{Name: odd}}}}}},
		{SubjectOf: &jsonLDWork{Citation: []jsonLDWork{}}},
	}
	_, r := benchRenderer(t, 50)
	for _, v := range r.events {
		p := r.newPage("event", v.URL, v.Title, v.Summary)
		p.Event = v
		p.Canonical = "https://example.org/" + v.URL
		lds = append(lds, p.JSONLD())
	}
	for _, ld := range lds {
		got, err := jsonldJS(ld)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(ld)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("jsonldJS:\n%s\njson.Marshal:\n%s", got, want)
		}
	}
}
