package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Live is a built site kept up to date while its files change: what
// `helpsite serve` shows. An edit to an article re-renders that page and
// the pages that include it, and updates its search entry; anything else
// (a file added or removed, a toc.yml, docfx.json, redirection or
// configuration file, a template, a change to what listings show: title,
// date, description, product, type, clouds) rebuilds the whole site.
// Live is safe for concurrent use; updates are serialized, and reads
// (Search, Source) never wait for one.
type Live struct {
	load    func(context.Context) (*pipeline.Site, error)
	options func(*pipeline.Site) Options
	// Errors, when set, hears of what goes wrong in the background (the
	// static search index not written).
	Errors func(error)

	mu sync.Mutex // held by updates
	// view is held for writing while an update changes the pages of the
	// current build in place (Refresh, rerender), for reading by Source.
	view   sync.RWMutex
	cur    atomic.Pointer[liveState]
	docs   map[string]search.Doc // by article path: what the static index is exported from
	builds int                   // numbers the index folders

	// The static search index is written again in the background after
	// an edit; edits made meanwhile make it run once more.
	exporting, dirty bool
	exported         sync.Cond    // signalled when an export ends (uses mu)
	stale            []search.Doc // edited, not yet in bleve
}

// liveState is one build of the live site.
type liveState struct {
	b *builder
	// closing is held for writing to close the index, for reading by
	// the searches that use it.
	closing sync.RWMutex
	closed  bool
}

// close closes the state's search index once no search uses it, and
// removes its folder.
func (st *liveState) close() error {
	st.closing.Lock()
	defer st.closing.Unlock()
	if st.closed || st.b.index == nil {
		return nil
	}
	st.closed = true
	err := st.b.index.Close()
	if dir := st.b.opt.IndexDir; dir != "" {
		os.RemoveAll(dir)
	}
	return err
}

// Change is what an update did.
type Change struct {
	Full  bool     // the whole site was built again
	Pages []string // the hrefs of the pages written again (all of them when Full)
	Files []string // the files the change was about
	// Findings are those the build met (page-url-conflict, render-failed):
	// of the whole site when Full, else of the pages written again.
	Findings diag.List
	Took     time.Duration
}

// NewLive builds the site that load returns into the folder options
// gives (Out, which the caller serves) and keeps what it needs to update
// it. options is asked again for every whole build, so that a changed
// configuration applies; each build's bleve index goes to a folder of its
// own under IndexDir (in memory when IndexDir is ""), removed when a
// newer build replaces it.
func NewLive(ctx context.Context, load func(context.Context) (*pipeline.Site, error), options func(*pipeline.Site) Options) (*Live, *Summary, error) {
	l := &Live{load: load, options: options}
	l.exported.L = &l.mu
	sum, err := l.rebuild(ctx)
	if err != nil {
		return nil, nil, err
	}
	return l, sum, nil
}

func (l *Live) state() *liveState { return l.cur.Load() }

// rebuild loads the tree and builds it whole. Called with l.mu held (or
// before l is shared).
func (l *Live) rebuild(ctx context.Context) (*Summary, error) {
	l.waitExport() // the old site's export must not outlive its index
	s, err := l.load(ctx)
	if err != nil {
		return nil, err
	}
	opt := l.options(s)
	opt.keepIndex, opt.Strict = true, false
	st := &liveState{}
	if opt.IndexDir != "" {
		l.builds++
		opt.IndexDir = filepath.Join(opt.IndexDir, strconv.Itoa(l.builds))
	}
	b, sum, err := build(ctx, s, opt)
	if err != nil {
		return nil, err
	}
	// From now on pages are written in place, each file replaced whole.
	b.out = &writer{out: b.opt.Out, tmp: b.opt.Out, inPlace: true}
	st.b = b
	docs := map[string]search.Doc{}
	for _, d := range b.docs {
		docs[d.ID] = d
	}
	old := l.cur.Swap(st)
	l.docs = docs
	if old != nil {
		if err := old.close(); err != nil && l.Errors != nil {
			l.Errors(err)
		}
	}
	return sum, nil
}

// Site is the loaded tree the live site was last built from.
func (l *Live) Site() *pipeline.Site { return l.state().b.s }

// Source is the article a page URL (an href, base path included) shows,
// or "".
func (l *Live) Source(href string) string {
	file, _ := l.Shown(href)
	return file
}

// Shown is the article a page URL shows and the files it includes (see
// pipeline.Site.Includes); "" and nil for no article.
func (l *Live) Shown(href string) (string, []string) {
	l.view.RLock()
	defer l.view.RUnlock()
	b := l.state().b
	rest, ok := strings.CutPrefix(href, b.basePath)
	if !ok {
		return "", nil
	}
	u, err := url.PathUnescape(rest)
	if err != nil {
		return "", nil
	}
	p := b.byURL[docfx.URLKey("/"+u)]
	if p == nil || p.yaml {
		return "", nil
	}
	return p.a.Path, b.s.Includes(p.a.Path)
}

// Search runs a query over the live bleve index.
func (l *Live) Search(ctx context.Context, q string, opt search.Options) (*search.Result, error) {
	for range 2 { // a build may replace the index meanwhile: ask the new one
		st := l.state()
		st.closing.RLock()
		if st.closed {
			st.closing.RUnlock()
			continue
		}
		defer st.closing.RUnlock()
		if st.b.index == nil {
			return nil, errors.New("site: the site has no search index")
		}
		return st.b.index.Search(ctx, q, opt)
	}
	return nil, errors.New("site: the search index is being rebuilt; try again")
}

// Close closes the search index, once the static index is written.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waitExport()
	if st := l.state(); st != nil {
		return st.close()
	}
	return nil
}

// Update brings the site up to date after the files at paths (slash paths
// relative to the content root) changed.
func (l *Live) Update(ctx context.Context, paths []string) (*Change, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := time.Now()
	b := l.state().b
	// A file made and removed again before the update (an editor's or
	// sed's temporary file), or one the tree never reads, changed nothing.
	paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
		_, known := b.s.Tree.Lookup(p)
		st, err := fs.Stat(b.s.Tree.FS, p)
		return !known && (err != nil || source.Ignored(p, st.IsDir()))
	})
	ch := &Change{Files: paths}
	if len(paths) == 0 {
		return ch, nil
	}
	l.view.Lock()
	pages, ok := l.affected(b, paths)
	if ok {
		ok = l.rerender(b, pages, ch)
	}
	l.view.Unlock()
	if !ok {
		sum, err := l.rebuild(ctx)
		if err != nil {
			return nil, err
		}
		b = l.state().b
		ch.Full = true
		ch.Pages = ch.Pages[:0]
		for _, p := range b.pages {
			ch.Pages = append(ch.Pages, b.href(p.url))
		}
		ch.Findings = sum.Findings
	}
	ch.Took = time.Since(start)
	return ch, nil
}

// affected returns the article pages an edit of paths shows on, or false
// when the edit needs a whole build.
func (l *Live) affected(b *builder, paths []string) ([]*pageInfo, bool) {
	s := b.s
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
		if s.Article(p) == nil {
			return nil, false
		}
		// Any article can be included, not only those of includes folders.
		queue = append(queue, s.IncludedBy(p)...)
		if pi := b.byPath[p]; pi != nil && !pi.yaml {
			out = append(out, pi)
		}
	}
	return out, true
}

// rerender writes the pages again with their new content; false when what
// other pages show of one of them changed.
func (l *Live) rerender(b *builder, pages []*pageInfo, ch *Change) bool {
	for _, p := range pages {
		a := b.s.Article(p.a.Path)
		if !reflect.DeepEqual(listedOf(a), p.listed) {
			return false
		}
		p.a = a
	}
	b.docs, b.findings = nil, nil
	r := b.renderer()
	for _, p := range pages {
		if err := b.writePage(r, p); err != nil {
			return false
		}
		ch.Pages = append(ch.Pages, b.href(p.url))
	}
	ch.Findings = b.findings
	if b.index != nil && len(b.docs) > 0 {
		// bleve and the static index learn of the edit in the
		// background: the page comes first.
		for _, d := range b.docs {
			l.docs[d.ID] = d
			l.stale = append(l.stale, d)
		}
		l.exportSearch()
	}
	return true
}

// exportDelay is how long after an edit bleve and the static search index
// learn of it; edits meanwhile go with it.
const exportDelay = 300 * time.Millisecond

// exportSearch writes the static search index again from the live bleve
// index, in the background; called with l.mu held.
func (l *Live) exportSearch() {
	if l.exporting {
		l.dirty = true
		return
	}
	l.exporting = true
	go func() {
		// Let the page that changed reload first: indexing and the export
		// are a second or so of CPU.
		time.Sleep(exportDelay)
		l.mu.Lock()
		defer l.mu.Unlock()
		for {
			b := l.state().b
			docs := make([]search.Doc, 0, len(l.docs))
			for _, d := range l.docs {
				docs = append(docs, d)
			}
			stale := l.stale
			l.stale, l.dirty = nil, false
			l.mu.Unlock()
			search.SortDocs(docs)
			err := b.index.Update(stale)
			if err == nil {
				err = exportTo(b, b.index, docs)
			}
			l.mu.Lock()
			if err != nil && l.Errors != nil {
				l.Errors(fmt.Errorf("the search index was not written again: %w", err))
			}
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
	l.waitExport()
}

// waitExport waits for a background export to end. Called with l.mu held.
func (l *Live) waitExport() {
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
