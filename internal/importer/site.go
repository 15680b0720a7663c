package importer

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/timeline-ssg/timeline/internal/report"
	"github.com/timeline-ssg/timeline/internal/scaffold"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// The title slide and the eras go where a site keeps them: the intro,
// content/_index.md, and [[eras]] in site.toml.

const introFile = "content/_index.md"

// intro is what the title slide becomes.
type intro struct {
	title string
	body  string // Markdown
	notes []string
}

// convertTitle makes the intro of a title slide: its headline as the
// intro's title, its text, and its media as an image or a link (a
// quotation as a quotation), which the intro, a Markdown page, can hold.
func convertTitle(s *slide) *intro {
	in := &intro{}
	var text string
	if s.Text != nil {
		in.title = plainText(s.Text.Headline)
		text = s.Text.Text
	}
	if m := s.Media; m != nil && strings.TrimSpace(m.URL) != "" {
		u := strings.TrimSpace(m.URL)
		caption := strings.TrimSpace(strings.Join([]string{plainText(m.Caption), plainText(m.Credit)}, " "))
		esc := html.EscapeString
		switch {
		case strings.HasPrefix(u, "<blockquote"):
			text += u
		case isImageURL(u):
			text += `<p><img src="` + esc(u) + `" alt="` + esc(cmp.Or(strings.TrimSpace(m.Alt), plainText(m.Caption))) + `"></p>`
			if caption != "" {
				text += "<p><em>" + esc(caption) + "</em></p>"
			}
		case strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"):
			text += `<p><a href="` + esc(u) + `">` + esc(cmp.Or(caption, u)) + `</a></p>`
		default:
			in.notes = append(in.notes, fmt.Sprintf("the title slide's media %q left out: the intro is a page of Markdown", u))
		}
	}
	in.body = mdBlocks(fragment(text))
	for _, f := range s.dropped {
		in.notes = append(in.notes, fmt.Sprintf("the title slide's %s left out: the site has no place for it", f))
	}
	return in
}

// writeIntro writes the intro, unless the site has one of its own (the
// starter's placeholder, as `timeline init` wrote it, is replaced). It
// returns whether it wrote, and notes.
func (w *writer) writeIntro(in *intro) (bool, []string, error) {
	p := filepath.Join(w.dir, filepath.FromSlash(introFile))
	if old, err := os.ReadFile(p); err == nil && !w.opts.Force && !scaffold.IsStarterIntro(old) {
		return false, append(in.notes, "the title slide is left out: "+introFile+" exists (--force replaces it)"), nil
	}
	var b strings.Builder
	if in.title != "" {
		b.WriteString("+++\ntitle = " + tomlString(in.title) + "\n+++\n")
	}
	if in.body != "" {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(in.body + "\n")
	}
	text := []byte(b.String())
	_, err := timeline.Load(fstest.MapFS{"site.toml": {Data: []byte("title = \"import\"\n")}, introFile: {Data: text}}, timeline.Options{})
	if err != nil {
		return false, in.notes, fmt.Errorf("the title slide: %s", loadMessage(err))
	}
	if err := writeFile(p, text, true); err != nil {
		return false, in.notes, err
	}
	return true, in.notes, nil
}

// era is what an era slide becomes: an [[eras]] table.
type era struct {
	line      int
	title     string
	summary   string
	date, end timeline.Date
	ongoing   bool
	notes     []string
}

// convertEra reads an era: its dates, and its headline and text as the
// era's title and summary. An era needs both dates, as TimelineJS does.
func convertEra(s *slide) (*era, error) {
	e := &era{}
	if s.StartDate == nil || (!s.StartDate.Year.set && s.StartDate.Year.bad == "") {
		return nil, errors.New("no start_date with a year: TimelineJS cannot show this era either")
	}
	var err error
	if e.date, err = s.StartDate.date("start_date"); err != nil {
		return nil, err
	}
	display := cmp.Or(strings.TrimSpace(s.DisplayDate), strings.TrimSpace(s.StartDate.DisplayDate), strings.TrimSpace(s.StartDate.DisplayText))
	switch {
	case presentSuffix.MatchString(display):
		e.ongoing = true
	case s.EndDate != nil && s.EndDate.Year.set:
		if e.end, err = s.EndDate.date("end_date"); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("no end_date with a year: TimelineJS cannot show this era either")
	}
	e.date.Circa = circaPrefix.MatchString(display)
	if s.Text != nil {
		e.title = plainText(s.Text.Headline)
		e.summary = plainText(s.Text.Text)
	}
	if e.title == "" {
		e.title = cmp.Or(titleFromText(e.summary, ""), timeline.FormatRange(e.date, e.end, e.ongoing))
		e.notes = append(e.notes, fmt.Sprintf("an era without a headline: its title is %q", e.title))
	}
	if m := s.Media; m != nil && strings.TrimSpace(m.URL) != "" {
		e.notes = append(e.notes, fmt.Sprintf("the era's media %q left out: an era has none", strings.TrimSpace(m.URL)))
	}
	for _, f := range s.dropped {
		e.notes = append(e.notes, fmt.Sprintf("the era's %s left out: the site has no place for it", f))
	}
	return e, nil
}

// toml writes the era as an [[eras]] table.
func (e *era) toml() string {
	var b strings.Builder
	b.WriteString("\n[[eras]]\ntitle = " + tomlString(e.title) + "\ndate = " + tomlString(e.date.ISO()) + "\n")
	if e.ongoing {
		b.WriteString("end = \"present\"\n")
	} else {
		b.WriteString("end = " + tomlString(e.end.ISO()) + "\n")
	}
	if e.summary != "" {
		b.WriteString("summary = " + tomlString(e.summary) + "\n")
	}
	return b.String()
}

// writeEras adds the eras to the end of site.toml, leaving all that is
// there as it is, when the site has no eras yet. Each era is checked as
// the site will load it; a bad one is returned with its error. The notes
// say why no era was written.
func (w *writer) writeEras(eras []*era) (notes []string, bad map[*era]string) {
	bad = map[*era]string{}
	p := filepath.Join(w.dir, "site.toml")
	old, err := os.ReadFile(p)
	if err != nil {
		return []string{fmt.Sprintf("%s left out: %v", erasCount(eras), err)}, bad
	}
	var m map[string]any
	if _, err := toml.Decode(string(old), &m); err != nil {
		return []string{fmt.Sprintf("%s left out: site.toml does not parse: %v", erasCount(eras), err)}, bad
	}
	if _, ok := m["eras"]; ok {
		return []string{fmt.Sprintf("%s left out: site.toml has eras already; add these by hand if you want them", erasCount(eras))}, bad
	}
	var add strings.Builder
	for _, e := range eras {
		block := e.toml()
		_, err := timeline.Load(fstest.MapFS{"site.toml": {Data: []byte("title = \"import\"\n" + block)}}, timeline.Options{})
		if err != nil {
			bad[e] = loadMessage(err)
			continue
		}
		add.WriteString(block)
	}
	if add.Len() == 0 {
		return nil, bad
	}
	text := bytes.Clone(old)
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	text = append(text, "\n# Eras, from `timeline import`.\n"...)
	text = append(text, strings.TrimPrefix(add.String(), "\n")...)
	// The whole must still be valid TOML and a valid site: a [[eras]]
	// header after any table starts a table of its own at the top level.
	if _, err := toml.Decode(string(text), &m); err != nil {
		return []string{fmt.Sprintf("%s left out: site.toml would not parse with them: %v", erasCount(eras), err)}, bad
	}
	if err := writeFile(p, text, true); err != nil {
		return []string{fmt.Sprintf("%s left out: %v", erasCount(eras), err)}, bad
	}
	return nil, bad
}

// erasCount is "1 era", "2 eras".
func erasCount(eras []*era) string { return report.Count(len(eras), "era", "eras") }

// loadMessage is the messages of a load's errors, joined.
func loadMessage(err error) string {
	var list timeline.ErrorList
	if errors.As(err, &list) {
		msgs := make([]string, len(list))
		for i, e := range list {
			msgs[i] = e.Msg
		}
		return strings.Join(msgs, "; ")
	}
	return err.Error()
}
