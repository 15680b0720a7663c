package render

import (
	"strconv"
	"testing"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// TestShortDateText: the small axis's dates, written without building
// strings in steps, are what the words of the parts make.
func TestShortDateText(t *testing.T) {
	want := func(d timeline.Date, withYear bool) string {
		s := ""
		if d.Circa {
			s = "c. "
		}
		if d.Precision >= timeline.PrecisionDay {
			s += strconv.Itoa(int(d.Day)) + " "
		}
		if d.Precision >= timeline.PrecisionMonth {
			s += shortMonths[d.Month]
			if !withYear {
				return s
			}
			s += " "
		}
		return s + timeline.Date{Year: d.Year, Precision: timeline.PrecisionYear}.String()
	}
	for _, y := range []int{-13_800_000_000, -540_999_999, -9999, -490, 0, 1, 999, 9999, 10000, 123456} {
		for _, p := range []timeline.Precision{timeline.PrecisionYear, timeline.PrecisionMonth, timeline.PrecisionDay, timeline.PrecisionMinute} {
			for _, circa := range []bool{false, true} {
				for _, withYear := range []bool{false, true} {
					d := timeline.Date{Year: y, Month: 3, Day: 18, Precision: p, Circa: circa}
					if got, w := shortDate(d, withYear), want(d, withYear); got != w {
						t.Errorf("shortDate(%+v, %v) = %q, want %q", d, withYear, got, w)
					}
				}
			}
		}
	}
}

// TestPercentText: the axis's positions from the table are what
// strconv.FormatFloat writes.
func TestPercentText(t *testing.T) {
	for n := -5; n <= 1005; n++ {
		f := float64(n)
		if got, want := percentText(f), strconv.FormatFloat(f/10, 'f', -1, 64)+"%"; got != want {
			t.Errorf("percentText(%v) = %q, want %q", f, got, want)
		}
	}
}
