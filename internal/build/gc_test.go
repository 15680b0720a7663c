package build

import (
	"runtime/debug"
	"testing"
)

func TestCollectLess(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)

	restore := collectLess()
	if got := debug.SetGCPercent(renderGCPercent); got != renderGCPercent {
		t.Errorf("GOGC while rendering = %d, want %d", got, renderGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GOGC after = %d, want 150 back", got)
	}

	t.Setenv("GOGC", "50") // the user's choice stands
	collectLess()()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set, GOGC = %d, want 150 untouched", got)
	}
}
