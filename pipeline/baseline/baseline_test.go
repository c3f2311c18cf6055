package baseline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/diag"
)

// finding reports rule on the line of text that holds needle.
func finding(text, file, rule, msg, needle string) diag.Diagnostic {
	lines := diag.NewLines([]byte(text))
	p := lines.Pos(strings.Index(text, needle))
	return diag.Diagnostic{File: file, Rule: rule, Message: msg, Pos: p, End: p}
}

func TestLineShiftKeepsFindingsKnown(t *testing.T) {
	before := "# T\n\n> [!note]\n> x\n\n> [!note]\n"
	after := "# T\n\nA new paragraph.\n\nAnother.\n\n> [!note]\n> x\n\n> [!note]\n\n> [!tip]\n"
	texts := func(s string) Texts { return func(string) []byte { return []byte(s) } }
	old := diag.List{
		finding(before, "a.md", "alert-case", "alert [!note]", "> [!note]\n> x"),
		finding(before, "a.md", "alert-case", "alert [!note]", "> [!note]\n"),
		{File: "a.md", Rule: "meta-required", Message: "key title is missing", Pos: diag.Pos{Line: 1, Column: 1}},
		{File: "gone.md", Rule: "x", Message: "first at line 3"},
	}
	b := New(old, texts(before))
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	read, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(read.Findings); n != 3 || read.Findings[0].Count != 2 {
		t.Fatalf("baseline %+v; want 3 entries, the first counted twice", read.Findings)
	}
	now := diag.List{
		finding(after, "a.md", "alert-case", "alert [!note]", "> [!note]\n> x"),
		finding(after, "a.md", "alert-case", "alert [!note]", "> [!note]\n\n"),
		finding(after, "a.md", "alert-case", "alert [!tip]", "> [!tip]"),
		{File: "a.md", Rule: "meta-required", Message: "key title is missing", Pos: diag.Pos{Line: 1, Column: 1}},
	}
	r := read.Filter(now, texts(after), nil)
	if r.Suppressed != 3 || len(r.New) != 1 || r.New[0].Message != "alert [!tip]" {
		t.Errorf("Filter: %d suppressed, new %v; want 3 suppressed and the tip alert new", r.Suppressed, r.New)
	}
	if len(r.Stale) != 1 || r.Stale[0].File != "gone.md" || r.Stale[0].Message != "first at line N" {
		t.Errorf("stale %+v; want the gone.md entry", r.Stale)
	}
	if r := read.Filter(now, texts(after), func(f string) bool { return f == "a.md" }); len(r.Stale) != 0 {
		t.Errorf("stale %+v outside the scope", r.Stale)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	l := diag.List{{File: "b.md", Rule: "r", Message: "m"}, {File: "a.md", Rule: "r", Message: "m"}, {File: "a.md", Rule: "q", Message: "m"}}
	var x, y bytes.Buffer
	New(l, func(string) []byte { return nil }).Write(&x)
	New(diag.List{l[2], l[0], l[1]}, func(string) []byte { return nil }).Write(&y)
	if x.String() != y.String() {
		t.Errorf("two writes differ:\n%s\n%s", x.String(), y.String())
	}
	if !strings.Contains(x.String(), `"file": "a.md",
      "rule": "q"`) {
		t.Errorf("entries not sorted by file and rule:\n%s", x.String())
	}
}

func TestReadRejects(t *testing.T) {
	for _, in := range []string{`{"version": 2, "findings": []}`, `{"version": 1, "findings": [], "x": 1}`, `[`} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%s) succeeded", in)
		}
	}
}
