package i18n

import "testing"

// FuzzAppendFill: filling in one pass makes what fill makes, name
// after name, whatever the text and the values.
func FuzzAppendFill(f *testing.F) {
	for _, s := range [][4]string{
		{"{title} ({date}), from {site}", "A & B", "5 May 2020", "Site"},
		{"{title} {title} {nope} {} {site", "x", "y", "z"},
		{"{d{title}e}", "at", "1", "s"},
		{"{title}", "{date}", "d", "s"},
		{"}{title}{", "a", "b", "c"},
		{"plain", "a", "b", "c"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, s, title, date, site string) {
		args := []string{"title", title, "date", date, "site", site, "title", "again"}
		want := fill(s, args)
		if got := string(appendFill([]byte("x"), s, args)); got != "x"+want {
			t.Errorf("appendFill(%q) = %q, want %q", s, got, "x"+want)
		}
	})
}

func TestAppendT(t *testing.T) {
	l, err := New("de", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"title", "Titel", "date", "5. Mai 2020", "site", "Seite"}
	if got, want := string(l.AppendT(nil, "embed_event_title", args...)), l.T("embed_event_title", args...); got != want || got == "" {
		t.Errorf("AppendT: %q, T: %q", got, want)
	}
}
