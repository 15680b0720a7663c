package render

import (
	"cmp"
	"strconv"
)

// defaultPerPage is [lists] per_page when a Config leaves it zero.
const defaultPerPage = 200

// pager is a list page's place among the pages of its track, tag or year,
// when there are more than one: PATH/, PATH/page/2/, PATH/page/3/, ... as
// Hugo names them. Each page links to the one before and after it, with
// rel="prev" and rel="next", so that a reader (and a crawler) reaches
// every event without JavaScript; the jump-to-year links reach the others.
type pager struct {
	N, Of      int    // this page is the Nth of Of
	Prev, Next string // the neighbouring pages' paths from the root, or ""
}

func (r *renderer) perPage() int { return cmp.Or(r.site.Config.Lists.PerPage, defaultPerPage) }

// listPath is the path of a term's nth page from the root (n from 1).
func listPath(t *termView, n int) string {
	if n <= 1 {
		return t.URL
	}
	return t.URL + "page/" + strconv.Itoa(n) + "/"
}

// listPages makes the pages that list a term's events, perPage a page, in
// time order. A year cut by a page's end goes on under its heading on the
// next page, which counts all its events still.
func (r *renderer) listPages(t *termView) []*page {
	all := r.localGaps(groupByYear(t.Events, 0))
	r.placeEras(all)
	noteContinuing(all, t.Events)
	size := r.perPage()
	if len(t.Events) <= size {
		lp := r.newPage("list", t.URL, t.Name, "")
		lp.Kind, lp.Term, lp.Groups = t.Kind, t, all
		return []*page{lp}
	}
	of := (len(t.Events) + size - 1) / size
	pages := make([]*page, of)
	for n := range pages {
		lp := r.newPage("list", listPath(t, n+1), t.Name, "")
		lp.Kind, lp.Term, lp.all = t.Kind, t, all
		lp.Pager = &pager{N: n + 1, Of: of}
		if n > 0 {
			lp.Pager.Prev = listPath(t, n)
		}
		if n+1 < of {
			lp.Pager.Next = listPath(t, n+2)
		}
		pages[n] = lp
	}
	// Deal the groups out to the pages, cutting a group where a page ends.
	n, room := 0, size
	for _, g := range all {
		for rest, at := g.Events, 0; len(rest) > 0; {
			if room == 0 {
				n, room = n+1, size
			}
			k := min(room, len(rest))
			if at == 0 {
				g.page = n + 1
			}
			part := g
			if k < len(g.Events) {
				// A part of the year: its own events and eras, the
				// others of the year counted but on other pages; the
				// gap before the year belongs to its first part.
				part = &yearGroup{Year: g.Year, Events: rest[:k], year: g.year, elsewhere: len(g.Events) - k}
				if at == 0 {
					part.Gap, part.GapText, part.gapFrom = g.Gap, g.GapText, g.gapFrom
					part.Continuing, part.ContinuingMore = g.Continuing, g.ContinuingMore
				}
				for _, m := range g.Eras {
					if m.At >= at && m.At < at+k {
						part.Eras = append(part.Eras, eraMark{At: m.At - at, Era: m.Era})
					}
				}
			}
			pages[n].Groups = append(pages[n].Groups, part)
			rest, at, room = rest[k:], at+k, room-k
		}
	}
	return pages
}

// PrevN and NextN number the neighbouring pages.
func (p *pager) PrevN() int { return p.N - 1 }
func (p *pager) NextN() int { return p.N + 1 }
