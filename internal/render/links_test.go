package render

import (
	"net/url"
	"testing"
)

// FuzzWebURL: what webURL lets through without a parse, url.Parse takes
// without an error, as a link to another site.
func FuzzWebURL(f *testing.F) {
	for _, s := range []string{
		"https://example.org/archive/union-3393", "http://example.org", "https://uk.wikipedia.org/wiki/%D0%9A?x=1#top",
		"https://a b/", "https://x.org/%zz", "https://x.org/%4", "https://x.org:80/", "https://u@x.org/", "https://[::1]/",
		"https://x.org/a\x01", "https:///path", "HTTPS://x.org/", "https://x.org/a b#c d%20", "https://x.org#%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !webURL(s) {
			return
		}
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" || u.Host == "" {
			t.Errorf("webURL(%q), but url.Parse: %v, %v", s, u, err)
		}
	})
}

// TestLinkResolverWebURLs: a link to another site is left as it is, an
// invalid one still reported, and one to a page of the site still
// resolved.
func TestLinkResolverWebURLs(t *testing.T) {
	c := newLinkCheck(0)
	c.pages["content/events/b.md"] = "events/b/"
	resolve := c.resolver("content/events/a.md", 3, "events/a/")
	for dest, want := range map[string]string{
		"https://example.org/archive/x": "https://example.org/archive/x",
		"http://x.org/%zz":              "http://x.org/%zz", // reported below
		"b.md#top":                      "../../events/b/#top",
	} {
		if got := resolve(dest, 1); got != want {
			t.Errorf("%q: %q, want %q", dest, got, want)
		}
	}
	if len(c.errs) != 1 || c.errs[0].Line != 3 {
		t.Errorf("errors %v, want the invalid URL's at line 3", c.errs)
	}
}
