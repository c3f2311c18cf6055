package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

func TestWalkKindsAndJunk(t *testing.T) {
	fsys := fstest.MapFS{
		"helpsite.yaml":                      {},
		".openpublishing.redirection.json":   {},
		".openpublishing.redirection.x.json": {},
		".git/config":                        {},
		".github/workflows/ci.yml":           {},
		"node_modules/x/readme.md":           {},
		"Office/docfx.json":                  {},
		"Office/TOC.yml":                     {},
		"Office/a.md":                        {},
		"Office/landing.yml":                 {},
		"Office/media/Shot.PNG":              {},
		"Office/media/desktop.ini":           {},
		"Office/media/Thumbs.db":             {},
		"Office/media/.DS_Store":             {},
		"Office/doc.pdf":                     {},
		"Office/~$draft.md":                  {},
	}
	tree, err := Walk(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Kind{}
	var paths []string
	for _, f := range tree.Files {
		got[f.Path] = f.Kind
		paths = append(paths, f.Path)
	}
	want := map[string]Kind{
		"helpsite.yaml":                      Config,
		".openpublishing.redirection.json":   Redirects,
		".openpublishing.redirection.x.json": Redirects,
		"Office/docfx.json":                  DocFX,
		"Office/TOC.yml":                     TOC,
		"Office/a.md":                        Markdown,
		"Office/landing.yml":                 YAMLPage,
		"Office/media/Shot.PNG":              Image,
		"Office/doc.pdf":                     Other,
	}
	if len(got) != len(want) {
		t.Errorf("files %v; want %d files", paths, len(want))
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: kind %v; want %v", p, got[p], k)
		}
	}
	if !slices.IsSorted(paths) {
		t.Errorf("files not sorted: %v", paths)
	}
	if m := tree.LookupFold("office/A.MD"); len(m) != 1 || m[0] != "Office/a.md" {
		t.Errorf("LookupFold = %v; want [Office/a.md]", m)
	}
}

// TestWalkSymlinks: a link to a file inside the root is kept; links that
// leave the root (to a file or through a folder) are skipped under os.Root.
func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "docs", "a.md"), "# a")
	write(filepath.Join(outside, "secret.md"), "# secret")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	link("docs/a.md", "alias.md")
	link(filepath.Join(outside, "secret.md"), "escape.md")
	link("../"+filepath.Base(outside)+"/secret.md", "escape-relative.md")
	link(outside, "outside-dir")

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"os.Root": root.FS(), "OpenDir": fast} {
		t.Run(name, func(t *testing.T) { checkSymlinks(t, fsys) })
	}
}

func checkSymlinks(t *testing.T, fsys fs.FS) {
	tree, err := Walk(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range tree.Files {
		paths = append(paths, f.Path)
	}
	if want := []string{"alias.md", "docs/a.md"}; !slices.Equal(paths, want) {
		t.Errorf("files %v; want %v", paths, want)
	}
	if b, err := tree.ReadFile("alias.md"); err != nil || string(b) != "# a" {
		t.Errorf("ReadFile(alias.md) = %q, %v; want the linked file", b, err)
	}
	if _, err := fs.ReadDir(fsys, "outside-dir"); err == nil {
		t.Error("ReadDir(outside-dir) listed a folder outside the root")
	}
	if _, err := fs.ReadFile(fsys, "../"+"x"); err == nil {
		t.Error("ReadFile(../x) succeeded")
	}
	for _, p := range []string{"escape.md", "escape-relative.md"} {
		if !slices.Contains(tree.Skipped, p) {
			t.Errorf("%s not reported as skipped: %v", p, tree.Skipped)
		}
		if _, err := tree.ReadFile(p); err == nil {
			t.Errorf("ReadFile(%s) read outside the root", p)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, raw, text string
		boms            int
		crlf            bool
		invalidAt       int
	}{
		{"plain", "a\nb", "a\nb", 0, false, -1},
		{"one bom", "\uFEFFa", "a", 1, false, -1},
		{"three boms", "\uFEFF\uFEFF\uFEFFa", "a", 3, false, -1},
		{"crlf", "a\r\nb\r\n", "a\nb\n", 0, true, -1},
		{"lone cr", "a\rb", "a\nb", 0, false, -1},
		{"mixed", "a\r\nb\rc\n", "a\nb\nc\n", 0, true, -1},
		{"invalid utf-8", "caf\xe9 \xff", "caf? ?", 0, false, 3},
		{"bom then invalid", "\uFEFF\xff", "?", 1, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.raw)
			keep := string(raw)
			got := Decode(raw)
			if string(got.Bytes) != tt.text || got.BOMs != tt.boms || got.CRLF != tt.crlf || got.InvalidAt != tt.invalidAt {
				t.Errorf("Decode(%q) = %q boms=%d crlf=%v invalid=%d; want %q %d %v %d",
					tt.raw, got.Bytes, got.BOMs, got.CRLF, got.InvalidAt, tt.text, tt.boms, tt.crlf, tt.invalidAt)
			}
			if string(raw) != keep {
				t.Errorf("Decode wrote into its input: %q", raw)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	text := Decode([]byte("\uFEFFab\r\nçd é\n"))
	for _, tt := range []struct{ off, line, col, col16 int }{
		{0, 1, 1, 1}, {2, 1, 3, 3}, {3, 2, 1, 1}, {5, 2, 3, 2}, {8, 2, 6, 5},
	} {
		p := text.Pos(tt.off)
		if p.Line != tt.line || p.Column != tt.col || p.Column16 != tt.col16 {
			t.Errorf("Pos(%d) = %d:%d (utf16 %d); want %d:%d (utf16 %d)", tt.off, p.Line, p.Column, p.Column16, tt.line, tt.col, tt.col16)
		}
	}
}
