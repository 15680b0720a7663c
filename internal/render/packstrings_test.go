package render

import (
	"slices"
	"testing"
	"unsafe"
)

func TestPackStrings(t *testing.T) {
	want := []string{"events/a/", "", "events/a-longer-slug/", "March 2014 – present", "x"}
	list := slices.Clone(want)
	got := packStrings(list)
	if !slices.Equal(got, want) {
		t.Fatalf("packStrings = %q, want %q", got, want)
	}
	// One after the other in one allocation.
	var end unsafe.Pointer
	for _, s := range got {
		if s == "" {
			continue
		}
		if end != nil && end != unsafe.Pointer(unsafe.StringData(s)) {
			t.Errorf("%q is not right after the string before it", s)
		}
		end = unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), len(s))
	}
}
