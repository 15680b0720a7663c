package build

import (
	"os"
	"runtime/debug"
)

// renderGCPercent is the GOGC of a build's rendering. Rendering makes
// most of a build's garbage while the loaded site stays live, and each
// collection marks the whole site again: at Go's default of 100, the
// collector took about an eighth of the CPU of a 10,000-event build. At
// 200 it runs half as often while rendering, for a peak about 80 MiB
// higher there (310 instead of 230 MiB); on large sites the soft memory
// limit (see memoryLimit) binds first, and the peak is what it was.
const renderGCPercent = 200

// collectLess sets the GOGC of rendering, unless GOGC or GOMEMLIMIT is
// set, and returns what puts the previous one back.
func collectLess() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(renderGCPercent)
	return func() { debug.SetGCPercent(prev) }
}
