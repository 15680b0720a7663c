package timeline

import (
	"math"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		iso     string // ISO() of the result
		display string // String() of the result
	}{
		{"2014", Date{Year: 2014, Precision: PrecisionYear}, "2014", "2014"},
		{"2014-03", Date{Year: 2014, Month: 3, Precision: PrecisionMonth}, "2014-03", "March 2014"},
		{"2014-03-18", Date{Year: 2014, Month: 3, Day: 18, Precision: PrecisionDay}, "2014-03-18", "18 March 2014"},
		{"2014-03-18T10:30", Date{Year: 2014, Month: 3, Day: 18, Hour: 10, Minute: 30, Precision: PrecisionMinute}, "2014-03-18T10:30", "18 March 2014, 10:30"},
		{"2014-03-18 10:30", Date{Year: 2014, Month: 3, Day: 18, Hour: 10, Minute: 30, Precision: PrecisionMinute}, "2014-03-18T10:30", "18 March 2014, 10:30"},
		{"2014-03-18T10:30:00Z", Date{Year: 2014, Month: 3, Day: 18, Hour: 10, Minute: 30, HasOffset: true, Precision: PrecisionMinute}, "2014-03-18T10:30Z", "18 March 2014, 10:30 UTC"},
		{"2014-03-18T10:30:59Z", Date{Year: 2014, Month: 3, Day: 18, Hour: 10, Minute: 30, Second: 59, HasOffset: true, Precision: PrecisionSecond}, "2014-03-18T10:30:59Z", "18 March 2014, 10:30:59 UTC"},
		{"2014-06-18T17:17:44", Date{Year: 2014, Month: 6, Day: 18, Hour: 17, Minute: 17, Second: 44, Precision: PrecisionSecond}, "2014-06-18T17:17:44", "18 June 2014, 17:17:44"},
		{"2014-06-18 17:17:44.999", Date{Year: 2014, Month: 6, Day: 18, Hour: 17, Minute: 17, Second: 44, Precision: PrecisionSecond}, "2014-06-18T17:17:44", "18 June 2014, 17:17:44"},
		{"2016-12-31T23:59:60Z", Date{Year: 2016, Month: 12, Day: 31, Hour: 23, Minute: 59, Second: 59, HasOffset: true, Precision: PrecisionSecond}, "2016-12-31T23:59:59Z", "31 December 2016, 23:59:59 UTC"},
		{"~2014-06-18T17:17:44+02:00", Date{Year: 2014, Month: 6, Day: 18, Hour: 17, Minute: 17, Second: 44, Offset: 120, HasOffset: true, Precision: PrecisionSecond, Circa: true}, "~2014-06-18T17:17:44+02:00", "c. 18 June 2014, 17:17:44 UTC+02:00"},
		{"2014-03-18T10:30:00.123+02:00", Date{Year: 2014, Month: 3, Day: 18, Hour: 10, Minute: 30, Offset: 120, HasOffset: true, Precision: PrecisionMinute}, "2014-03-18T10:30+02:00", "18 March 2014, 10:30 UTC+02:00"},
		{"2014-03-18T23:59-05:30", Date{Year: 2014, Month: 3, Day: 18, Hour: 23, Minute: 59, Offset: -330, HasOffset: true, Precision: PrecisionMinute}, "2014-03-18T23:59-05:30", "18 March 2014, 23:59 UTC-05:30"},
		{"-0490", Date{Year: -490, Precision: PrecisionYear}, "-0490", "491 BC"},
		{"0000", Date{Year: 0, Precision: PrecisionYear}, "0000", "1 BC"},
		{"-0490-09", Date{Year: -490, Month: 9, Precision: PrecisionMonth}, "-0490-09", "September 491 BC"},
		{"12000", Date{Year: 12000, Precision: PrecisionYear}, "12000", "12,000"},
		{"-9999", Date{Year: -9999, Precision: PrecisionYear}, "-9999", "10,000 BC"},
		{"~-9999", Date{Year: -9999, Precision: PrecisionYear, Circa: true}, "~-9999", "c. 10,000 BC"},
		{"-249999", Date{Year: -249999, Precision: PrecisionYear}, "-249999", "250,000 BC"},
		{"-999998", Date{Year: -999998, Precision: PrecisionYear}, "-999998", "999,999 BC"},
		{"-999999", Date{Year: -999999, Precision: PrecisionYear}, "-999999", "1 million years ago"},
		{"-2588000", Date{Year: -2588000, Precision: PrecisionYear}, "-2588000", "2.588 million years ago"},
		{"-65500000", Date{Year: -65500000, Precision: PrecisionYear}, "-65500000", "65.5 million years ago"},
		{"-541000000", Date{Year: -541000000, Precision: PrecisionYear}, "-541000000", "541 million years ago"},
		{"-4540000000", Date{Year: -4540000000, Precision: PrecisionYear}, "-4540000000", "4.54 billion years ago"},
		{"-13800000000", Date{Year: -13800000000, Precision: PrecisionYear}, "-13800000000", "13.8 billion years ago"},
		{"~-13800000000", Date{Year: -13800000000, Precision: PrecisionYear, Circa: true}, "~-13800000000", "c. 13.8 billion years ago"},
		{"-99999999999", Date{Year: -99999999999, Precision: PrecisionYear}, "-99999999999", "100 billion years ago"},
		{"99999999999", Date{Year: 99999999999, Precision: PrecisionYear}, "99999999999", "99,999,999,999"},
		{"-541000000-03", Date{Year: -541000000, Month: 3, Precision: PrecisionMonth}, "-541000000-03", "March 541 million years ago"},
		{"+2014", Date{Year: 2014, Precision: PrecisionYear}, "2014", "2014"},
		{"800", Date{Year: 800, Precision: PrecisionYear}, "0800", "800"},
		{"~2014", Date{Year: 2014, Precision: PrecisionYear, Circa: true}, "~2014", "c. 2014"},
		{"~2014-03", Date{Year: 2014, Month: 3, Precision: PrecisionMonth, Circa: true}, "~2014-03", "c. March 2014"},
		{"2016-02-29", Date{Year: 2016, Month: 2, Day: 29, Precision: PrecisionDay}, "2016-02-29", "29 February 2016"},
		{"2000-02-29", Date{Year: 2000, Month: 2, Day: 29, Precision: PrecisionDay}, "2000-02-29", "29 February 2000"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.ISO(); s != tt.iso {
			t.Errorf("ParseDate(%q).ISO() = %q, want %q", tt.in, s, tt.iso)
		}
		if s := got.String(); s != tt.display {
			t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, s, tt.display)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty"},
		{"~", "empty"},
		{"March 2014", "expected a year"},
		{"2014-13", "month 13 out of range"},
		{"2014-00", "month 0 out of range"},
		{"2014-3", "expected -MM"},
		{"2014-031", "expected -MM"},
		{"2014-02-29", "day 29 out of range (February 2014 has 28 days)"},
		{"1900-02-29", "day 29 out of range"},
		{"2014-04-31", "day 31 out of range (April 2014 has 30 days)"},
		{"2014-03-00", "day 0 out of range"},
		{"2014-03-1", "expected -DD"},
		{"2014-03-18T", "expected an hour"},
		{"2014-03-18T24:00", "expected an hour"},
		{"2014-03-18T10:60", "expected :MM"},
		{"2014-03-18T10", "expected :MM"},
		{"2014-03-18T10:30:61", "expected :SS"},
		{"2014-03-18T10:30:00.", "expected digits"},
		{"2014-03-18T10:30+25:00", "zone offset"},
		{"2014-03-18T10:30+02", "zone offset"},
		{"2014-03-18X", "unexpected \"X\" after the day"},
		{"2014-03-18T10:30Zjunk", "unexpected \"junk\" at the end"},
		{"123456789012", "more than 11 digits"},
		{"-123456789012", "more than 11 digits"},
		{"2014-03-18T10:30:5", "expected :SS"},
		{"2014/03/18", "expected -MM"},
		{"--2014", "expected a year"},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) succeeded, want error containing %q", tt.in, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "date ") {
			t.Errorf("ParseDate(%q) error = %q, want it to start with the date", tt.in, err)
		}
	}
}

func TestDatetime(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2014", "2014", true},
		{"2014-03", "2014-03", true},
		{"~2014-03-18", "2014-03-18", true},
		{"2014-03-18T10:30+02:00", "2014-03-18T10:30+02:00", true},
		{"-0490", "", false},
		{"0000", "", false},
		{"12000", "", false},
		{"-13800000000", "", false},
		{"2014-06-18T17:17:44", "2014-06-18T17:17:44", true},
	}
	for _, tt := range tests {
		d, _ := ParseDate(tt.in)
		got, ok := d.Datetime()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%q.Datetime() = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatRange(t *testing.T) {
	tests := []struct {
		start, end string
		ongoing    bool
		want       string
	}{
		{"2014-03", "", true, "March 2014 – present"},
		{"2014-02", "2014-03", false, "February – March 2014"},
		{"2014-03-18", "2014-03-21", false, "18–21 March 2014"},
		{"2014-02-20", "2014-03-18", false, "20 February – 18 March 2014"},
		{"2014", "2016", false, "2014 – 2016"},
		{"2014-03", "2014-03-18", false, "March – 18 March 2014"},
		{"2014-03-18", "2014-04", false, "18 March – April 2014"},
		{"2013-03", "2014-03-18", false, "March 2013 – 18 March 2014"},
		{"~2014-03", "2014-03-18", false, "c. March 2014 – 18 March 2014"},
		{"2014", "2014-03-18", false, "2014 – 18 March 2014"},
		{"2013-11", "2014-02", false, "November 2013 – February 2014"},
		{"~2014", "2016", false, "c. 2014 – 2016"},
		{"-0490", "-0479", false, "491 BC – 480 BC"},
		{"2014-03-18", "", false, "18 March 2014"},
		{"-541000000", "-485400000", false, "541–485.4 million years ago"},
		{"-13800000000", "-4600000000", false, "13.8–4.6 billion years ago"},
		{"-2588000", "-9999", false, "2.588 million years ago – 10,000 BC"},
		{"~-541000000", "-485400000", false, "c. 541 million years ago – 485.4 million years ago"},
		{"-4600000000", "-541000000", false, "4.6 billion years ago – 541 million years ago"},
		{"-13798000000", "-13797930000", false, "13.798 billion years ago"},
		{"2014-06-18T17:17:44", "2014-06-18T17:18:14", false, "18 June 2014, 17:17:44 – 18 June 2014, 17:18:14"},
	}
	for _, tt := range tests {
		s, _ := ParseDate(tt.start)
		var e Date
		if tt.end != "" {
			e, _ = ParseDate(tt.end)
		}
		if got := FormatRange(s, e, tt.ongoing); got != tt.want {
			t.Errorf("FormatRange(%s, %s, %v) = %q, want %q", tt.start, tt.end, tt.ongoing, got, tt.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	// In order: each date sorts strictly before the next.
	order := []string{
		"-0490", "-0490-09", "0000", "0800", "2014", "~2014", "2014-01", "2014-01-01",
		"2014-01-01T00:00", "2014-03", "2014-03-18", "2014-03-18T10:30+02:00",
		"2014-03-18T09:30Z", "2014-03-18T10:30", "2014-03-18T10:30:01", "2014-03-18T10:30:59",
		"2014-03-18T10:31", "2014-03-19", "2015", "12000", "99999999999",
	}
	// Deep time first, from the Big Bang on.
	order = append([]string{"-99999999999", "-13800000000", "~-13800000000", "-4540000000", "-541000000",
		"-541000000-01", "-2588000", "-999999", "-999998", "-9999"}, order...)
	dates := make([]Date, len(order))
	for i, s := range order {
		var err error
		if dates[i], err = ParseDate(s); err != nil {
			t.Fatal(err)
		}
	}
	for i := range dates {
		for j := range dates {
			got := dates[i].Compare(dates[j])
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
}

func TestDateNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2014", "2015"},
		{"2014-12", "2015-01"},
		{"2014-02-28", "2014-03-01"},
		{"2016-02-28", "2016-02-29"},
		{"2014-12-31", "2015-01-01"},
		{"2014-12-31T23:59", "2015-01-01T00:00"},
		{"-0001-12-31", "0000-01-01"},
		{"~2014", "2015"},
		{"2014-06-18T17:17:44", "2014-06-18T17:17:45"},
		{"2014-12-31T23:59:59", "2015-01-01T00:00:00"},
		{"-13800000000", "-13799999999"},
	}
	for _, tt := range tests {
		d, _ := ParseDate(tt.in)
		if got := d.Next().ISO(); got != tt.want {
			t.Errorf("%s.Next() = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestYearText(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{2014, "2014"}, {1, "1"}, {9999, "9999"}, {10000, "10,000"}, {1234567, "1,234,567"},
		{0, "1 BC"}, {-490, "491 BC"}, {-999, "1000 BC"}, {-9998, "9999 BC"}, {-9999, "10,000 BC"},
		{-999998, "999,999 BC"}, {-999999, "1 million years ago"}, {-1234567, "1.235 million years ago"},
		{-66000000, "66 million years ago"}, {-999999999, "1 billion years ago"},
		{-13800000000, "13.8 billion years ago"}, {-MaxYear, "100 billion years ago"},
	}
	for _, tt := range tests {
		if got := YearText(tt.year); got != tt.want {
			t.Errorf("YearText(%d) = %q, want %q", tt.year, got, tt.want)
		}
	}
}

func TestFormatYears(t *testing.T) {
	tests := []struct {
		from, to int
		want     string
	}{
		{2015, 2015, "2015"},
		{2015, 2020, "2015–2020"},
		{-490, -480, "491–481 BC"},
		{-9, 5, "10 BC – AD 5"},
		{-19999, -9999, "20,000–10,000 BC"},
		{-13799999999, -4600000001, "13.8–4.6 billion years ago"},
		{-4600000000, -541000001, "4.6 billion years ago – 541 million years ago"},
		{-2588000, -10000, "2.588 million years ago – 10,001 BC"},
	}
	for _, tt := range tests {
		if got := FormatYears(tt.from, tt.to); got != tt.want {
			t.Errorf("FormatYears(%d, %d) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDecimalYear(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"2014", 2014},
		{"2014-07", 2014 + 181.0/365},
		{"2016-07", 2016 + 182.0/366},
		{"2014-01-01T12:00", 2014 + 0.5/365},
		{"2014-01-01T12:00+05:00", 2014 + 0.5/365}, // the zone is ignored
		{"2014-01-01T00:00:36", 2014 + 36.0/(365*86400)},
		{"-0490", -490},
		{"-13800000000", -13800000000},
		{"-13800000000-07", -13800000000 + 181.0/365},
		{"99999999999", 99999999999},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.DecimalYear(); math.Abs(got-tt.want) > 1e-9*max(1, math.Abs(tt.want)) {
			t.Errorf("%s.DecimalYear() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzParseDate checks that no input panics and that every date parsed
// formats to text that parses back to the same date and sorts equal.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2014", "2014-03", "2014-03-18", "2014-03-18T10:30", "2014-03-18T10:30:00Z",
		"2014-03-18T10:30:00.5-05:30", "-0490", "12000", "~2014-03", "+2014", "2014-02-29", "0000-01-01", "999999999-12-31T23:59+23:59",
		"-13800000000", "~-541000000-03", "99999999999-12-31T23:59:59-23:59", "-99999999999-01-01T00:00:01+23:59",
		"2014-06-18T17:17:44", "2014-06-18T17:17:60.5Z", "2014-06-18T17:17:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		_ = d.String()
		if v, ok := d.Datetime(); ok && !strings.HasPrefix(d.ISO(), v) && !strings.HasPrefix(d.ISO(), "~"+v) {
			t.Fatalf("%q: datetime %q is not the ISO form %q", s, v, d.ISO())
		}
		if n := d.Next(); n.Compare(d) <= 0 || n.instant() <= d.instant() {
			t.Fatalf("%q: Next %+v is not after it", s, n)
		}
		if y := d.DecimalYear(); y < float64(d.Year) || y > float64(d.Year+1) {
			t.Fatalf("%q: DecimalYear %v outside its year", s, y)
		}
		back, err := ParseDate(d.ISO())
		if err != nil {
			t.Fatalf("ParseDate(%q) = %+v, but its ISO %q does not parse: %v", s, d, d.ISO(), err)
		}
		if back != d || back.Compare(d) != 0 {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v", s, d, d.ISO(), back)
		}
	})
}
