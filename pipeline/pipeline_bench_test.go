package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpsite/helpsite/pipeline/internal/corpus"
)

// BenchmarkLintCorpus loads and lints the shared corpus (1,749 articles).
func BenchmarkLintCorpus(b *testing.B) {
	dir := filepath.Join(corpus.Dir(b), "office-support")
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		s, err := Load(ctx, root.FS(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Lint(ctx, s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
