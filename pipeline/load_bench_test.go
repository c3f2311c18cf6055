package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/source"
)

// BenchmarkLoadCorpus reads the structure of the shared corpus (walk,
// docfx.json, redirections, TOCs): the fixed cost of every lint.
func BenchmarkLoadCorpus(b *testing.B) {
	fsys, err := source.OpenDir(filepath.Join(corpus.Dir(b), "office-support"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(context.Background(), fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
