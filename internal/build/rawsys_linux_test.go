package build

import (
	"fmt"
	"os"
	"testing"

	"github.com/timeline-ssg/timeline/internal/rawsys"
)

// The output's files come out the same with raw system calls and with
// the usual ones.
func TestOutputFilesBothCalls(t *testing.T) {
	for _, raw := range []bool{true, false} {
		t.Run(fmt.Sprint("raw=", raw), func(t *testing.T) {
			testOutputFiles(t, func(d *outDir) { d.sys = rawsys.Calls{Raw: raw} })
		})
	}
}

// A folder in memory is on a local file system: its calls are raw.
func TestCallsForLocal(t *testing.T) {
	if _, err := os.Stat("/dev/shm"); err != nil {
		t.Skip("no /dev/shm")
	}
	dir, err := os.MkdirTemp("/dev/shm", "calls")
	if err != nil {
		t.Skip(err)
	}
	defer os.RemoveAll(dir)
	out, err := openOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if !out.sys.Raw {
		t.Errorf("calls in %s (tmpfs) are not raw", dir)
	}
}
