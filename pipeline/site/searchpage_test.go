package site_test

import (
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/site"
)

var labelsJSON = regexp.MustCompile(`(?s)<script type="application/json" id="search-labels">(.*?)</script>`)

// The search page is at /search/ with the base path, noindex, out of the
// sitemap, the target of every page's search form, and carries the labels
// of the facet values.
func TestSearchPage(t *testing.T) {
	_, out := build(t, sample, site.Options{BaseURL: "https://contoso.github.io/help/", NoSearch: true})
	page := read(t, filepath.Join(out, "search", "index.html"))
	if !strings.Contains(page, `<meta name="robots" content="noindex">`) {
		t.Errorf("search/index.html is not noindex")
	}
	if !strings.Contains(page, "<noscript>") {
		t.Errorf("search/index.html has no <noscript> message")
	}
	if sm := read(t, filepath.Join(out, "sitemap.xml")); strings.Contains(sm, "/search/") {
		t.Errorf("sitemap.xml lists the search page")
	}
	home := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, `<form class="search" role="search" action="/help/search/"`) {
		t.Errorf("the home page has no search form to /help/search/")
	}
	if !strings.Contains(home, `data-search-base="/help/search-data/"`) && strings.Contains(home, "/search.") {
		t.Errorf("search.js is loaded without data-search-base=\"/help/search-data/\"")
	}
	m := labelsJSON.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("search/index.html has no search-labels JSON")
	}
	var labels map[string]map[string]string
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &labels); err != nil {
		t.Fatalf("search-labels: %v\n%s", err, m[1])
	}
	for field, want := range map[string][2]string{
		"docset":  {"devops", "Azure DevOps"},
		"product": {"microsoft.compute", "Compute"},
		"topic":   {"problemscopingquestions", "Problem scoping questions"},
		"cloud":   {"fairfax", "Azure Government"},
	} {
		if got := labels[field][want[0]]; got != want[1] {
			t.Errorf("search-labels %s %s = %q, want %q", field, want[0], got, want[1])
		}
	}
}
