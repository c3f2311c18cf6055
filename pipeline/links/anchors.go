package links

import (
	"slices"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// MaxIncludeDepth bounds nested includes, as DocFX does.
const MaxIncludeDepth = 8

// Loader returns the article at a content-root path, or nil.
type Loader func(p string) *article.Article

// Anchors returns the fragment ids an article offers: the ids of its
// headings with its includes expanded in place (as DocFX renders them, so
// numbering of repeated headings counts the included ones), the ids of DocFX
// tabs ("tab/windows"), and explicit id and name attributes.
func Anchors(a *article.Article, load Loader) map[string]bool {
	out := map[string]bool{}
	ids := markdown.NewIDs()
	addAnchors(a, load, ids, out, []string{a.Path})
	return out
}

func addAnchors(a *article.Article, load Loader, ids *markdown.IDs, out map[string]bool, stack []string) {
	type item struct {
		at      int
		heading *markdown.Heading
		include string
	}
	var items []item
	hs := a.Doc.Headings()
	for i := range hs {
		items = append(items, item{at: hs[i].Start, heading: &hs[i]})
	}
	for _, in := range a.Doc.Includes() {
		if p, ok := Resolve(a.Path, Parse(in.Path).Path); ok {
			items = append(items, item{at: in.Start, include: p})
		}
	}
	slices.SortStableFunc(items, func(x, y item) int { return x.at - y.at })
	for _, it := range items {
		switch {
		case it.heading != nil:
			if id := it.heading.ID(ids, a.Doc.Src); id != "" {
				out[id] = true
			}
			if it.heading.Tab { // "#tab/windows" selects the tab
				out[markdown.TabID(it.heading.Node)] = true
			}
		case len(stack) <= MaxIncludeDepth && !slices.Contains(stack, it.include):
			if inc := load(it.include); inc != nil {
				addAnchors(inc, load, ids, out, append(stack, it.include))
			}
		}
	}
	for _, id := range a.Doc.ExplicitIDs() {
		out[id] = true
	}
}
