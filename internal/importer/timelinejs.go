package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"timeline/internal/report"
)

// readTimelineJS reads a TimelineJS3 JSON file
// (https://timeline.knightlab.com/docs/json-format.html): its events, each
// at the line where its object starts. The title slide and eras are noted
// and left out; a slide that does not decode is reported, and the rest
// are still read.
func readTimelineJS(src []byte) ([]row, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(src))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &lineError{line: lineOf(src, se.Offset), msg: "JSON: " + se.Error()}
		}
		return &lineError{line: lineOf(src, dec.InputOffset()), msg: "JSON: " + err.Error()}
	}
	// valueLine is the line of the next value: past the whitespace and
	// comma that the decoder has not read yet.
	valueLine := func() int {
		off := dec.InputOffset()
		for off < int64(len(src)) && bytes.IndexByte([]byte(" \t\r\n,"), src[off]) >= 0 {
			off++
		}
		return lineOf(src, off)
	}
	if t, err := dec.Token(); err != nil {
		return nil, syntax(err)
	} else if t != json.Delim('{') {
		return nil, &lineError{line: 1, msg: "not a TimelineJS file: expected a JSON object with \"events\""}
	}
	var rows []row
	sawEvents := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key, _ := t.(string)
		line := valueLine()
		switch key {
		case "events":
			sawEvents = true
			if t, err := dec.Token(); err != nil {
				return nil, syntax(err)
			} else if t != json.Delim('[') {
				return nil, &lineError{line: line, msg: "events must be a list of slides"}
			}
			for i := 0; dec.More(); i++ {
				line := valueLine()
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return nil, syntax(err)
				}
				var s slide
				if err := json.Unmarshal(raw, &s); err != nil {
					rows = append(rows, row{line: line, err: fmt.Sprintf("events[%d]: %v", i, jsonMessage(err))})
					continue
				}
				rows = append(rows, row{line: line, slide: &s})
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntax(err)
			}
		case "title":
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			rows = append(rows, row{line: line, skip: "the title slide is left out: the site's title and description are in site.toml"})
		case "eras":
			var eras []json.RawMessage
			if err := dec.Decode(&eras); err != nil {
				return nil, syntax(err)
			}
			if len(eras) > 0 {
				rows = append(rows, row{line: line, skip: report.Count(len(eras), "era", "eras") + " left out: a timeline site has no eras"})
			}
		default:
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
		}
	}
	if !sawEvents {
		return nil, &lineError{line: 1, msg: "not a TimelineJS file: no \"events\" list"}
	}
	return rows, nil
}

// jsonMessage shortens encoding/json's type errors to what a person
// editing the file needs: the field and what it should be.
func jsonMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s: expected %s, got a JSON %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}
