package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/site"
)

// BenchmarkBuildCorpus loads, lints and builds the shared corpus, as
// "helpsite build --keep-going" does; compare runs with benchstat.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := filepath.Join(corpus.Dir(b), "office-support")
	out := filepath.Join(b.TempDir(), "public")
	ctx := context.Background()
	for b.Loop() {
		s, err := pipeline.Load(ctx, os.DirFS(dir), pipeline.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pipeline.Lint(ctx, s, pipeline.Options{}); err != nil {
			b.Fatal(err)
		}
		if _, err := site.Build(ctx, s, site.Options{Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
