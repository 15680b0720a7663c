package timeline

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

const (
	PrecisionNone   Precision = iota // the zero Date: no date at all
	PrecisionYear                    // "2014"
	PrecisionMonth                   // "2014-03"
	PrecisionDay                     // "2014-03-18"
	PrecisionMinute                  // "2014-03-18T10:30", with or without a UTC offset
	PrecisionSecond                  // "2014-03-18T10:30:15"
)

// Date is a calendar date known to a precision: a year, a month, a day, a
// minute or a second. Fields finer than the precision are zero. Years are
// astronomical: year 0 is 1 BC and -490 is 491 BC, so that arithmetic
// needs no special case. They reach back past the Big Bang
// (-13800000000) and as far ahead: see MaxYear.
type Date struct {
	Year      int
	Month     int8 // 1–12, or 0 below month precision
	Day       int8 // 1–31, or 0 below day precision
	Hour      int8
	Minute    int8
	Second    int8 // 0–59; at second precision never 0 (see ParseDate)
	Precision Precision
	Offset    int16 // minutes east of UTC, when HasOffset
	HasOffset bool  // the time was given with a zone ("Z" or "+02:00")
	Circa     bool  // the date is approximate: shown as "c. 2014"
}

// MaxYear bounds the year both ways: a hundred billion years, seven times
// the age of the universe, while a date's instant in seconds (about
// 3.2e18 at this bound) still fits an int64 with room to spare.
const MaxYear = 99_999_999_999

// maxYearDigits is MaxYear's number of digits.
const maxYearDigits = 11

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// DateForms is the help shown under a date error.
const DateForms = `accepted forms: "2014", "2014-03", "2014-03-18", "2014-03-18T10:30",
"2014-03-18T10:30:15", an RFC 3339 time ("2014-03-18T10:30:15+02:00"), a TOML date
(2014-03-18 without quotes), "-0490" for 491 BC, "-13800000000" for 13.8 billion years ago;
prefix "~" for an approximate date ("~2014")`

// ParseDate parses the text forms of a date: "2014", "2014-03", "2014-03-18",
// "2014-03-18T10:30", "2014-03-18T10:30:15" and RFC 3339 times with a zone.
// A leading "-" gives a year before 1 (astronomical numbering), of up to
// 11 digits; a leading "~" marks the date circa. Seconds other than :00
// make a date of second precision; ":00" is how RFC 3339 and TOML, which
// require seconds, write a minute, so it stays one. A fraction of a second
// and a leap second (:60, read as :59) are accepted and rounded down. The
// error message names the part that is wrong.
func ParseDate(s string) (Date, error) {
	var d Date
	rest := strings.TrimSpace(s)
	if strings.HasPrefix(rest, "~") {
		d.Circa = true
		rest = rest[1:]
	}
	if rest == "" {
		return Date{}, fmt.Errorf("date %q: empty", s)
	}
	// Year: optional sign, then digits up to the first '-' after them.
	i := 0
	neg := false
	if rest[0] == '-' || rest[0] == '+' {
		neg = rest[0] == '-'
		i = 1
	}
	j := i
	for j < len(rest) && isDigit(rest[j]) {
		j++
	}
	if j == i {
		return Date{}, fmt.Errorf("date %q: expected a year", s)
	}
	if j-i > maxYearDigits {
		return Date{}, fmt.Errorf("date %q: year has more than %d digits", s, maxYearDigits)
	}
	y, _ := strconv.ParseInt(rest[i:j], 10, 64)
	if neg {
		y = -y
	}
	if int64(int(y)) != y {
		return Date{}, fmt.Errorf("date %q: year out of range on this 32-bit system", s)
	}
	d.Year = int(y)
	d.Precision = PrecisionYear
	rest = rest[j:]
	if rest == "" {
		return d, nil
	}

	var month, day, hour, minute int
	if month, rest = twoDigits(rest, '-'); month < 0 {
		return Date{}, fmt.Errorf("date %q: expected -MM after the year", s)
	}
	if month < 1 || month > 12 {
		return Date{}, fmt.Errorf("date %q: month %d out of range", s, month)
	}
	d.Month = int8(month)
	d.Precision = PrecisionMonth
	if rest == "" {
		return d, nil
	}

	if day, rest = twoDigits(rest, '-'); day < 0 {
		return Date{}, fmt.Errorf("date %q: expected -DD after the month", s)
	}
	if n := daysIn(d.Year, month); day < 1 || day > n {
		return Date{}, fmt.Errorf("date %q: day %d out of range (%s %s has %d days)", s, day, monthNames[month], yearText(d.Year), n)
	}
	d.Day = int8(day)
	d.Precision = PrecisionDay
	if rest == "" {
		return d, nil
	}

	if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
		return Date{}, fmt.Errorf("date %q: unexpected %q after the day", s, rest)
	}
	rest = rest[1:]
	if hour, rest = twoDigits(rest, 0); hour < 0 || hour > 23 {
		return Date{}, fmt.Errorf("date %q: expected an hour 00–23 after T", s)
	}
	if minute, rest = twoDigits(rest, ':'); minute < 0 || minute > 59 {
		return Date{}, fmt.Errorf("date %q: expected :MM minutes 00–59 after the hour", s)
	}
	d.Hour, d.Minute = int8(hour), int8(minute)
	d.Precision = PrecisionMinute
	if strings.HasPrefix(rest, ":") {
		var sec int
		if sec, rest = twoDigits(rest, ':'); sec < 0 || sec > 60 {
			return Date{}, fmt.Errorf("date %q: expected :SS seconds 00–60 after the minutes", s)
		}
		if sec > 0 {
			d.Second = int8(min(sec, 59))
			d.Precision = PrecisionSecond
		}
		if strings.HasPrefix(rest, ".") {
			k := 1
			for k < len(rest) && isDigit(rest[k]) {
				k++
			}
			if k == 1 {
				return Date{}, fmt.Errorf("date %q: expected digits after the decimal point", s)
			}
			rest = rest[k:]
		}
	}
	if rest == "" {
		return d, nil
	}
	switch rest[0] {
	case 'Z', 'z':
		rest = rest[1:]
		d.HasOffset = true
	case '+', '-':
		sign := 1
		if rest[0] == '-' {
			sign = -1
		}
		var h, m int
		h, rest = twoDigits(rest[1:], 0)
		if h < 0 || h > 23 {
			return Date{}, fmt.Errorf("date %q: expected a zone offset ±HH:MM", s)
		}
		if m, rest = twoDigits(rest, ':'); m < 0 || m > 59 {
			return Date{}, fmt.Errorf("date %q: expected a zone offset ±HH:MM", s)
		}
		d.HasOffset = true
		d.Offset = int16(sign * (h*60 + m))
	}
	if rest != "" {
		return Date{}, fmt.Errorf("date %q: unexpected %q at the end", s, rest)
	}
	return d, nil
}

// twoDigits reads an optional separator and then exactly two digits. It
// returns -1 when they are not there.
func twoDigits(s string, sep byte) (int, string) {
	if sep != 0 {
		if s == "" || s[0] != sep {
			return -1, s
		}
		s = s[1:]
	}
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) || (len(s) > 2 && isDigit(s[2])) {
		return -1, s
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), s[2:]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// DateOf converts a time to a Date of minute precision in the time's zone,
// or of second precision when its seconds are not 0.
func DateOf(t time.Time) Date {
	_, off := t.Zone()
	d := MinuteOf(t)
	d.Offset, d.HasOffset = int16(off/60), true
	return withSecond(d, t.Second())
}

// DayOf is t's day, a Date of day precision, in t's zone.
func DayOf(t time.Time) Date {
	y, m, day := t.Date()
	return Date{Year: y, Month: int8(m), Day: int8(day), Precision: PrecisionDay}
}

// MinuteOf is t to the minute, a Date of minute precision without a zone,
// in t's zone.
func MinuteOf(t time.Time) Date {
	d := DayOf(t)
	d.Hour, d.Minute, d.Precision = int8(t.Hour()), int8(t.Minute()), PrecisionMinute
	return d
}

// withSecond gives a date of minute precision its second, if not 0.
func withSecond(d Date, sec int) Date {
	if sec > 0 {
		d.Second, d.Precision = int8(min(sec, 59)), PrecisionSecond
	}
	return d
}

// UnmarshalTOML accepts a date string or a TOML date, local date-time or
// offset date-time, so the decoder reports a bad date with its line.
func (d *Date) UnmarshalTOML(v any) error {
	var err error
	*d, err = dateFromTOML(v)
	return err
}

func dateFromTOML(v any) (Date, error) {
	switch v := v.(type) {
	case string:
		return ParseDate(v)
	case time.Time:
		// The decoder marks TOML's local forms with zones of these names.
		switch v.Location().String() {
		case "date-local":
			return DayOf(v), nil
		case "datetime-local":
			return withSecond(MinuteOf(v), v.Second()), nil
		case "time-local":
			return Date{}, fmt.Errorf("a time of day without a date")
		}
		return DateOf(v), nil
	case int64:
		// date = 2014 without quotes: accept it as the year it plainly means.
		if v < -MaxYear || v > MaxYear || int64(int(v)) != v {
			return Date{}, fmt.Errorf("year %d out of range", v)
		}
		return Date{Year: int(v), Precision: PrecisionYear}, nil
	}
	return Date{}, fmt.Errorf("expected a date, got %s", tomlType(v))
}

// IsZero reports whether d is no date at all.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// ISO returns the date as text that ParseDate reads back to the same Date:
// "2014", "2014-03", "-0490-03-18", "2014-03-18T10:30+02:00",
// "2014-03-18T10:30:15", "-13800000000", "~2014".
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	var b strings.Builder
	if d.Circa {
		b.WriteByte('~')
	}
	b.WriteString(d.machine())
	return b.String()
}

func (d Date) machine() string {
	var b []byte
	if d.Year < 0 {
		b = append(b, '-')
		b = AppendPadded(b, -d.Year, 4)
	} else {
		b = AppendPadded(b, d.Year, 4)
	}
	if d.Precision >= PrecisionMonth {
		b = append(b, '-')
		b = AppendPadded(b, int(d.Month), 2)
	}
	if d.Precision >= PrecisionDay {
		b = append(b, '-')
		b = AppendPadded(b, int(d.Day), 2)
	}
	if d.Precision >= PrecisionMinute {
		b = append(b, 'T')
		b = AppendPadded(b, int(d.Hour), 2)
		b = append(b, ':')
		b = AppendPadded(b, int(d.Minute), 2)
		if d.Precision >= PrecisionSecond {
			b = append(b, ':')
			b = AppendPadded(b, int(d.Second), 2)
		}
		if d.HasOffset {
			b = appendOffset(b, int(d.Offset))
		}
	}
	return string(b)
}

func appendOffset(b []byte, off int) []byte {
	if off == 0 {
		return append(b, 'Z')
	}
	if off < 0 {
		b = append(b, '-')
		off = -off
	} else {
		b = append(b, '+')
	}
	b = AppendPadded(b, off/60, 2)
	b = append(b, ':')
	return AppendPadded(b, off%60, 2)
}

// AppendPadded appends n, which is not negative, in at least width
// digits, as fmt's %0*d does: the dates' machine forms (ISO 8601,
// iCalendar) are made of such numbers.
func AppendPadded(b []byte, n, width int) []byte {
	for w := 10; width > 1; w, width = w*10, width-1 {
		if n < w {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// Datetime returns the value for an HTML <time datetime> attribute. HTML has
// no form for years before 1 or after 9999, so ok is false for them.
func (d Date) Datetime() (value string, ok bool) {
	if d.IsZero() || d.Year < 1 || d.Year > 9999 {
		return "", false
	}
	return d.machine(), true
}

// instant is the first second of the date's period, counted from 1970 in
// UTC where the date has a zone, for ordering. Within MaxYear it stays
// under 3.2e18, inside an int64.
func (d Date) instant() int64 {
	if !d.HasOffset {
		return d.localInstant()
	}
	return d.localInstant() - int64(d.Offset)*60
}

// localInstant is instant with the zone ignored.
func (d Date) localInstant() int64 {
	m, day := max(int(d.Month), 1), max(int(d.Day), 1)
	return daysFromCivil(int64(d.Year), m, day)*86400 + int64(int(d.Hour)*3600+int(d.Minute)*60+int(d.Second))
}

// DecimalYear places the start of the date on a proportional axis, in
// years with a fraction: 2014.142 for 22 February 2014. A zone is
// ignored: at the scale of years a few hours never show. A float64 holds
// the year exactly at any magnitude (to 2^53), and the fraction to a
// thousandth up to about a billion years.
func (d Date) DecimalYear() float64 {
	start := daysFromCivil(int64(d.Year), 1, 1) * 86400
	next := daysFromCivil(int64(d.Year)+1, 1, 1) * 86400
	return float64(d.Year) + float64(d.localInstant()-start)/float64(next-start)
}

// lastInstant is the last second of the date's period.
func (d Date) lastInstant() int64 {
	return d.Next().instant() - 1
}

// Next returns the start of the period after d's, at d's precision: the next
// year, month, day, minute or second. iCalendar's exclusive DTEND is made
// from it.
func (d Date) Next() Date {
	n := d
	n.Circa = false
	switch d.Precision {
	case PrecisionYear:
		n.Year++
	case PrecisionMonth:
		n.Month++
		if n.Month > 12 {
			n.Month = 1
			n.Year++
		}
	case PrecisionDay:
		n.Day++
		if int(n.Day) > daysIn(n.Year, int(n.Month)) {
			n.Day = 1
			n.Month++
			if n.Month > 12 {
				n.Month = 1
				n.Year++
			}
		}
	case PrecisionSecond:
		n.Second++
		if n.Second == 60 {
			n.Second = 0
			n.Precision = PrecisionMinute
			n = n.Next()
			n.Precision = PrecisionSecond
		}
	case PrecisionMinute:
		n.Minute++
		if n.Minute == 60 {
			n.Minute = 0
			n.Hour++
			if n.Hour == 24 {
				n.Hour = 0
				p := Date{Year: n.Year, Month: n.Month, Day: n.Day, Precision: PrecisionDay}.Next()
				n.Year, n.Month, n.Day = p.Year, p.Month, p.Day
			}
		}
	}
	return n
}

// daysFromCivil counts days from 1970-01-01 in the proleptic Gregorian
// calendar (Howard Hinnant's algorithm), valid for any year.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := int64((153*mp+2)/5 + d - 1)
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Compare orders dates in time: by their first instant, then coarser
// precision first ("2014" before "2014-01-01"), then exact before circa,
// then by zone. It is a total order: it returns 0 only for equal dates.
func (d Date) Compare(e Date) int {
	if c := cmp.Compare(d.instant(), e.instant()); c != 0 {
		return c
	}
	return cmp.Or( // cheap: equal instants are rare
		cmp.Compare(d.Precision, e.Precision),
		compareBool(d.Circa, e.Circa),
		compareBool(d.HasOffset, e.HasOffset),
		cmp.Compare(d.Offset, e.Offset),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Before reports whether all of d's period lies before e's start, which is
// what "end before start" means for dates of different precisions.
func (d Date) endsBefore(e Date) bool { return d.lastInstant() < e.instant() }
