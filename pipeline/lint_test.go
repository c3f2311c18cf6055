package pipeline

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/source"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/lint/*.txtar from the linter's output")

// referenceDate is "today" for every fixture, so date rules are stable.
var referenceDate = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// TestLintFixtures lints each archive in testdata/lint and compares the
// findings, one "file:line:col rule: message" line each (or "file:line:col
// rule" when the fixture leaves messages out), with its "want" file. The
// archive's other files form the content tree. go test -update rewrites the
// want files.
func TestLintFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/lint/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			wantIdx := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					wantIdx = i
					continue
				}
				fsys[f.Name] = &fstest.MapFile{Data: unescape(f.Data)}
			}
			got := lintFS(t, fsys)
			if wantIdx >= 0 && !*update && !hasMessages(ar.Files[wantIdx].Data) {
				got = stripMessages(got)
			}
			if *update {
				if wantIdx < 0 {
					ar.Files = append([]txtar.File{{Name: "want"}}, ar.Files...)
					wantIdx = 0
				}
				ar.Files[wantIdx].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantIdx < 0 {
				t.Fatalf("%s has no want file", file)
			}
			if want := string(ar.Files[wantIdx].Data); got != want {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// hasMessages reports whether want lines carry messages ("rule: message");
// fixtures may leave them out and compare places and rule ids only.
func hasMessages(want []byte) bool {
	for _, line := range strings.Split(string(want), "\n") {
		if _, rest, ok := strings.Cut(line, " "); ok && strings.Contains(rest, ": ") {
			return true
		}
	}
	return false
}

func stripMessages(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if pos, rest, ok := strings.Cut(line, " "); ok {
			rule, _, _ := strings.Cut(strings.TrimSuffix(rest, "\n"), ":")
			line = pos + " " + rule + "\n"
		}
		b.WriteString(line)
	}
	return b.String()
}

// unescape lets fixtures hold bytes a text archive cannot: \xEF\xBB\xBF for
// a byte order mark, \r before a newline for CRLF, \xFF for invalid UTF-8.
func unescape(b []byte) []byte {
	s := string(b)
	if !strings.Contains(s, `\x`) && !strings.Contains(s, `\r`) {
		return b
	}
	r := strings.NewReplacer(`\xEF\xBB\xBF`, "\uFEFF", `\xFF`, "\xFF", `\xE9`, "\xE9", `\r`, "\r")
	return []byte(r.Replace(s))
}

func lintFS(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	_, l := lintTree(t, fsys, Options{ReferenceDate: referenceDate})
	return format(l)
}

// lintTree loads and lints a tree, failing the test on a run error.
func lintTree(t testing.TB, fsys fs.FS, opt Options) (*Site, diag.List) {
	t.Helper()
	ctx := context.Background()
	s, err := Load(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Lint(ctx, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, l
}

// lintDir lints a folder of the machine, opened as the command line does.
func lintDir(t testing.TB, dir string) (*Site, diag.List) {
	t.Helper()
	fsys, err := source.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return lintTree(t, fsys, Options{ReferenceDate: referenceDate})
}

func format(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s:%d:%d %s: %s\n", d.File, d.Pos.Line, d.Pos.Column, d.Rule, d.Message)
	}
	return b.String()
}
