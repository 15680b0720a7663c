package timeline

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadErasFeaturedOrder(t *testing.T) {
	fsys := site("content/events/a.md", event("title = \"A\"\ndate = \"2014-03\"\nfeatured = true\n"),
		"content/events/b.md", event("title = \"B\"\ndate = \"2021\"\n"))
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(`title = "T"

[home]
order = "newest"

[[eras]]
title = "Annexation"
date = "2014-02-27"
end = "2014-03-18"
summary = "Crimea"

[[eras]]
title = "Winter crisis"
date = "2021-10"
end = "present"
`)}
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Config.Home.Newest {
		t.Error("order = \"newest\" not read")
	}
	if len(s.Config.Eras) != 2 {
		t.Fatalf("got %d eras, want 2", len(s.Config.Eras))
	}
	a, w := s.Config.Eras[0], s.Config.Eras[1]
	if a.Title != "Annexation" || a.Summary != "Crimea" || a.Date.ISO() != "2014-02-27" || a.End.ISO() != "2014-03-18" || a.Ongoing {
		t.Errorf("first era = %+v", a)
	}
	if w.Title != "Winter crisis" || !w.Ongoing || !w.End.IsZero() {
		t.Errorf("second era = %+v", w)
	}
	var featured []string
	for _, e := range s.Events {
		if e.Featured {
			featured = append(featured, e.Title)
		}
	}
	if strings.Join(featured, ",") != "A" {
		t.Errorf("featured events = %v, want [A]", featured)
	}
	// March 2014 overlaps the era's last days: it belongs to it.
	if !a.Contains(s.Events[0].Date) || a.Contains(s.Events[1].Date) || !w.Contains(s.Events[1].Date) {
		t.Error("Era.Contains places the events wrongly")
	}
}

func TestLoadEraErrors(t *testing.T) {
	tests := []struct {
		name, toml string
		want       []string
	}{
		{"no title, date or end", "title = \"T\"\n[[eras]]\nsummary = \"x\"\n",
			[]string{"site.toml:2: an era needs a date", "site.toml:2: an era needs a title", "site.toml:2: an era needs an end"}},
		{"bad date", "title = \"T\"\n[[eras]]\ntitle = \"E\"\ndate = \"2014-13\"\nend = \"2015\"\n",
			[]string{`site.toml:4: date "2014-13": month 13 out of range`}},
		{"end before start", "title = \"T\"\n[[eras]]\ntitle = \"E\"\ndate = \"2014\"\nend = \"2013\"\n",
			[]string{"site.toml:5: era end 2013 is before its start 2014"}},
		{"unknown key", "title = \"T\"\n[[eras]]\ntitle = \"E\"\ndate = \"2014\"\nend = \"2015\"\nsumary = \"x\"\n",
			[]string{`site.toml:6: unknown key "sumary" in [[eras]] (did you mean "summary"?)`}},
		{"eras not tables", "title = \"T\"\neras = \"x\"\n",
			[]string{`site.toml:2: eras: expected [[eras]] tables`}},
		{"bad order", "title = \"T\"\n[home]\norder = \"random\"\n",
			[]string{`site.toml:3: home: order "random" must be "oldest" or "newest"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site()
			fsys["site.toml"] = &fstest.MapFile{Data: []byte(tt.toml)}
			_, err := Load(fsys, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(strings.TrimSpace(err.Error()), "\n")
			var lines []string
			for _, l := range got {
				if !strings.HasPrefix(l, "\t") {
					lines = append(lines, l)
				}
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("error %d = %q, want prefix %q", i, lines[i], w)
				}
			}
		})
	}
}
