// Package timeline holds the built-in theme: the templates/ and static/
// folders of this repository, embedded in the binary so that a site
// without them still builds. A site's own file of the same path overrides
// the built-in one. The generator itself lives under internal/.
package timeline

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var theme embed.FS

// Theme returns the built-in templates/ and static/ folders.
func Theme() fs.FS { return theme }
