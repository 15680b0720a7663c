package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
)

// Page templates: each is parsed with base.html and partials.html and
// defines "main" (and may define "head"); base.html defines "base", the
// frame of every page.
var pageKinds = []string{"home", "event", "list", "terms", "page", "404"}

type templates struct {
	pages map[string]*template.Template
}

var funcs = template.FuncMap{
	// jsonld marshals v for a <script type="application/ld+json">;
	// encoding/json escapes <, > and & so the script cannot be closed early.
	"jsonld": func(v any) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
}

// loadTemplates parses the theme's templates once per build.
func loadTemplates(theme fs.FS) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}}
	common := []string{"templates/base.html", "templates/partials.html"}
	for _, kind := range pageKinds {
		files := append(common[:2:2], "templates/"+kind+".html")
		tm := template.New(kind).Funcs(funcs)
		for _, f := range files {
			src, err := fs.ReadFile(theme, f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if _, err := tm.New(f).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
		if tm.Lookup("base") == nil {
			return nil, fmt.Errorf("templates/base.html: it must define \"base\"")
		}
		t.pages[kind] = tm
	}
	return t, nil
}
