package watch

import (
	"flag"
	"os"
	"testing"
)

// TestMain runs more of the parallel tests at once than there are cores
// (go test's default): they mostly wait for quiet periods and polls, so
// that on a machine of two cores the package takes a few seconds instead
// of many. A -parallel given on the command line stands.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "16")
	}
	os.Exit(m.Run())
}
