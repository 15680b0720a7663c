// Package scaffold writes new files for people to edit: a starter site
// (`timeline init`) and a new event (`timeline new`). It never overwrites.
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// starter is the site `timeline init` writes: enough to build, and an
// example of every part of an event file.
var starter = map[string]string{
	"site.toml": `title = "My timeline"
description = "A timeline made with timeline."
# The address the site will be served from; feeds, the sitemap and
# canonical links need it.
# baseURL = "https://example.org/"
language = "en"
`,
	"content/_index.md": `This introduction is content/_index.md. Every event is one Markdown file in
content/events/: add one with ` + "`timeline new \"Title\" --date 2024-05-01`" + `.
`,
	"content/about.md": `+++
title = "About"
+++

This page is content/about.md. Pages outside content/events/ are plain pages.
`,
	"content/events/first-event.md": `+++
title = "The first event"
date = "2024-05"          # "2024", "2024-05" or "2024-05-01": as precise as you know
track = "General"         # a lane of the timeline
tags = ["example"]
place = "Somewhere"
summary = "One sentence that the timeline shows under the title."

[[sources]]
title = "Where this comes from"
url = "https://example.org/"
+++

The body is Markdown. Say what happened, and cite your sources above.
`,
}

// newEventRest follows title, date and track in a new event: the other
// keys, empty, and a source to fill in, commented out so that the new file
// builds as it is.
const newEventRest = `tags = []
place = ""
summary = ""

# [[sources]]
# title = ""
# url = "https://"
+++

What happened, and why it matters.
`

// IsStarterIntro reports whether an intro is the one Init writes, as it
// wrote it: a placeholder that an import may replace.
func IsStarterIntro(text []byte) bool { return string(text) == starter["content/_index.md"] }

// Init writes a starter site into dir, which must not already be a site.
// It returns the files written, relative to dir.
func Init(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return nil, fmt.Errorf("%s already has a site.toml", dir)
	}
	var written []string
	for _, name := range []string{"site.toml", "content/_index.md", "content/about.md", "content/events/first-event.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Stat(p); err == nil {
			return written, fmt.Errorf("%s exists; not overwriting it", p)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(p, []byte(starter[name]), 0o644); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	return written, nil
}

// Event is what `timeline new` needs to start an event file.
type Event struct {
	Title string
	Date  string // any form ParseDate accepts; empty means today
	Track string
}

// NewEvent writes content/events/DATE-SLUG.md in the site at dir and
// returns its path relative to dir. The caller has checked that dir is a
// site (timeline.CheckSite).
func NewEvent(dir string, ev Event, now time.Time) (string, error) {
	if strings.TrimSpace(ev.Title) == "" {
		return "", errors.New("the title is empty")
	}
	date := ev.Date
	if date == "" {
		date = now.Format("2006-01-02")
	}
	d, err := timeline.ParseDate(date)
	if err != nil {
		return "", fmt.Errorf("--date: %v\n\t%s", err, strings.ReplaceAll(timeline.DateForms, "\n", "\n\t"))
	}
	slug := timeline.Slugify(ev.Title)
	if slug == "" {
		return "", fmt.Errorf("cannot make a file name from the title %q", ev.Title)
	}
	name := "content/events/" + strings.TrimPrefix(strings.ReplaceAll(d.ISO(), ":", ""), "~") + "-" + slug + ".md"
	p := filepath.Join(dir, filepath.FromSlash(name))
	if _, err := os.Stat(p); err == nil {
		return "", fmt.Errorf("%s exists; not overwriting it", name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %q\n", strconv.Quote(ev.Title), d.ISO())
	if ev.Track != "" {
		fmt.Fprintf(&b, "track = %s\n", strconv.Quote(ev.Track))
	}
	b.WriteString(newEventRest)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	// O_EXCL: never overwrite, even if the file appeared since the check.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", err
	}
	return name, f.Close()
}
