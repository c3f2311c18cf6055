package search

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

var testDocs = []Doc{
	{ID: "outlook/password.md", URL: "/outlook/password/", Title: "Outlook keeps prompting for a password",
		Description: "Outlook repeatedly asks for credentials.", Headings: []string{"Symptoms", "Cause", "Resolution"},
		Body:   "When you start Outlook, you're prompted for your password again and again. Clear the cached credentials.",
		Docset: "outlook", Product: "outlook", Topic: "troubleshooting", IDs: []string{"114951"}},
	{ID: "teams/meetings.md", URL: "/teams/meetings/", Title: "Can't join a Teams meeting",
		Body:   "Error code 0x800CCC0E appears when joining meetings. The meeting link has expired.",
		Docset: "teams", Product: "msteams", Topic: "troubleshooting", IDs: []string{"220011"}},
	{ID: "word/fonts.md", URL: "/word/fonts/", Title: "Fonts are missing in Word",
		Body:   "Word documents show the wrong fonts. Reinstall the fonts and restart Word.",
		Docset: "office", Product: "word", Topic: "how-to"},
}

func testIndex(t *testing.T) *Index {
	t.Helper()
	docs := append([]Doc(nil), testDocs...)
	SortDocs(docs)
	ix, err := Build(t.TempDir()+"/idx", docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func files(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.File)
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := testIndex(t)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"password prompting", []string{"outlook/password.md"}},
		{"passwrd", []string{"outlook/password.md"}},      // typo, edit distance 1
		{"credentails", []string{"outlook/password.md"}},  // transposition: edit distance 2
		{"114951", []string{"outlook/password.md"}},       // exact id
		{"0x800CCC0E", []string{"teams/meetings.md"}},     // error code
		{`"meeting link"`, []string{"teams/meetings.md"}}, // phrase
		{`"link meeting"`, nil},                           // phrase order matters
		{"font*", []string{"word/fonts.md"}},              // prefix
		{"the", nil},                                      // a stop word alone
		{"fonts -word", nil},                              // exclusion
		{"+fonts outlook", []string{"word/fonts.md"}},     // required
		{"title:meeting", []string{"teams/meetings.md"}},  // field query
		{"outlook meetings", []string{"outlook/password.md", "teams/meetings.md"}},
	} {
		r, err := ix.Search(context.Background(), tc.q, Options{Limit: 10})
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		got := files(r)
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
				break
			}
		}
	}
}

func TestSearchFacetsAndFilters(t *testing.T) {
	ix := testIndex(t)
	r, err := ix.Search(context.Background(), "troubleshooting OR fonts OR outlook OR meeting", Options{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 3 {
		t.Fatalf("total %d, want 3", r.Total)
	}
	counts := map[string]int{}
	for _, v := range r.Facets["topic"] {
		counts[v.Value] = v.Count
	}
	if counts["troubleshooting"] != 2 || counts["how-to"] != 1 {
		t.Errorf("topic facet %v", r.Facets["topic"])
	}
	all, _ := ix.Search(context.Background(), "outlook meetings", Options{})
	f, err := ix.Search(context.Background(), "outlook meetings", Options{Filters: map[string][]string{"docset": {"teams"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := files(f); len(got) != 1 || got[0] != "teams/meetings.md" {
		t.Fatalf("filtered hits %v", got)
	}
	for _, h := range all.Hits {
		if h.File == "teams/meetings.md" && h.Score != f.Hits[0].Score {
			t.Errorf("a filter changed the score: %v vs %v", h.Score, f.Hits[0].Score)
		}
	}
}

// TestUpdatable: the index Build returns takes a server's edits once
// reopened with Updatable, and a search sees them.
func TestUpdatable(t *testing.T) {
	docs := append([]Doc(nil), testDocs...)
	SortDocs(docs)
	ix, err := Build(t.TempDir()+"/idx", docs)
	if err != nil {
		t.Fatal(err)
	}
	if ix, err = ix.Updatable(); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	edited := docs[0]
	edited.Body = "Outlook shows a zanzibar error."
	for range 12 { // more updates than a tier holds: merges happen
		if err := ix.Update([]Doc{edited}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := ix.Search(context.Background(), "zanzibar", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := files(r); len(got) != 1 || got[0] != edited.ID {
		t.Errorf("after the edit, zanzibar finds %v; want [%s]", got, edited.ID)
	}
	if r, _ := ix.Search(context.Background(), "reinstall fonts", Options{}); len(files(r)) != 1 || files(r)[0] != "word/fonts.md" {
		t.Errorf("another document after the edit: %v", files(r))
	}
}

// TestBuildMergesNothing: under buildConfig's merge plan, the segments
// of a build (one per batch, the last one smaller) are not merged, for a
// small site and a large one; under bleve's default plan they are.
func TestBuildMergesNothing(t *testing.T) {
	plan := func(cfg map[string]any, docs int) int {
		o := mergeplan.DefaultMergePlanOptions
		b, _ := json.Marshal(cfg["scorchMergePlanOptions"])
		if err := json.Unmarshal(b, &o); err != nil {
			t.Fatal(err)
		}
		var segs []mergeplan.Segment
		for i := 0; i < docs; i += batchSize {
			segs = append(segs, fakeSegment{id: uint64(i), docs: int64(min(batchSize, docs-i))})
		}
		p, err := mergeplan.Plan(segs, &o)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			return 0
		}
		return len(p.Tasks)
	}
	for _, docs := range []int{1738, 20000} {
		if n := plan(buildConfig(), docs); n != 0 {
			t.Errorf("%d documents: %d merge tasks; want none", docs, n)
		}
	}
	if n := plan(map[string]any{}, 1738); n == 0 {
		t.Error("the default plan merges nothing either: the test shows nothing")
	}
}

type fakeSegment struct {
	id   uint64
	docs int64
}

func (s fakeSegment) Id() uint64          { return s.id }
func (s fakeSegment) FullSize() int64     { return s.docs }
func (s fakeSegment) LiveSize() int64     { return s.docs }
func (s fakeSegment) HasVector() bool     { return false }
func (s fakeSegment) FileSize() int64     { return s.docs * 4000 }
func (s fakeSegment) LiveFileSize() int64 { return s.docs * 4000 }

// TestBuildConfigIsFresh: bleve writes into the configuration map it is
// given; a second index must not inherit what it wrote for the first.
func TestBuildConfigIsFresh(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b"} {
		ix, err := Build(filepath.Join(dir, name), testDocs[:1])
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
	}
	meta, err := os.ReadFile(filepath.Join(dir, "b", "index_meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(meta, []byte(`"path"`)) || !bytes.Contains(meta, []byte(`"FloorSegmentSize":1`)) {
		t.Errorf("the second index's meta: %s", meta)
	}
}
