package pipeline

import (
	"context"
	"slices"
	"sync"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Refresh forgets what was read and parsed of the Markdown files at paths
// (slash paths the tree lists), so that the next use reads them again: a
// preview server's edit. The tree's file list is unchanged; a file added
// or removed needs a new Load. Refresh must not run while the site is in
// use by other goroutines.
func (s *Site) Refresh(paths ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		if _, ok := s.entries[p]; ok {
			s.entries[p] = &entry{}
		}
	}
	// Who includes whom may have changed.
	s.includersOnce = sync.Once{}
	s.includers = nil
}

// IncludedBy lists the articles that include the file at p.
func (s *Site) IncludedBy(p string) []string { return slices.Clone(s.includedBy(p)) }

// Includes lists the files the article at p includes, and those they
// include, in order, each once.
func (s *Site) Includes(p string) []string {
	var out []string
	seen := map[string]bool{p: true}
	var walk func(p string)
	walk = func(p string) {
		a := s.Article(p)
		if a == nil || a.Doc == nil {
			return
		}
		for _, in := range a.Doc.Includes() {
			if t, ok := links.ResolveInclude(a.Path, in.Path); ok && !seen[t] {
				seen[t] = true
				out = append(out, t)
				walk(t)
			}
		}
	}
	walk(p)
	return out
}

// LintFiles runs the single-file rules over the articles at paths, with
// the rest of the tree as context (links, anchors and includes resolve as
// in Lint); the rules that compare articles with each other (duplicate ids,
// orphans, tables of contents) are Lint's alone.
func LintFiles(ctx context.Context, s *Site, paths []string, opt Options) (diag.List, error) {
	var mine []*article.Article
	for _, p := range paths {
		if f, ok := s.Tree.Lookup(p); ok && f.Kind == source.Markdown {
			if a := s.Article(p); a != nil {
				mine = append(mine, a)
			}
		}
	}
	results, err := s.check(ctx, mine, opt.workers())
	if err != nil {
		return nil, err
	}
	var out diag.List
	for _, r := range results {
		out = append(out, r.Findings...)
	}
	out.Sort()
	return out, nil
}
