package timeline

import (
	"testing"
	"testing/fstest"
)

// CheckSite says what Load says of a folder without site.toml, and nothing
// of one with it, however broken the rest.
func TestCheckSite(t *testing.T) {
	if err := CheckSite(site("content/events/a.md", "not an event")); err != nil {
		t.Errorf("CheckSite of a site: %v", err)
	}
	empty := fstest.MapFS{"content/events/a.md": {Data: []byte(event("title = \"A\"\ndate = \"2014\"\n"))}}
	err := CheckSite(empty)
	if err == nil {
		t.Fatal("CheckSite of a folder without site.toml: no error")
	}
	_, loadErr := Load(empty, Options{})
	if loadErr == nil || err.Error() != loadErr.Error() {
		t.Errorf("CheckSite says %q, Load says %q", err, loadErr)
	}
	list, ok := err.(ErrorList)
	if !ok || len(list) != 1 || list[0].File != "site.toml" || list[0].Help == "" {
		t.Errorf("CheckSite's error is %#v, want one site.toml error with help", err)
	}
}
