package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MaxHits bounds the hits one search returns, and how many it may skip.
const MaxHits = 10000

// Options shape a search.
type Options struct {
	Limit   int  // hits returned (default 10); the total counts them all
	From    int  // hits skipped, for paging
	Facets  bool // count hits per value of each facet field
	Snippet bool // highlighted fragments of the matching fields
	// Prefix makes the last word of the query also a prefix, for search as
	// you type (see the package doc).
	Prefix bool
	// Filters keep hits whose facet field has one of the values, in any
	// letter case; they do not change scores.
	Filters map[string][]string
}

// Hit is one matching article.
type Hit struct {
	File      string              `json:"file"`
	URL       string              `json:"url"`
	Title     string              `json:"title"`
	Score     float64             `json:"score"`
	Fragments map[string][]string `json:"fragments,omitempty"`
}

// FacetValue is a facet term and how many hits carry it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is what a search found.
type Result struct {
	Total  int                     `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets,omitempty"`
}

// Search runs a query string over the index.
func (ix *Index) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	qq, err := ix.parse(q, opt.Prefix)
	if err != nil {
		return nil, err
	}
	if len(opt.Filters) > 0 {
		b, ok := qq.(*query.BooleanQuery)
		if !ok {
			b = query.NewBooleanQuery([]query.Query{qq}, nil, nil)
		}
		var filters []query.Query
		for _, field := range slices.Sorted(maps.Keys(opt.Filters)) {
			var alts []query.Query
			for _, v := range opt.Filters[field] {
				t := query.NewTermQuery(strings.ToLower(v)) // facets are indexed lowercased
				t.SetField(field)
				alts = append(alts, t)
			}
			filters = append(filters, query.NewDisjunctionQuery(alts))
		}
		b.Filter = query.NewConjunctionQuery(filters)
		qq = b
	}
	limit, from := opt.Limit, max(opt.From, 0)
	if limit <= 0 {
		limit = 10
	}
	// bleve sizes its collector by from+limit
	limit = min(limit, MaxHits)
	from = min(from, MaxHits)
	req := bleve.NewSearchRequestOptions(qq, limit, from, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{"title", storedURL}
	if opt.Snippet {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = []string{"title", "description", "headings", "body"}
	}
	if opt.Facets {
		for _, f := range Facets {
			req.AddFacet(f, bleve.NewFacetRequest(f, 20))
		}
	}
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &Result{Total: int(res.Total), Hits: []Hit{}}
	for _, h := range res.Hits {
		hit := Hit{File: h.ID, Score: h.Score, Fragments: h.Fragments}
		hit.Title, _ = h.Fields["title"].(string)
		hit.URL, _ = h.Fields[storedURL].(string)
		out.Hits = append(out.Hits, hit)
	}
	if opt.Facets {
		out.Facets = map[string][]FacetValue{}
		for name, fr := range res.Facets {
			vals := []FacetValue{}
			if fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
				}
			}
			out.Facets[name] = vals
		}
	}
	return out, nil
}
