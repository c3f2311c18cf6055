package search

import (
	"context"
	"testing"
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
