package pipeline

import (
	"bufio"
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

// TestCorpusFindings lints ../shared/corpus/office-support and compares, for
// every rule of RULES.md, the number of findings with the "shared" column
// and each finding with a row of expected-findings.tsv: same rule and file,
// the same line where the row gives one (0 means none), and a message that
// carries the row's detail.
func TestCorpusFindings(t *testing.T) {
	dir := corpus.Dir(t)
	counts := sharedCounts(t, filepath.Join(dir, "..", "RULES.md"))
	expected := expectedFindings(t, filepath.Join(dir, "expected-findings.tsv"))

	_, findings := lintDir(t, filepath.Join(dir, "office-support"))
	byRule := map[string][]diag.Diagnostic{}
	for _, d := range findings {
		byRule[d.Rule] = append(byRule[d.Rule], d)
	}
	checked := 0
	for _, r := range rule.All() {
		want, ok := counts[r.ID]
		if !ok {
			continue // "–": not counted on this Learn corpus (self-help rules)
		}
		checked++
		if n := len(byRule[r.ID]); n != want {
			t.Errorf("%s: %d findings; want %d (RULES.md)", r.ID, n, want)
		}
		if r.ID == "meta-date-stale" {
			continue // the TSV leaves these rows out
		}
		// Pair each row with an unused finding it describes.
		used := make([]bool, len(byRule[r.ID]))
		for _, row := range expected[r.ID] {
			i := slices.IndexFunc(byRule[r.ID], func(d diag.Diagnostic) bool { return row.matches(d) })
			for i >= 0 && used[i] {
				j := slices.IndexFunc(byRule[r.ID][i+1:], func(d diag.Diagnostic) bool { return row.matches(d) })
				if j < 0 {
					i = -1
					break
				}
				i += 1 + j
			}
			if i < 0 {
				t.Errorf("%s: no finding for %s:%d %q (expected-findings.tsv)", r.ID, row.file, row.line, row.detail)
				continue
			}
			used[i] = true
		}
		for i, d := range byRule[r.ID] {
			if !used[i] {
				t.Errorf("%s: unexpected %s", r.ID, d)
			}
		}
	}
	if checked < 40 {
		t.Errorf("checked %d rules against RULES.md; want all counted ones (did the table format change?)", checked)
	}
	t.Logf("%d rules checked, %d findings in all", checked, len(findings))
	if testing.Verbose() {
		for id, n := range diag.List(findings).ByRule() {
			t.Logf("%-28s %d", id, n)
		}
	}
}

// row is one line of expected-findings.tsv.
type row struct {
	file, detail string
	line         int
}

// matches reports whether a finding is the one the row describes: same
// file, same line unless the row gives 0, and a message that carries the
// detail (a row's detail may be cut short; a note in parentheses such as
// "(exists with different case)" must appear too).
func (r row) matches(d diag.Diagnostic) bool {
	if d.File != r.file || r.line != 0 && d.Pos.Line != r.line {
		return false
	}
	detail, note := r.detail, ""
	if i := strings.LastIndex(detail, " ("); i >= 0 && strings.HasSuffix(detail, ")") {
		detail, note = detail[:i], strings.Trim(detail[i+2:], "()")
	}
	return strings.Contains(d.Message, detail) && strings.Contains(d.Message, note)
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
func expectedFindings(t *testing.T, file string) map[string][]row {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]row{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			t.Fatalf("bad row %q", line)
		}
		n, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatalf("bad line in row %q", line)
		}
		detail := ""
		if len(f) > 4 {
			detail = f[4]
		}
		out[f[0]] = append(out[f[0]], row{file: f[2], line: n, detail: detail})
	}
	return out
}
