package timeline

import "github.com/timeline-ssg/timeline/internal/bufpool"

// ReadBody returns the Markdown body of an event, as Body does, for a
// caller that is done with it before it needs the next: a body Load left
// in its file (Options.LeaveBodies) is read into a buffer that done gives
// back, for the next ReadBody to read another file into, sparing a build
// of 100,000 events 300 MB of garbage. For a body Load kept or packed,
// done does nothing.
//
// done must be called once, after the last use of body: the caller must
// keep no slice of body, nor anything that shares its memory (a string
// made with unsafe.String, a parse that points into it), once done is
// called, for the bytes become another file's. done is never nil, even
// with an error. body's capacity is its length: appending to it copies.
func (s *Site) ReadBody(e *Event) (body []byte, done func(), err error) {
	if e.hasPacked || !e.bodyLeft {
		body, err = s.Body(e)
		return body, nothing, err
	}
	var buf []byte
	src, err := readContent(s.fsys, s.folders, e.File, func(n int) []byte {
		buf = bodyBuffers.Get(n)
		return buf
	})
	done = func() {
		if buf != nil {
			bodyBuffers.Put(buf)
			buf = nil
		}
	}
	if err != nil {
		done()
		return nil, nothing, ErrorList{readError(s.fsys, e.File, err)}
	}
	if body, err = bodyOf(e, src); err != nil {
		done()
		return nil, nothing, err
	}
	return body[:len(body):len(body)], done, nil
}

func nothing() {}

// bodyBuffers are the buffers ReadBody reads files into. A file larger
// than Max (an event's is a few kilobytes) is read into a slice of its
// own, which the collector takes back.
var bodyBuffers = bufpool.Pool{Max: 256 << 10}

// Close closes the folders Load holds open for Body (and ReadBody) to
// read the bodies it left in their files (Options.LeaveBodies), and those
// of the site's Translations. A site that Load returned, with errors or
// not, is closed once its pages are made; Body still reads a body after,
// opening the file by its path. Close may be called while bodies are
// being read, and more than once.
func (s *Site) Close() {
	if s == nil {
		return
	}
	s.folders.close()
	for _, t := range s.Translations {
		t.folders.close()
	}
}
