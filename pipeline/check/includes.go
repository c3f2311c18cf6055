package check

import (
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/links"
)

// Includes reports the [!INCLUDE]s that a page cannot show: one that
// includes a file already being expanded (include-cycle), and one nested
// deeper than links.MaxIncludeDepth (include-depth). It expands every page
// the way the renderer does, in document order, and reports each
// offending [!INCLUDE] once, in the file that holds it, so lint and build
// find the same ones.
func Includes(env *Env, articles []*article.Article) diag.List {
	type key struct {
		file  string
		start int
		rule  string
	}
	seen := map[key]bool{}
	byFile := map[string]*Context{}
	var files []string
	var walk func(a *article.Article, stack []string)
	walk = func(a *article.Article, stack []string) {
		for _, in := range a.Doc.Includes() {
			p, ok := links.ResolveInclude(a.Path, in.Path)
			if !ok {
				continue
			}
			var rule, msg string
			switch {
			case len(stack) > links.MaxIncludeDepth:
				rule, msg = "include-depth", "include %s is not shown: includes nest deeper than %d (%s)"
			case slices.Contains(stack, p):
				rule, msg = "include-cycle", "include %s is not shown: it includes itself (%s)"
			default:
				if inc := env.Load(p); inc != nil && inc.Doc != nil {
					walk(inc, append(stack[:len(stack):len(stack)], p))
				}
				continue
			}
			k := key{a.Path, in.Start, rule}
			if seen[k] {
				continue
			}
			seen[k] = true
			c := byFile[a.Path]
			if c == nil {
				c = newContext(env, a)
				byFile[a.Path] = c
				files = append(files, a.Path)
			}
			if rule == "include-depth" {
				chain := strings.Join(slices.Concat(stack, []string{p}), " -> ")
				c.report(rule, a.BodyStart+in.Start, a.BodyStart+in.End, msg, in.Path, links.MaxIncludeDepth, chain)
			} else {
				chain := strings.Join(slices.Concat(stack[slices.Index(stack, p):], []string{p}), " -> ")
				c.report(rule, a.BodyStart+in.Start, a.BodyStart+in.End, msg, in.Path, chain)
			}
		}
	}
	for _, a := range articles {
		if !a.Include && a.Doc != nil {
			walk(a, []string{a.Path})
		}
	}
	var out diag.List
	for _, f := range files {
		c := byFile[f]
		out = append(out, suppress(c.Article, c.out)...)
	}
	return out
}
