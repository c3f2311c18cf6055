package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/site"
)

// BenchmarkBuildCorpus loads, lints and builds the shared corpus, as
// "helpsite build --keep-going" does, with search and with --no-search;
// compare runs with benchstat.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := filepath.Join(corpus.Dir(b), "office-support")
	b.Run("search", func(b *testing.B) { benchBuild(b, dir, false) })
	b.Run("nosearch", func(b *testing.B) { benchBuild(b, dir, true) })
}

func benchBuild(b *testing.B, dir string, noSearch bool) {
	tmp := b.TempDir()
	ctx := context.Background()
	n := 0
	for b.Loop() {
		// A new folder each time: a first build, not a rebuild over the
		// last one (which reuses unchanged files).
		n++
		out := filepath.Join(tmp, fmt.Sprint("public", n))
		s, err := pipeline.Load(ctx, os.DirFS(dir), pipeline.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pipeline.Lint(ctx, s, pipeline.Options{}); err != nil {
			b.Fatal(err)
		}
		s.Compact() // as helpsite build does once the checks are done
		if _, err := site.Build(ctx, s, site.Options{Out: out, NoSearch: noSearch}); err != nil {
			b.Fatal(err)
		}
	}
}
