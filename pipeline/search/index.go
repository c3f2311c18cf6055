package search

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
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

// Build indexes docs into a new bleve index at dir, replacing any index
// there once the new one is complete. An empty dir builds it in memory.
func Build(dir string, docs []Doc) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	var idx bleve.Index
	tmp := ""
	if dir == "" {
		idx, err = bleve.NewMemOnly(m)
	} else {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("search: index: %w", err)
		}
		tmp = fmt.Sprintf("%s.tmp-%d", dir, os.Getpid())
		_ = os.RemoveAll(tmp)
		idx, err = bleve.New(tmp, m)
	}
	if err != nil {
		return nil, fmt.Errorf("search: index: %w", err)
	}
	fail := func(err error) (*Index, error) {
		_ = idx.Close()
		if tmp != "" {
			_ = os.RemoveAll(tmp)
		}
		return nil, fmt.Errorf("search: index: %w", err)
	}
	for start := 0; start < len(docs); start += batchSize {
		b := idx.NewBatch()
		for i := start; i < min(start+batchSize, len(docs)); i++ {
			if err := b.Index(docs[i].ID, docs[i].fields()); err != nil {
				return fail(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			return fail(err)
		}
	}
	if tmp == "" {
		return &Index{idx}, nil
	}
	// Close, swap in, open again: the index at dir is always whole.
	if err := idx.Close(); err != nil {
		return fail(err)
	}
	if err := os.RemoveAll(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fail(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fail(err)
	}
	return Open(dir)
}

// Update indexes docs again (a preview server's edits): each replaces the
// document with its id.
func (ix *Index) Update(docs []Doc) error {
	b := ix.NewBatch()
	for i := range docs {
		if err := b.Index(docs[i].ID, docs[i].fields()); err != nil {
			return fmt.Errorf("search: index: %w", err)
		}
	}
	if err := ix.Batch(b); err != nil {
		return fmt.Errorf("search: index: %w", err)
	}
	return nil
}

// Open opens the index a build left at dir.
func Open(dir string) (*Index, error) {
	idx, err := bleve.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	return &Index{idx}, nil
}
