// Package corpus locates the shared test corpus (../shared/corpus from the
// project root) for tests and benchmarks, which skip when it is absent.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the shared corpus folder, or skips the test when it is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..") // the project root
	dir := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "office-support")); err != nil {
		tb.Skipf("shared corpus not found at %s (it lives in ../shared beside the project); skipping", dir)
	}
	return dir
}

// Seeds returns the two seed documents of ../shared/seeds (for fuzz
// corpora), or nothing when they are absent.
func Seeds() [][]byte {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "seeds")
	paths, _ := filepath.Glob(filepath.Join(dir, "*"))
	var out [][]byte
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			out = append(out, b)
		}
	}
	return out
}
