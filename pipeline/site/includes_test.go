package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/site"
)

// TestIncludeFindingsAgree builds the lint fixture of include cycles and
// depth: every include the renderer leaves out is one lint reports (same
// file, line, column and rule), and each such page says so visibly.
func TestIncludeFindingsAgree(t *testing.T) {
	archive, err := os.ReadFile(filepath.Join("..", "testdata", "lint", "include-cycles.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := tree(t, string(archive))
	ctx := context.Background()
	s, err := pipeline.Load(ctx, os.DirFS(dir), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lint, err := pipeline.Lint(ctx, s, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(ctx, s, site.Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	key := func(d diag.Diagnostic) string {
		return fmt.Sprintf("%s:%d:%d %s", d.File, d.Pos.Line, d.Pos.Column, d.Rule)
	}
	keys := func(l diag.List, keep func(string) bool) []string {
		var out []string
		for _, d := range l {
			if keep(d.Rule) {
				out = append(out, key(d))
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	isInclude := func(r string) bool { return strings.HasPrefix(r, "include-") && r != "include-missing" }
	got, want := keys(sum.Findings, isInclude), keys(lint, isInclude)
	if !slices.Equal(got, want) {
		t.Errorf("includes the build left out:\n%s\nlint reports:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) != 3 {
		t.Errorf("lint reports %d include findings; want 3 (the fixture's)", len(want))
	}
	page, err := os.ReadFile(filepath.Join(out, "outlook", "troubleshoot", "mail", "self", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "not shown") {
		t.Errorf("the page that includes itself does not say an include is not shown")
	}
}
