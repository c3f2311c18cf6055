package render

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/internal/corpus"
)

// corpusArticles loads and parses every article of the shared corpus (the
// benchmark skips without it) and returns a renderer for them.
func corpusArticles(b *testing.B) (*Renderer, []*article.Article) {
	b.Helper()
	dir := filepath.Join(corpus.Dir(b), "office-support")
	site, err := pipeline.Load(context.Background(), os.DirFS(dir), pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	all, err := site.Articles(context.Background(), runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	return New(Options{Load: site.Article}), all
}

// BenchmarkRenderCorpus renders every article of the shared corpus once
// per iteration, on one goroutine.
func BenchmarkRenderCorpus(b *testing.B) {
	r, all := corpusArticles(b)
	for b.Loop() {
		for _, a := range all {
			if _, err := r.Render(a); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRenderCorpusParallel renders the corpus once per iteration on
// GOMAXPROCS goroutines, as the site builder does.
func BenchmarkRenderCorpusParallel(b *testing.B) {
	r, all := corpusArticles(b)
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan *article.Article)
		for range workers {
			wg.Go(func() {
				for a := range next {
					if _, err := r.Render(a); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, a := range all {
			next <- a
		}
		close(next)
		wg.Wait()
	}
}
