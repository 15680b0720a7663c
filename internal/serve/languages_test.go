package serve

import (
	"strings"
	"testing"
)

// TestServeLanguages serves a multilingual site: each language at its
// folder, with its own 404 page, and a saved translation shows.
func TestServeLanguages(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"Preview\"\n\n[languages.uk]\ntitle = \"Перегляд\"\n")
	writeFile(t, dir, "content/events/a.md", eventFile("Talks open", "2022-01-10", "The first day."))
	writeFile(t, dir, "content/events/a.uk.md", eventFile("Переговори", "2022-01-10", "Перший день."))
	r := start(t, dir, Options{})
	for _, c := range []struct {
		path, want string
		code       int
	}{
		{"", `<html lang="en">`, 200},
		{"uk/", `<html lang="uk">`, 200},
		{"uk/events/a/", "Переговори", 200},
		{"uk/nothing/", `<html lang="uk">`, 404},
		{"nothing/", `<html lang="en">`, 404},
	} {
		code, body := fetch(t, r.url+c.path)
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("/%s: %d, want %d with %q", c.path, code, c.code, c.want)
		}
	}
	writeFile(t, dir, "content/events/a.uk.md", eventFile("Переговори почалися", "2022-01-10", "Перший день."))
	eventually(t, "the saved translation", func() bool {
		_, body := fetch(t, r.url+"uk/events/a/")
		return strings.Contains(body, "Переговори почалися")
	})
}
