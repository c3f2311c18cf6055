package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/search"
)

// The floor writes a page for every Markdown file, a copy of every image,
// and with search the exported static index: it must do that much for its
// timings to mean anything.
func TestBuild(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"a.md":            "---\ntitle: Alpha\ndescription: First\n---\n# Alpha\n\nSome *text* about printers.\n",
		"sub/b.md":        "# Beta\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"sub/media/p.png": "png bytes",
		"notes.txt":       "not a page",
		".git/c.md":       "# hidden",
	}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, withSearch := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "out")
		if err := build(context.Background(), src, out, withSearch); err != nil {
			t.Fatal(err)
		}
		var got []string
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, "search-data") {
				rel, _ := filepath.Rel(out, p)
				got = append(got, filepath.ToSlash(rel))
			}
			return err
		})
		want := "a/index.html sub/b/index.html sub/media/p.png"
		if strings.Join(got, " ") != want {
			t.Errorf("search %v: wrote %v, want %s", withSearch, got, want)
		}
		page, err := os.ReadFile(filepath.Join(out, "a", "index.html"))
		if err != nil || !strings.Contains(string(page), "<title>Alpha</title>") || !strings.Contains(string(page), "<em>text</em>") {
			t.Errorf("a/index.html = %q, %v", page, err)
		}
		table, _ := os.ReadFile(filepath.Join(out, "sub", "b", "index.html"))
		if !strings.Contains(string(table), "<table>") {
			t.Errorf("GFM table not rendered: %q", table)
		}
		_, err = os.Stat(filepath.Join(out, "search-data", search.MetaFile))
		if withSearch != (err == nil) {
			t.Errorf("search %v: %s: %v", withSearch, search.MetaFile, err)
		}
		// A second run into the same folder is refused: copying over the
		// hard-linked images would empty the source ones.
		if err := build(context.Background(), src, out, withSearch); err == nil {
			t.Errorf("search %v: a second build into %s succeeded", withSearch, out)
		}
		if b, _ := os.ReadFile(filepath.Join(src, "sub", "media", "p.png")); string(b) != "png bytes" {
			t.Errorf("source image is now %q", b)
		}
	}
}
