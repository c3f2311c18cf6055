package rule

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/helpsite/helpsite/pipeline/diag"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

func TestCatalog(t *testing.T) {
	all := All()
	if len(all) != 82 {
		t.Errorf("%d rules; want the 74 of RULES.md and 8 of our own", len(all))
	}
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Severity != diag.Error && r.Severity != diag.Warning {
			t.Errorf("%s: default severity %v; want error or warning", r.ID, r.Severity)
		}
		if r.Summary == "" || r.Per == "" {
			t.Errorf("%s: no summary or no per", r.ID)
		}
		if r.Why == "" || r.Fix == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("%s: the explanation lacks why, how to fix or an example", r.ID)
		}
		if got := Lookup(r.ID); got == nil || got.ID != r.ID {
			t.Errorf("Lookup(%q) = %v", r.ID, got)
		}
	}
	for id := range explanations {
		if !seen[id] {
			t.Errorf("explanation of %s, which the catalog lacks", id)
		}
	}
	if Lookup("no-such-rule") != nil {
		t.Error("Lookup of an unknown id is not nil")
	}
}

// TestReference keeps docs/rules.md, where every finding's help link points,
// in step with the catalog.
func TestReference(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s is out of date: go test ./pipeline/rule -update", file)
	}
	// Every rule's help link, .../docs/rules.md#<id>, must land on its
	// section: GitHub anchors a heading by its slug, and the first heading
	// with a slug gets it bare.
	slugs := map[string]int{}
	for line := range strings.Lines(string(want)) {
		if h, ok := strings.CutPrefix(line, "#"); ok {
			slugs[githubSlug(strings.TrimLeft(h, "# "))]++
		}
	}
	for _, r := range All() {
		if !bytes.Contains(want, []byte("\n### "+r.ID+"\n")) {
			t.Errorf("docs/rules.md has no section for %s", r.ID)
		}
		if n := slugs[r.ID]; n != 1 {
			t.Errorf("docs/rules.md: %d headings with the anchor #%s; want 1", n, r.ID)
		}
		if u := r.HelpURI(); !strings.HasSuffix(u, "docs/rules.md#"+r.ID) {
			t.Errorf("%s: help link %s", r.ID, u)
		}
	}
}

// githubSlug is the anchor GitHub gives a Markdown heading: lower case,
// spaces as "-", punctuation other than "-" and "_" dropped.
func githubSlug(h string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case c == ' ':
			b.WriteByte('-')
		case c == '-' || c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		id   string
		want string // the first suggestion
	}{
		{"alert-cas", "alert-case"},
		{"link-brokn", "link-broken"},
		{"meta-date", "meta-date-format"},
		{"heading-skip", "heading-level-skip"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.id); len(got) == 0 || got[0] != tt.want {
			t.Errorf("Suggest(%q) = %v; want %s first", tt.id, got, tt.want)
		}
	}
	if got := Suggest("zzzzzzzzzzzz"); len(got) != 0 {
		t.Errorf("Suggest(zzzzzzzzzzzz) = %v; want none", got)
	}
}
