package render

// The parsed templates an incremental render keeps while their sources
// are the same, and the sum of the static files.

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io/fs"
	"maps"
	"regexp"
	"slices"
)

// templateCache keeps the parsed templates while their sources are the
// same, with a sum per page kind: its own file, and every shared one.
type templateCache struct {
	sources map[string][]byte
	parsed  *templates
	shared  uint64
	kinds   map[string]uint64
	// seesCounts tells the kinds whose templates may show how many events
	// a tag, track or year has through .Site; see siteFields.
	seesCounts map[string]bool
}

// siteScalars are the fields of siteView in the site signature whole: a
// template that reads only these from .Site shows no term's count.
var siteScalars = map[string]bool{"Title": true, "Description": true, "Language": true, "BaseURL": true,
	"Author": true, "Copyright": true, "EventCount": true, "Pages": true,
	"T": true, "N": true, "Word": true, "Num": true, "Dir": true, "Script": true, "SearchScript": true}

// siteRef finds the uses of .Site in a template, with the field read.
var siteRef = regexp.MustCompile(`\.Site\b(?:\.([A-Za-z_][A-Za-z0-9_]*))?`)

// mayShowCounts reports whether a template's source reads from .Site
// anything but siteScalars: the lists of tags, tracks and years, whose
// terms have counts, or .Site itself, to read anything from later.
func mayShowCounts(src []byte) bool {
	for _, m := range siteRef.FindAllSubmatch(src, -1) {
		if !siteScalars[string(m[1])] {
			return true
		}
	}
	return false
}

func (c *templateCache) kindSum(kind string) uint64 { return c.kinds[kind] ^ c.shared }

// templates returns the theme's templates, parsed again only when a file
// under templates/ changed. The site's translations (i18n/) count as
// templates shared by every page: a changed string is on every page.
func (inc *Incremental) templates(theme fs.FS) (*templateCache, error) {
	sources := map[string][]byte{}
	for _, dir := range []string{"templates", "i18n"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			sources[p] = b
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if c := inc.tmpl; c != nil && maps.EqualFunc(c.sources, sources, bytes.Equal) {
		return c, nil
	}
	parsed, err := loadTemplates(theme)
	if err != nil {
		return nil, err
	}
	c := &templateCache{sources: sources, parsed: parsed, kinds: map[string]uint64{}, seesCounts: map[string]bool{}}
	kindFile := map[string]string{}
	for _, k := range pageKinds {
		kindFile["templates/"+k+".html"] = k
	}
	var shared maphash.Hash
	shared.SetSeed(inc.seed)
	sharedCounts := false
	for _, p := range sortedKeys(sources) {
		if k, ok := kindFile[p]; ok {
			c.kinds[k] = maphash.Bytes(inc.seed, sources[p])
			c.seesCounts[k] = mayShowCounts(sources[p])
			continue
		}
		shared.WriteString(p)
		shared.WriteByte(0)
		shared.Write(sources[p])
		shared.WriteByte(0)
		sharedCounts = sharedCounts || mayShowCounts(sources[p])
	}
	c.shared = shared.Sum64()
	for _, k := range pageKinds {
		c.seesCounts[k] = c.seesCounts[k] || sharedCounts
	}
	inc.tmpl = c
	return c, nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// staticSig feeds the static job's signature: the files under static/
// with their sizes and times, or their contents where the file system
// keeps no times (the built-in theme, which is small).
func (r *renderer) staticSig(s *signer) {
	fs.WalkDir(r.theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			s.str(p + ": " + err.Error())
			return nil
		}
		s.str(p)
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			s.str(err.Error())
			return nil
		}
		s.u64(uint64(info.Size()))
		s.u64(uint64(info.ModTime().UnixNano()))
		if info.ModTime().IsZero() {
			b, err := fs.ReadFile(r.theme, p)
			if err != nil {
				s.str(err.Error())
			}
			s.u64(maphash.Bytes(s.x.inc.seed, b))
		}
		return nil
	})
}
