package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Live is a built site kept up to date while its files change: what
// `helpsite serve` shows. An edit to an article re-renders that page and
// the pages that include it, and updates its search entry; anything else
// (a file added or removed, a toc.yml, docfx.json, redirection or
// configuration file, a template, a changed title) rebuilds the whole site.
// Live is safe for concurrent use; updates are serialized.
type Live struct {
	load func(context.Context) (*pipeline.Site, error)
	opt  Options

	mu   sync.Mutex
	b    *builder
	docs map[string]search.Doc // by article path: what the static index is exported from

	// The static search index is written again in the background after
	// an edit; edits made meanwhile make it run once more.
	exporting, dirty bool
	exported         sync.Cond // signalled when an export ends (uses mu)
}

// Change is what an update did.
type Change struct {
	Full  bool     // the whole site was built again
	Pages []string // the hrefs of the pages written again (all of them when Full)
	Files []string // the files the change was about
	Took  time.Duration
}

// NewLive builds the site that load returns into opt.Out (a folder the
// caller serves) and keeps what it needs to update it.
func NewLive(ctx context.Context, load func(context.Context) (*pipeline.Site, error), opt Options) (*Live, *Summary, error) {
	l := &Live{load: load, opt: opt}
	l.exported.L = &l.mu
	l.opt.keepIndex = true
	l.opt.Strict = false
	sum, err := l.rebuild(ctx)
	if err != nil {
		return nil, nil, err
	}
	return l, sum, nil
}

// rebuild loads the tree and builds it whole. Called with l.mu held (or
// before l is shared).
func (l *Live) rebuild(ctx context.Context) (*Summary, error) {
	for l.exporting { // the old site's export must not outlive its index
		l.exported.Wait()
	}
	s, err := l.load(ctx)
	if err != nil {
		return nil, err
	}
	b, sum, err := build(ctx, s, l.opt)
	if err != nil {
		return nil, err
	}
	// From now on pages are written in place, each file replaced whole.
	b.out = &writer{out: b.opt.Out, tmp: b.opt.Out, inPlace: true}
	if l.b != nil && l.b.index != nil {
		l.b.index.Close()
	}
	l.b = b
	l.docs = map[string]search.Doc{}
	for _, d := range b.docs {
		l.docs[d.ID] = d
	}
	return sum, nil
}

// Site is the loaded tree the live site was last built from.
func (l *Live) Site() *pipeline.Site {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.s
}

// Source is the article a page URL (an href, base path included) shows,
// or "".
func (l *Live) Source(href string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.b.pages {
		if l.b.href(p.url) == href && !p.yaml {
			return p.a.Path
		}
	}
	return ""
}

// Search runs a query over the live bleve index.
func (l *Live) Search(ctx context.Context, q string, opt search.Options) (*search.Result, error) {
	l.mu.Lock()
	ix := l.b.index
	l.mu.Unlock()
	if ix == nil {
		return nil, errors.New("site: the site has no search index")
	}
	return ix.Search(ctx, q, opt)
}

// Close closes the search index, once the static index is written.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.exporting {
		l.exported.Wait()
	}
	if l.b != nil && l.b.index != nil {
		return l.b.index.Close()
	}
	return nil
}

// Update brings the site up to date after the files at paths (slash paths
// relative to the content root) changed.
func (l *Live) Update(ctx context.Context, paths []string) (*Change, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := time.Now()
	// A file made and removed again before the update (an editor's or
	// sed's temporary file) changed nothing.
	paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
		_, known := l.b.s.Tree.Lookup(p)
		_, err := fs.Stat(l.b.s.Tree.FS, p)
		return !known && err != nil
	})
	ch := &Change{Files: paths}
	if len(paths) == 0 {
		return ch, nil
	}
	pages, ok := l.affected(paths)
	if ok {
		ok = l.rerender(pages, ch)
	}
	if !ok {
		if _, err := l.rebuild(ctx); err != nil {
			return nil, err
		}
		ch.Full = true
		ch.Pages = ch.Pages[:0]
		for _, p := range l.b.pages {
			ch.Pages = append(ch.Pages, l.b.href(p.url))
		}
	}
	ch.Took = time.Since(start)
	return ch, nil
}

// affected returns the article pages an edit of paths shows on, or false
// when the edit needs a whole build.
func (l *Live) affected(paths []string) ([]*pageInfo, bool) {
	s := l.b.s
	for _, p := range paths {
		f, ok := s.Tree.Lookup(p)
		if !ok || f.Kind != source.Markdown {
			return nil, false // a new file, or not an article
		}
		if _, err := fs.Stat(s.Tree.FS, p); err != nil {
			return nil, false // deleted
		}
	}
	s.Refresh(paths...)
	seen := map[string]bool{}
	var out []*pageInfo
	queue := slices.Clone(paths)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		a := s.Article(p)
		if a == nil {
			return nil, false
		}
		if a.Include {
			queue = append(queue, s.IncludedBy(p)...)
			continue
		}
		if pi := l.b.byPath[p]; pi != nil && !pi.yaml {
			out = append(out, pi)
		}
	}
	return out, true
}

// rerender writes the pages again with their new content; false when a
// page's title or date changed, which listings, navigation and feeds show.
func (l *Live) rerender(pages []*pageInfo, ch *Change) bool {
	b := l.b
	for _, p := range pages {
		a := b.s.Article(p.a.Path)
		m, title, desc, date := metadata(a)
		if title != p.title || !date.Equal(p.date) {
			return false
		}
		p.a, p.meta, p.desc = a, m, desc
	}
	b.docs = nil
	r := b.renderer()
	for _, p := range pages {
		if err := b.writePage(r, p); err != nil {
			return false
		}
		ch.Pages = append(ch.Pages, b.href(p.url))
	}
	if b.index != nil && len(b.docs) > 0 {
		for _, d := range b.docs {
			l.docs[d.ID] = d
		}
		if err := b.index.Update(b.docs); err != nil {
			return false
		}
		l.exportSearch()
	}
	return true
}

// exportSearch writes the static search index again from the live bleve
// index, in the background; called with l.mu held.
func (l *Live) exportSearch() {
	if l.exporting {
		l.dirty = true
		return
	}
	l.exporting = true
	go func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for {
			b := l.b
			docs := make([]search.Doc, 0, len(l.docs))
			for _, d := range l.docs {
				docs = append(docs, d)
			}
			l.dirty = false
			l.mu.Unlock()
			search.SortDocs(docs)
			if err := exportTo(b, b.index, docs); err != nil {
				b.finding(".", "render-failed", "search index not written: %v", err)
			}
			l.mu.Lock()
			if !l.dirty {
				break
			}
		}
		l.exporting = false
		l.exported.Broadcast()
	}()
}

// WaitSearch waits until the static search index shows every edit made.
func (l *Live) WaitSearch() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.exporting {
		l.exported.Wait()
	}
}

// String describes a change for the terminal.
func (c *Change) String() string {
	what := fmt.Sprintf("%d page(s)", len(c.Pages))
	if c.Full {
		what = "the whole site (" + what + ")"
	}
	return fmt.Sprintf("rebuilt %s in %s", what, c.Took.Round(time.Millisecond))
}
