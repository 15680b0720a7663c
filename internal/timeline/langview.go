package timeline

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Each language of a multilingual site is loaded as a site of its own,
// from a view of the site's files (langView) in which the language's
// translations take their originals' names: in the Ukrainian view,
// content/events/crimea.uk.md is content/events/crimea.md. Everything
// the loader does (slugs, bundles and their files, links between files)
// then holds in every language, and matching events across languages by
// slug needs nothing more.

// langFile is a Markdown file of content/ with what its name says.
type langFile struct {
	entry fs.DirEntry
	stem  string // "crimea" for crimea.uk.md
	lang  string // "uk"; "" for the default language
}

// langTree is the site's content/ read once, for the views of every
// language.
type langTree struct {
	fsys  fs.FS
	dirs  map[string][]fs.DirEntry // folder -> its entries but Markdown files
	md    map[string][]langFile    // folder -> its Markdown files
	names []string                 // the site's language codes, the default first
}

// languageSuffix splits a content file's name into its stem and language
// suffix: "crimea.uk.md" -> "crimea", "uk"; "crimea.md" -> "crimea", "".
// A suffix is one of the site's languages (names), a two-letter language
// tag ("de", "pt-BR"), or a slip of one of the site's ("ua" for "uk"), so
// that a dotted name ("v1.2.md", "notes.old.md") keeps its dot.
func languageSuffix(name string, names []string) (stem, lang string) {
	stem = strings.TrimSuffix(name, ".md")
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return stem, ""
	}
	suffix := stem[i+1:]
	switch {
	case slices.Contains(names, suffix):
	case !languageTag.MatchString(suffix):
		return stem, ""
	case len(suffix) == 2 && slices.ContainsFunc(names, func(n string) bool { return editDistance(suffix, n) == 1 }):
	default:
		if _, err := language.Parse(suffix); err != nil {
			return stem, ""
		}
	}
	return stem[:i], suffix
}

var languageTag = regexp.MustCompile(`^[a-z]{2}(-[A-Za-z0-9]{2,8})*$`)

// readLanguages reads content/ for the views of the site's languages,
// adding to errs a file whose language is not one of the site's.
func readLanguages(fsys fs.FS, c Config, errs *ErrorList) *langTree {
	t := &langTree{fsys: fsys, dirs: map[string][]fs.DirEntry{}, md: map[string][]langFile{}, names: []string{c.Language}}
	for _, l := range c.Languages {
		t.names = append(t.names, l.Code)
	}
	// errors reading are left to the loader's own walk, which reports them
	_ = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != "content" && IsIgnored(d.Name()) {
			return fs.SkipDir
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			return nil
		}
		defaults := map[string]string{} // stem -> the default language's file
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || IsIgnored(name) || path.Ext(name) != ".md" {
				t.dirs[p] = append(t.dirs[p], e)
				continue
			}
			stem, lang := languageSuffix(name, t.names)
			if lang == c.Language {
				lang = ""
			}
			if lang != "" && !slices.Contains(t.names, lang) {
				errs.add(p+"/"+name, 0, "language %q is not one of the site's: %s", lang, strings.Join(t.names, ", ")).Help = t.suggest(lang)
				continue
			}
			if lang == "" {
				if other, ok := defaults[stem]; ok {
					errs.add(p+"/"+name, 0, "%s is the %s version of %s too", other, c.Language, stem).Help =
						"a default-language file may have the language in its name or not, but not both; remove one"
					continue
				}
				defaults[stem] = name
			}
			t.md[p] = append(t.md[p], langFile{entry: e, stem: stem, lang: lang})
		}
		return nil
	})
	return t
}

// suggest is the help of a file in a language the site lacks.
func (t *langTree) suggest(lang string) string {
	tags := make([]language.Tag, len(t.names))
	for i, n := range t.names {
		tags[i] = language.Make(n)
	}
	help := fmt.Sprintf("to add the language, give site.toml a [languages.%s] table with its title", lang)
	if tag, err := language.Parse(lang); err == nil {
		if _, i, conf := language.NewMatcher(tags).Match(tag); conf > language.No && i > 0 {
			return fmt.Sprintf("did you mean %q? %s", t.names[i], help)
		}
	}
	if i := slices.IndexFunc(t.names, func(n string) bool { return closest(lang, []string{n}) != "" }); i > 0 {
		return fmt.Sprintf("did you mean %q? %s", t.names[i], help)
	}
	return help
}

// view is content/ as the language lang ("" for the default) sees it:
// its own files under their originals' names, and, with fallback, the
// default language's files that have no translation into it.
func (t *langTree) view(lang string, fallback bool) *langView {
	v := &langView{fsys: t.fsys, files: map[string]string{}, dirs: map[string][]fs.DirEntry{}, borrowed: map[string]bool{}}
	for dir, others := range t.dirs {
		v.dirs[dir] = slices.Clone(others)
	}
	for dir, files := range t.md {
		if v.dirs[dir] == nil {
			v.dirs[dir] = []fs.DirEntry{} // listed by the view, even if empty
		}
		chosen := map[string]langFile{}
		for _, f := range files {
			switch {
			case f.lang == lang && lang != "":
				chosen[f.stem] = f // a translation wins
			case f.lang == "" && (lang == "" || fallback):
				if _, ok := chosen[f.stem]; !ok {
					chosen[f.stem] = f
				}
			}
		}
		for stem, f := range chosen {
			name := stem + ".md"
			v.files[dir+"/"+name] = dir + "/" + f.entry.Name()
			v.borrowed[dir+"/"+name] = lang != "" && f.lang == ""
			v.dirs[dir] = append(v.dirs[dir], renamed{f.entry, name})
		}
	}
	// A bundle the language has not leaves its files out too.
	for dir, files := range t.md {
		bundle := slices.ContainsFunc(files, func(f langFile) bool { return f.stem == "index" })
		if _, has := v.files[dir+"/index.md"]; bundle && !has && strings.HasPrefix(dir, "content/events/") {
			parent, name := path.Split(dir)
			parent = strings.TrimSuffix(parent, "/")
			v.dirs[parent] = slices.DeleteFunc(v.dirs[parent], func(e fs.DirEntry) bool { return e.Name() == name })
		}
	}
	for _, entries := range v.dirs {
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return v
}

// langView is the site's files as one language sees them (see view).
// Outside content/, and for content/'s other files, it is the site.
type langView struct {
	fsys     fs.FS
	files    map[string]string        // a Markdown file's path in the view -> in the site
	dirs     map[string][]fs.DirEntry // content/'s folders, as the view lists them
	borrowed map[string]bool          // path in the view -> the default language's file, untranslated
}

// real is the site's path of the view's file name, and whether the view
// has the file: a Markdown file of content/ it does not show is not there.
func (v *langView) real(name string) (string, bool) {
	if r, ok := v.files[name]; ok {
		return r, true
	}
	if strings.HasPrefix(name, "content/") && path.Ext(name) == ".md" {
		if _, isDir := v.dirs[name]; !isDir {
			return name, false
		}
	}
	return name, true
}

func (v *langView) Open(name string) (fs.File, error) {
	r, ok := v.real(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.fsys.Open(r)
}

func (v *langView) ReadDir(name string) ([]fs.DirEntry, error) {
	if entries, ok := v.dirs[name]; ok {
		return slices.Clone(entries), nil
	}
	return fs.ReadDir(v.fsys, name)
}

func (v *langView) Stat(name string) (fs.FileInfo, error) {
	r, ok := v.real(name)
	if !ok {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(v.fsys, r)
}

func (v *langView) ReadLink(name string) (string, error) {
	r, ok := v.real(name)
	if !ok {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadLink(v.fsys, r)
}

func (v *langView) Lstat(name string) (fs.FileInfo, error) {
	r, ok := v.real(name)
	if !ok {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Lstat(v.fsys, r)
}

// renamed is a directory entry under the name the view gives it.
type renamed struct {
	fs.DirEntry
	name string
}

func (r renamed) Name() string { return r.name }

// SourceFile is the file of the site that file, a path as the site's
// language sees it (an Event's File, a Page's), is: the translation,
// content/events/crimea.uk.md, for content/events/crimea.md.
func (s *Site) SourceFile(file string) string {
	if v, ok := s.fsys.(*langView); ok {
		if r, ok := v.files[file]; ok {
			return r
		}
	}
	return file
}

// SourceErrors returns err with the files of its errors named as the
// site has them (see SourceFile); other errors are returned as they are.
func (s *Site) SourceErrors(err error) error {
	list, ok := err.(ErrorList)
	if !ok {
		return err
	}
	out := make(ErrorList, len(list))
	for i, e := range list {
		c := *e
		c.File = s.SourceFile(e.File)
		out[i] = &c
	}
	return out
}
