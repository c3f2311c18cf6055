package check

import (
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
)

// Tree runs the rules that compare articles with each other: an articleId
// shared by several self-help articles (one finding per file involved).
func Tree(env *Env, articles []*article.Article) diag.List {
	var out diag.List
	type use struct {
		a *article.Article
		f *article.Field
	}
	byID := map[string][]use{}
	for _, a := range articles {
		if a.Format != article.SHC || a.Include {
			continue
		}
		if f := a.Lookup("articleId"); f != nil && !f.Value.Empty() {
			k := strings.ToLower(strings.TrimSpace(f.Value.Text))
			byID[k] = append(byID[k], use{a, f})
		}
	}
	for _, uses := range byID {
		if len(uses) < 2 {
			continue
		}
		paths := make([]string, len(uses))
		for i, u := range uses {
			paths[i] = u.a.Path
		}
		slices.Sort(paths)
		for _, u := range uses {
			c := newContext(env, u.a)
			var others []string
			for _, p := range paths {
				if p != u.a.Path {
					others = append(others, p)
				}
			}
			d := c.report("meta-articleid-duplicate", u.f.Value.Start, u.f.Value.End,
				"articleId %q is also used by %s", strings.TrimSpace(u.f.Value.Text), strings.Join(others, ", "))
			if d != nil {
				for _, o := range uses {
					if o.a != u.a {
						d.Related = append(d.Related, diag.Location{File: o.a.Path, Pos: o.a.Pos(o.f.Value.Start), End: o.a.Pos(o.f.Value.End), Message: "same articleId"})
					}
				}
			}
			out = append(out, suppress(u.a, c.out)...)
		}
	}
	return out
}
