package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/check"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/gitdiff"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/source"
	"github.com/helpsite/helpsite/pipeline/toc"
)

// LintChanged checks what a change touches instead of the whole tree: the
// files it added, modified or renamed, and every unchanged file that links
// into a file it deleted or renamed (for those, only the findings about
// such links are kept). A deleted or renamed article without a redirection
// entry is reported as redirect-missing. Site files the change touched
// (toc.yml, redirection files) are checked whole; images it added, or that
// the articles it changed showed, are checked for orphans.
func LintChanged(ctx context.Context, s *Site, ch *gitdiff.Changes, opt Options) (diag.List, error) {
	paths := make([]string, len(s.Tree.Files))
	for i, f := range s.Tree.Files {
		paths[i] = f.Path
	}
	ch.Untracked(paths)
	changed := ch.Paths()
	gone := map[string]string{} // deleted or renamed path -> new path ("" when deleted)
	for _, c := range ch.List {
		if c.Status == 'D' || c.Status == 'R' {
			gone[c.Old] = c.Path
		}
	}
	var out diag.List

	// Changed articles, checked whole.
	var mine []*article.Article
	for p := range changed {
		if f, ok := s.Tree.Lookup(p); ok && f.Kind == source.Markdown {
			if a := s.Article(p); a != nil {
				mine = append(mine, a)
			}
		}
	}
	slices.SortFunc(mine, func(a, b *article.Article) int { return strings.Compare(a.Path, b.Path) })
	results, err := s.check(ctx, mine, opt.workers())
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		out = append(out, r.Findings...)
	}
	if opt.External {
		out = append(out, s.external(ctx, mine, results, opt)...)
	}

	// Unchanged files that link into a deleted or renamed file.
	if len(gone) > 0 {
		in, err := s.inbound(ctx, gone, changed, opt.workers())
		if err != nil {
			return nil, err
		}
		out = append(out, in...)
		out = append(out, s.redirectMissing(gone)...)
	}

	// Site files the change touched. The tables of contents read are those
	// of the docsets the change touched (all of them when files went away:
	// any toc may have listed them).
	dirs := []string{"."}
	if len(gone) == 0 {
		dirs = nil
		for p := range changed {
			if d := s.Docsets.For(p); d != nil && !slices.Contains(dirs, d.Dir) {
				dirs = append(dirs, d.Dir)
			}
		}
	}
	var tocEdges []links.Edge
	tocChanged := false
	for _, t := range s.TOCs(opt.workers(), dirs...) {
		r := check.TOC(s.env, t)
		tocEdges = append(tocEdges, r.Edges...)
		switch {
		case changed[t.Path]:
			tocChanged = true
			out = append(out, r.Findings...)
		case len(gone) > 0: // an unchanged toc: only its hrefs into gone files
			var spans [][2]int
			t.Walk(func(e *toc.Entry) {
				for _, l := range e.Links {
					if p, ok := links.Resolve(t.Path, links.Parse(l.Href).Path); ok {
						if _, g := gone[p]; g {
							spans = append(spans, [2]int{l.Start, l.End})
						}
					}
				}
			})
			out = append(out, within(r.Findings, spans)...)
		}
	}
	// Articles that may have left every TOC: the changed ones, and all of
	// a docset whose toc.yml changed.
	var tocScope []*article.Article
	if tocChanged {
		all, err := s.Articles(ctx, opt.workers())
		if err != nil {
			return nil, err
		}
		tocScope = all
	} else {
		tocScope = mine
	}
	out = append(out, check.TOCMissing(s.env, tocScope, tocEdges)...)
	if slices.ContainsFunc(s.Tree.Of(source.Redirects), func(f source.File) bool { return changed[f.Path] }) {
		out = append(out, slices.DeleteFunc(check.Redirects(s.env, check.PageURLs(s.Tree, s.Docsets)),
			func(d diag.Diagnostic) bool { return !changed[d.File] })...)
	}
	if slices.ContainsFunc(mine, func(a *article.Article) bool { return a.Format == article.SHC }) {
		out = append(out, s.articleIDs(ctx, mine, opt.workers())...)
	}
	// An include cycle is found by expanding the pages, which a changed
	// include file does not name: expand them all when a change touches
	// an include.
	if slices.ContainsFunc(mine, func(a *article.Article) bool { return a.Include || len(a.Doc.Includes()) > 0 }) {
		all, err := s.Articles(ctx, opt.workers())
		if err != nil {
			return nil, err
		}
		out = append(out, slices.DeleteFunc(check.Includes(s.env, all), func(d diag.Diagnostic) bool { return !changed[d.File] })...)
	}
	orphans, err := s.changedOrphans(ctx, ch, changed, gone, opt.workers())
	if err != nil {
		return nil, err
	}
	out = append(out, orphans...)
	out.Sort()
	return slices.CompactFunc(out, func(a, b diag.Diagnostic) bool { return diag.Compare(a, b) == 0 }), nil
}

// check runs the single-file rules over articles in parallel.
func (s *Site) check(ctx context.Context, articles []*article.Article, workers int) ([]check.Result, error) {
	results := make([]check.Result, len(articles))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, a := range articles {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			results[i] = check.Article(s.env, a)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	return results, nil
}

// inbound finds the unchanged Markdown files that link into a gone file and
// returns the findings about those links. A file is parsed only when its
// text names a gone file.
func (s *Site) inbound(ctx context.Context, gone map[string]string, changed map[string]bool, workers int) (diag.List, error) {
	var needles [][]byte
	for p := range gone {
		base := strings.TrimSuffix(path.Base(p), path.Ext(p))
		needles = append(needles, []byte(strings.ToLower(base)))
	}
	var candidates []*article.Article
	for _, f := range s.Tree.Of(source.Markdown) {
		if changed[f.Path] {
			continue
		}
		text := s.Text(f.Path)
		if text == nil {
			continue
		}
		lower := bytes.ToLower(text.Bytes)
		if slices.ContainsFunc(needles, func(n []byte) bool { return bytes.Contains(lower, n) }) {
			if a := s.Article(f.Path); a != nil {
				candidates = append(candidates, a)
			}
		}
	}
	results, err := s.check(ctx, candidates, workers)
	if err != nil {
		return nil, err
	}
	var out diag.List
	for i, a := range candidates {
		var spans [][2]int
		for _, r := range results[i].Refs {
			if target := resolveRef(a, r); target != "" {
				if _, ok := gone[target]; ok {
					spans = append(spans, [2]int{r.Start, r.End})
				}
			}
		}
		out = append(out, within(results[i].Findings, spans)...)
	}
	return out, nil
}

// within keeps the findings that start inside one of the byte ranges.
func within(l diag.List, spans [][2]int) diag.List {
	var out diag.List
	for _, d := range l {
		if slices.ContainsFunc(spans, func(sp [2]int) bool { return d.Pos.Offset >= sp[0] && d.Pos.Offset <= sp[1] }) {
			out = append(out, d)
		}
	}
	return out
}

// resolveRef returns the content path a relative reference names, or "".
func resolveRef(a *article.Article, r links.Ref) string {
	t := links.Parse(r.Dest)
	if t.Kind != links.Relative {
		return ""
	}
	p, ok := links.Resolve(a.Path, t.Path)
	if !ok {
		return ""
	}
	if path.Ext(p) == "" {
		p += ".md"
	}
	return p
}

// redirectMissing reports the deleted or renamed articles that readers can
// no longer reach: no redirection entry names them.
func (s *Site) redirectMissing(gone map[string]string) diag.List {
	var where *source.Text
	var file string
	if files := s.Redirects.Files(); len(files) > 0 {
		where, file = files[0].Text, files[0].Path
	}
	var out diag.List
	for _, old := range slices.Sorted(maps.Keys(gone)) {
		now := gone[old]
		if !strings.EqualFold(path.Ext(old), ".md") || isInclude(old, s.Docsets.For(old)) || s.Redirects.From(old) != nil {
			continue
		}
		sev := s.Config.SeverityOf("redirect-missing")
		if sev == diag.Off {
			continue
		}
		d := diag.Diagnostic{Rule: "redirect-missing", Severity: sev}
		switch {
		case now != "":
			d.File = now
			d.Message = fmt.Sprintf("%s was renamed to %s without a redirection: add an entry for %s to .openpublishing.redirection.json", old, now, old)
		case file != "":
			d.File = file
			d.Message = fmt.Sprintf("%s was deleted without a redirection: add an entry for it", old)
		default:
			d.File = old
			d.Message = fmt.Sprintf("%s was deleted without a redirection: add a .openpublishing.redirection.json entry for it", old)
		}
		d.Pos = diag.Pos{Line: 1, Column: 1, Column16: 1}
		d.End = d.Pos
		if d.File == file && where != nil {
			d.Pos, d.End = where.Pos(0), where.Pos(0)
		}
		out = append(out, d)
	}
	return out
}

// articleIDs checks the article ids of the changed self-help articles
// against every self-help article of the tree.
func (s *Site) articleIDs(ctx context.Context, mine []*article.Article, workers int) diag.List {
	all, err := s.Articles(ctx, workers)
	if err != nil {
		return nil
	}
	keep := map[string]bool{}
	for _, a := range mine {
		keep[a.Path] = true
	}
	return slices.DeleteFunc(check.Tree(s.env, all), func(d diag.Diagnostic) bool { return !keep[d.File] })
}

// changedOrphans checks the images a change may have orphaned: images it
// added or changed, and images the old versions of changed or deleted
// articles showed.
func (s *Site) changedOrphans(ctx context.Context, ch *gitdiff.Changes, changed map[string]bool, gone map[string]string, workers int) (diag.List, error) {
	candidates := map[string]bool{}
	for p := range changed {
		if f, ok := s.Tree.Lookup(p); ok && f.Kind == source.Image {
			candidates[strings.ToLower(p)] = true
		}
	}
	var olds []string
	for p := range changed {
		if strings.EqualFold(path.Ext(p), ".md") {
			olds = append(olds, p)
		}
	}
	for p := range gone {
		if strings.EqualFold(path.Ext(p), ".md") {
			olds = append(olds, p)
		}
	}
	for _, p := range olds {
		// An image the new version still shows was not orphaned by the
		// change: only those it stopped showing are candidates.
		still := map[string]bool{}
		if text := s.Text(p); text != nil {
			for _, m := range links.ImagePath.FindAll(text.Bytes, -1) {
				still[strings.ToLower(string(m))] = true
			}
		}
		for _, m := range links.ImagePath.FindAll(ch.Show(ctx, p), -1) {
			if still[strings.ToLower(string(m))] {
				continue
			}
			if r, ok := links.Resolve(p, strings.ReplaceAll(string(m), `\`, "/")); ok {
				candidates[strings.ToLower(r)] = true
			}
		}
	}
	if len(candidates) == 0 {
		return nil, nil
	}
	// Only files whose text names a candidate can reference it.
	var needles [][]byte
	for c := range candidates {
		needles = append(needles, []byte(path.Base(c)))
	}
	mention := func(text []byte) bool {
		lower := bytes.ToLower(text)
		return slices.ContainsFunc(needles, func(n []byte) bool { return bytes.Contains(lower, n) })
	}
	var articles []*article.Article
	for _, f := range s.Tree.Of(source.Markdown) {
		if a := s.Text(f.Path); a != nil && mention(a.Bytes) {
			if art := s.Article(f.Path); art != nil {
				articles = append(articles, art)
			}
		}
	}
	var refs []links.Ref
	for _, a := range articles {
		refs = append(refs, links.Collect(a)...)
	}
	yml := s.yamlTexts(s.TOCs(workers, "."), mention)
	return slices.DeleteFunc(check.Orphans(s.env, refs, yml), func(d diag.Diagnostic) bool {
		return !candidates[strings.ToLower(d.File)]
	}), nil
}

// OnlyChangedLines keeps, of the findings LintChanged reported for a
// change, those on lines it added or modified (a finding about a file as a
// whole counts as being on its first line), those about files it did not
// touch (LintChanged reports there only links into files the change
// deleted or renamed, and images it orphaned), and redirect-missing.
func OnlyChangedLines(l diag.List, ch *gitdiff.Changes, lines *gitdiff.Lines) diag.List {
	touched := ch.Paths()
	var out diag.List
	for _, d := range l {
		from := max(d.Pos.Line, 1)
		if d.Rule == "redirect-missing" || !touched[d.File] || lines.Changed(d.File, from, max(d.End.Line, from)) {
			out = append(out, d)
		}
	}
	return out
}
