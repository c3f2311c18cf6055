package site_test

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/site"
	"github.com/helpsite/helpsite/pipeline/toc"
)

// TestCorpus builds the shared corpus (skipped without it, and in -short).
func TestCorpus(t *testing.T) {
	dir := "../../../shared/corpus/office-support"
	if _, err := os.Stat(dir); err != nil || testing.Short() {
		t.Skip("no corpus")
	}
	out := os.Getenv("SITE_CORPUS_OUT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "public")
	}
	start := time.Now()
	sum, _ := build(t, dir, site.Options{Out: out})
	t.Logf("%s: %d pages, %d listings, %d redirects (%d skipped), %d resources, %d findings; %v",
		time.Since(start), sum.Pages, sum.Listings, sum.Redirects, sum.RedirectsSkipped, sum.Resources, len(sum.Findings), sum.Stages)
	if sum.Pages < 1700 || sum.Redirects < 1000 || sum.Resources < 1000 {
		t.Errorf("summary %+v", sum)
	}
}

func TestCorpusBroken(t *testing.T) {
	out := os.Getenv("SITE_CORPUS_OUT") // a folder TestCorpus built
	if out == "" {
		t.Skip("SITE_CORPUS_OUT not set")
	}
	ext := siteRelative(t, "../../../shared/corpus/office-support")
	for _, e := range load(t, "../../../shared/corpus/office-support").Redirects.Entries() {
		ext[e.URL] = true
	}
	for _, tt := range load(t, "../../../shared/corpus/office-support").TOCs(4, ".") {
		tt.Walk(func(e *toc.Entry) {
			for _, l := range e.Links {
				ext[links.Parse(l.Href).Path] = true
			}
		})
	}
	n := map[string]int{}
	for _, r := range refs(t, out) {
		if len(r.val) == 0 || r.val[0] != '/' || len(r.val) > 1 && r.val[1] == '/' {
			continue
		}
		if !resolves(out, r.val, "/") {
			u, _ := url.Parse(r.val)
			if ext[u.Path] {
				n["ext"]++
				continue
			}
			n["other"]++
			if n["other"] < 400 {
				t.Logf("%s: %s", r.file, r.val)
			}
		}
	}
	t.Log(n)
}
