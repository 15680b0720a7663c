package build

import (
	"time"

	"github.com/timeline-ssg/timeline/internal/render"
)

// rebuildLanguages builds a multilingual site again, whole: the preview's
// cache and incremental render know one language, so every language is
// loaded and rendered again after each change.
func (p *Preview) rebuildLanguages() (*render.Rendering, *Result, error) {
	start := time.Now()
	out, res, err := Render(p.opts)
	if err != nil {
		return nil, nil, err
	}
	res.Duration = time.Since(start)
	return render.Rendered(out), res, nil
}
