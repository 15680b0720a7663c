package serve

import (
	"strings"

	"github.com/timeline-ssg/timeline/internal/packed"
)

// notFoundFile is the 404 page for a missing URL path: a multilingual
// site's language has its own, under its folder (/uk/404.html).
func notFoundFile(files map[string]packed.File, urlPath string) string {
	first, rest, _ := strings.Cut(strings.TrimPrefix(urlPath, "/"), "/")
	if rest != "" || strings.HasSuffix(urlPath, "/") {
		if _, ok := files[first+"/404.html"]; ok {
			return first + "/404.html"
		}
	}
	return "404.html"
}

// hasFile reports whether files holds name.
func hasFile(files map[string]packed.File, name string) bool {
	_, ok := files[name]
	return ok
}
