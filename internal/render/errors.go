package render

import (
	"errors"
	"html/template"
	"io/fs"
	"strings"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// joinErrors reports the errors of the jobs of a render, and of its link
// check, together: sorted, and each once (the first of those at one file
// and line with one message, in the order given). An error that is not
// the site's to fix, neither a timeline.ErrorList nor a timeline.Error (a
// disk that is full, two of the generator's own files at one path), is
// reported alone: the first such one.
func joinErrors(errs ...error) error {
	var all timeline.ErrorList
	for _, err := range errs {
		if err == nil {
			continue
		}
		list, ok := timeline.Errors(err)
		if !ok {
			return firstOther(errs)
		}
		for _, e := range list {
			if !containsError(all, e) {
				all = append(all, e)
			}
		}
	}
	return all.Err()
}

// firstOther is the first of errs that is neither a timeline.ErrorList
// nor a timeline.Error.
func firstOther(errs []error) error {
	for _, err := range errs {
		if _, ok := timeline.Errors(err); err != nil && !ok {
			return err
		}
	}
	return nil
}

// containsError reports whether list holds an error at e's file and line
// with e's message.
func containsError(list timeline.ErrorList, e *timeline.Error) bool {
	for _, o := range list {
		if o.File == e.File && o.Line == e.Line && o.Msg == e.Msg {
			return true
		}
	}
	return false
}

// withoutTemplates is Stream for a theme whose templates do not parse
// (tmplErr says where): it renders the site with empty pages instead,
// into Discard, for the errors the rest of the render finds (links to
// pages the site does not make, static files at pages' paths), and
// reports them with the templates' own, so that one run reports every
// error. The set of files the site makes, which the links are checked
// against, does not depend on the templates. It writes nothing.
func withoutTemplates(site *timeline.Site, theme fs.FS, opts Options, tmplErr error) error {
	var list timeline.ErrorList
	if !errors.As(tmplErr, &list) {
		return tmplErr
	}
	var more timeline.ErrorList
	if !errors.As(streamAll(site, theme, emptyTemplates(), opts, Discard()), &more) {
		return tmplErr // anything else shows once the templates are fixed
	}
	return joinErrors(list, more)
}

// emptyTemplates are templates that make every kind of page empty.
func emptyTemplates() *templates {
	t := &templates{pages: map[string]*template.Template{}, entrySet: map[string]string{}}
	for _, kind := range pageKinds {
		t.pages[kind] = template.Must(template.New(kind).Parse(`{{define "base"}}{{end}}`))
		t.entrySet[kind] = kind
	}
	return t
}

// claimed is the error for the path p, which two of a render's outputs
// claim: at the file in static/ that has the path of a file the build
// makes, or, when there is none, errClaimed (the generator's own files
// clash).
func claimed(theme fs.FS, p string) error {
	if _, err := fs.Stat(theme, "static/"+p); err != nil {
		return errClaimed(p)
	}
	e := &timeline.Error{File: "static/" + p, Msg: "the build makes /" + strings.TrimSuffix(p, "index.html") + " itself",
		Help: "a file in static/ is copied to the same path in the built site: move or rename it"}
	if strings.HasSuffix(p, "index.html") {
		e.Help += ", or give the page another slug"
	}
	return e
}
