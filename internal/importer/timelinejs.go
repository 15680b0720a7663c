package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// readTimelineJS reads a TimelineJS3 JSON file
// (https://timeline.knightlab.com/docs/json-format.html): its title slide,
// events and eras, each at the line where its object starts. A slide that
// does not decode is reported, and the rest are still read.
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
		for off < int64(len(src)) && bytes.IndexByte([]byte(" \t\r\n,:"), src[off]) >= 0 {
			off++
		}
		return lineOf(src, off)
	}
	// slideRow decodes one slide object.
	slideRow := func(line int, raw json.RawMessage, kind rowKind, name string) row {
		var s slide
		if err := json.Unmarshal(raw, &s); err != nil {
			return row{line: line, kind: kind, err: fmt.Sprintf("%s: %v", name, jsonMessage(err))}
		}
		s.dropped = droppedFields(raw)
		return row{line: line, kind: kind, slide: &s}
	}
	// list reads a list of slides.
	list := func(kind rowKind, key string) ([]row, error) {
		line := valueLine()
		if t, err := dec.Token(); err != nil {
			return nil, syntax(err)
		} else if t == nil {
			return nil, nil
		} else if t != json.Delim('[') {
			return nil, &lineError{line: line, msg: key + " must be a list of slides"}
		}
		var rows []row
		for i := 0; dec.More(); i++ {
			line := valueLine()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			rows = append(rows, slideRow(line, raw, kind, fmt.Sprintf("%s[%d]", key, i)))
		}
		if _, err := dec.Token(); err != nil {
			return nil, syntax(err)
		}
		return rows, nil
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
		switch key {
		case "events", "eras":
			kind := rowEvent
			if key == "eras" {
				kind = rowEra
			} else {
				sawEvents = true
			}
			more, err := list(kind, key)
			if err != nil {
				return nil, err
			}
			rows = append(rows, more...)
		case "title":
			line := valueLine()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			if !isEmptyJSON(raw) {
				rows = append(rows, slideRow(line, raw, rowTitle, "title"))
			}
		default:
			line := valueLine()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			if key != "scale" && !isEmptyJSON(raw) {
				rows = append(rows, row{line: line, skip: fmt.Sprintf("%q left out: the site has no place for it", key)})
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
