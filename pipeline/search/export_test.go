package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
)

func exportFiles(t *testing.T, ix *Index, docs []Doc) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if err := ix.Export(docs, func(name string, b []byte) error {
		if _, dup := files[name]; dup {
			t.Errorf("%s written twice", name)
		}
		files[name] = b
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return files
}

func decodeVLQ(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(vlq, s[i])
		if d < 0 {
			t.Fatalf("bad VLQ digit %q", s[i])
		}
		v |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, v)
		v, shift = 0, 0
	}
	return out
}

func unmarshal(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no file %s among %v", name, slices.Sorted(maps.Keys(files)))
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// staticTerm is what the export holds of a term in a field.
type staticTerm struct {
	docs, freqs []int
	pos         [][]int
}

// readExport decodes the postings and positions of every term.
func readExport(t *testing.T, files map[string][]byte) (meta, docsTable, map[string]map[int]*staticTerm) {
	var m meta
	unmarshal(t, files, "meta.json", &m)
	var dt docsTable
	unmarshal(t, files, m.Files.Docs, &dt)
	out := map[string]map[int]*staticTerm{}
	for i := range m.Shards {
		var sh shard
		var ps positionShard
		unmarshal(t, files, strings.Replace(m.Files.Postings, "{i}", fmt.Sprint(i), 1), &sh)
		unmarshal(t, files, strings.Replace(m.Files.Positions, "{i}", fmt.Sprint(i), 1), &ps)
		if sh.Terms[0] != m.Shards[i] || !slices.Equal(sh.Terms, ps.Terms) {
			t.Fatalf("shard %d: terms %v, positions' %v, meta's first %q", i, sh.Terms, ps.Terms, m.Shards[i])
		}
		for k, term := range sh.Terms {
			d := decodeVLQ(t, sh.Postings[k])
			x := decodeVLQ(t, ps.Positions[k])
			byField := map[int]*staticTerm{}
			for j := 0; j < len(d); {
				f, df := d[j], d[j+1]
				j += 2
				st := &staticTerm{}
				doc := -1
				for range df {
					doc += d[j] + 1
					st.docs = append(st.docs, doc)
					st.freqs = append(st.freqs, d[j+1]+1)
					j += 2
				}
				if !Fields[f].Keyword {
					for _, fr := range st.freqs {
						var p []int
						last := 0
						for range fr {
							last += x[0]
							x = x[1:]
							p = append(p, last)
						}
						st.pos = append(st.pos, p)
					}
				}
				byField[f] = st
			}
			if len(x) != 0 {
				t.Errorf("%q: %d positions left over", term, len(x))
			}
			out[term] = byField
		}
	}
	return m, dt, out
}

// TestExportMatchesBleve checks every term of every field: document
// frequencies, frequencies, norms and positions are bleve's.
func TestExportMatchesBleve(t *testing.T) {
	ix := testIndex(t)
	docs := slices.Clone(testDocs)
	files := exportFiles(t, ix, docs)
	m, dt, terms := readExport(t, files)
	SortDocs(docs)
	if m.Version != ExportVersion || m.Docs != len(docs) || len(m.Fields) != len(Fields) {
		t.Fatalf("meta %+v", m)
	}
	var list [][2]string
	unmarshal(t, files, "files.json", &list)
	for i, d := range docs {
		if list[i] != [2]string{d.ID, d.URL} {
			t.Errorf("files.json[%d] = %v, want %s %s", i, list[i], d.ID, d.URL)
		}
		var group []fragment
		unmarshal(t, files, strings.Replace(m.Files.Fragments, "{i}", fmt.Sprint(i/m.Files.FragmentsPerFile), 1), &group)
		f := group[i%m.Files.FragmentsPerFile]
		if f.File != d.ID || f.Text != d.Body || f.Title != d.Title {
			t.Errorf("fragment %d = %+v", i, f)
		}
	}
	lengths := make([][]int, len(dt.Lengths))
	for i, s := range dt.Lengths {
		lengths[i] = decodeVLQ(t, s)
	}

	adv, _ := ix.Advanced()
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	checked := 0
	for fi, f := range Fields {
		dict, err := r.FieldDict(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := dict.Next(); e != nil && err == nil; e, err = dict.Next() {
			st := terms[e.Term][fi]
			if st == nil {
				t.Errorf("%s:%q is not exported", f.Name, e.Term)
				continue
			}
			tfr, err := r.TermFieldReader(context.Background(), []byte(e.Term), f.Name, true, true, true)
			if err != nil {
				t.Fatal(err)
			}
			if int(tfr.Count()) != len(st.docs) {
				t.Errorf("%s:%q: df %d, exported %d", f.Name, e.Term, tfr.Count(), len(st.docs))
			}
			for {
				d, err := tfr.Next(nil)
				if err != nil {
					t.Fatal(err)
				}
				if d == nil {
					break
				}
				id, _ := r.ExternalID(d.ID)
				doc := sort.Search(len(docs), func(i int) bool { return docs[i].ID >= id })
				// bleve's order is its internal one; the export's, ids'
				j := slices.Index(st.docs, doc)
				if j < 0 || st.freqs[j] != int(d.Freq) {
					t.Errorf("%s:%q: posting of %s (%d, freq %d) differs", f.Name, e.Term, id, doc, d.Freq)
					continue
				}
				if norm(lengths[fi][doc]) != d.Norm {
					t.Errorf("%s:%q in %s: norm of length %d is %v, bleve's %v", f.Name, e.Term, id, lengths[fi][doc], norm(lengths[fi][doc]), d.Norm)
				}
				if !f.Keyword {
					var pos []int
					for _, v := range d.Vectors {
						pos = append(pos, int(v.Pos))
					}
					if !slices.Equal(pos, st.pos[j]) {
						t.Errorf("%s:%q in %s: positions %v, bleve's %v", f.Name, e.Term, id, st.pos[j], pos)
					}
				}
				checked++
			}
			tfr.Close()
		}
		dict.Close()
	}
	if checked == 0 {
		t.Fatal("no postings checked")
	}
	// the facet table holds each document's values
	topic := dt.Facets["topic"]
	ids := decodeVLQ(t, topic.Docs)
	for i, d := range docs {
		if ids[0] != 1 || topic.Values[ids[1]] != d.Topic {
			t.Errorf("doc %d topic %v, want %q", i, ids[:2], d.Topic)
		}
		ids = ids[2:]
	}
}

// TestExportDeterministic exports twice, from two indexes of the same
// documents given in different orders: the same files, byte for byte.
func TestExportDeterministic(t *testing.T) {
	a := exportFiles(t, testIndex(t), testDocs)
	rev := slices.Clone(testDocs)
	slices.Reverse(rev)
	ix2, err := Build(t.TempDir()+"/idx", rev)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	b := exportFiles(t, ix2, rev)
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatalf("file names differ:\n%v\n%v", slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b)))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs", name)
		}
	}
	// content-hashed names change with the content
	docs := slices.Clone(testDocs)
	docs[0].Body += " Restart Outlook."
	ix3, err := Build(t.TempDir()+"/idx", docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix3.Close()
	c := exportFiles(t, ix3, docs)
	var ma, mc meta
	unmarshal(t, a, "meta.json", &ma)
	unmarshal(t, c, "meta.json", &mc)
	if ma.Files.Fragments == mc.Files.Fragments || ma.Files.Postings == mc.Files.Postings {
		t.Errorf("file names did not change with the content: %+v", mc.Files)
	}
}

func TestExportChecksDocs(t *testing.T) {
	ix := testIndex(t)
	if err := ix.Export(testDocs[:2], func(string, []byte) error { return nil }); err == nil {
		t.Error("export of fewer documents than the index holds: no error")
	}
	other := slices.Clone(testDocs)
	other[0].ID = "not/indexed.md"
	if err := ix.Export(other, func(string, []byte) error { return nil }); err == nil {
		t.Error("export of a document the index does not hold: no error")
	}
}

func TestPrefixWord(t *testing.T) {
	for q, want := range map[string]string{
		"outlook pass":   "pass",
		"outlook pass ":  "",
		"pass":           "pass",
		"outlook +pass":  "",
		"outlook -pass":  "",
		`"outlook pass`:  "pass", // a parse error anyway
		"title:pass":     "",
		"pass*":          "",
		"pass~1":         "",
		"sign-in":        "sign-in",
		"free/bu":        "free/bu",
		"/regex":         "",
		"outlook pass^2": "",
		"":               "",
	} {
		if got := prefixWord(q); got != want {
			t.Errorf("prefixWord(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestSearchPrefix(t *testing.T) {
	ix := testIndex(t)
	for _, tc := range []struct {
		q      string
		prefix bool
		want   int
	}{
		{"outlook passw", false, 1},
		{"outlook passw", true, 1},
		{"reinst", false, 0},
		{"reinst", true, 1},
		{"reinst ", true, 0},
		{"fonts reinst", true, 1},
		{"title:reinst", true, 0},
	} {
		r, err := ix.Search(context.Background(), tc.q, Options{Prefix: tc.prefix})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != tc.want {
			t.Errorf("%q prefix=%v: %d hits, want %d", tc.q, tc.prefix, r.Total, tc.want)
		}
	}
}

func TestUnsupportedQueries(t *testing.T) {
	ix := testIndex(t)
	for _, q := range []string{"/out.*/", "title:>5", `date:>"2020-01-01"`, "word~3"} {
		if _, err := ix.Search(context.Background(), q, Options{}); err == nil {
			t.Errorf("%q: no error", q)
		}
	}
}
