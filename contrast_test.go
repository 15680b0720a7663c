package timeline_test

import (
	"maps"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestContrast checks the colours of the built-in stylesheet against WCAG
// 2.1 AA, in light and dark: text 4.5:1 on every background it is set on
// (the page, a card, a highlighted card), and the marks that carry meaning
// without words (track colours, the focus ring) 3:1. axe-core checks the
// rendered pages too, but cannot judge text that has a pseudo-element
// (the rail's marks) behind it; this covers every pair whatever the page.
func TestContrast(t *testing.T) {
	css, err := os.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light := cssVars(t, string(css), ":root {")
	dark := cssVars(t, string(css), "@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {")
	// The dark of ?theme=dark (the embed) is the same dark.
	if forced := cssVars(t, string(css), `:root[data-theme="dark"] {`); !maps.Equal(forced, dark) {
		t.Errorf("the colours of :root[data-theme=\"dark\"] are not those of the dark scheme:\n%v\n%v", forced, dark)
	}
	for _, scheme := range []struct {
		name string
		vars map[string]string
	}{{"light", light}, {"dark", dark}} {
		col := func(n string) string {
			if v, ok := scheme.vars[n]; ok {
				return v
			}
			return light[n]
		}
		check := func(fg, bg string, min float64) {
			r := contrast(t, col(fg), col(bg))
			if r < min {
				t.Errorf("%s: --%s on --%s is %.2f:1, under %.1f:1", scheme.name, fg, bg, r, min)
			}
		}
		for _, bg := range []string{"bg", "card", "mark"} {
			for _, fg := range []string{"fg", "muted", "link"} {
				check(fg, bg, 4.5)
			}
		}
		for _, bg := range []string{"bg", "card"} {
			check("focus", bg, 3)
			for i := range 8 {
				check("t"+strconv.Itoa(i), bg, 3)
			}
		}
	}
}

// cssVars reads the custom properties of the block that starts at start.
func cssVars(t *testing.T, css, start string) map[string]string {
	t.Helper()
	i := strings.Index(css, start)
	if i < 0 {
		t.Fatalf("style.css has no %q", start)
	}
	block := css[i+len(start):]
	block = block[:strings.Index(block, "}")]
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9]+):\s*(#[0-9a-fA-F]{6})\b`).FindAllStringSubmatch(block, -1) {
		vars[m[1]] = m[2]
	}
	if len(vars) < 10 {
		t.Fatalf("found %d colours after %q", len(vars), start)
	}
	return vars
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	n, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q", hex)
	}
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n>>16&255) + 0.7152*lin(n>>8&255) + 0.0722*lin(n&255)
}
