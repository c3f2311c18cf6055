package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/internal/jsonpos"
)

// listing is a generated page that lists articles or other listings.
type listing struct {
	url, title, desc string
	kind             string // docset, product, type, cloud, index, home
	pages            []*pageInfo
	sections         []Section
}

// planListings lays out the docset landing pages, the product, topic type
// and cloud listings and their index pages, and the home page.
func (b *builder) planListings() {
	b.docsetLanding = map[*docfx.Docset]*listing{}
	byDocset := map[*docfx.Docset][]*pageInfo{}
	for _, p := range b.pages {
		if p.docset != nil && !p.yaml {
			byDocset[p.docset] = append(byDocset[p.docset], p)
		}
	}
	var homeSecs []Section
	var docsets []Link
	for _, d := range b.s.Docsets { // in docfx.json path order
		if d.Base == "" || len(byDocset[d]) == 0 {
			continue
		}
		u := d.Base
		if _, taken := b.known[urlKey(u)]; taken {
			u = d.Base + "all/"
		}
		if !b.claim(u) {
			continue
		}
		l := &listing{url: u, title: docsetTitle(d), kind: "docset", pages: byDocset[d]}
		l.desc = "Troubleshooting articles for " + l.title + "."
		sortPages(l.pages)
		b.listings = append(b.listings, l)
		b.docsetLanding[d] = l
		docsets = append(docsets, Link{Name: l.title, URL: b.href(l.url), Count: len(l.pages)})
	}
	if len(docsets) > 0 {
		homeSecs = append(homeSecs, Section{Title: "Documentation sets", Links: docsets})
	}

	groups := []struct {
		dir, title, kind string
		values           func(p *pageInfo) []string
	}{
		{"products", "Products", "product", func(p *pageInfo) []string { return nonEmpty(p.meta.Product) }},
		{"types", "Topic types", "type", func(p *pageInfo) []string { return nonEmpty(p.meta.TopicType) }},
		{"clouds", "Clouds", "cloud", func(p *pageInfo) []string { return p.meta.Clouds }},
	}
	b.productListing = map[string]*listing{}
	for _, g := range groups {
		bySlug := map[string]*listing{}
		for _, p := range b.pages {
			if p.yaml {
				continue
			}
			for _, v := range g.values(p) {
				s := slug(v)
				l := bySlug[s]
				if l == nil {
					l = &listing{url: "/" + g.dir + "/" + s + "/", title: v, kind: g.kind}
					bySlug[s] = l
				}
				if v < l.title {
					l.title = v
				}
				if !slices.Contains(l.pages, p) {
					l.pages = append(l.pages, p)
				}
			}
		}
		if len(bySlug) == 0 {
			continue
		}
		var sec Section
		sec.Title = g.title
		slugs := make([]string, 0, len(bySlug))
		for s := range bySlug {
			slugs = append(slugs, s)
		}
		slices.Sort(slugs)
		for _, s := range slugs {
			l := bySlug[s]
			if !b.claim(l.url) {
				continue
			}
			sortPages(l.pages)
			l.desc = g.title[:len(g.title)-1] + ": " + l.title + "."
			b.listings = append(b.listings, l)
			sec.Links = append(sec.Links, Link{Name: l.title, URL: b.href(l.url), Count: len(l.pages)})
			if g.kind == "product" {
				b.productListing[l.title] = l
				for _, p := range l.pages {
					b.productListing[p.meta.Product] = l
				}
			}
		}
		idx := &listing{url: "/" + g.dir + "/", title: g.title, kind: "index", sections: []Section{sec}}
		idx.desc = "Articles by " + strings.ToLower(g.title[:len(g.title)-1]) + "."
		if b.claim(idx.url) {
			b.listings = append(b.listings, idx)
		}
		homeSecs = append(homeSecs, Section{Title: g.title, Links: sec.Links})
	}

	recent := b.recent(10)
	if len(recent) > 0 {
		homeSecs = append(homeSecs, Section{Title: "Recently updated", Links: b.links(recent)})
	}
	b.home = &listing{url: "/", title: b.opt.Title, kind: "home", sections: homeSecs}
	b.home.desc = b.opt.Title + ": troubleshooting and support articles."
	if !b.claim("/") {
		b.home = nil // an index.md at the root is the home page
	}
}

// recent returns the n most recently updated articles (by ms.date, ties by
// URL).
func (b *builder) recent(n int) []*pageInfo {
	var dated []*pageInfo
	for _, p := range b.pages {
		if !p.yaml && !p.date.IsZero() {
			dated = append(dated, p)
		}
	}
	slices.SortFunc(dated, func(x, y *pageInfo) int {
		return cmp.Or(y.date.Compare(x.date), strings.Compare(x.url, y.url))
	})
	return dated[:min(n, len(dated))]
}

// sectionLink is the listing a page belongs to, for its breadcrumbs.
func (b *builder) sectionLink(p *pageInfo) *Link {
	if l := b.docsetLanding[p.docset]; l != nil && p.docset != nil {
		return &Link{Name: l.title, URL: b.href(l.url)}
	}
	if l := b.productListing[p.meta.Product]; l != nil && p.meta.Product != "" {
		return &Link{Name: l.title, URL: b.href(l.url)}
	}
	return nil
}

// writeListings writes the listing pages and the home page.
func (b *builder) writeListings() error {
	for _, l := range b.listings {
		pg := &Page{Kind: "listing", Title: l.title, Description: l.desc, Items: b.links(l.pages), Sections: l.sections}
		pg.Breadcrumbs = []Link{{Name: b.opt.Title, URL: b.href("/")}}
		if l.kind != "docset" && l.kind != "index" {
			dir, _, _ := strings.Cut(strings.TrimPrefix(l.url, "/"), "/")
			for _, idx := range b.listings {
				if idx.kind == "index" && idx.url == "/"+dir+"/" {
					pg.Breadcrumbs = append(pg.Breadcrumbs, Link{Name: idx.title, URL: b.href(idx.url)})
				}
			}
		}
		if err := b.writeHTML(l.url, "listing.html", pg); err != nil {
			return err
		}
	}
	if b.home != nil {
		pg := &Page{Kind: "home", Title: b.home.title, Description: b.home.desc, Sections: b.home.sections}
		if err := b.writeHTML("/", "home.html", pg); err != nil {
			return err
		}
	}
	return nil
}

// docsetTitle names a docset: its titleSuffix, else its folder.
func docsetTitle(d *docfx.Docset) string {
	for _, v := range d.Global {
		if v.Key == "titleSuffix" && v.Node != nil && v.Node.Kind == jsonpos.String && strings.TrimSpace(v.Node.Str) != "" {
			return strings.TrimSpace(v.Node.Str)
		}
	}
	if d.Dir == "." {
		return "Articles"
	}
	return d.Dir
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
