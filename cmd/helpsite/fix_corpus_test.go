package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

type jsonFindings struct {
	Findings []struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Rule string `json:"rule"`
	} `json:"findings"`
}

// place is a finding as fixes see it: same file, line and rule.
type place struct {
	file, rule string
	line       int
}

// lintPlaces runs lint with JSON output and returns its findings and
// standard error.
func lintPlaces(t *testing.T, args ...string) (map[place]int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"lint", "--reference-date", "2026-11-22", "--format", "json"}, args...), &stdout, &stderr)
	if code == exitFailure {
		t.Fatalf("helpsite lint %v: exit %d: %s", args, code, stderr.String())
	}
	var out jsonFindings
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	m := map[place]int{}
	for _, f := range out.Findings {
		m[place{f.File, f.Rule, f.Line}]++
	}
	return m, stderr.String()
}

func total(m map[place]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// TestFixCorpus runs lint --fix over a copy of the shared corpus (never
// the corpus itself): every finding it says it fixed is gone, no finding
// is added, and a second run changes nothing.
func TestFixCorpus(t *testing.T) {
	src := filepath.Join(repoRoot, "..", "shared", "corpus", "office-support")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared corpus not found at %s (it lives in ../shared beside the project); skipping", src)
	}
	if testing.Short() {
		t.Skip("copies the corpus and lints it four times")
	}
	dir := filepath.Join(t.TempDir(), "office-support")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	before, _ := lintPlaces(t, dir)

	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"lint", "--fix", "--reference-date", "2026-11-22", "--format", "text=" + filepath.Join(t.TempDir(), "left.txt"), dir}, &stdout, &stderr); code == exitFailure {
		t.Fatalf("lint --fix: exit %d: %s", code, stderr.String())
	}
	// "file:line: rule: before → after", the file shown under dir.
	change := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(filepath.ToSlash(dir)) + `/(.+):(\d+): ([a-z0-9-]+): .* → `)
	claimed := map[place]int{}
	byRule := map[string]int{}
	for _, m := range change.FindAllStringSubmatch(stderr.String(), -1) {
		var line int
		if err := json.Unmarshal([]byte(m[2]), &line); err != nil {
			t.Fatal(err)
		}
		claimed[place{m[1], m[3], line}]++
		byRule[m[3]]++
	}
	if len(claimed) == 0 {
		t.Fatalf("lint --fix fixed nothing:\n%s", stderr.String())
	}

	// A second run lints the fixed tree on disk and fixes nothing.
	after, again := lintPlaces(t, "--fix", dir)
	if !regexp.MustCompile(`(?m)^helpsite: nothing to fix$`).MatchString(again) {
		t.Errorf("a second lint --fix changed something:\n%s", again)
	}
	for p, n := range claimed {
		if before[p] < n {
			t.Errorf("%v: fixed %d finding(s), but %d were reported before", p, n, before[p])
		}
		if after[p] > before[p]-n {
			t.Errorf("%v: %d finding(s) left after fixing %d of %d", p, after[p], n, before[p])
		}
	}
	for p, n := range after {
		if n > before[p] {
			t.Errorf("%v: %d finding(s) after the fixes, %d before: a fix added one", p, n, before[p])
		}
	}

	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	n := 0
	for _, r := range rules {
		t.Logf("fixed %-20s %d", r, byRule[r])
		n += byRule[r]
	}
	t.Logf("%d fixes; findings %d before, %d after (%d fewer than the fixes alone remove)", n, total(before), total(after), total(before)-n-total(after))
}
