package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/helpsite/helpsite/pipeline/site"
)

// inodes maps each regular file under dir (slash path) to its inode.
func inodes(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fi.Sys().(*syscall.Stat_t).Ino
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRebuildKeepsUnchangedFiles: a rebuild over a site hard-links each
// file whose bytes did not change from the old site, and writes the rest:
// a file edited in the output, and a symbolic link put where a file was
// (even to a file with the very bytes the build writes).
func TestRebuildKeepsUnchangedFiles(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	opt := site.Options{Out: out, IndexDir: filepath.Join(tmp, "index")}
	build(t, sample, opt)
	fresh := hashes(t, out)

	edited := filepath.Join(out, "index.html")
	if err := os.WriteFile(edited, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(out, "404.html")
	outside := filepath.Join(tmp, "outside.html")
	data, err := os.ReadFile(linked)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(linked); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, linked); err != nil {
		t.Fatal(err)
	}
	before := inodes(t, out)

	build(t, sample, opt)
	after := inodes(t, out)
	if got := hashes(t, out); len(got) != len(fresh) {
		t.Fatalf("%d files after the rebuild, %d after a fresh build", len(got), len(fresh))
	} else {
		for p, h := range fresh {
			if got[p] != h {
				t.Errorf("%s differs from a fresh build", p)
			}
		}
	}
	reused := 0
	for p, ino := range after {
		if before[p] == ino {
			reused++
		}
	}
	if reused < len(after)-2 || reused < 20 {
		t.Errorf("%d of %d files kept their inode", reused, len(after))
	}
	if after["index.html"] == before["index.html"] {
		t.Error("the file edited in the output was kept")
	}
	fi, err := os.Lstat(linked)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("404.html after the rebuild: %v, %v", fi, err)
	}
	if st, _ := os.Stat(outside); st.Sys().(*syscall.Stat_t).Ino == after["404.html"] {
		t.Error("the rebuild linked a file outside the site")
	}
}
