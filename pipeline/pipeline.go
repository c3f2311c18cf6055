// Package pipeline runs the stages of helpsite over a content tree: load
// (source, docfx, redirect, toc, article), check, and later render, index
// and write. The command line parses flags into Options and calls Load and
// Lint; nothing here reads flags or the environment.
package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/check"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/external"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/redirect"
	"github.com/helpsite/helpsite/pipeline/source"
	"github.com/helpsite/helpsite/pipeline/toc"
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
	// External checks that http(s) links answer (the configuration's
	// External section says how).
	External bool
	// Skip names folders of the tree (slash paths relative to its root)
	// that are not content, such as the output folder of a build.
	Skip []string
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Site is a loaded content tree. Articles are read and parsed on first use
// and kept; Site is safe for concurrent use.
type Site struct {
	Tree    *source.Tree
	Config  *config.Config
	Docsets docfx.Set
	// Redirects is read on first use.
	Redirects *redirect.Set
	// Graph is who links to whom, filled by Lint.
	Graph *links.Graph

	inherit map[*docfx.Docset]*article.Inheritance
	env     *check.Env

	includersOnce sync.Once
	includers     map[string][]string

	mu      sync.Mutex
	notes   []string
	entries map[string]*entry
	tocs    map[string]*tocEntry
}

type tocEntry struct {
	once sync.Once
	toc  *toc.TOC
}

type entry struct {
	once    sync.Once
	text    *source.Text
	format  article.Format
	article *article.Article
	err     error
}

// LoadDir is Load of the folder dir on disk (source.OpenDir: its paths
// never leave it).
func LoadDir(ctx context.Context, dir string, opt Options) (*Site, error) {
	fsys, err := source.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	return Load(ctx, fsys, opt)
}

// Load walks fsys and reads the configuration and the docsets. Articles,
// tables of contents and redirections are read when first needed.
func Load(ctx context.Context, fsys fs.FS, opt Options) (*Site, error) {
	tree, err := source.Walk(fsys, opt.Skip...)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	s := &Site{Tree: tree, Config: opt.Config, entries: map[string]*entry{}, tocs: map[string]*tocEntry{}, Graph: links.NewGraph()}
	for _, p := range tree.Skipped {
		s.note(p + ": skipped (unreadable, or a link that leaves the content root)")
	}
	if s.Config == nil {
		if s.Config, err = loadConfig(tree); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	if !opt.ReferenceDate.IsZero() {
		s.Config.ReferenceDate = opt.ReferenceDate
	}
	for _, f := range tree.Files {
		switch f.Kind {
		case source.Markdown:
			s.entries[f.Path] = &entry{}
		case source.TOC:
			s.tocs[f.Path] = &tocEntry{}
		}
	}
	for _, f := range tree.Of(source.DocFX) {
		text, ok := s.readText(f.Path)
		if !ok {
			continue
		}
		d := docfx.Parse(f.Path, text)
		if d.Err != nil {
			p := text.Pos(d.Err.Offset)
			s.note(fmt.Sprintf("%s:%d:%d: not valid JSON, its metadata is ignored: %s", f.Path, p.Line, p.Column, d.Err.Msg))
		}
		if base, ok := s.Config.URLBases[d.Dir]; ok {
			d.Base = base
		}
		s.Docsets = append(s.Docsets, d)
	}
	s.inherit = make(map[*docfx.Docset]*article.Inheritance, len(s.Docsets))
	for _, d := range s.Docsets {
		s.inherit[d] = article.NewInheritance(d, d.Lines())
	}
	s.Redirects = redirect.NewLazySet(s.readRedirects)
	s.env = &check.Env{Config: s.Config, Tree: tree, Docsets: s.Docsets, Redirects: s.Redirects, Load: s.lookup, Includers: s.includedBy}
	return s, nil
}

// readRedirects reads the redirection files.
func (s *Site) readRedirects() []*redirect.File {
	var out []*redirect.File
	for _, f := range s.Tree.Of(source.Redirects) {
		text, ok := s.readText(f.Path)
		if !ok {
			continue
		}
		r := redirect.Parse(f.Path, text)
		if r.Err != nil {
			p := text.Pos(r.Err.Offset)
			s.note(fmt.Sprintf("%s:%d:%d: not valid JSON, its redirections are ignored: %s", f.Path, p.Line, p.Column, r.Err.Msg))
		}
		out = append(out, r)
	}
	return out
}

// TOC returns the toc.yml at p, read on first use, or nil.
func (s *Site) TOC(p string) *toc.TOC {
	e := s.tocs[p]
	if e == nil {
		return nil
	}
	e.once.Do(func() {
		text, ok := s.readText(p)
		if !ok {
			return
		}
		e.toc = toc.Parse(p, text)
		if t := e.toc; t.Err != "" {
			pos := text.Pos(t.ErrPos)
			s.note(fmt.Sprintf("%s:%d:%d: %s; its entries are ignored", p, pos.Line, pos.Column, t.Err))
		}
	})
	return e.toc
}

// TOCs returns the tables of contents under the given folders ("." for
// all), in path order, reading them in parallel.
func (s *Site) TOCs(workers int, dirs ...string) []*toc.TOC {
	var files []string
	for _, f := range s.Tree.Of(source.TOC) {
		if slices.ContainsFunc(dirs, func(d string) bool { return d == "." || strings.HasPrefix(f.Path, d+"/") }) {
			files = append(files, f.Path)
		}
	}
	out := make([]*toc.TOC, len(files))
	g := new(errgroup.Group)
	g.SetLimit(workers)
	for i, p := range files {
		g.Go(func() error {
			out[i] = s.TOC(p)
			return nil
		})
	}
	g.Wait()
	return slices.DeleteFunc(out, func(t *toc.TOC) bool { return t == nil })
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

func (s *Site) note(n string) {
	s.mu.Lock()
	s.notes = append(s.notes, n)
	s.mu.Unlock()
}

// Notes are problems outside any rule: an unreadable file, a docfx.json
// that is not JSON. The run goes on without the file.
func (s *Site) Notes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.notes)
}

func (s *Site) readText(p string) (*source.Text, bool) {
	raw, err := s.Tree.ReadFile(p)
	if err != nil {
		s.note(err.Error())
		return nil, false
	}
	return source.Decode(raw), true
}

// Text returns the decoded text of a Markdown file, read once (nil for a
// file that is not Markdown or cannot be read).
func (s *Site) Text(p string) *source.Text {
	e := s.entries[p]
	if e == nil {
		return nil
	}
	s.detect(e, p)
	return e.text
}

// detect reads a Markdown file and tells its format from its content.
func (s *Site) detect(e *entry, p string) {
	e.once.Do(func() {
		text, ok := s.readText(p)
		if !ok {
			e.err = fs.ErrInvalid
			return
		}
		e.text, e.format = text, article.Detect(text.Bytes)
	})
}

// Article returns the Markdown file at p, read and parsed on first use, or
// nil when there is none or it cannot be read.
func (s *Site) Article(p string) *article.Article {
	e := s.entries[p]
	if e == nil {
		return nil
	}
	s.detect(e, p)
	if e.err != nil {
		return nil
	}
	s.mu.Lock()
	a := e.article
	s.mu.Unlock()
	if a != nil {
		return a
	}
	f := e.format
	if f == article.Unknown {
		f = s.nearestFormat(p)
	}
	a = article.Parse(p, e.text, f)
	d := s.Docsets.For(p)
	a.Include = isInclude(p, d)
	if d != nil && a.Format == article.Learn && !a.Include {
		a.Inherit(s.inherit[d])
	}
	s.mu.Lock()
	if e.article == nil { // another goroutine may have parsed it meanwhile
		e.article = a
	}
	a = e.article
	s.mu.Unlock()
	return a
}

func (s *Site) lookup(p string) *article.Article { return s.Article(p) }

// includedBy returns the Markdown files that include the file at p. The
// first call reads every article.
func (s *Site) includedBy(p string) []string {
	s.includersOnce.Do(func() {
		s.includers = map[string][]string{}
		all, err := s.Articles(context.Background(), runtime.GOMAXPROCS(0))
		if err != nil {
			return
		}
		for _, a := range all {
			for _, in := range a.Doc.Includes() {
				if t, ok := links.ResolveInclude(a.Path, in.Path); ok {
					s.includers[t] = append(s.includers[t], a.Path)
				}
			}
		}
	})
	return s.includers[p]
}

// Parsed returns the articles parsed so far, in path order.
func (s *Site) Parsed() []*article.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*article.Article
	for _, e := range s.entries {
		if e.article != nil {
			out = append(out, e.article)
		}
	}
	slices.SortFunc(out, func(a, b *article.Article) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Compact drops the syntax trees of the parsed articles (markdown.Doc's
// Compact): for a one-shot build, once the checks are done, it roughly
// halves what the site holds while the pages render. Nothing may check
// those articles after; a preview server, which checks again, does not
// call it.
func (s *Site) Compact() {
	for _, a := range s.Parsed() {
		if a.Doc != nil {
			a.Doc.Compact()
		}
	}
}

// Articles returns every Markdown file that can be read, in path order,
// parsing them in parallel.
func (s *Site) Articles(ctx context.Context, workers int) ([]*article.Article, error) {
	files := s.Tree.Of(source.Markdown)
	out := make([]*article.Article, len(files))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, f := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			out[i] = s.Article(f.Path)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(out, func(a *article.Article) bool { return a == nil }), nil
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

// nearestFormat is the format of a file with neither front matter nor a
// <properties> block: Learn inside a docset, else the most common known
// format among the files of the closest folder (p's own, then its
// parents) that has any, else Learn.
func (s *Site) nearestFormat(p string) article.Format {
	if s.Docsets.For(p) != nil {
		return article.Learn
	}
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		var learn, shc int
		for q, e := range s.entries {
			if q == p || !(dir == "." || strings.HasPrefix(q, dir+"/")) {
				continue
			}
			s.detect(e, q)
			switch e.format {
			case article.Learn:
				learn++
			case article.SHC:
				shc++
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

// Lint runs every check over the site and returns the sorted findings. It
// also fills the site's link graph.
func Lint(ctx context.Context, s *Site, opt Options) (diag.List, error) {
	articles, err := s.Articles(ctx, opt.workers())
	if err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	results, err := s.check(ctx, articles, opt.workers())
	if err != nil {
		return nil, err
	}
	var out diag.List
	var refs []links.Ref
	for _, r := range results {
		out = append(out, r.Findings...)
		refs = append(refs, r.Refs...)
		for _, e := range r.Edges {
			s.Graph.Add(e)
		}
	}
	if opt.External {
		out = append(out, s.external(ctx, articles, results, opt)...)
	}
	tocs := s.TOCs(opt.workers(), ".")
	var tocEdges []links.Edge
	for _, t := range tocs {
		r := check.TOC(s.env, t)
		out = append(out, r.Findings...)
		tocEdges = append(tocEdges, r.Edges...)
		for _, e := range r.Edges {
			s.Graph.Add(e)
		}
	}
	yml := s.yamlTexts(tocs, nil)
	out = append(out, check.Tree(s.env, articles)...)
	out = append(out, check.Includes(s.env, articles)...)
	out = append(out, check.TOCMissing(s.env, articles, tocEdges)...)
	out = append(out, check.Redirects(s.env, check.PageURLs(s.Tree, s.Docsets))...)
	out = append(out, check.Orphans(s.env, refs, yml)...)
	out.Sort()
	return out, nil
}

// external checks the http(s) links of the articles (results holds their
// references) and returns the findings about broken and moved ones.
func (s *Site) external(ctx context.Context, articles []*article.Article, results []check.Result, opt Options) diag.List {
	var urls []string
	for _, r := range results {
		for _, ref := range r.Refs {
			if u, ok := check.ExternalURL(ref); ok {
				urls = append(urls, u)
			}
		}
	}
	c := s.Config.External
	answers := external.Check(ctx, urls, external.Options{
		Workers: c.Workers, PerHost: c.PerHost, Timeout: c.Timeout,
		CacheFile: c.CacheFile, CacheMaxAge: c.CacheMaxAge, Ignore: c.Ignore,
	})
	var out diag.List
	for i, a := range articles {
		out = append(out, check.ExternalLinks(s.env, a, results[i].Refs, answers)...)
	}
	return out
}

// yamlTexts returns the texts of the TOCs and YAML pages that may show
// images, keeping only those keep accepts (nil keeps all).
func (s *Site) yamlTexts(tocs []*toc.TOC, keep func([]byte) bool) map[string]*source.Text {
	yml := map[string]*source.Text{}
	for _, t := range tocs {
		if keep == nil || keep(t.Text.Bytes) {
			yml[t.Path] = t.Text
		}
	}
	for _, f := range s.Tree.Of(source.YAMLPage) {
		if text, ok := s.readText(f.Path); ok && (keep == nil || keep(text.Bytes)) {
			yml[f.Path] = text
		}
	}
	return yml
}
