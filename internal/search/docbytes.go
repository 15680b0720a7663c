package search

import (
	"encoding/binary"
	"errors"
)

// AppendBinary appends the doc to b as bytes, for a caller that keeps
// docs packed between indexes (the preview); UnmarshalBinary reads it.
func (d *Doc) AppendBinary(b []byte) ([]byte, error) {
	put := func(s []byte) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	put(d.frag)
	put(d.words)
	put([]byte(d.track))
	b = binary.AppendUvarint(b, uint64(len(d.tags)))
	for _, t := range d.tags {
		put([]byte(t))
	}
	return b, nil
}

// UnmarshalBinary reads a doc that AppendBinary wrote.
func (d *Doc) UnmarshalBinary(b []byte) error {
	bad := errors.New("search: not a doc")
	get := func() ([]byte, error) {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, bad
		}
		s := b[k : k+int(n)]
		b = b[k+int(n):]
		return s, nil
	}
	var err error
	if d.frag, err = get(); err != nil {
		return err
	}
	if d.words, err = get(); err != nil {
		return err
	}
	track, err := get()
	if err != nil {
		return err
	}
	d.track = string(track)
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return bad
	}
	b = b[k:]
	d.tags = make([]string, 0, n)
	for range n {
		t, err := get()
		if err != nil {
			return err
		}
		d.tags = append(d.tags, string(t))
	}
	if len(b) != 0 {
		return bad
	}
	return nil
}
