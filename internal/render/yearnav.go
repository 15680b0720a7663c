package render

// yearLink is one link of the jump-to-year navigation.
type yearLink struct {
	Label string // "2014", "1990s", "1900–1999"
	Slug  string // of the year heading it leads to: "#y-SLUG"
	// Page is the path from the root of the page with the heading, when
	// a paginated list has it on another page; "" for this page.
	Page string
}

// navLinks is how many links the jump-to-year navigation shows at most:
// past it, a link leads to each decade, then to each century.
const navLinks = 24

// YearNav is the home page's jump-to-year navigation: a link to each
// year of the list, or to the first year listed of each decade (or
// century) when there are more than navLinks years. A page with fewer
// than three years, or other than the home page or a track's or tag's,
// has none.
func (p *page) YearNav() []yearLink {
	groups := p.Groups
	if p.all != nil {
		groups = p.all
	}
	switch {
	case len(groups) < 3:
		return nil
	case p.Kind != "home" && p.Kind != "track" && p.Kind != "tag":
		return nil
	}
	// The links are counted at each step, and made at the first that
	// has few enough.
	step, n := 1, spans(groups, 1)
	for n > navLinks {
		step *= 10
		n = spans(groups, step)
	}
	links := make([]yearLink, 0, n)
	last := 0
	for i, g := range groups {
		b := floorDiv(g.year, step)
		if i > 0 && b == last {
			continue
		}
		last = b
		l := yearLink{Label: g.Year.Name, Slug: g.Year.Slug}
		if p.Pager != nil && g.page != p.Pager.N {
			l.Page = listPath(p.Term, g.page)
		}
		switch {
		case step == 10 && b*step >= 1:
			l.Label = p.Site.lc().Decade(b * step)
		case step > 1:
			l.Label = p.Site.lc().Years(b*step, b*step+step-1)
		}
		links = append(links, l)
	}
	return links
}

// spans is how many spans of step years the groups' years fall in.
func spans(groups []*yearGroup, step int) int {
	n, last := 0, 0
	for i, g := range groups {
		if b := floorDiv(g.year, step); i == 0 || b != last {
			n, last = n+1, b
		}
	}
	return n
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
