package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree: everything under the folder goes, at any depth, and a
// symbolic link is removed, not followed.
func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	keep := filepath.Join(root, "keep")
	if err := os.MkdirAll(filepath.Join(keep, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(keep, "inside", "f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "site")
	for _, p := range []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c/d/e.png", "z/y/x/index.html"} {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{"top-link", "a/link"} {
		if err := os.Symlink(keep, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
	if _, err := os.Stat(filepath.Join(keep, "inside", "f")); err != nil {
		t.Errorf("a symbolic link was followed: %v", err)
	}
	if err := removeTree(filepath.Join(root, "gone")); err != nil {
		t.Errorf("a folder that is not there: %v", err)
	}
	// An output that is a link to a folder: the link goes, not what it
	// leads to.
	link := filepath.Join(root, "site-link")
	if err := os.Symlink(keep, link); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(link); !os.IsNotExist(err) {
		t.Errorf("the link is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(keep, "inside", "f")); err != nil {
		t.Errorf("removing a link to a folder emptied the folder: %v", err)
	}
}
