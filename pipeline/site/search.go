package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/render"
	"github.com/helpsite/helpsite/pipeline/search"
)

// SearchDataDir is the folder of the site that holds the static search
// index the page script reads.
const SearchDataDir = "search-data/"

// searchDoc is what search indexes of a rendered article page.
func (b *builder) searchDoc(p *pageInfo, rp *render.Page) search.Doc {
	d := search.Doc{
		ID:          p.a.Path,
		URL:         b.href(p.url),
		Title:       p.title,
		Description: p.desc,
		Body:        plainText(rp.Body),
		Product:     strings.ToLower(p.meta.Product),
		Topic:       strings.ToLower(p.meta.TopicType),
		Date:        p.meta.UpdatedISO,
	}
	if p.docset != nil && p.docset.Dir != "." {
		d.Docset = strings.ToLower(path.Base(p.docset.Dir))
	}
	for _, h := range rp.Headings {
		if h.Level > 1 {
			d.Headings = append(d.Headings, strings.TrimSpace(h.Text))
		}
	}
	for _, c := range p.meta.Clouds {
		d.Clouds = append(d.Clouds, strings.ToLower(c))
	}
	d.AppliesTo = p.meta.AppliesTo
	d.IDs = articleIDs(p)
	return d
}

// contentID finds the "CI 123456" content id of a Learn article in
// ms.custom.
var contentID = regexp.MustCompile(`^CI\s*(\d+)$`)

// articleIDs are the ids an exact lookup finds an article by.
func articleIDs(p *pageInfo) []string {
	ids := slices.Clone(p.meta.SupportTopics)
	ids = append(ids, metaList(p.a, "productPesIds")...)
	ids = append(ids, metaList(p.a, "articleId")...)
	if f := p.a.Lookup("ms.custom"); f != nil {
		for _, it := range f.Value.Scalars() {
			if m := contentID.FindStringSubmatch(strings.TrimSpace(it.Text)); m != nil {
				ids = append(ids, m[1])
			}
		}
	}
	for i := range ids {
		ids[i] = strings.ToLower(ids[i])
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// plainText is the text a reader sees in an HTML body: tags dropped, a
// line break at block boundaries, scripts and styles skipped. It reads the
// rendered page rather than the Markdown (markdown.PlainText) so that
// includes, tabs and the questions of scoping articles are searched as
// shown.
func plainText(body []byte) string {
	var out strings.Builder
	out.Grow(len(body) / 2)
	z := html.NewTokenizer(bytes.NewReader(body))
	skip := 0
	space := true    // the last byte written is a separator (or nothing is written yet)
	pending := false // white space was met since the last word
	sep := func(s string) {
		if !space {
			out.WriteString(s)
			space = true
		}
		pending = false
	}
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return strings.TrimSpace(out.String())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName() // the name alone: no copy of the tag
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Template:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Br, atom.P, atom.Div, atom.Li, atom.Tr, atom.Td, atom.Th, atom.H1, atom.H2, atom.H3,
				atom.H4, atom.H5, atom.H6, atom.Pre, atom.Blockquote, atom.Table, atom.Ul, atom.Ol,
				atom.Dt, atom.Dd, atom.Figure, atom.Figcaption, atom.Section, atom.Details, atom.Summary:
				sep("\n")
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			if len(t) > 0 && isSpace(t[0]) {
				pending = true
			}
			for _, f := range bytes.Fields(t) {
				if pending && !space {
					out.WriteByte(' ')
				}
				out.Write(f)
				space, pending = false, true
			}
			if len(t) > 0 {
				pending = isSpace(t[len(t)-1])
			}
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// writeSearch indexes the pages with bleve and writes the static index
// exported from it under SearchDataDir; it tells how long each took.
// (Feeding bleve while the pages render was tried: on 2 cores it only
// made rendering wait, 0.5 s slower on the corpus.)
func (b *builder) writeSearch(docs []search.Doc) (*search.Index, [2]time.Duration, error) {
	var took [2]time.Duration
	t := time.Now()
	search.SortDocs(docs)
	ix, err := search.Build(b.opt.IndexDir, docs)
	if err != nil {
		return nil, took, fmt.Errorf("site: %w", err)
	}
	took[0] = time.Since(t)
	t = time.Now()
	if err := exportTo(b, ix, docs); err != nil {
		ix.Close()
		return nil, took, err
	}
	took[1] = time.Since(t)
	return ix, took, nil
}

// exportTo writes the static index of docs (sorted) exported from ix.
// meta.json, which names the other files, is written last, so a page that
// loads the index meanwhile finds what it names; in a served site
// (inPlace), the files of the index before are removed after.
func exportTo(b *builder, ix *search.Index, docs []search.Doc) error {
	var meta []byte
	written := map[string]bool{}
	err := ix.Export(docs, func(name string, data []byte) error {
		written[name] = true
		if name == search.MetaFile {
			meta = data
			return nil
		}
		return b.out.write(SearchDataDir+name, data)
	})
	if err == nil && meta != nil {
		err = b.out.write(SearchDataDir+search.MetaFile, meta)
	}
	if err != nil {
		return fmt.Errorf("site: search data: %w", err)
	}
	if b.out.inPlace {
		dir := filepath.Join(b.out.out, filepath.FromSlash(SearchDataDir))
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !written[e.Name()] && !e.IsDir() {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return nil
}

// Index renders the articles of s, without writing a site, and builds
// their bleve index at opt.IndexDir: what `helpsite search` uses when no
// build has left an index.
func Index(ctx context.Context, s *pipeline.Site, opt Options) (*search.Index, error) {
	b, err := plan(ctx, s, opt)
	if err != nil {
		return nil, err
	}
	r := b.renderer()
	docs := make([]search.Doc, len(b.pages))
	keep := make([]bool, len(b.pages))
	if err := b.each(len(b.pages), func(i int) error {
		p := b.pages[i]
		if p.yaml {
			return nil
		}
		rp, err := renderSafe(r, p.a)
		if err != nil || rp == nil {
			return nil // the build reports render-failed; search skips the page
		}
		docs[i], keep[i] = b.searchDoc(p, rp), true
		return nil
	}); err != nil {
		return nil, err
	}
	var out []search.Doc
	for i, d := range docs {
		if keep[i] {
			out = append(out, d)
		}
	}
	search.SortDocs(out)
	ix, err := search.Build(opt.IndexDir, out)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	return ix, nil
}
