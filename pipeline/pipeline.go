// Package pipeline runs the stages of helpsite over a content tree: load
// (source, docfx, article), check, and later render, index and write. The
// command line parses flags into Options and calls Load and Lint; nothing
// here reads flags or the environment.
package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/check"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Options configures a run.
type Options struct {
	// Config is used as is when set; otherwise helpsite.yaml at the root
	// (if any) is applied to the defaults.
	Config *config.Config
	// ReferenceDate, when set, overrides the configuration's "today" of the
	// date rules.
	ReferenceDate time.Time
	// Workers bounds concurrency; 0 means GOMAXPROCS.
	Workers int
}

// Site is a loaded content tree.
type Site struct {
	Tree     *source.Tree
	Config   *config.Config
	Docsets  docfx.Set
	Articles []*article.Article // every Markdown file, in path order
	inherit  map[*docfx.Docset]*article.Inheritance
	// Notes are problems outside any rule: an unreadable file, a docfx.json
	// that is not JSON. The run goes on without the file.
	Notes []string
}

// Load walks fsys and loads every article.
func Load(ctx context.Context, fsys fs.FS, opt Options) (*Site, error) {
	tree, err := source.Walk(fsys)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	s := &Site{Tree: tree, Config: opt.Config}
	for _, p := range tree.Skipped {
		s.Notes = append(s.Notes, p+": skipped (unreadable, or a link that leaves the content root)")
	}
	if s.Config == nil {
		if s.Config, err = loadConfig(tree); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	if !opt.ReferenceDate.IsZero() {
		s.Config.ReferenceDate = opt.ReferenceDate
	}
	for _, f := range tree.Of(source.DocFX) {
		raw, err := tree.ReadFile(f.Path)
		if err != nil {
			s.Notes = append(s.Notes, err.Error())
			continue
		}
		text := source.Decode(raw)
		d := docfx.Parse(f.Path, text)
		if d.Err != nil {
			p := text.Pos(d.Err.Offset)
			s.Notes = append(s.Notes, fmt.Sprintf("%s:%d:%d: not valid JSON, its metadata is ignored: %s", f.Path, p.Line, p.Column, d.Err.Msg))
		}
		s.Docsets = append(s.Docsets, d)
	}
	s.inherit = make(map[*docfx.Docset]*article.Inheritance, len(s.Docsets))
	for _, d := range s.Docsets {
		s.inherit[d] = article.NewInheritance(d, d.Lines())
	}
	if err := s.loadArticles(ctx, opt.workers()); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return s, nil
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func loadConfig(tree *source.Tree) (*config.Config, error) {
	if _, ok := tree.Lookup(source.ConfigName); !ok {
		return config.DefaultConfig(), nil
	}
	raw, err := tree.ReadFile(source.ConfigName)
	if err != nil {
		return nil, err
	}
	return config.Load(source.ConfigName, raw)
}

func (s *Site) loadArticles(ctx context.Context, workers int) error {
	files := s.Tree.Of(source.Markdown)
	articles := make([]*article.Article, len(files))
	texts := make([]*source.Text, len(files))
	formats := make([]article.Format, len(files))
	readErrs := make([]error, len(files))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, f := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			raw, err := s.Tree.ReadFile(f.Path)
			if err != nil {
				// One unreadable file must not cost the findings of the
				// others: it becomes a note.
				readErrs[i] = err
				return nil
			}
			texts[i] = source.Decode(raw)
			formats[i] = article.Detect(texts[i].Bytes)
			if formats[i] != article.Unknown {
				articles[i] = s.parse(f.Path, texts[i], formats[i])
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	// A file with neither front matter nor a <properties> block takes the
	// format of the articles nearest to it.
	for i, f := range files {
		switch {
		case readErrs[i] != nil:
			s.Notes = append(s.Notes, readErrs[i].Error())
		case formats[i] == article.Unknown:
			articles[i] = s.parse(f.Path, texts[i], s.nearestFormat(f.Path, formats, files))
		}
		if articles[i] != nil {
			s.Articles = append(s.Articles, articles[i])
		}
	}
	return nil
}

func (s *Site) parse(p string, text *source.Text, f article.Format) *article.Article {
	a := article.Parse(p, text, f)
	d := s.Docsets.For(p)
	a.Include = isInclude(p, d)
	if d != nil && a.Format == article.Learn && !a.Include {
		a.Inherit(s.inherit[d])
	}
	return a
}

// isInclude reports whether a Markdown file is not a page of its own: it
// lies in an "includes" folder, or its docset does not build it.
func isInclude(p string, d *docfx.Docset) bool {
	for _, dir := range strings.Split(path.Dir(p), "/") {
		if strings.EqualFold(dir, "includes") {
			return true
		}
	}
	if d != nil {
		if rel, ok := d.Rel(p); ok && !d.Builds(rel) {
			return true
		}
	}
	return false
}

// nearestFormat returns the most common known format among the files of the
// closest folder (p's own, then its parents) that has any; Learn when a
// docset governs p or nothing is known.
func (s *Site) nearestFormat(p string, formats []article.Format, files []source.File) article.Format {
	if s.Docsets.For(p) != nil {
		return article.Learn
	}
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		var learn, shc int
		for i, f := range files {
			if dir == "." || strings.HasPrefix(f.Path, dir+"/") {
				switch formats[i] {
				case article.Learn:
					learn++
				case article.SHC:
					shc++
				}
			}
		}
		if shc > learn {
			return article.SHC
		}
		if learn > 0 || dir == "." {
			return article.Learn
		}
	}
}

// Lint runs every check over the loaded site and returns the sorted
// findings.
func Lint(ctx context.Context, s *Site, opt Options) (diag.List, error) {
	results := make([]diag.List, len(s.Articles))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.workers())
	for i, a := range s.Articles {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			results[i] = check.Article(s.Config, a)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	var out diag.List
	for _, r := range results {
		out = append(out, r...)
	}
	out = append(out, check.Tree(s.Config, s.Articles)...)
	out.Sort()
	return out, nil
}
