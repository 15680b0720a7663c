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
// Thumbnail, Type, Group, Background), each row at its line. A row of
// Type "title" or "era" is noted and left out; blank rows are skipped.
func readCSV(src []byte) ([]row, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1 // sheets drop empty trailing cells
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.Join(strings.Fields(h), ""))
		for _, known := range sheetColumns {
			if name == known {
				if _, dup := col[name]; !dup {
					col[name] = i
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
		switch t := strings.ToLower(get("type")); t {
		case "title":
			rows = append(rows, row{line: line, skip: "the title row is left out: the site's title and description are in site.toml"})
			continue
		case "era":
			rows = append(rows, row{line: line, skip: "an era is left out: a timeline site has no eras"})
			continue
		}
		s := &slide{DisplayDate: get("displaydate"), Group: get("group"), UniqueID: get("uniqueid")}
		s.Text = &struct {
			Headline string `json:"headline"`
			Text     string `json:"text"`
		}{get("headline"), get("text")}
		start, err := sheetDate(get("year"), get("month"), get("day"), get("time"))
		if err != nil {
			rows = append(rows, row{line: line, err: err.Error()})
			continue
		}
		s.StartDate = start
		if end, err := sheetDate(get("endyear"), get("endmonth"), get("endday"), get("endtime")); err != nil {
			rows = append(rows, row{line: line, err: "end: " + err.Error()})
			continue
		} else if end.Year.set || end.Month.set || end.Day.set {
			s.EndDate = end
		}
		if u := get("media"); u != "" {
			s.Media = &struct {
				URL     string `json:"url"`
				Caption string `json:"caption"`
				Credit  string `json:"credit"`
				Alt     string `json:"alt"`
				Title   string `json:"title"`
			}{URL: u, Caption: get("mediacaption"), Credit: get("mediacredit"), Alt: get("mediaalt")}
		}
		rows = append(rows, row{line: line, slide: s})
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
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
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
	if h > 23 || min > 59 {
		return nil, fmt.Errorf("time %q out of range", clock)
	}
	d.Hour, d.Minute = flexInt{n: h, set: true}, flexInt{n: min, set: true}
	return d, nil
}
