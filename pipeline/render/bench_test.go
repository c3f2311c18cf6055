package render

import (
	"sync"

	"context"
	"github.com/helpsite/helpsite/pipeline/article"
	"os"
	"runtime"
	"testing"

	"github.com/helpsite/helpsite/pipeline"
)

// BenchmarkRenderCorpus renders every article of the shared corpus once
// per iteration, on one goroutine.
func BenchmarkRenderCorpus(b *testing.B) {
	dir := "../../../shared/corpus/office-support"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus %s not present: skipping", dir)
	}
	site, err := pipeline.Load(context.Background(), os.DirFS(dir), pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	all, err := site.Articles(context.Background(), runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{Load: site.Article})
	b.ResetTimer()
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
	dir := "../../../shared/corpus/office-support"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus %s not present: skipping", dir)
	}
	site, err := pipeline.Load(context.Background(), os.DirFS(dir), pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	all, err := site.Articles(context.Background(), runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{Load: site.Article})
	workers := runtime.GOMAXPROCS(0)
	b.ResetTimer()
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
