package timeline

import (
	"strconv"
	"strings"
)

// Era is a named stretch of the timeline: a chapter of the story, from
// [[eras]] in site.toml. The list shows it as a chapter heading and the
// axis as a band; timeline.json writes it as a TimelineJS era.
type Era struct {
	Title   string
	Summary string
	Date    Date // start
	End     Date // zero when Ongoing
	Ongoing bool // end = "present"
}

var eraKeys = []string{"title", "date", "end", "summary"}

// Contains reports whether an event starting at d falls in the era.
func (e Era) Contains(d Date) bool {
	if d.lastInstant() < e.Date.instant() {
		return false
	}
	return e.Ongoing || d.instant() <= e.End.lastInstant()
}

// decodeEras reads the [[eras]] tables of site.toml. Every era needs a
// title, a date and an end (a date or "present"), in the forms an event
// takes, so that it can be drawn as a band.
func decodeEras(f *fields, v any) []Era {
	if v == nil {
		return nil
	}
	tables, ok := v.([]map[string]any)
	if !ok {
		f.typeError("eras", "[[eras]] tables with a title, a date and an end", v)
		return nil
	}
	out := make([]Era, 0, len(tables))
	for i, t := range tables {
		ef := &fields{file: f.file, m: t, lines: f.lines, prefix: "eras#" + strconv.Itoa(i) + ".", where: " in [[eras]]", errs: f.errs}
		ef.line0 = f.lines.at("eras#" + strconv.Itoa(i))
		ef.unknown(eraKeys)
		era := Era{Title: strings.TrimSpace(ef.str("title")), Summary: strings.TrimSpace(ef.str("summary"))}
		if v, ok := t["title"]; !ok || (era.Title == "" && isString(v)) {
			f.errs.add(f.file, ef.line("title"), "an era needs a title")
		}
		if v, ok := t["date"]; !ok {
			f.errs.add(f.file, ef.tableLine(), "an era needs a date, where it starts").Help = DateForms
		} else if d, err := dateFromTOML(v); err != nil {
			f.errs.add(f.file, ef.line("date"), "%s", err).Help = DateForms
		} else {
			era.Date = d
		}
		if v, ok := t["end"]; !ok {
			f.errs.add(f.file, ef.tableLine(), "an era needs an end: a date, or \"present\"")
		} else {
			era.End, era.Ongoing = ef.end(v, era.Date, "era", "era end %s is before its start %s")
		}
		out = append(out, era)
	}
	return out
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}
