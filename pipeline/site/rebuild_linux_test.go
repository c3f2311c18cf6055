package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	// A file whose permissions a fresh build would not give.
	private := filepath.Join(out, "sitemap.xml")
	if err := os.Chmod(private, 0o600); err != nil {
		t.Fatal(err)
	}
	wantMode, err := os.Stat(filepath.Join(out, "robots.txt"))
	if err != nil {
		t.Fatal(err)
	}
	before := inodes(t, out)

	build(t, sample, opt)
	after := inodes(t, out)
	sameFiles(t, fresh, hashes(t, out), "after a rebuild")
	reused := 0
	for p, ino := range after {
		if before[p] == ino {
			reused++
		}
	}
	if reused < len(after)-3 || reused < 20 {
		t.Errorf("%d of %d files kept their inode", reused, len(after))
	}
	if after["index.html"] == before["index.html"] {
		t.Error("the file edited in the output was kept")
	}
	if fi, err := os.Stat(private); err != nil || fi.Mode() != wantMode.Mode() || after["sitemap.xml"] == before["sitemap.xml"] {
		t.Errorf("a file of mode 0600 in the old site: after the rebuild %v (want %v), same inode %v",
			fi.Mode(), wantMode.Mode(), after["sitemap.xml"] == before["sitemap.xml"])
	}
	fi, err := os.Lstat(linked)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("404.html after the rebuild: %v, %v", fi, err)
	}
	if st, _ := os.Stat(outside); st.Sys().(*syscall.Stat_t).Ino == after["404.html"] {
		t.Error("the rebuild linked a file outside the site")
	}
}

// TestSpecialFilesNotWrittenThrough: a robots.txt (or 404.html) in the
// content tree does not take the generated file's place, and writing the
// generated one never writes into the source, which resources are
// hard-linked from.
func TestSpecialFilesNotWrittenThrough(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"index.md":   "---\ntitle: Home\ndescription: The home page.\nms.date: 01/02/2024\n---\n# Home\n\nHello.\n",
		"robots.txt": "User-agent: *\nDisallow: /mine\n",
		"404.html":   "<p>my own 404</p>\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, out := build(t, src, site.Options{NoSearch: true})
	for name, text := range files {
		if b, err := os.ReadFile(filepath.Join(src, name)); err != nil || string(b) != text {
			t.Errorf("the source %s changed: %q, %v", name, b, err)
		}
	}
	if r := read(t, filepath.Join(out, "robots.txt")); !strings.Contains(r, "Sitemap:") {
		t.Errorf("robots.txt is not the generated one:\n%s", r)
	}
	if r := read(t, filepath.Join(out, "404.html")); strings.Contains(r, "my own 404") {
		t.Errorf("404.html is the source's:\n%s", r)
	}
}
