package fix

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/source"
)

func safe(rule string, start, end int, repl string) diag.Diagnostic {
	return diag.Diagnostic{File: "a.md", Rule: rule, Fix: &diag.Fix{Safe: true, Edits: []diag.Edit{{Start: start, End: end, New: repl}}}}
}

func TestApply(t *testing.T) {
	bom := source.BOM
	tests := []struct {
		name, raw string
		ds        diag.List
		want      string
		changes   []string
	}{{
		name:    "CRLF keeps its line ends; offsets are decoded ones",
		raw:     "---\r\nTitle: x\r\n---\r\n> [!note]\r\n",
		ds:      diag.List{safe("meta-key-case", 4, 9, "title"), safe("alert-case", 21, 25, "NOTE")},
		want:    "---\r\ntitle: x\r\n---\r\n> [!NOTE]\r\n",
		changes: []string{"a.md:2: meta-key-case: Title → title", "a.md:4: alert-case: note → NOTE"},
	}, {
		name:    "byte order marks before offset 0",
		raw:     bom + bom + bom + "# x\n",
		ds:      diag.List{safe("file-bom-duplicate", -6, 0, "")},
		want:    bom + "# x\n",
		changes: []string{"a.md:1: file-bom-duplicate: 3 byte order marks → 1 byte order mark"},
	}, {
		name: "the same edit from two findings is made once",
		raw:  "> [!note]\n",
		ds:   diag.List{safe("alert-case", 4, 8, "NOTE"), safe("alert-case", 4, 8, "NOTE")},
		want: "> [!NOTE]\n", changes: []string{"a.md:1: alert-case: note → NOTE"},
	}, {
		name: "overlapping edits: neither is made",
		raw:  "abcdef\n",
		ds:   diag.List{safe("r1", 0, 3, "X"), safe("r2", 2, 4, "Y"), safe("r3", 5, 6, "Z")},
		want: "abcdeZ\n", changes: []string{"a.md:1: r3: f → Z"},
	}, {
		name: "an edit over a CRLF, a new line or a replaced byte is not made",
		raw:  "a\r\nb\xffc\n",
		ds:   diag.List{safe("r1", 0, 2, "a\n"), safe("r2", 0, 2, "ab"), safe("r3", 3, 5, "xx")},
		want: "a\r\nb\xffc\n",
	}, {
		name: "a fix that is not safe is not made",
		raw:  "abc\n",
		ds:   diag.List{{File: "a.md", Rule: "r", Fix: &diag.Fix{Edits: []diag.Edit{{Start: 0, End: 1, New: "X"}}}}},
		want: "abc\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes := Apply([]byte(tt.raw), tt.ds)
			if string(got) != tt.want {
				t.Errorf("Apply = %q; want %q", got, tt.want)
			}
			var cs []string
			for _, c := range changes {
				cs = append(cs, c.String())
			}
			if strings.Join(cs, "\n") != strings.Join(tt.changes, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(cs, "\n"), strings.Join(tt.changes, "\n"))
			}
		})
	}
}

func TestAdded(t *testing.T) {
	d := func(rule string, line int) diag.Diagnostic {
		return diag.Diagnostic{File: "a.md", Rule: rule, Message: "m", Pos: diag.Pos{Line: line}}
	}
	got := Added(diag.List{d("x", 1), d("y", 2)}, diag.List{d("x", 1), d("x", 1), d("z", 3)})
	if len(got) != 2 || got[0].Rule != "x" || got[1].Rule != "z" {
		t.Errorf("Added = %v; want the second x and z", got)
	}
}

func TestOverlay(t *testing.T) {
	base := fstest.MapFS{"a.md": {Data: []byte("old"), Mode: 0o640}, "b.md": {Data: []byte("b")}}
	o := Overlay(base, map[string][]byte{"a.md": []byte("newer")})
	if b, err := fs.ReadFile(o, "b.md"); err != nil || string(b) != "b" {
		t.Errorf("ReadFile(b.md) = %q, %v; want b", b, err)
	}
	if fi, err := fs.Stat(o, "a.md"); err != nil || fi.Size() != 5 || fi.Mode() != 0o640 {
		t.Errorf("Stat(a.md) = %v, %v; want size 5, mode 0640", fi, err)
	}
	f, err := o.Open("a.md")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(f); string(b) != "newer" {
		t.Errorf("Open(a.md) reads %q; want newer", b)
	}
	b, err := o.(interface{ ReadFile(string) ([]byte, error) }).ReadFile("a.md")
	if err != nil || string(b) != "newer" {
		t.Errorf("ReadFile(a.md) = %q, %v; want newer", b, err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("a.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(b) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("a.md = %q, mode %v; want new, 0600", b, fi.Mode().Perm())
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the folder; want 2 (no temporary file left)", len(entries))
	}
}
