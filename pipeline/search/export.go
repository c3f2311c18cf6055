package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/sync/errgroup"
)

// ExportVersion is the version of the static index format (see FORMAT in
// the package doc); the client refuses other versions.
const ExportVersion = 1

// Sizes of the static index's files, before gzip. Postings shards close once
// they hold shardTarget bytes of postings; a term's postings are never
// split, so a common term makes a shard of its own. Position shards follow
// the same term ranges.
const (
	shardTarget = 6 << 10
)

// vlq is the alphabet of the static index's variable-length numbers: each
// character carries 5 bits, low bits first; values from 32 mean more digits
// follow.
const vlq = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func putVLQ(b *strings.Builder, v int) {
	if v < 0 {
		panic("search: export: negative number")
	}
	for {
		d := v & 31
		v >>= 5
		if v != 0 {
			d |= 32
		}
		b.WriteByte(vlq[d])
		if v == 0 {
			return
		}
	}
}

// posting is one document of a term in a field.
type posting struct {
	doc  int // static document number
	freq int
	pos  []int // token positions, text fields only
}

// termInfo is a term of the index in every field that holds it.
type termInfo struct {
	term   string
	fields []int // field indexes into Fields, increasing
	posts  [][]posting
}

// exportIndex is what Export read from bleve.
type exportIndex struct {
	docs    []Doc
	lengths [][]int // [field][doc] field length, 0 when absent
	terms   []*termInfo
	facets  map[string][][]string // facet field -> per doc values (sorted)
}

// Export writes the static index of ix, whose documents are docs, through
// write (one call per file, names relative to the data folder). It reads
// what bleve analysed, so the client sees exactly bleve's terms, norms and
// positions. The bytes depend only on the index and docs.
func (ix *Index) Export(docs []Doc, write func(name string, data []byte) error) error {
	if !slices.IsSortedFunc(docs, func(a, b Doc) int { return cmp.Compare(a.ID, b.ID) }) {
		docs = slices.Clone(docs)
		SortDocs(docs)
	}
	ex, err := ix.read(docs)
	if err != nil {
		return fmt.Errorf("search: export: %w", err)
	}
	files, err := ex.files()
	if err != nil {
		return fmt.Errorf("search: export: %w", err)
	}
	for _, f := range files {
		if err := write(f.name, f.data); err != nil {
			return fmt.Errorf("search: export: %w", err)
		}
	}
	return nil
}

// readChunk is how many terms of a field one worker reads at a time, and
// readWorkers how many read at once. Reading the postings is most of an
// export's work (0.4 s of CPU on the shared corpus), and it runs while the
// rest of the site is written. The workers share one reader: internal ids
// are positions in a snapshot, and a merge (a server's index merges after
// its updates) makes a new snapshot with other ids.
const readChunk = 512

var readWorkers = min(runtime.GOMAXPROCS(0), 4)

// termChunk is a run of terms of one field, in dictionary order, and what
// was read of them.
type termChunk struct {
	field int
	terms []string
	posts [][]posting
}

// read walks every field's dictionary and postings.
func (ix *Index) read(docs []Doc) (*exportIndex, error) {
	adv, err := ix.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	if int(n) != len(docs) {
		return nil, fmt.Errorf("the index holds %d documents, not %d", n, len(docs))
	}
	num := make(map[string]int, len(docs)) // internal id -> static number
	for i := range docs {
		if i > 0 && docs[i].ID == docs[i-1].ID {
			return nil, fmt.Errorf("two documents with id %q", docs[i].ID)
		}
		id, err := r.InternalID(docs[i].ID)
		if err != nil || id == nil {
			return nil, fmt.Errorf("document %q is not in the index", docs[i].ID)
		}
		num[string(id)] = i
	}

	var chunks []*termChunk
	for fi, f := range Fields {
		terms, err := fieldTerms(r, f.Name)
		if err != nil {
			return nil, err
		}
		for c := range slices.Chunk(terms, readChunk) {
			chunks = append(chunks, &termChunk{field: fi, terms: c})
		}
	}
	// Each worker notes the field lengths its postings carry; they must
	// agree across workers as they do within one.
	lengths := make([][][]int, readWorkers) // [worker][field][doc]
	g, ctx := errgroup.WithContext(context.Background())
	var next atomic.Int64
	for w := range readWorkers {
		lengths[w] = make([][]int, len(Fields))
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(chunks); i = int(next.Add(1) - 1) {
				if err := ctx.Err(); err != nil {
					return err
				}
				c := chunks[i]
				f := Fields[c.field]
				if lengths[w][c.field] == nil {
					lengths[w][c.field] = make([]int, len(docs))
				}
				c.posts = make([][]posting, len(c.terms))
				for j, t := range c.terms {
					var err error
					if c.posts[j], err = readPostings(ctx, r, t, f, num, lengths[w][c.field]); err != nil {
						return fmt.Errorf("%s:%q: %w", f.Name, t, err)
					}
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	// Merged in field and dictionary order, as one reader would have.
	ex := &exportIndex{docs: docs, facets: map[string][][]string{}}
	for fi, f := range Fields {
		merged := make([]int, len(docs))
		for w := range lengths {
			for doc, l := range lengths[w][fi] {
				if l == 0 {
					continue
				}
				if merged[doc] != 0 && merged[doc] != l {
					return nil, fmt.Errorf("%s: two lengths for one field of %q: %d and %d", f.Name, docs[doc].ID, merged[doc], l)
				}
				merged[doc] = l
			}
		}
		ex.lengths = append(ex.lengths, merged)
		if f.Facet {
			ex.facets[f.Name] = make([][]string, len(docs))
		}
	}
	byTerm := map[string]*termInfo{}
	for _, c := range chunks {
		facet := ex.facets[Fields[c.field].Name]
		for j, t := range c.terms {
			posts := c.posts[j]
			if len(posts) == 0 {
				continue
			}
			ti := byTerm[t]
			if ti == nil {
				ti = &termInfo{term: t}
				byTerm[t] = ti
				ex.terms = append(ex.terms, ti)
			}
			ti.fields = append(ti.fields, c.field)
			ti.posts = append(ti.posts, posts)
			if facet != nil {
				for _, p := range posts {
					facet[p.doc] = append(facet[p.doc], t)
				}
			}
		}
	}
	slices.SortFunc(ex.terms, func(a, b *termInfo) int { return strings.Compare(a.term, b.term) })
	return ex, nil
}

// fieldTerms returns the terms of a field's dictionary, in order.
func fieldTerms(r index.IndexReader, field string) ([]string, error) {
	dict, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
	}
	return terms, dict.Close()
}

// readPostings reads a term's postings in field f, checking that each norm
// is bleve's float32(1/sqrt(length)) of one length per document and field.
func readPostings(ctx context.Context, r index.IndexReader, term string, f Field, num map[string]int, lengths []int) ([]posting, error) {
	text := !f.Keyword
	tfr, err := r.TermFieldReader(ctx, []byte(term), f.Name, true, true, text)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var posts []posting
	var rec index.TermFieldDoc // reused: the fields are copied out below
	for {
		d, err := tfr.Next(rec.Reset())
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		doc, ok := num[string(d.ID)]
		if !ok {
			ext, _ := r.ExternalID(d.ID)
			return nil, fmt.Errorf("document %q is not among the exported ones", ext)
		}
		l := int(math.Round(1 / (d.Norm * d.Norm)))
		if l < 1 || norm(l) != d.Norm {
			return nil, fmt.Errorf("norm %v of %s is no field length", d.Norm, term)
		}
		if lengths[doc] == 0 {
			lengths[doc] = l
		} else if lengths[doc] != l {
			return nil, fmt.Errorf("two lengths for one field: %d and %d", lengths[doc], l)
		}
		p := posting{doc: doc, freq: int(d.Freq)}
		if text {
			p.pos = make([]int, 0, p.freq)
			for _, v := range d.Vectors {
				if len(v.ArrayPositions) > 0 {
					return nil, fmt.Errorf("array positions in text field %s", f.Name)
				}
				p.pos = append(p.pos, int(v.Pos))
			}
			slices.Sort(p.pos)
			if len(p.pos) != p.freq {
				return nil, fmt.Errorf("%d positions for frequency %d", len(p.pos), p.freq)
			}
		}
		posts = append(posts, p)
	}
	slices.SortFunc(posts, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
	return posts, nil
}

// norm is bleve's stored norm of a field of l tokens, as a posting reads it
// (zapx Posting.Norm).
func norm(l int) float64 {
	return float64(float32(1.0 / math.Sqrt(float64(l))))
}

type file struct {
	name string
	data []byte
}

// family is a set of files named prefix-HASH-i.json, HASH covering them all.
type family struct {
	prefix string
	data   [][]byte
	base   string // prefix-HASH-, once every file is added (name)
}

func (f *family) add(v any) error {
	b, err := marshal(v)
	if err != nil {
		return err
	}
	f.data = append(f.data, b)
	return nil
}

// name is the start of the family's file names, prefix-HASH-, HASH the
// content hash of the whole family; it is worked out once, when every file
// is added.
func (f *family) name() string {
	if f.base == "" {
		h := sha256.New()
		for _, d := range f.data {
			fmt.Fprintf(h, "%d\n", len(d))
			h.Write(d)
		}
		f.base = f.prefix + "-" + hex.EncodeToString(h.Sum(nil))[:12] + "-"
	}
	return f.base
}

// pattern is the family's file name, {i} standing for the number.
func (f *family) pattern() string { return f.name() + "{i}.json" }

func (f *family) files() []file {
	var out []file
	base := f.name()
	for i, d := range f.data {
		out = append(out, file{name: fmt.Sprintf("%s%d.json", base, i), data: d})
	}
	return out
}

// metaField describes a field in meta.json.
type metaField struct {
	Name  string  `json:"name"`
	Boost float64 `json:"boost"`
	Kind  string  `json:"kind"` // "text" or "keyword"
	Facet bool    `json:"facet,omitempty"`
}

type meta struct {
	Version int         `json:"version"`
	Docs    int         `json:"docs"`
	Fields  []metaField `json:"fields"`
	Facets  []string    `json:"facets"`
	Scoring scoring     `json:"scoring"`
	Shards  []string    `json:"shards"` // first term of each postings shard
	Dict    []string    `json:"dict"`   // first letter of each dictionary chunk
	Files   metaFiles   `json:"files"`
}

// scoring holds the constants of query rewriting and scoring the client
// must share with this package and bleve.
type scoring struct {
	Model        string `json:"model"`
	FuzzyMinLen  int    `json:"fuzzyMinLen"`
	Fuzzy2MinLen int    `json:"fuzzy2MinLen"`
	FuzzyPrefix  int    `json:"fuzzyPrefix"`
	MaxFuzziness int    `json:"maxFuzziness"`
	HeapTakeover int    `json:"heapTakeover"`
}

// MetaFile is the file of the static index that names all the others;
// the client reads it first.
const MetaFile = "meta.json"

// FragmentsPerFile is how many documents' fragments share a file. A file
// per document would be the fewest bytes for a query (a result list loads
// 5 to 10 of them), but each file is an inode the build creates and the
// host stores: four, neighbours by path, cost a first query about 20 KB
// more (gzipped) and save three files in four.
const FragmentsPerFile = 4

type metaFiles struct {
	Docs      string `json:"docs"`
	Postings  string `json:"postings"`
	Positions string `json:"positions"`
	Dict      string `json:"dict"`
	Fragments string `json:"fragments"`
	// FragmentsPerFile fragments share a file: document n is item n %
	// FragmentsPerFile of file n / FragmentsPerFile.
	FragmentsPerFile int `json:"fragmentsPerFile"`
}

// docsTable is the per-document table loaded on a first query.
type docsTable struct {
	// Lengths holds, per field of meta's fields, the VLQ field length of
	// every document (0: the document has no such field).
	Lengths []string `json:"lengths"`
	// Facets holds per facet field its values and, per document, the VLQ
	// count of its values followed by their indexes.
	Facets map[string]facetTable `json:"facets"`
}

type facetTable struct {
	Values []string `json:"values"`
	Docs   string   `json:"docs"`
}

// shard is a postings shard: per term, per field holding it, the VLQ field
// index, document frequency, then per document the gap from the previous
// document number (the first from -1, minus one) and the frequency minus one.
type shard struct {
	Terms    []string `json:"terms"`
	Postings []string `json:"postings"`
}

// positionShard holds, for the terms of the postings shard of the same
// number and per text field in the postings' order, the token positions of
// each posting as VLQ gaps (the first from 0).
type positionShard struct {
	Terms     []string `json:"terms"`
	Positions []string `json:"positions"`
}

// dictChunk is every term starting with one letter, with the VLQ bit set of
// the fields holding each.
type dictChunk struct {
	Terms  []string `json:"terms"`
	Fields string   `json:"fields"`
}

type fragment struct {
	File        string `json:"file"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Text        string `json:"text"`
}

// files encodes the static index.
func (ex *exportIndex) files() ([]file, error) {
	m := meta{
		Version: ExportVersion,
		Docs:    len(ex.docs),
		Facets:  Facets,
		Scoring: scoring{
			Model:        "tf-idf",
			FuzzyMinLen:  FuzzyMinLen,
			Fuzzy2MinLen: Fuzzy2MinLen,
			FuzzyPrefix:  FuzzyPrefix,
			MaxFuzziness: 2,
			HeapTakeover: 10,
		},
	}
	for _, f := range Fields {
		kind := "text"
		if f.Keyword {
			kind = "keyword"
		}
		boost := f.Boost
		if boost == 0 {
			boost = 1
		}
		m.Fields = append(m.Fields, metaField{Name: f.Name, Boost: boost, Kind: kind, Facet: f.Facet})
	}

	// docs table
	dt := docsTable{Facets: map[string]facetTable{}}
	for _, ls := range ex.lengths {
		var b strings.Builder
		for _, l := range ls {
			putVLQ(&b, l)
		}
		dt.Lengths = append(dt.Lengths, b.String())
	}
	for _, name := range Facets {
		per := ex.facets[name]
		var values []string
		for _, vs := range per {
			values = append(values, vs...)
		}
		slices.Sort(values)
		values = slices.Compact(values)
		var b strings.Builder
		for _, vs := range per {
			putVLQ(&b, len(vs))
			for _, v := range vs {
				i, _ := slices.BinarySearch(values, v)
				putVLQ(&b, i)
			}
		}
		if values == nil {
			values = []string{}
		}
		dt.Facets[name] = facetTable{Values: values, Docs: b.String()}
	}
	docsJSON, err := marshal(dt)
	if err != nil {
		return nil, err
	}
	docsName := "docs-" + shortHash(docsJSON) + ".json"

	// postings and positions shards
	post := &family{prefix: "p"}
	pos := &family{prefix: "x"}
	var cur shard
	var curPos positionShard
	size := 0
	flush := func() error {
		if len(cur.Terms) == 0 {
			return nil
		}
		m.Shards = append(m.Shards, cur.Terms[0])
		if err := post.add(cur); err != nil {
			return err
		}
		if err := pos.add(curPos); err != nil {
			return err
		}
		cur, curPos, size = shard{}, positionShard{}, 0
		return nil
	}
	for _, t := range ex.terms {
		var pb, xb strings.Builder
		for k, fi := range t.fields {
			ps := t.posts[k]
			putVLQ(&pb, fi)
			putVLQ(&pb, len(ps))
			prev := -1
			for _, p := range ps {
				putVLQ(&pb, p.doc-prev-1)
				putVLQ(&pb, p.freq-1)
				prev = p.doc
				if !Fields[fi].Keyword {
					last := 0
					for _, x := range p.pos {
						putVLQ(&xb, x-last)
						last = x
					}
				}
			}
		}
		if size > 0 && size+pb.Len() > shardTarget {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		cur.Terms = append(cur.Terms, t.term)
		cur.Postings = append(cur.Postings, pb.String())
		curPos.Terms = append(curPos.Terms, t.term)
		curPos.Positions = append(curPos.Positions, xb.String())
		size += pb.Len() + len(t.term) + 6
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if m.Shards == nil {
		m.Shards = []string{}
	}

	// dictionary chunks by first letter
	dict := &family{prefix: "d"}
	for i := 0; i < len(ex.terms); {
		r, _ := utf8.DecodeRuneInString(ex.terms[i].term)
		first := string(r)
		var c dictChunk
		var b strings.Builder
		for ; i < len(ex.terms); i++ {
			t := ex.terms[i]
			if r2, _ := utf8.DecodeRuneInString(t.term); r2 != r {
				break
			}
			bits := 0
			for _, fi := range t.fields {
				bits |= 1 << fi
			}
			c.Terms = append(c.Terms, t.term)
			putVLQ(&b, bits)
		}
		c.Fields = b.String()
		m.Dict = append(m.Dict, first)
		if err := dict.add(c); err != nil {
			return nil, err
		}
	}
	if m.Dict == nil {
		m.Dict = []string{}
	}

	// fragments and files.json
	frag := &family{prefix: "f"}
	var list [][2]string
	var group []fragment
	for i, d := range ex.docs {
		group = append(group, fragment{File: d.ID, URL: d.URL, Title: d.Title, Description: d.Description, Text: d.Body})
		if len(group) == FragmentsPerFile || i == len(ex.docs)-1 {
			if err := frag.add(group); err != nil {
				return nil, err
			}
			group = nil
		}
		list = append(list, [2]string{d.ID, d.URL})
	}
	if list == nil {
		list = [][2]string{}
	}
	listJSON, err := marshal(list)
	if err != nil {
		return nil, err
	}

	m.Files = metaFiles{
		Docs:      docsName,
		Postings:  post.pattern(),
		Positions: pos.pattern(),
		Dict:      dict.pattern(),
		Fragments: frag.pattern(),

		FragmentsPerFile: FragmentsPerFile,
	}
	metaJSON, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, err
	}
	out := []file{{name: MetaFile, data: metaJSON}, {name: docsName, data: docsJSON}, {name: "files.json", data: listJSON}}
	for _, f := range []*family{post, pos, dict, frag} {
		out = append(out, f.files()...)
	}
	return out, nil
}

func shortHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])[:12]
}

// marshal is json.Marshal without HTML escaping (the client parses the
// files, nothing embeds them in HTML) and without the final newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
