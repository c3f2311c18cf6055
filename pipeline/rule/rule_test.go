package rule

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

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
		if got := Lookup(r.ID); got == nil || got.ID != r.ID {
			t.Errorf("Lookup(%q) = %v", r.ID, got)
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
	for _, r := range All() {
		if !bytes.Contains(want, []byte("\n### "+r.ID+"\n")) {
			t.Errorf("docs/rules.md has no section for %s", r.ID)
		}
	}
}
