package timeline

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// multilingual is a site.toml in en with an era, and uk and ar.
const multilingual = `title = "Test"
language = "en"
[[eras]]
title = "Spring"
date = "2014-02"
end = "2014-04"
[languages.uk]
title = "Тест"
[[languages.uk.eras]]
title = "Весна"
[languages.ar]
title = "اختبار"
`

func withConfig(config string, files ...string) fstest.MapFS {
	fsys := site(files...)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(config)}
	return fsys
}

func TestLoadLanguages(t *testing.T) {
	fsys := withConfig("untranslated = \"default\"\n"+multilingual,
		"content/_index.md", "Intro.\n",
		"content/about.md", "+++\ntitle = \"About\"\n+++\n",
		"content/about.uk.md", "+++\ntitle = \"Про сайт\"\n+++\n",
		"content/events/a.md", event("title = \"A\"\ndate = \"2014-03\"\n"),
		"content/events/a.uk.md", event("title = \"А\"\ndate = \"2014-03\"\n"),
		"content/events/b/index.md", event("title = \"B\"\ndate = \"2015\"\nimage = \"map.svg\"\nimage_alt = \"\"\n"),
		"content/events/b/index.ar.md", event("title = \"ب\"\ndate = \"2015\"\nimage = \"map.svg\"\nimage_alt = \"\"\n"),
		"content/events/b/map.svg", "<svg/>",
		"content/events/c.md", event("title = \"C\"\ndate = \"2016\"\n"),
	)
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Translations) != 2 || s.Translations[0].Config.Language != "uk" || s.Translations[1].Config.Language != "ar" {
		t.Fatalf("translations: %+v", s.Translations)
	}
	titles := func(s *Site) string {
		var out []string
		for _, e := range s.Events {
			out = append(out, e.Slug+"="+e.Title+"/"+e.Lang)
		}
		return strings.Join(out, " ")
	}
	uk, ar := s.Translations[0], s.Translations[1]
	for _, c := range []struct {
		site *Site
		want string
	}{
		{s, "a=A/ b=B/ c=C/"},
		{uk, "a=А/ b=B/en c=C/en"},
		{ar, "a=A/en b=ب/ c=C/en"},
	} {
		if got := titles(c.site); got != c.want {
			t.Errorf("%s: events %s, want %s", c.site.Config.Language, got, c.want)
		}
	}
	if uk.Config.Title != "Тест" || uk.Config.Eras[0].Title != "Весна" || uk.Config.Eras[0].Date != s.Config.Eras[0].Date ||
		ar.Config.Eras[0].Title != "Spring" {
		t.Errorf("uk config: %+v; ar eras %+v", uk.Config, ar.Config.Eras)
	}
	if len(uk.Pages) != 1 || uk.Pages[0].Title != "Про сайт" || uk.Pages[0].Lang != "" || ar.Pages[0].Lang != "en" || ar.Intro.Lang != "en" {
		t.Errorf("pages: uk %+v, ar %+v", uk.Pages, ar.Pages)
	}
	// The Arabic bundle shares the bundle's image.
	var b *Event
	for _, e := range ar.Events {
		if e.Slug == "b" {
			b = e
		}
	}
	if r := ar.Resource(b, "map.svg"); r == nil || r.File != "content/events/b/map.svg" {
		t.Errorf("ar bundle's resource = %+v", r)
	}
	if got := ar.SourceFile(b.File); got != "content/events/b/index.ar.md" {
		t.Errorf("SourceFile = %q", got)
	}
	body, err := ar.Body(b)
	if err != nil || string(body) != "\nBody text.\n" {
		t.Errorf("body = %q, %v", body, err)
	}

	// Left out by default.
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(multilingual)}
	s, err = Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(s.Translations[0]); got != "a=А/" {
		t.Errorf("uk with untranslated omitted: %s", got)
	}
	if s.Translations[1].Intro != nil || len(s.Translations[1].Pages) != 0 {
		t.Errorf("ar has the English intro or pages")
	}
}

func TestLanguageErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		files  []string
		want   []string // error lines, in order, and their help
	}{
		{"unknown key", multilingual + "[languages.de]\ntitel = \"x\"\n", nil,
			[]string{`site.toml:14: unknown key "titel" in [languages.de] (did you mean "title"?)`}},
		{"eras count", multilingual + "[[languages.ar.eras]]\ntitle = \"a\"\n[[languages.ar.eras]]\ntitle = \"b\"\n", nil,
			[]string{`site.toml:13: 2 eras in [languages.ar], but the site has 1`}},
		{"dates in a translated era", strings.Replace(multilingual, "title = \"Весна\"\n", "title = \"Весна\"\ndate = \"2014\"\n", 1), nil,
			[]string{`site.toml:11: date in [[languages.uk.eras]]: an era's dates are the site's`}},
		{"the default language", multilingual + "[languages.en]\ntitle = \"x\"\n", nil,
			[]string{`site.toml:13: [languages.en] is the site's default language (language = "en")`}},
		{"not a table", strings.Replace(multilingual, "[languages.ar]\n", "[languages]\nde = \"German\"\n[languages.ar]\n", 1), nil,
			[]string{`site.toml:12: languages.de: expected a table [languages.de] with the language's title, got a string "German"`}},
		{"not a language tag", multilingual + "[languages.\"../x\"]\ntitle = \"x\"\n", nil,
			[]string{`site.toml:13: [languages.../x]: "../x" is not a language tag`}},
		{"untranslated", "untranslated = \"english\"\n" + multilingual, nil,
			[]string{`site.toml:1: untranslated = "english" must be "omit"`}},
		{"a file in another language", multilingual, []string{"content/events/a.ru.md", event("title = \"x\"\ndate = \"2014\"\n")},
			[]string{`content/events/a.ru.md: language "ru" is not one of the site's: en, uk, ar`,
				"\tto add the language, give site.toml a [languages.ru] table with its title"}},
		{"a slip of a language", multilingual, []string{"content/about.ua.md", "+++\ntitle = \"x\"\n+++\n"},
			[]string{`content/about.ua.md: language "ua" is not one of the site's: en, uk, ar`, "\tdid you mean \"uk\"?"}},
		{"a translation in a site of one language", "title = \"x\"\n", []string{"content/events/a.de.md", event("title = \"x\"\ndate = \"2014\"\n")},
			[]string{`content/events/a.de.md: language "de" is not one of the site's: en`, "\tto add the language"}},
		{"both default files", multilingual, []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n"),
			"content/events/a.en.md", event("title = \"x\"\ndate = \"2014\"\n")},
			[]string{`content/events/a.md: a.en.md is the en version of a too`}},
		{"a page in a language's folder", multilingual, []string{"content/uk/x.md", "+++\ntitle = \"x\"\n+++\n"},
			[]string{`content/uk/x.md:1: page path /uk/x/ is taken by the pages in "uk"`}},
		{"an error in a translation", multilingual, []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n"),
			"content/events/a.uk.md", event("title = \"x\"\ndate = \"2014-13\"\n")},
			[]string{`content/events/a.uk.md:3: date "2014-13": month 13 out of range`}},
		{"an error shown in every language, once", "untranslated = \"default\"\n" + multilingual,
			[]string{"content/events/a.md", event("title = \"x\"\ndate = \"2014-13\"\n")},
			[]string{`content/events/a.md:3: date "2014-13": month 13 out of range`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(withConfig(tt.config, tt.files...), Options{})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.File+prefixLine(e)+": "+e.Msg)
				if e.Help != "" {
					got = append(got, "\t"+e.Help)
				}
			}
			for i, w := range tt.want {
				if i >= len(got) || !strings.HasPrefix(got[i], w) {
					t.Fatalf("errors:\n%s\nwant, in order, lines starting:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			}
		})
	}
}

func TestLanguageSuffix(t *testing.T) {
	names := []string{"en", "uk", "fil"}
	for _, c := range []struct{ name, stem, lang string }{
		{"crimea.md", "crimea", ""},
		{"crimea.uk.md", "crimea", "uk"},
		{"index.fil.md", "index", "fil"},
		{"crimea.pt-BR.md", "crimea", "pt-BR"},
		{"crimea.ua.md", "crimea", "ua"}, // a slip of uk, reported
		{"notes.old.md", "notes.old", ""},
		{"v1.2.md", "v1.2", ""},
		{".uk.md", ".uk", ""},
	} {
		stem, lang := languageSuffix(c.name, names)
		if stem != c.stem || lang != c.lang {
			t.Errorf("languageSuffix(%q) = %q, %q; want %q, %q", c.name, stem, lang, c.stem, c.lang)
		}
	}
}

// TestCacheStrayLanguage: the preview's cache reports a translation in a
// site of one language as Load does.
func TestCacheStrayLanguage(t *testing.T) {
	fsys := site("content/events/a.md", event("title = \"A\"\ndate = \"2014\"\n"),
		"content/events/a.de.md", event("title = \"A\"\ndate = \"2014\"\n"))
	_, want := Load(fsys, Options{})
	_, got := NewCache(fsys, Options{}).Load(nil)
	if want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("cache: %v\nload: %v", got, want)
	}
}
