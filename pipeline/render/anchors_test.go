package render

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// TestAnchorsAgree renders every article of the sample site and of the
// shared corpus and checks that every fragment links.Anchors accepts for
// an article is an id (or an <a name>) of its rendered page.
func TestAnchorsAgree(t *testing.T) {
	for _, dir := range []string{"../../articles", "../../../shared/corpus/office-support"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("corpus %s not present (%v): skipping", dir, err)
			}
			site, err := pipeline.Load(context.Background(), os.DirFS(dir), pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			all, err := site.Articles(context.Background(), runtime.GOMAXPROCS(0))
			if err != nil {
				t.Fatal(err)
			}
			r := New(Options{Load: site.Article})
			start := time.Now()
			for _, a := range all {
				p, err := r.Render(a)
				if err != nil {
					t.Fatalf("%s: %v", a.Path, err)
				}
				have := pageIDs(p.Body)
				for id := range links.Anchors(a, site.Article) {
					if !have[id] {
						t.Errorf("%s: anchor %q is not an id of the rendered page", a.Path, id)
					}
				}
				for _, h := range p.Headings {
					if !have[h.ID] {
						t.Errorf("%s: heading %q (%s) not in the page", a.Path, h.ID, h.Text)
					}
				}
			}
			t.Logf("%d articles rendered in %v", len(all), time.Since(start))
		})
	}
}

// pageIDs returns the ids and <a name>s of an HTML page.
func pageIDs(b []byte) map[string]bool {
	out := map[string]bool{}
	for _, id := range markdown.HTMLIDs(b) {
		out[id] = true
	}
	return out
}
