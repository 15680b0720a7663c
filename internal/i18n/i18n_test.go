package i18n

import (
	"encoding/json"
	"strings"
	"testing"
)

// Plural forms per language, by CLDR's rules.
func TestPlural(t *testing.T) {
	counts := []int{0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 12345}
	want := map[string][]string{
		"en": {"0 events", "1 event", "2 events", "3 events", "5 events", "11 events", "21 events", "22 events", "25 events", "101 events", "12\u202f345 events"},
		"uk": {"0 подій", "1 подія", "2 події", "3 події", "5 подій", "11 подій", "21 подія", "22 події", "25 подій", "101 подія", "12\u00a0345 подій"},
		"ru": {"0 событий", "1 событие", "2 события", "3 события", "5 событий", "11 событий", "21 событие", "22 события", "25 событий", "101 событие", "12\u00a0345 событий"},
		"pl": {"0 wydarzeń", "1 wydarzenie", "2 wydarzenia", "3 wydarzenia", "5 wydarzeń", "11 wydarzeń", "21 wydarzeń", "22 wydarzenia", "25 wydarzeń", "101 wydarzeń", "12\u00a0345 wydarzeń"},
		"de": {"0 Ereignisse", "1 Ereignis", "2 Ereignisse", "3 Ereignisse", "5 Ereignisse", "11 Ereignisse", "21 Ereignisse", "22 Ereignisse", "25 Ereignisse", "101 Ereignisse", "12.345 Ereignisse"},
		"fr": {"0 événement", "1 événement", "2 événements", "3 événements", "5 événements", "11 événements", "21 événements", "22 événements", "25 événements", "101 événements", "12\u202f345 événements"},
		"es": {"0 acontecimientos", "1 acontecimiento", "2 acontecimientos", "3 acontecimientos", "5 acontecimientos", "11 acontecimientos", "21 acontecimientos", "22 acontecimientos", "25 acontecimientos", "101 acontecimientos", "12.345 acontecimientos"},
		"ar": {"لا أحداث", "حدث واحد", "حدثان", "3 أحداث", "5 أحداث", "11 حدثًا", "21 حدثًا", "22 حدثًا", "25 حدثًا", "101 حدث", "12,345 حدثًا"},
	}
	for lang, ws := range want {
		l, err := New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range counts {
			if got := l.N("events", n); got != ws[i] {
				t.Errorf("%s: %d = %q, want %q", lang, n, got, ws[i])
			}
		}
	}
}

// Every shipped language has every key of the English file.
func TestComplete(t *testing.T) {
	for _, lang := range Languages() {
		if m := Missing(lang); len(m) > 0 {
			t.Errorf("%s lacks %s", lang, strings.Join(m, ", "))
		}
	}
	if len(Languages()) < 8 {
		t.Errorf("ships %v", Languages())
	}
}

// A site's own file overrides a key; a key it lacks comes from English
// with one warning naming it.
func TestOverrideAndFallback(t *testing.T) {
	var warnings []string
	l, err := New("uk", []byte("timeline = \"Літопис\"\n"), "i18n/uk.toml")
	if err != nil {
		t.Fatal(err)
	}
	l.Warning = func(s string) { warnings = append(warnings, s) }
	if got := l.T("timeline"); got != "Літопис" {
		t.Errorf("override: %q", got)
	}
	if got := l.T("tags"); got != "Теги" {
		t.Errorf("shipped: %q", got)
	}
	delete(l.msgs, "tags") // as a translation that lacks it
	delete(l.texts, "tags")
	for range 3 {
		if got := l.T("tags"); got != "Tags" {
			t.Errorf("fallback: %q", got)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"tags"`) {
		t.Errorf("warnings = %q, want one naming the key", warnings)
	}
}

func TestUnknownLanguage(t *testing.T) {
	for lang, suggestion := range map[string]string{"uk-UA": "", "ukr": "", "deu": "", "en-GB": "", "ua": "uk", "russian": "ru", "xx": ""} {
		_, err := New(lang, nil, "")
		switch lang {
		case "uk-UA", "en-GB", "ukr", "deu": // ISO 639-2 codes are the same languages
			if err != nil {
				t.Errorf("%s: %v", lang, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: err = %v, want *Error", lang, err)
			continue
		}
		if e.Suggestion != suggestion {
			t.Errorf("%s: suggestion %q, want %q", lang, e.Suggestion, suggestion)
		}
		if !strings.Contains(e.Help(), "uk") {
			t.Errorf("help %q lists no languages", e.Help())
		}
	}
}

func TestDir(t *testing.T) {
	for lang, dir := range map[string]string{"ar": "rtl", "uk": "ltr", "en": "ltr"} {
		l, err := New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if l.Dir != dir {
			t.Errorf("%s: dir %q", lang, l.Dir)
		}
	}
}

// The search box's strings go to the script as JSON, a counted one as its
// table of plural forms; English is the script's default and gives none.
func TestSearchScript(t *testing.T) {
	en, err := New("en", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if s := en.SearchScript(); s != "" {
		t.Errorf("English: %s, want none", s)
	}
	uk, err := New("uk-UA", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Lang  string            `json:"lang"`
		Label string            `json:"search_label"`
		Found map[string]string `json:"search_found"`
		None  string            `json:"search_none"`
	}
	if err := json.Unmarshal([]byte(uk.SearchScript()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Lang != "uk-UA" || got.Label != "Шукати події" || got.None != "Жодна подія не відповідає запиту «{q}»" {
		t.Errorf("Ukrainian: %+v", got)
	}
	for _, form := range []string{"one", "few", "many", "other"} {
		if !strings.Contains(got.Found[form], "{n}") || !strings.Contains(got.Found[form], "«{q}»") {
			t.Errorf("Ukrainian search_found[%s] = %q", form, got.Found[form])
		}
	}
	if len(got.Found) != 4 || got.Found["few"] != "{n} події відповідають запиту «{q}»" {
		t.Errorf("Ukrainian search_found: %v", got.Found)
	}
}

// BenchmarkT looks up the labels a page shows, as its template does.
func BenchmarkT(b *testing.B) {
	l, err := New("en", nil, "")
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"skip", "site_nav", "timeline", "tracks", "tags", "years", "track_prefix", "tag_prefix", "previous", "in_timeline"}
	for b.Loop() {
		for _, k := range keys {
			_ = l.T(k)
		}
	}
}
