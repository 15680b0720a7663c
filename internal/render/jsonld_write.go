package render

import (
	"html/template"

	"github.com/timeline-ssg/timeline/internal/jsonstr"
)

// The JSON-LD of every event page is written here as json.Marshal writes
// it (the fields in their order, omitempty as tagged, HTML-safe strings),
// without its reflection: a tenth of the page's template otherwise.
// TestJSONLDLikeMarshal holds it to that.

// jsonldJS marshals v for a <script type="application/ld+json">;
// encoding/json escapes <, > and & so the script cannot be closed early.
func jsonldJS(v any) (template.JS, error) {
	if ld, ok := v.(*jsonLD); ok && ld != nil {
		return template.JS(ld.appendJSON(make([]byte, 0, 1024))), nil
	}
	return jsonldMarshal(v)
}

// writeJSONLD writes what jsonldJS returns for ld, for the generated
// writers (see genFuncWriters): into the buffer's free space, with no
// slice made for it.
func writeJSONLD(w *genBuf, ld *jsonLD) error {
	if ld == nil {
		w.WriteString("null")
		return nil
	}
	w.Grow(1024) // enough for most; appendJSON grows the rest
	w.Write(ld.appendJSON(w.AvailableBuffer()))
	return nil
}

func (ld *jsonLD) appendJSON(b []byte) []byte {
	b = append(b, `{"@context":`...)
	b = jsonstr.Append(b, ld.Context)
	b = append(b, `,"@type":`...)
	b = jsonstr.Append(b, ld.Type)
	b = jsonMember(b, "description", ld.Description)
	b = jsonMember(b, "endDate", ld.EndDate)
	b = jsonMember(b, "image", ld.Image)
	if ld.Location != nil {
		b = append(b, `,"location":`...)
		b = ld.Location.appendJSON(b)
	}
	b = append(b, `,"name":`...)
	b = jsonstr.Append(b, ld.Name)
	b = jsonMember(b, "startDate", ld.StartDate)
	if ld.SubjectOf != nil {
		b = append(b, `,"subjectOf":`...)
		b = ld.SubjectOf.appendJSON(b)
	}
	b = jsonMember(b, "url", ld.URL)
	return append(b, '}')
}

func (p *jsonLDPlace) appendJSON(b []byte) []byte {
	b = append(b, `{"@type":`...)
	b = jsonstr.Append(b, p.Type)
	b = append(b, `,"name":`...)
	b = jsonstr.Append(b, p.Name)
	return append(b, '}')
}

func (w *jsonLDWork) appendJSON(b []byte) []byte {
	b = append(b, `{"@type":`...)
	b = jsonstr.Append(b, w.Type)
	b = jsonMember(b, "archivedAt", w.ArchivedAt)
	if len(w.Citation) > 0 {
		b = append(b, `,"citation":[`...)
		for i := range w.Citation {
			if i > 0 {
				b = append(b, ',')
			}
			b = w.Citation[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = jsonMember(b, "datePublished", w.DatePublished)
	b = jsonMember(b, "name", w.Name)
	if w.Publisher != nil {
		b = append(b, `,"publisher":`...)
		b = w.Publisher.appendJSON(b)
	}
	b = jsonMember(b, "url", w.URL)
	return append(b, '}')
}

// jsonMember appends ,"name":"s", unless s is empty (omitempty), after
// the first member of an object.
func jsonMember(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":`...)
	return jsonstr.Append(b, s)
}
