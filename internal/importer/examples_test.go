package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	defaults "github.com/timeline-ssg/timeline"
	"github.com/timeline-ssg/timeline/internal/browsertest"
	"github.com/timeline-ssg/timeline/internal/render"
	"github.com/timeline-ssg/timeline/internal/scaffold"
	"github.com/timeline-ssg/timeline/internal/timeline"
)

// examplesDir holds the example timelines of the npm package
// timelinejs3@3.4.0, which ./test.sh installs (npm ci in testdata/browser).
const examplesDir = "../../testdata/browser/node_modules/timelinejs3/compiled/examples"

// exampleEvents is how many events each example gives: every slide with a
// start date that has a year, which is every slide TimelineJS shows.
// science.json writes its dates as "date", which TimelineJS does not
// read: none of its slides shows there, nor here.
var exampleEvents = map[string]int{
	"cosmological.json":       6,
	"eras.json":               20,
	"error_message_test.json": 16,
	"groups_test_2.json":      8,
	"groups_test_3.json":      25,
	"marktwain.json":          24,
	"marktwain_juked.json":    19,
	"marktwain_test.json":     14,
	"media_types.json":        21,
	"milliseconds.json":       5,
	"science.json":            0,
	"seventh_century.json":    21,
	"wedding.json":            13,
	"wedding_backup.json":     20,
	"welcome.json":            26,
	"years.json":              5,
}

// exampleErrors is the slides each example has that TimelineJS cannot
// show (no start date with a year), reported at their lines.
var exampleErrors = map[string][]int{
	"error_message_test.json": {293},
	"science.json":            {3, 16, 29, 42, 55, 68},
}

// TestImportExamples imports every example timeline of TimelineJS into a
// new site (as `timeline init` makes it) and builds the site.
func TestImportExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	if len(files) == 0 {
		browsertest.Missing(t, "timelinejs3 (testdata/browser/node_modules)")
	}
	seen := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		seen[name] = true
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			want, ok := exampleEvents[name]
			if !ok {
				t.Fatalf("no count of events for %s", name)
			}
			dir := t.TempDir()
			if _, err := scaffold.Init(dir); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "content/events/first-event.md"))
			res, err := Import(os.DirFS(dir), dir, file, Options{})
			var lines []int
			if err != nil {
				for line := range errorLines(t, err) {
					lines = append(lines, line)
				}
				sort.Ints(lines)
			}
			if got, want := lines, exampleErrors[name]; !slices.Equal(got, want) {
				t.Errorf("errors at lines %v, want %v: %v", got, want, err)
			}
			if len(res.Written) != want {
				t.Errorf("%d events written, want %d", len(res.Written), want)
			}
			site, err := timeline.Load(os.DirFS(dir), timeline.Options{})
			if err != nil {
				t.Fatalf("the imported site does not load: %v", err)
			}
			if len(site.Events) != want {
				t.Errorf("%d events load, want %d", len(site.Events), want)
			}
			// Every slide's media is kept: as the image, or as media.
			withMedia := 0
			for _, e := range site.Events {
				if e.Image != "" || e.Media != "" {
					withMedia++
				}
			}
			if want := slidesWithMedia(t, file); withMedia != want {
				t.Errorf("%d events have media, want %d", withMedia, want)
			}
			if _, err := render.Render(site, defaults.Theme(), render.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatalf("the imported site does not build: %v", err)
			}
		})
	}
	for name := range exampleEvents {
		if !seen[name] {
			t.Errorf("%s is missing from the examples", name)
		}
	}
}

// slidesWithMedia counts the slides of a TimelineJS file that have a
// start year and media.
func slidesWithMedia(t *testing.T, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Events []struct {
			StartDate *struct {
				Year any `json:"year"`
			} `json:"start_date"`
			Media *struct {
				URL string `json:"url"`
			} `json:"media"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range f.Events {
		if e.StartDate != nil && e.StartDate.Year != nil && e.StartDate.Year != "" && e.Media != nil && strings.TrimSpace(e.Media.URL) != "" {
			n++
		}
	}
	return n
}
