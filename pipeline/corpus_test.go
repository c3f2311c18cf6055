package pipeline

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/rule"
)

// checkedGroups are the RULES.md groups the linter implements; the corpus
// test holds every rule in them to the expected findings.
var checkedGroups = []rule.Group{
	rule.GroupFile, rule.GroupProperties, rule.GroupMetadata, rule.GroupStructure, rule.GroupSHCContent,
}

// TestCorpusFindings lints ../shared/corpus/office-support and compares, for
// every rule of the implemented groups, the number of findings with the
// "shared" column of RULES.md and each (rule, file, line) with
// expected-findings.tsv.
func TestCorpusFindings(t *testing.T) {
	dir := corpus.Dir(t)
	counts := sharedCounts(t, filepath.Join(dir, "..", "RULES.md"))
	expected := expectedFindings(t, filepath.Join(dir, "expected-findings.tsv"))

	_, findings := lintDir(t, filepath.Join(dir, "office-support"))
	got := map[string][]string{}
	for _, d := range findings {
		got[d.Rule] = append(got[d.Rule], key(d.File, d.Pos.Line))
	}
	checked := 0
	for _, r := range rule.All() {
		if !slices.Contains(checkedGroups, r.Group) {
			continue
		}
		want, ok := counts[r.ID]
		if !ok {
			continue // "–": not counted on this Learn corpus (self-help rules)
		}
		checked++
		if n := len(got[r.ID]); n != want {
			t.Errorf("%s: %d findings; want %d (RULES.md)", r.ID, n, want)
		}
		if r.ID == "meta-date-stale" {
			continue // the TSV leaves these rows out
		}
		g, w := slices.Sorted(slices.Values(got[r.ID])), slices.Sorted(slices.Values(expected[r.ID]))
		for _, m := range diff(w, g) {
			t.Errorf("%s: missing %s (expected-findings.tsv)", r.ID, m)
		}
		for _, m := range diff(g, w) {
			t.Errorf("%s: unexpected %s", r.ID, m)
		}
	}
	if checked < 20 {
		t.Errorf("checked %d rules against RULES.md; want at least 20 (did the table format change?)", checked)
	}
	t.Logf("%d rules checked, %d findings in all", checked, len(findings))
	if testing.Verbose() {
		for id, n := range diag.List(findings).ByRule() {
			t.Logf("%-28s %d", id, n)
		}
	}
}

func key(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }

// diff returns the elements of a (sorted, with repeats) missing from b.
func diff(a, b []string) []string {
	var out []string
	i, j := 0, 0
	for i < len(a) {
		switch {
		case j >= len(b) || a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] == b[j]:
			i, j = i+1, j+1
		default:
			j++
		}
	}
	return out
}

var ruleRow = regexp.MustCompile("^\\| `([a-z0-9-]+)` \\| \\w+ \\| \\w+ \\| ([^|]*) \\|")

// sharedCounts reads the "shared" column of the rule tables in RULES.md.
func sharedCounts(t *testing.T, file string) map[string]int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := ruleRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(m[2])); err == nil {
			out[m[1]] = n
		}
	}
	if len(out) == 0 {
		t.Fatalf("no counts in %s", file)
	}
	return out
}

// expectedFindings reads expected-findings.tsv: rule, severity, file, line,
// detail.
func expectedFindings(t *testing.T, file string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			t.Fatalf("bad row %q", line)
		}
		n, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatalf("bad line in row %q", line)
		}
		out[f[0]] = append(out[f[0]], key(f[2], n))
	}
	return out
}
