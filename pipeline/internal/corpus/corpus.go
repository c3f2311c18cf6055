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
