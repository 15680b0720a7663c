package report

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 events", 1: "1 event", 2: "2 events", 10000: "10000 events"} {
		if got := Count(n, "event", "events"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRound(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1234567 * time.Nanosecond:    "1.2ms",
		12345678 * time.Nanosecond:   "12ms",
		1234567890 * time.Nanosecond: "1.23s",
	} {
		if got := Round(d).String(); got != want {
			t.Errorf("Round(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestErrors(t *testing.T) {
	list := timeline.ErrorList{
		{File: "content/events/a.md", Line: 3, Msg: "bad date", Help: "forms"},
		{File: "site.toml", Msg: "no baseURL"},
		{File: "--base-url", Msg: "not a URL"},
	}
	for _, c := range []struct {
		dir, then string
		err       error
		want      string
		n         int
	}{
		{"site", "", list, "site/content/events/a.md:3: bad date\n\tforms\nsite/site.toml: no baseURL\n--base-url: not a URL\n3 errors\n", 3},
		{".", "the last good version is still served", list[:1], "content/events/a.md:3: bad date\n\tforms\n1 error; the last good version is still served\n", 1},
		{"", "", list[1], "site.toml: no baseURL\n1 error\n", 1},
		{"", "", errors.New("disk full"), "error: disk full\n", 1},
		{"", "then", errors.New("disk full"), "error: disk full\nthen\n", 1},
	} {
		var b bytes.Buffer
		if n := Errors(&b, c.dir, c.err, c.then); b.String() != c.want || n != c.n {
			t.Errorf("Errors(%q, %v, %q) = %d\n%s\nwant %d\n%s", c.dir, c.err, c.then, n, b.String(), c.n, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"build", "check", "serve", "new", "init", "import", "version"}
	for w, want := range map[string]string{"biuld": " (did you mean build?)", "serv": " (did you mean serve?)", "frobnicate": ""} {
		if got := Suggest(w, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", w, got, want)
		}
	}
}
