package site

import (
	"path"
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
)

// searchURL is the site URL of the search results page.
const searchURL = "/search/"

// SearchPage is what search.html sees: a page and the labels of the facet
// values the static index holds.
type SearchPage struct {
	Page
	// Labels maps a facet field (docset, product, topic, cloud) and a
	// value as the index holds it (lower case) to what readers see:
	// {"product": {"microsoft.compute": "Compute"}}. The page script reads
	// it as JSON; a value without a label shows as it is.
	Labels map[string]map[string]string
}

// writeSearchPage writes the search results page (search.html) at
// /search/: the header's search form submits to it, and its script runs
// the query of its ?q= against the static index. It is noindex and not in
// the sitemap. When a page, listing or redirect of the tree already has
// the URL, that one stays (a page says so in a page-url-conflict finding).
func (b *builder) writeSearchPage() error {
	if b.tmpl.Lookup("search.html") == nil {
		return nil // an override set without one: no search page
	}
	if _, taken := b.known[docfx.URLKey(searchURL)]; taken {
		if p := b.byURL[docfx.URLKey(searchURL)]; p != nil {
			b.finding(p.a.Path, "page-url-conflict", "its URL %s is the search page's; the search page is not built", searchURL)
		}
		return nil
	}
	pg := &SearchPage{Page: Page{Kind: "search", Title: "Search", Description: "Search the articles of " + b.opt.Title + ".", NoIndex: true,
		Breadcrumbs: []Link{{Name: b.opt.Title, URL: b.href("/")}}}, Labels: b.searchLabels()}
	return b.writeTemplate(searchURL, outPath(searchURL), "search.html", &pg.Page, pg)
}

// searchLabels are the labels of the facet values of the pages, keyed as
// searchDoc writes the values: lower case, the docset by its folder name.
func (b *builder) searchLabels() map[string]map[string]string {
	l := map[string]map[string]string{"docset": {}, "product": {}, "topic": {}, "cloud": {}}
	put := func(field, value, label string) {
		if k := strings.ToLower(value); k != "" && label != "" {
			if _, ok := l[field][k]; !ok {
				l[field][k] = label
			}
		}
	}
	for _, d := range b.s.Docsets {
		if d.Dir != "." {
			put("docset", path.Base(d.Dir), docsetTitle(d))
		}
	}
	for _, p := range b.pages {
		put("product", p.meta.Product, p.meta.ProductLabel)
		put("topic", p.meta.TopicType, p.meta.TopicLabel)
		for _, c := range p.meta.CloudTerms {
			put("cloud", c.ID, c.Label)
		}
	}
	return l
}
