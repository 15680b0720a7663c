package search

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

var fieldNames = [numFields]string{"title", "meta", "summary", "body"}

// Dump shows a binary file of the index as text, a line per word of a
// shard or one line for a set of events, with each set in the form it
// was written: "title=[0 2]" for gaps, "body={0-17}" for a bitmap. Goldens
// hold the dump, for a person to read.
func Dump(path string, b []byte) (string, error) {
	var out strings.Builder
	if !strings.HasPrefix(path, "search/w/") {
		s, rest, err := dumpSet(b)
		if err == nil && len(rest) != 0 {
			err = errCorrupt
		}
		return s + "\n", err
	}
	count, n := binary.Uvarint(b)
	if n <= 0 {
		return "", errCorrupt
	}
	b = b[n:]
	var word []byte
	for range count {
		shared, n := binary.Uvarint(b)
		if n <= 0 || int(shared) > len(word) {
			return "", errCorrupt
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || int(size) >= len(b)-n {
			return "", errCorrupt
		}
		b = b[n:]
		word = append(word[:shared], b[:size]...)
		b = b[size:]
		mask := b[0]
		b = b[1:]
		out.WriteString(strconv.Quote(string(word)))
		for f := range numFields {
			if mask&(1<<f) != 0 {
				var s string
				var err error
				if s, b, err = dumpSet(b); err != nil {
					return "", err
				}
				out.WriteString(" " + fieldNames[f] + "=" + s)
			}
		}
		out.WriteByte('\n')
	}
	if len(b) != 0 {
		return "", errCorrupt
	}
	return out.String(), nil
}

func dumpSet(b []byte) (string, []byte, error) {
	h, _ := binary.Uvarint(b)
	var ids []string
	rest, err := decodeSet(b, func(id int) { ids = append(ids, strconv.Itoa(id)) })
	if h&1 == 1 {
		return fmt.Sprintf("{%s}", strings.Join(ids, " ")), rest, err
	}
	return fmt.Sprintf("[%s]", strings.Join(ids, " ")), rest, err
}
