package timeline

import (
	"errors"
	"maps"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// site makes a site from pairs of path and contents, with a site.toml
// unless one is given.
func site(files ...string) fstest.MapFS {
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"Test\"\n")}}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return fsys
}

func event(front string) string { return "+++\n" + front + "+++\n\nBody text.\n" }

func TestLoadEvent(t *testing.T) {
	fsys := site("content/events/2014/Crimea Seized.md", event(`title = "Russia seizes Crimea"
date = "2014-03"
end = 2014-03-18
track = "Military"
tags = ["Crimea", "annexation", "crimea"]
place = "Crimea"
circa = true
weight = 2
image = "https://example.org/a.jpg"
image_alt = "A map"
image_credit = "Photo: someone"

[[sources]]
title = "An article"
url = "https://example.org/article"
publisher = "Example News"
date = "~2014-03"
archive = "https://web.archive.org/web/20140320/https://example.org/article"
accessed = 2022-01-03

[[sources]]
title = "A book"
`))
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 1 {
		t.Fatalf("got %d events", len(s.Events))
	}
	e := s.Events[0]
	if e.Slug != "crimea-seized" {
		t.Errorf("slug = %q, want crimea-seized (from the file name)", e.Slug)
	}
	if e.Date.ISO() != "~2014-03" || e.End.ISO() != "2014-03-18" {
		t.Errorf("dates = %s, %s", e.Date.ISO(), e.End.ISO())
	}
	if e.DateText() != "c. March 2014 – 18 March 2014" {
		t.Errorf("DateText = %q", e.DateText())
	}
	if strings.Join(e.Tags, ",") != "Crimea,annexation" {
		t.Errorf("tags = %q: duplicates differing in case should go", e.Tags)
	}
	if len(e.Sources) != 2 || e.Sources[1].URL != "" || e.Sources[0].URL != "https://example.org/article" {
		t.Errorf("sources = %+v", e.Sources)
	}
	if s := e.Sources[0]; s.Publisher != "Example News" || s.Date.ISO() != "~2014-03" || s.Accessed.ISO() != "2022-01-03" ||
		s.Archive != "https://web.archive.org/web/20140320/https://example.org/article" {
		t.Errorf("source fields = %+v", s)
	}
	if e.Weight != 2 || e.Credit != "Photo: someone" || e.ImageAlt != "A map" || e.Place != "Crimea" {
		t.Errorf("event = %+v", e)
	}
	if string(e.Body) != "\nBody text.\n" || e.BodyLine != 25 {
		t.Errorf("body = %q at line %d", e.Body, e.BodyLine)
	}
	if len(s.Tags) != 2 || s.Tags[1].Slug != "crimea" || s.Tags[1].Name != "Crimea" {
		t.Errorf("site tags = %+v", s.Tags)
	}
	if len(s.Tracks) != 1 || len(s.Years) != 1 || s.Years[0].Slug != "2014" {
		t.Errorf("tracks %+v years %+v", s.Tracks, s.Years)
	}
}

// TestLoadErrors checks that each bad input gives its error at its line,
// and that all of a site's errors come back together, sorted.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string // error lines, in order
	}{
		{"no site.toml", nil, []string{"site.toml: no site.toml: this folder is not a timeline site"}},
		{"missing front matter", []string{"content/events/a.md", "Just text.\n"},
			[]string{"content/events/a.md:1: missing front matter"}},
		{"YAML front matter", []string{"content/events/a.md", "---\ntitle: x\n---\n"},
			[]string{"content/events/a.md:1: front matter between --- lines (YAML) is not supported"}},
		{"unclosed front matter", []string{"content/events/a.md", "+++\ntitle = \"x\"\n"},
			[]string{"content/events/a.md:1: front matter opened with +++ is never closed"}},
		{"TOML syntax", []string{"content/events/a.md", "+++\ntitle = \"x\"\ndate = \"2014\n+++\n"},
			[]string{"content/events/a.md:3: TOML: "}},
		{"TOML duplicate key", []string{"content/events/a.md", "+++\ntitle = \"x\"\ndate = \"2014\"\ntitle = \"y\"\n+++\n"},
			[]string{"content/events/a.md:4: TOML: "}},
		{"missing title and date", []string{"content/events/a.md", event("place = \"x\"\n")},
			[]string{"content/events/a.md:1: date is required", "content/events/a.md:1: title is required"}},
		{"bad date", []string{"content/events/a.md", event("title = \"x\"\n\ndate = \"2014-13\"\n")},
			[]string{`content/events/a.md:4: date "2014-13": month 13 out of range`}},
		{"date of wrong type", []string{"content/events/a.md", event("title = \"x\"\ndate = true\n")},
			[]string{`content/events/a.md:3: expected a date, got a boolean true`}},
		{"end before start", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014-03\"\nend = \"2014-02-28\"\n")},
			[]string{"content/events/a.md:4: end 2014-02-28 is before the start 2014-03"}},
		{"unknown key", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\ntagz = [\"a\"]\n")},
			[]string{`content/events/a.md:4: unknown key "tagz" (did you mean "tags"?)`}},
		{"unknown source key", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n[[sources]]\ntitle = \"a\"\n[[sources]]\ntitel = \"b\"\n")},
			[]string{"content/events/a.md:6: a source needs a title", `content/events/a.md:7: unknown key "titel" in [[sources]] (did you mean "title"?)`}},
		{"bad source fields", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n[[sources]]\ntitle = \"a\"\nurl = \"https://example.org/a\"\ndate = \"2021-13\"\narchive = \"web.archive.org/web/2022/https://example.org/a\"\naccessed = true\npublisher = 4\n[[sources]]\ntitle = \"b\"\narchive = \"https://web.archive.org/web/2022/b\"\n")},
			[]string{
				`content/events/a.md:7: date in [[sources]]: date "2021-13": month 13 out of range`,
				`content/events/a.md:8: source archive "web.archive.org/web/2022/https://example.org/a" must be an http(s) URL`,
				`content/events/a.md:9: accessed in [[sources]]: expected a date, got a boolean true`,
				`content/events/a.md:10: publisher: expected a string, got an integer 4`,
				`content/events/a.md:13: source archive without a url`,
			}},
		{"wrong types", []string{"content/events/a.md", event("title = 3\ndate = \"2014\"\ntags = \"one\"\ndraft = \"yes\"\n")},
			[]string{"content/events/a.md:2: title: expected a string, got an integer 3", `content/events/a.md:5: draft: expected true or false, got a string "yes"`}},
		{"bad source url", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n[[sources]]\nurl = \"javascript:alert(1)\"\n")},
			[]string{`content/events/a.md:5: source url "javascript:alert(1)" must start with http://, https:// or /`}},
		{"image without alt", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nimage = \"https://example.org/a.jpg\"\n")},
			[]string{"content/events/a.md:4: image needs image_alt"}},
		{"local image missing", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nimage = \"img/a.jpg\"\nimage_alt = \"a\"\n")},
			[]string{`content/events/a.md:4: image "img/a.jpg" not found: expected the file static/img/a.jpg`}},
		{"bad media", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nmedia = \"javascript:alert(1)\"\n")},
			[]string{`content/events/a.md:4: media "javascript:alert(1)" must be an http(s) URL, a spotify: URI`}},
		{"bad spotify URI", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nmedia = \"spotify:song:x\"\n")},
			[]string{`content/events/a.md:4: media "spotify:song:x" must be`}},
		{"local media missing", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\n\nmedia = \"/video/a.mp4\"\n")},
			[]string{`content/events/a.md:5: media "/video/a.mp4" not found: expected the file static/video/a.mp4`}},
		{"media caption without media", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nmedia_caption = \"c\"\nmedia_credit = \"d\"\n")},
			[]string{"content/events/a.md:4: media_caption without media", "content/events/a.md:5: media_credit without media"}},
		{"bundle file missing", []string{"content/events/crimea/index.md", event("title = \"x\"\ndate = \"2014\"\nimage = \"photo.jpg\"\nimage_alt = \"\"\n"),
			"content/events/crimea/other.jpg", "JPEG"},
			[]string{`content/events/crimea/index.md:4: image "photo.jpg" not found: expected the file content/events/crimea/photo.jpg or static/photo.jpg`}},
		{"Markdown inside a bundle", []string{"content/events/crimea/index.md", event("title = \"x\"\ndate = \"2014\"\n"),
			"content/events/crimea/notes.md", event("title = \"y\"\ndate = \"2014\"\n"),
			"content/events/crimea/more/index.md", event("title = \"z\"\ndate = \"2014\"\n")},
			[]string{"content/events/crimea/more/index.md: a Markdown file inside the page bundle content/events/crimea/",
				"content/events/crimea/notes.md: a Markdown file inside the page bundle content/events/crimea/"}},
		{"bundle file named index.html", []string{"content/events/crimea/index.md", event("title = \"x\"\ndate = \"2014\"\n"),
			"content/events/crimea/index.html", "<p>"},
			[]string{"content/events/crimea/index.html: a page bundle's file may not be called index.html"}},
		{"slug escaping", []string{"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nslug = \"../../etc\"\n")},
			[]string{`content/events/a.md:4: slug "../../etc" may only hold lowercase letters, digits, - and _`}},
		{"duplicate slugs", []string{
			"content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nslug = \"same\"\n"),
			"content/events/b/same.md", event("title = \"y\"\ndate = \"2015\"\n"),
		}, []string{
			`content/events/a.md:1: duplicate slug "same": content/events/b/same.md has it too`,
			`content/events/b/same.md:1: duplicate slug "same": content/events/a.md has it too`,
		}},
		{"file name without a slug", []string{"content/events/!!!.md", event("title = \"x\"\ndate = \"2014\"\n")},
			[]string{`content/events/!!!.md:1: cannot make a URL slug from the file name "!!!.md"`}},
		{"not Markdown", []string{"content/events/photo.jpg", "JPEG"},
			[]string{"content/events/photo.jpg: not a Markdown file"}},
		{"invalid UTF-8", []string{"content/events/a.md", "+++\ntitle = \"x\"\ndate = \"2014\"\n+++\n\nok\n\xff\xfe\n"},
			[]string{"content/events/a.md:7: not valid UTF-8 text"}},
		{"page without title", []string{"content/about.md", "+++\ndescription = \"x\"\n+++\n"},
			[]string{"content/about.md:1: title is required"}},
		{"page on a reserved path", []string{"content/tags.md", "+++\ntitle = \"Tags\"\n+++\n"},
			[]string{"content/tags.md:1: page path /tags/ is taken by the generator's own pages"}},
		{"broken site.toml", []string{"site.toml", "title = \"x\"\nbaseURL = \n"},
			[]string{"site.toml:2: TOML: "}},
		{"unknown site.toml key", []string{"site.toml", "title = \"x\"\nbase_url = \"https://x.org/\"\n[markdown]\nunsave = true\n"},
			[]string{`site.toml:2: unknown key "base_url" (did you mean "baseURL"?)`, `site.toml:4: unknown key "unsave" in [markdown] (did you mean "unsafe"?)`}},
		{"bad lists and timelinejs", []string{"site.toml", "title = \"x\"\n[lists]\nper_page = 0\nperpage = 3\n[timelinejs]\nmax_events = -1\n"},
			[]string{"site.toml:3: lists: per_page must be at least 1", `site.toml:4: unknown key "perpage" in [lists] (did you mean "per_page"?)`, "site.toml:6: timelinejs: max_events must be at least 1"}},
		{"bad baseURL", []string{"site.toml", "baseURL = \"example.org\"\n"},
			[]string{`site.toml:1: baseURL "example.org" must be an absolute http(s) URL`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site(tt.files...)
			if tt.name == "no site.toml" {
				delete(fsys, "site.toml")
			}
			s, err := Load(fsys, Options{})
			if err == nil {
				t.Fatalf("Load succeeded with %d events; want errors %q", len(s.Events), tt.want)
			}
			list, ok := err.(ErrorList)
			if !ok {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.File+prefixLine(e)+": "+e.Msg)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors:\n%s\nwant %d:\n%s", len(got), strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("error %d = %q\nwant prefix %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func prefixLine(e *Error) string {
	if e.Line == 0 {
		return ""
	}
	return ":" + strconv.Itoa(e.Line)
}

func TestLoadMedia(t *testing.T) {
	for _, media := range []string{"https://youtu.be/abc", "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "/video/a.mp4", "video/a.mp4",
		"> A quote.\n> On two lines.", "<blockquote>Words</blockquote>", "<BLOCKQUOTE class=x>Words</BLOCKQUOTE>"} {
		fsys := site("content/events/a.md", event("title = \"x\"\ndate = \"2014\"\nmedia = '''"+media+"'''\nmedia_caption = \"Cap\"\nmedia_credit = \"Cred\"\n"),
			"static/video/a.mp4", "MP4")
		s, err := Load(fsys, Options{})
		if err != nil {
			t.Fatalf("media %q: %v", media, err)
		}
		e := s.Events[0]
		if e.Media != media || e.MediaCaption != "Cap" || e.MediaCredit != "Cred" {
			t.Errorf("media %q: got %q, %q, %q", media, e.Media, e.MediaCaption, e.MediaCredit)
		}
		if want := strings.HasPrefix(media, ">") || strings.HasPrefix(strings.ToLower(media), "<blockquote"); IsQuote(media) != want {
			t.Errorf("IsQuote(%q) = %v", media, !want)
		}
	}
}

func TestLoadBundle(t *testing.T) {
	fsys := site(
		"content/events/crimea/index.md", event("title = \"Crimea\"\ndate = \"2014\"\nimage = \"photo.jpg\"\nimage_alt = \"A photo\"\nmedia = \"clips/clip.mp4\"\n"),
		"content/events/crimea/photo.jpg", "JPEG",
		"content/events/crimea/clips/clip.mp4", "MP4",
		"content/events/crimea/.DS_Store", "ignored",
		"content/events/draft/index.md", event("title = \"Draft\"\ndate = \"2015\"\ndraft = true\nimage = \"a.png\"\nimage_alt = \"\"\n"),
		"content/events/draft/a.png", "PNG",
		"content/events/plain.md", event("title = \"Plain\"\ndate = \"2016\"\nimage = \"img/b.png\"\nimage_alt = \"\"\n"),
		"static/img/b.png", "PNG",
		"static/photo.jpg", "another photo, not the bundle's",
	)
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 2 || s.Events[0].Slug != "crimea" || s.Events[0].Bundle != "content/events/crimea" || s.Events[1].Bundle != "" {
		t.Fatalf("events: %+v", s.Events)
	}
	var got []string
	for _, r := range s.Resources {
		got = append(got, r.File+" "+r.Name+" "+r.Output())
	}
	want := []string{
		"content/events/crimea/clips/clip.mp4 clips/clip.mp4 events/crimea/clips/clip.mp4",
		"content/events/crimea/photo.jpg photo.jpg events/crimea/photo.jpg",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	e := s.Events[0]
	for _, link := range []string{"photo.jpg", "./photo.jpg", "photo.jpg?v=2#x", "clips/../photo.jpg"} {
		if r := s.Resource(e, link); r == nil || r.File != "content/events/crimea/photo.jpg" {
			t.Errorf("Resource(%q) = %v", link, r)
		}
	}
	for _, link := range []string{"/photo.jpg", "../crimea/photo.jpg", "https://x.org/photo.jpg", "missing.jpg"} {
		if r := s.Resource(e, link); r != nil {
			t.Errorf("Resource(%q) = %v, want nil", link, r)
		}
	}
	if r := s.Resource(s.Events[1], "img/b.png"); r != nil {
		t.Errorf("an event without a bundle has resource %v", r)
	}
	// With drafts, the draft's files are there too.
	s, err = Load(fsys, Options{Drafts: true})
	if err != nil || len(s.Resources) != 3 {
		t.Fatalf("with drafts: %v, %d resources", err, len(s.Resources))
	}
}

func TestLoadCollectsEveryError(t *testing.T) {
	fsys := site(
		"content/events/b.md", event("title = \"x\"\ndate = \"2014-13\"\n"),
		"content/events/a.md", event("date = \"2014\"\n"),
		"content/events/c.md", event("title = \"ok\"\ndate = \"2014\"\n"),
	)
	_, err := Load(fsys, Options{})
	want := "content/events/a.md:1: title is required\n" +
		"content/events/b.md:3: date \"2014-13\": month 13 out of range\n" +
		"\taccepted forms:"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error =\n%v\nwant it to start with\n%s", err, want)
	}
}

func TestLoadBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbf+++\r\ntitle = \"x\"\r\ndate = \"2014-13\"\r\n+++\r\n\r\nBody\r\n"
	_, err := Load(site("content/events/a.md", src), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "content/events/a.md:3: ") {
		t.Fatalf("error = %v; want one at line 3", err)
	}
	src = strings.Replace(src, "2014-13", "2014-12", 1)
	s, err := Load(site("content/events/a.md", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := s.Events[0]; e.Title != "x" || string(e.Body) != "\nBody\n" {
		t.Errorf("event = %q %q", e.Title, e.Body)
	}
}

func TestLoadDraftsAndIgnoredFiles(t *testing.T) {
	fsys := site(
		"content/events/a.md", event("title = \"a\"\ndate = \"2014\"\ndraft = true\n"),
		"content/events/b.md", event("title = \"b\"\ndate = \"2015\"\n"),
		"content/events/.b.md.swp", "junk",
		"content/events/b.md~", "junk",
		"content/events/4913", "",
		"content/events/#b.md#", "junk",
		"content/.git/config", "junk",
		"content/_index.md", "Intro without front matter.\n",
		"content/about.md", "+++\ntitle = \"About\"\n+++\nText\n",
		"content/hidden.md", "+++\ntitle = \"Hidden\"\ndraft = true\n+++\n",
	)
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 1 || s.Events[0].Title != "b" || len(s.Pages) != 1 || s.Intro == nil {
		t.Errorf("without drafts: %d events, %d pages, intro %v", len(s.Events), len(s.Pages), s.Intro != nil)
	}
	s, err = Load(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 2 || len(s.Pages) != 2 {
		t.Errorf("with drafts: %d events, %d pages", len(s.Events), len(s.Pages))
	}
}

func TestEventOrder(t *testing.T) {
	fsys := site(
		"content/events/e1.md", event("title = \"B\"\ndate = \"2014-03\"\n"),
		"content/events/e2.md", event("title = \"A\"\ndate = \"2014-03\"\n"),
		"content/events/e3.md", event("title = \"Z\"\ndate = \"2014-03\"\nweight = -1\n"),
		"content/events/e4.md", event("title = \"Span\"\ndate = \"2014-03\"\nend = \"present\"\n"),
		"content/events/e5.md", event("title = \"Year\"\ndate = \"2014\"\n"),
		"content/events/e6.md", event("title = \"Day\"\ndate = \"2014-03-01\"\n"),
		"content/events/e7.md", event("title = \"BC\"\ndate = \"-0490\"\n"),
		"content/events/e8.md", event("title = \"A\"\ndate = \"2014-03\"\nslug = \"a-again\"\n"),
	)
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Events {
		got = append(got, e.Title+"/"+e.Slug)
	}
	want := "BC/e7 Year/e5 Z/e3 A/a-again A/e2 B/e1 Span/e4 Day/e6"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %s\nwant    %s", strings.Join(got, " "), want)
	}
	if len(s.Years) != 2 || s.Years[0].Slug != "491-bc" {
		t.Errorf("years = %+v", s.Years)
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Crimea Seized":       "crimea-seized",
		"2014-03-18 crimea":   "2014-03-18-crimea",
		"../../etc/passwd":    "etc-passwd",
		"C++":                 "c",
		"Україна":             "україна",
		"  --hello--  ":       "hello",
		"snake_case_name":     "snake_case_name",
		"_private":            "private",
		"a.b\\c/d":            "a-b-c-d",
		"!!!":                 "",
		"Nord Stream 2 (gas)": "nord-stream-2-gas",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
		if want != "" && !ValidSlug(want) {
			t.Errorf("ValidSlug(%q) = false", want)
		}
	}
	for _, bad := range []string{"", "..", "a/b", "A", "a b", "a.b", "-a"} {
		if ValidSlug(bad) {
			t.Errorf("ValidSlug(%q) = true", bad)
		}
	}
}

// TestLeaveBodies checks that a site loaded without its bodies gives each
// event's body, read again, exactly as a site loaded whole holds it (BOM
// and CRLF included), makes leads only where the summary is empty, and
// refuses a file that changed after it was read.
func TestLeaveBodies(t *testing.T) {
	fsys := site(
		"content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nFirst *paragraph*.\n\nSecond.\n",
		"content/events/b.md", "\ufeff+++\r\ntitle = \"B\"\r\ndate = \"2015\"\r\nsummary = \"Written.\"\r\n+++\r\nCRLF body.\r\n",
		"content/events/c.md", "+++\ntitle = \"C\"\ndate = \"2016\"\n+++\n",
	)
	whole, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var leads []string
	lead := func(body []byte) string {
		leads = append(leads, string(body))
		return "lead of " + string(body)
	}
	lean, err := Load(fsys, Options{LeaveBodies: true, Lead: lead})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range lean.Events {
		if e.Body != nil {
			t.Errorf("%s: the body was kept", e.File)
		}
		body, err := lean.Body(e)
		if err != nil {
			t.Fatalf("%s: %v", e.File, err)
		}
		if want := whole.Events[i].Body; string(body) != string(want) {
			t.Errorf("%s: body %q, want %q", e.File, body, want)
		}
		if e.HasLead != (e.Summary == "") || (e.HasLead && e.Lead != "lead of "+string(body)) {
			t.Errorf("%s: lead %q (made %v) with summary %q", e.File, e.Lead, e.HasLead, e.Summary)
		}
	}
	if len(leads) != 2 {
		t.Errorf("%d leads made, want 2 (not for the event with a summary)", len(leads))
	}
	if body, err := whole.Body(whole.Events[0]); err != nil || string(body) != string(whole.Events[0].Body) {
		t.Errorf("a site loaded whole gives %q, %v", body, err)
	}

	fsys["content/events/a.md"].Data = []byte("+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nEdited.\n")
	_, err = lean.Body(lean.Events[0])
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != "content/events/a.md" ||
		!strings.Contains(list[0].Msg, "changed while the site was being built") {
		t.Errorf("a file changed since it was read gives %v", err)
	}
}

// TestTermSpelling: a tag or track is named as the first file by path
// spells it, whatever the events' dates; its slug is lowercase.
func TestTermSpelling(t *testing.T) {
	fsys := site(
		"content/events/a.md", event("title = \"Later\"\ndate = \"2022\"\ntags = [\"NATO\"]\ntrack = \"Diplomacy\"\n"),
		"content/events/b.md", event("title = \"Earlier\"\ndate = \"2014\"\ntags = [\"nato\"]\ntrack = \"diplomacy\"\n"),
		"content/events/c/z.md", event("title = \"Middle\"\ndate = \"2018\"\ntags = [\"Nato\"]\n"),
	)
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tags) != 1 || s.Tags[0].Name != "NATO" || s.Tags[0].Slug != "nato" || len(s.Tags[0].Events) != 3 {
		t.Errorf("tags = %+v, want one named NATO, slug nato, of 3 events", s.Tags[0])
	}
	if len(s.Tracks) != 1 || s.Tracks[0].Name != "Diplomacy" || s.Tracks[0].Slug != "diplomacy" {
		t.Errorf("tracks = %+v, want Diplomacy", s.Tracks[0])
	}
}

// TestLoadKeepBodies: with LeaveBodies, the bodies are kept when their
// files all fit in KeepBodies bytes, and given without reading the file
// again until LeaveBody lets them go.
func TestLoadKeepBodies(t *testing.T) {
	long := strings.Repeat("A longer second body. ", 100) // 2,200 bytes
	fsys := site(
		"content/events/a.md", "+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nFirst body.\n",
		"content/events/b.md", "+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\n"+long+"\n",
	)
	whole, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sizeB := int64(len(fsys["content/events/b.md"].Data))
	all := int64(len(fsys["content/events/a.md"].Data)) + sizeB
	for _, c := range []struct {
		keep int64
		kept int
	}{
		{0, 0},
		{sizeB, 0}, // one fits, not both: none
		{int64(len(whole.Events[0].Body) + len(whole.Events[1].Body)), 0}, // the bodies fit, not the files
		{all - 1, 0},
		{all, 2},
		{1 << 20, 2},
		{minKeptBody, 0}, // room for the bytes, but more files than a budget this small expects
	} {
		if c.keep == minKeptBody {
			fsys := maps.Clone(fsys)
			fsys["content/events/b.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"B\"\ndate = \"2015\"\n+++\n\nB.\n")}
			if lean, err := Load(fsys, Options{LeaveBodies: true, KeepBodies: c.keep}); err != nil || lean.Events[0].Body != nil || lean.Events[1].Body != nil {
				t.Errorf("keep %d, two files: bodies kept (%v)", c.keep, err)
			}
			continue
		}
		lean, err := Load(fsys, Options{LeaveBodies: true, KeepBodies: c.keep})
		if err != nil {
			t.Fatal(err)
		}
		kept := 0
		for i, e := range lean.Events {
			if e.Body == nil {
				continue
			}
			kept++
			if string(e.Body) != string(whole.Events[i].Body) {
				t.Errorf("keep %d: %s kept %q, want %q (the body alone)", c.keep, e.File, e.Body, whole.Events[i].Body)
			}
		}
		if kept != c.kept {
			t.Errorf("keep %d: %d bodies kept, want %d", c.keep, kept, c.kept)
		}
	}

	lean, err := Load(fsys, Options{LeaveBodies: true, KeepBodies: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	a := lean.Events[0]
	fsys["content/events/a.md"].Data = []byte("+++\ntitle = \"A\"\ndate = \"2014\"\n+++\n\nEdited.\n")
	// Kept: the body read with the front matter, however the file changed.
	if body, err := lean.Body(a); err != nil || string(body) != "\nFirst body.\n" {
		t.Errorf("a kept body gives %q, %v", body, err)
	}
	lean.LeaveBody(a)
	if a.Body != nil {
		t.Error("LeaveBody kept the body")
	}
	// Let go: read again, and the change is seen.
	if _, err := lean.Body(a); err == nil || !strings.Contains(err.Error(), "changed while the site was being built") {
		t.Errorf("a body let go and changed since gives %v", err)
	}
	lean.LeaveBody(lean.Events[1])
	if body, err := lean.Body(lean.Events[1]); err != nil || string(body) != "\n"+long+"\n" {
		t.Errorf("a body let go and read again gives %q, %v", body, err)
	}
}
