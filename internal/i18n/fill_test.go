package i18n

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFill: fill is ReplaceAll of each pair in turn, with values that
// hold later pairs' names, braces that make a name with a value, names
// repeated or missing, and texts longer than its buffers.
func TestFill(t *testing.T) {
	long := strings.Repeat("long words ", 40)
	cases := []struct {
		s    string
		args []string
	}{
		{"{title} ({date}), from {site}", []string{"title", "A", "date", "1914", "site", "S"}},
		{"no braces", []string{"title", "A"}},
		{"{title} {title}{title}", []string{"title", "x"}},
		{"{title}", []string{"title", "{date}", "date", "D"}},
		{"{date}", []string{"title", "T", "date", "{title}"}},
		{"{{title}}", []string{"title", "date", "date", "D"}},
		{"{ti{title}tle}", []string{"title", "", "title", "again"}},
		{"{unknown} {title", []string{"title", "T"}},
		{"{}", []string{"", "empty"}},
		{"{n} of {n}", []string{"n", "12", "x"}},
		{long + "{title}" + long, []string{"title", long, "n", "1"}},
		{"{title}", []string{"title", long + "{n}" + long, "n", long}},
		{"{" + long + "}", []string{long, "v"}},
	}
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"{", "}", "a", "{a}", "{b}", "b", "{{", "}}", "é", " "}
	gen := func(n int) string {
		var b strings.Builder
		for range r.IntN(n) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	for range 3000 {
		cases = append(cases, struct {
			s    string
			args []string
		}{gen(10), []string{"a", gen(4), "b", gen(4), "a", gen(3)}})
	}
	for _, c := range cases {
		if got, want := fill(c.s, c.args), fillInTurn(c.s, c.args); got != want {
			t.Errorf("fill(%q, %q) = %q, want %q", c.s, c.args, got, want)
		}
	}
}

// TestFillAllocs: filling makes one string, or none when nothing is filled.
func TestFillAllocs(t *testing.T) {
	args := []string{"title", "The alliance in Warsaw", "date", "14 March 1914", "site", "A timeline"}
	if n := testing.AllocsPerRun(100, func() { fill("{title} ({date}), from {site}", args) }); n != 1 {
		t.Errorf("%v allocations, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { fill("{other} text", args) }); n != 0 {
		t.Errorf("%v allocations with nothing filled, want 0", n)
	}
}
