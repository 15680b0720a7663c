package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// contextSVGTemplate is the small axis as event.html wrote it before
// contextAxis.SVG: the markup and escaping SVG must give byte for byte.
const contextSVGTemplate = `<svg width="100%" height="80" role="group" aria-labelledby="context-cap">
{{range .Ax.Segments}}<line x1="{{.X1}}" x2="{{.X2}}" y1="40" y2="40"{{if .Folded}} class="folded"{{end}}/>
{{end}}{{range .Ax.Dots}}{{if .Current}}<circle class="cur" cx="{{.X}}" cy="40" r="8"/>
{{else}}<a href="{{$.Root}}{{.Event.URL}}"{{with .Event.Track}} class="track-{{.Colour}}"{{end}}><title>{{.Event.Title}}, {{.Event.DateText}}</title><circle cx="{{.X}}" cy="40" r="{{if .Event.Featured}}6.5{{else}}5{{end}}"/></a>
{{end}}<text x="{{.X}}" y="{{if .Above}}22{{else}}68{{end}}" text-anchor="{{.Anchor}}"{{if or .Current (not .Near)}} class="{{if .Current}}cur{{else}}far{{end}}"{{end}}>{{.Label}}</text>
{{end}}</svg>`

// TestContextSVGMatchesTemplate: SVG writes what html/template wrote,
// hostile titles, labels and non-ASCII slugs included.
func TestContextSVGMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("svg").Parse(contextSVGTemplate))
	ev := func(url, title, date string, featured bool, track *termView) *eventView {
		return &eventView{Event: &timeline.Event{Featured: featured, Title: title}, URL: url, DateText: date, Track: track}
	}
	track := &termView{Colour: 3}
	ax := &contextAxis{
		sep:      ", ",
		Segments: []contextSegment{{X1: "3%", X2: "40.5%", Folded: true}, {X1: "40.5%", X2: "97%"}},
		Dots: []contextDot{
			{X: "3%", Event: ev("events/niinistö/", `<script>alert("x")</script> & 'y' + z`, "c. 1 January 2022", true, track), Label: `Jan "22" <b>`, Above: true, Anchor: "start"},
			{X: "40.5%", Event: ev("events/a b?c=d&e/", "Plain", "2014", false, nil), Label: "2014", Current: true, Near: true, Anchor: "middle"},
			{X: "97%", Event: ev("events/x%20y/", "Ж’s", "18 березня 2014", false, track), Label: "18 бер", Near: true, Anchor: "end"},
		},
	}
	for _, root := range []string{"../../", "./", "/sub path/"} {
		var want strings.Builder
		if err := tmpl.Execute(&want, map[string]any{"Ax": ax, "Root": root}); err != nil {
			t.Fatal(err)
		}
		if got := string(ax.SVG(root)); got != want.String() {
			t.Errorf("root %q:\n got %s\nwant %s", root, got, want.String())
		}
	}
}
