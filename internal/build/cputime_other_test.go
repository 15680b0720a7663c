//go:build !unix

package build

import "time"

// cpuTime is zero where the process's CPU time is not at hand: the
// benchmarks then report wall time alone.
func cpuTime() time.Duration { return 0 }
