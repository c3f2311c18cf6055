package search

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// Doc is one article as search sees it.
type Doc struct {
	ID          string // source path relative to the content root: the bleve document id
	URL         string // the page's href, base path included ("/repo/outlook/mobile/x/")
	Title       string
	Description string
	Headings    []string // below the H1, in order
	Body        string   // the text a reader sees
	Docset      string
	Product     string
	Topic       string // ms.topic or selfHelpType
	Clouds      []string
	AppliesTo   []string
	IDs         []string // support topic ids, product ids, article id, content id
	Date        string   // YYYY-MM-DD, or ""
}

// fields is what bleve indexes of d.
func (d *Doc) fields() map[string]any {
	m := map[string]any{
		"_type":       docType,
		"title":       d.Title,
		"headings":    strings.Join(d.Headings, "\n"),
		"description": d.Description,
		"body":        d.Body,
		storedURL:     d.URL,
	}
	one := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	many := func(k string, vs []string) {
		if len(vs) > 0 {
			m[k] = vs
		}
	}
	one("docset", d.Docset)
	one("product", d.Product)
	one("topic", d.Topic)
	one(storedDate, d.Date)
	many("cloud", d.Clouds)
	many("appliesto", d.AppliesTo)
	many("id", d.IDs)
	return m
}

// Index is an open bleve index of a site's articles.
type Index struct {
	bleve.Index
	dir string // its folder, "" in memory
}

// SortDocs orders docs by id, the order of the static index's document
// numbers.
func SortDocs(docs []Doc) {
	slices.SortFunc(docs, func(a, b Doc) int { return cmp.Compare(a.ID, b.ID) })
}

// batchSize is how many documents go to bleve at once: a batch is
// analysed and held in memory whole before it becomes a segment. On the
// shared corpus (1,738 articles) 300 took the build's peak memory from
// about 550 to 380 MB for no measurable time; 100 saved no more.
const batchSize = 300

// buildConfig is scorch's configuration for a built index: no segment
// merging. A merge rewrites segments that were written a moment before,
// and a build's handful of segments (one per batch) searches as fast as
// one; on the shared corpus merging took 0.45 s of CPU out of 1.9 while
// indexing, and as much again in the background while the index was
// exported. The configuration is saved with the index; Updatable opens it
// with the default merge plan for a server's edits.
// (The merge plan allows about total/smallest segments; the smallest
// counts as FloorSegmentSize documents at least, 2,000 by default, so
// below that everything merges into one.)
//
// It is a new map each time: bleve writes into the map it is given (path,
// create_if_missing) and scorch keeps it.
func buildConfig() map[string]any { return mergePlan(1000, 1000, 1) }

// mergePlan is a scorch configuration with these merge plan options (the
// others at their defaults).
func mergePlan(segmentsPerTier, segmentsPerTask int, floor int64) map[string]any {
	return map[string]any{"scorchMergePlanOptions": map[string]any{
		"MaxSegmentsPerTier":   segmentsPerTier,
		"SegmentsPerMergeTask": segmentsPerTask,
		"FloorSegmentSize":     floor,
	}}
}

// indexer builds a new index at dir, or in memory when dir is "".
type indexer struct {
	idx bleve.Index
	dir string // where the index goes ("" in memory)
	tmp string // where it is built
}

// newIndexer starts a new index for dir; an empty dir builds it in
// memory. The index at dir is replaced once the new one is complete.
func newIndexer(dir string) (*indexer, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	x := &indexer{dir: dir}
	if dir != "" {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("search: index: %w", err)
		}
		x.tmp = fmt.Sprintf("%s.tmp-%d", dir, os.Getpid())
		_ = os.RemoveAll(x.tmp)
	}
	// scorch with no path keeps the index in memory
	if x.idx, err = bleve.NewUsing(x.tmp, m, scorch.Name, scorch.Name, buildConfig()); err != nil {
		return nil, fmt.Errorf("search: index: %w", err)
	}
	return x, nil
}

// index adds docs in batches of batchSize.
func (x *indexer) index(docs []Doc) error { return indexDocs(x.idx, docs) }

// indexDocs indexes docs into idx in batches of batchSize; each replaces
// the document with its id.
func indexDocs(idx bleve.Index, docs []Doc) error {
	for chunk := range slices.Chunk(docs, batchSize) {
		b := idx.NewBatch()
		for i := range chunk {
			if err := b.Index(chunk[i].ID, chunk[i].fields()); err != nil {
				return fmt.Errorf("search: index %s: %w", chunk[i].ID, err)
			}
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("search: index: %w", err)
		}
	}
	return nil
}

// abort drops the index being built.
func (x *indexer) abort() {
	_ = x.idx.Close()
	if x.tmp != "" {
		_ = os.RemoveAll(x.tmp)
	}
}

// finish returns the index, moved to its folder.
func (x *indexer) finish() (*Index, error) {
	fail := func(err error) (*Index, error) {
		x.abort()
		return nil, err
	}
	if x.dir == "" {
		return &Index{Index: x.idx}, nil
	}
	// Close, swap in, open again: the index at dir is always whole.
	if err := x.idx.Close(); err != nil {
		return fail(fmt.Errorf("search: index: %w", err))
	}
	if err := os.RemoveAll(x.dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fail(fmt.Errorf("search: index: %w", err))
	}
	if err := os.Rename(x.tmp, x.dir); err != nil {
		return fail(fmt.Errorf("search: index: %w", err))
	}
	return open(x.dir, nil)
}

// Build indexes docs into a new bleve index at dir (see newIndexer).
func Build(dir string, docs []Doc) (*Index, error) {
	x, err := newIndexer(dir)
	if err != nil {
		return nil, err
	}
	if err := x.index(docs); err != nil {
		x.abort()
		return nil, err
	}
	return x.finish()
}

// Update indexes docs again (a preview server's edits): each replaces the
// document with its id.
func (ix *Index) Update(docs []Doc) error { return indexDocs(ix.Index, docs) }

// Exists reports whether dir holds an index (one a build left, say).
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

// Open opens the index a build left at dir, read-only; it gives up after a
// few seconds when another process holds the index open for writing.
func Open(dir string) (*Index, error) { return open(dir, map[string]any{"read_only": true}) }

// Updatable closes ix, the index Build returned, and opens it again to
// take a server's edits (Update): segments then merge as they pile up.
func (ix *Index) Updatable() (*Index, error) {
	if ix.dir == "" {
		return ix, nil
	}
	if err := ix.Close(); err != nil {
		return nil, fmt.Errorf("search: index: %w", err)
	}
	d := mergeplan.DefaultMergePlanOptions
	return open(ix.dir, mergePlan(d.MaxSegmentsPerTier, d.SegmentsPerMergeTask, d.FloorSegmentSize))
}

// open opens the index at dir with cfg over the configuration it was
// built with.
func open(dir string, cfg map[string]any) (*Index, error) {
	c := map[string]any{"bolt_timeout": "5s"}
	maps.Copy(c, cfg)
	idx, err := bleve.OpenUsing(dir, c)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	return &Index{Index: idx, dir: dir}, nil
}
