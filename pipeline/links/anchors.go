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
	for _, part := range a.Doc.Parts() {
		if h := part.Heading; h != nil {
			if id := h.ID(ids, a.Doc.Src); id != "" {
				out[id] = true
			}
			if h.Tab { // "#tab/windows" selects the tab
				out[markdown.TabID(h.Node)] = true
			}
			continue
		}
		p, ok := ResolveInclude(a.Path, part.Include.Path)
		if ok && len(stack) <= MaxIncludeDepth && !slices.Contains(stack, p) {
			if inc := load(p); inc != nil {
				addAnchors(inc, load, ids, out, append(stack, p))
			}
		}
	}
	for _, id := range a.Doc.ExplicitIDs() {
		out[id] = true
	}
}
