package timeline

// How a date and a span are written for people: "18 March 2014",
// "March – 18 March 2014", "13.8 billion years ago".

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// String shows the date at its own precision, for people: "2014",
// "March 2014", "18 March 2014", "18 March 2014, 10:30 UTC",
// "18 June 2014, 17:17:44", "c. 2014", "491 BC", "c. 10,000 BC",
// "541 million years ago", "13.8 billion years ago" (see YearText).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b strings.Builder
	if d.Circa {
		b.WriteString("c. ")
	}
	if d.Precision >= PrecisionDay {
		b.WriteString(strconv.Itoa(int(d.Day)))
		b.WriteByte(' ')
	}
	if d.Precision >= PrecisionMonth {
		b.WriteString(monthNames[d.Month])
		b.WriteByte(' ')
	}
	b.WriteString(yearText(d.Year))
	if d.Precision >= PrecisionMinute {
		fmt.Fprintf(&b, ", %02d:%02d", d.Hour, d.Minute)
		if d.Precision >= PrecisionSecond {
			fmt.Fprintf(&b, ":%02d", d.Second)
		}
		if d.HasOffset {
			b.WriteString(" UTC")
			if d.Offset != 0 {
				b.Write(appendOffset(nil, int(d.Offset)))
			}
		}
	}
	return b.String()
}

func yearText(y int) string { return YearText(y) }

// agoFrom is the first count of years BC shown as years ago: from a
// million years back, as geology and astronomy count, a year is rounded
// to the million or billion ("541 million years ago"), where the
// difference between BC and "ago" (about 2,000 years) never shows.
const agoFrom = 1_000_000

// YearText shows an astronomical year as people write it: "2014",
// "491 BC" for -490, "10,000 BC" for -9999 (digits grouped from five on),
// "541 million years ago" for -541000000, "13.8 billion years ago" for
// -13800000000 (at most three decimals, in millions or billions).
func YearText(y int) string {
	if y >= 1 {
		return groupDigits(y)
	}
	bc := 1 - y
	if bc < agoFrom {
		return groupDigits(bc) + " BC"
	}
	n, unit := agoNumber(bc)
	return n + " " + unit + " years ago"
}

// agoNumber is a count of years in millions or billions, with at most
// three decimals and no trailing zeros: "13.8", "billion".
func agoNumber(years int) (n, unit string) {
	div, unit := 1e6, "million"
	if years >= 1e9 {
		div, unit = 1e9, "billion"
	}
	n = strconv.FormatFloat(math.Round(float64(years)/div*1000)/1000, 'f', -1, 64)
	return n, unit
}

// groupDigits writes n with commas between groups of three digits when it
// has five digits or more: "2014", "10,000", "250,000".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 5 {
		return s
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// FormatRange shows a span for people: "March 2014 – present",
// "February – March 2014", "18–21 March 2014", "March – 18 March 2014". A zero end shows the start
// alone.
func FormatRange(start, end Date, ongoing bool) string {
	switch {
	case ongoing:
		return start.String() + " – present"
	case end.IsZero() || end == start:
		return start.String()
	}
	// Share the year (and month) when both ends have it and nothing finer
	// than a day, so that ranges read as an editor would write them.
	if start.Precision == end.Precision && !start.Circa && !end.Circa && start.Year == end.Year {
		switch start.Precision {
		case PrecisionMonth:
			return monthNames[start.Month] + " – " + end.String()
		case PrecisionDay:
			if start.Month == end.Month {
				return strconv.Itoa(int(start.Day)) + "–" + end.String()
			}
			return strconv.Itoa(int(start.Day)) + " " + monthNames[start.Month] + " – " + end.String()
		case PrecisionYear:
			return start.String()
		}
	}
	// A month and a day of the same year: "March – 18 March 2014",
	// "18 March – April 2014".
	if start.Precision != end.Precision && !start.Circa && !end.Circa && start.Year == end.Year &&
		dayOrMonth(start.Precision) && dayOrMonth(end.Precision) {
		if start.Precision == PrecisionDay {
			return strconv.Itoa(int(start.Day)) + " " + monthNames[start.Month] + " – " + end.String()
		}
		return monthNames[start.Month] + " – " + end.String()
	}
	if start.Precision == PrecisionYear && end.Precision == PrecisionYear && !start.Circa && !end.Circa {
		if r, ok := agoRange(start.Year, end.Year); ok {
			return r
		}
	}
	return start.String() + " – " + end.String()
}

func dayOrMonth(p Precision) bool { return p == PrecisionDay || p == PrecisionMonth }

// agoRange shows a span of years that are both counted in millions or
// both in billions of years ago once: "541–485.4 million years ago", or
// "13.8 billion years ago" when both ends round to it.
func agoRange(from, to int) (string, bool) {
	if 1-from < agoFrom || 1-to < agoFrom {
		return "", false
	}
	a, ua := agoNumber(1 - from)
	b, ub := agoNumber(1 - to)
	switch {
	case ua != ub:
		return "", false
	case a == b: // the same, as far as it is shown
		return a + " " + ua + " years ago", true
	}
	return a + "–" + b + " " + ua + " years ago", true
}

// FormatYears names a stretch of whole years, as a gap between events:
// "2015", "2015–2020", "491–480 BC", "10 BC – AD 5",
// "13.8–4.6 billion years ago".
func FormatYears(from, to int) string {
	switch {
	case from == to:
		return YearText(from)
	case from < 1 && to >= 1:
		return YearText(from) + " – AD " + YearText(to)
	case 1-to >= agoFrom:
		if r, ok := agoRange(from, to); ok {
			return r
		}
		return YearText(from) + " – " + YearText(to)
	case 1-from >= agoFrom:
		return YearText(from) + " – " + YearText(to)
	case from < 1:
		return groupDigits(1-from) + "–" + YearText(to)
	}
	return YearText(from) + "–" + YearText(to)
}
