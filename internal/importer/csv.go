package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// sheetColumns are the columns of the TimelineJS Google Sheets template,
// by their names with case and spaces dropped, as TimelineJS reads them.
// Year and Headline are required; the rest may be missing.
var sheetColumns = []string{"year", "month", "day", "time", "endyear", "endmonth", "endday", "endtime",
	"displaydate", "headline", "text", "media", "mediacredit", "mediacaption", "mediathumbnail",
	"type", "group", "background", "mediaalt", "uniqueid"}

// readCSV reads a CSV file in the layout of the TimelineJS Google Sheets
// template (Year, Month, Day, Time, End Year, End Month, End Day, End Time,
// Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
// Thumbnail, Type, Group, Background), each row at its line: a row of Type
// "title" is the title slide, one of Type "era" an era. Blank rows are
// skipped; a cell of another column, or of Media Thumbnail or Background,
// is noted as left out.
func readCSV(src []byte) ([]row, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1 // sheets drop empty trailing cells
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	used := make([]bool, len(header))
	for i, h := range header {
		name := strings.ToLower(strings.Join(strings.Fields(h), ""))
		for _, known := range sheetColumns {
			if name == known {
				if _, dup := col[name]; !dup {
					col[name] = i
					used[i] = name != "mediathumbnail" && name != "background"
				}
			}
		}
	}
	for _, need := range []string{"year", "headline"} {
		if _, ok := col[need]; !ok {
			return nil, &lineError{line: 1, msg: fmt.Sprintf("no %q column: expected the TimelineJS sheet's columns (Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background)", need)}
		}
	}

	var rows []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A quoting error leaves the reader lost: what came before is
			// imported, the error is reported at its line.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rows = append(rows, row{line: pe.Line, err: "CSV: " + pe.Err.Error() + "; the rows after it were not read"})
				break
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		kind := rowEvent
		switch t := strings.ToLower(get("type")); t {
		case "title":
			kind = rowTitle
		case "era":
			kind = rowEra
		}
		s := &slide{DisplayDate: get("displaydate"), Group: get("group"), UniqueID: get("uniqueid")}
		s.Text = &slideText{get("headline"), get("text")}
		for i, cell := range rec {
			if i < len(header) && !used[i] && strings.TrimSpace(cell) != "" {
				s.dropped = append(s.dropped, "column "+strconv.Quote(strings.TrimSpace(header[i])))
			}
		}
		if kind == rowTitle {
			if u := get("media"); u != "" {
				s.Media = &slideMedia{URL: u, Caption: get("mediacaption"), Credit: get("mediacredit"), Alt: get("mediaalt")}
			}
			rows = append(rows, row{line: line, kind: kind, slide: s})
			continue
		}
		start, err := sheetDate(get("year"), get("month"), get("day"), get("time"))
		if err != nil {
			rows = append(rows, row{line: line, kind: kind, err: err.Error()})
			continue
		}
		s.StartDate = start
		if end, err := sheetDate(get("endyear"), get("endmonth"), get("endday"), get("endtime")); err != nil {
			rows = append(rows, row{line: line, kind: kind, err: "end: " + err.Error()})
			continue
		} else if end.Year.set || end.Month.set || end.Day.set {
			s.EndDate = end
		}
		if u := get("media"); u != "" {
			s.Media = &slideMedia{URL: u, Caption: get("mediacaption"), Credit: get("mediacredit"), Alt: get("mediaalt")}
		}
		rows = append(rows, row{line: line, kind: kind, slide: s})
	}
	return rows, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &lineError{line: pe.Line, msg: "CSV: " + pe.Err.Error()}
	}
	if err == io.EOF {
		return &lineError{line: 1, msg: "the file is empty: expected a header row"}
	}
	return err
}

// sheetTime reads the sheet's Time column: "14:30", "14:30:15", "2:30 PM".
var sheetTime = regexp.MustCompile(`(?i)^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?$`)

func sheetDate(year, month, day, clock string) (*tlDate, error) {
	d := &tlDate{Year: parseFlexInt(year), Month: parseFlexInt(month), Day: parseFlexInt(day)}
	for _, f := range []struct {
		name string
		v    flexInt
	}{{"Year", d.Year}, {"Month", d.Month}, {"Day", d.Day}} {
		if f.v.bad != "" {
			return nil, fmt.Errorf("%s %s is not a whole number", f.name, f.v.bad)
		}
	}
	if clock == "" {
		return d, nil
	}
	m := sheetTime.FindStringSubmatch(strings.TrimSpace(clock))
	if m == nil {
		return nil, fmt.Errorf("time %q: expected HH:MM, HH:MM:SS or H:MM AM/PM", clock)
	}
	h, _ := strconv.Atoi(m[1])
	min, sec := 0, 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		sec, _ = strconv.Atoi(m[3])
	}
	if ampm := strings.ToLower(strings.ReplaceAll(m[4], ".", "")); ampm != "" {
		if h < 1 || h > 12 {
			return nil, fmt.Errorf("time %q: hour out of range", clock)
		}
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	}
	if h > 23 || min > 59 || sec > 60 {
		return nil, fmt.Errorf("time %q out of range", clock)
	}
	d.Hour, d.Minute, d.Second = flexInt{n: h, set: true}, flexInt{n: min, set: true}, flexInt{n: sec, set: true}
	return d, nil
}
