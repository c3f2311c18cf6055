package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestFenceClosed(t *testing.T) {
	tests := []struct {
		src  string
		want []bool // per fenced block, in order
	}{
		{"```\ncode\n```\n", []bool{true}},
		{"```\ncode\n", []bool{false}},
		{"~~~~go\ncode\n~~~\nmore\n", []bool{false}},
		{"> ```\n> code\n> ```\n\n```\nx", []bool{true, false}},
		{"- item\n\n  ```\n  x\n  ```\n", []bool{true}},
	}
	for _, tt := range tests {
		d := Parse([]byte(tt.src))
		var got []bool
		ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
				got = append(got, d.Closed(f))
			}
			return ast.WalkContinue, nil
		})
		if len(got) != len(tt.want) {
			t.Errorf("Parse(%q): %d fenced blocks; want %d", tt.src, len(got), len(tt.want))
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Parse(%q): block %d closed = %v; want %v", tt.src, i, got[i], tt.want[i])
			}
		}
	}
}

// TestTaskListNeedsSpace: "- [x](a.md)" is a link, "- [x] done" a checkbox.
func TestTaskListNeedsSpace(t *testing.T) {
	for src, wantLinks := range map[string]int{
		"- [X](a.md) text\n": 1,
		"- [x](a.md)\n":      1,
		"- [x] done\n":       0,
		"- [ ] todo\n":       0,
		"- [x]\n":            0,
	} {
		d := Parse([]byte(src))
		links := 0
		for _, r := range d.Refs() {
			if r.Kind == RefLink {
				links++
			}
		}
		if links != wantLinks {
			t.Errorf("Parse(%q): %d links; want %d", src, links, wantLinks)
		}
	}
}

// TestTabbedHeadingInQuote: goldmark places the heading of ">\t#" past the
// end of the source (the tab counts as spaces); the outline stays inside
// it. Found by FuzzRender.
func TestTabbedHeadingInQuote(t *testing.T) {
	for _, src := range []string{">\t#", ">\t# x", "- >\t#", "> >\t##"} {
		d := Parse([]byte(src))
		hs := d.Headings()
		if len(hs) != 1 {
			t.Errorf("%q: %d headings; want 1", src, len(hs))
			continue
		}
		if hs[0].Start > len(src) {
			t.Errorf("%q: heading starts at %d, past the end (%d)", src, hs[0].Start, len(src))
		}
	}
}

func TestCompact(t *testing.T) {
	src := []byte("# Title\n\n## <a name=\"old\"></a>Fix it\n\n## Fix it\n\n## <a name=\"\"></a>Fix it\n\n" +
		"```sh\nls\n```\n\n[x](y.md) [!INCLUDE [i](inc.md)]\n")
	ids := func(d *Doc, fromNode bool) []string {
		var out []string
		n := NewIDs()
		for _, h := range d.Headings() {
			if fromNode { // what ID makes of the node alone
				h = Heading{Node: h.Node, Tab: h.Tab}
			}
			out = append(out, h.ID(n, d.Src))
		}
		return out
	}
	want := ids(Parse(src), true)
	if w := strings.Join(want, " "); w != "title old fix-it-1 " { // <a name=""> gives no id
		t.Fatalf("heading ids %q", w)
	}
	d := Parse(src)
	refs, incs := len(d.Refs()), len(d.Includes())
	d.Compact()
	if d.Root != nil {
		t.Error("Compact kept the tree")
	}
	if got := ids(d, false); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading ids after Compact: %q; want %q", got, want)
	}
	if len(d.Refs()) != refs || len(d.Includes()) != incs || refs == 0 || incs == 0 {
		t.Errorf("after Compact: %d refs, %d includes; want %d, %d", len(d.Refs()), len(d.Includes()), refs, incs)
	}
	defer func() {
		if recover() == nil {
			t.Error("FencedBlocks after Compact did not panic")
		}
	}()
	d.FencedBlocks()
}
