package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helpsite/helpsite/pipeline/article"
)

// TestSampleSite lints articles/, the sample site "make site" builds. It
// holds both seeds verbatim and articles written to show every feature;
// the only finding expected is the Learn seed's honest stale date.
func TestSampleSite(t *testing.T) {
	s, l := lintDir(t, filepath.Join("..", "articles"))
	articles, err := s.Articles(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]article.Format{}
	for _, a := range articles {
		formats[a.Path] = a.Format
	}
	for p, want := range map[string]article.Format{
		"azure/sign-in-issues-other.md":                article.SHC,
		"azure/vm-boot-error-no-os.md":                 article.SHC,
		"azure/vm-connectivity-scoping.md":             article.SHC,
		"devops/alternate-credentials-stop-working.md": article.Learn,
		"devops/git-authentication-fails.md":           article.Learn,
		"devops/pipelines-agent-offline.md":            article.Learn,
	} {
		if formats[p] != want {
			t.Errorf("%s: format %v; want %v", p, formats[p], want)
		}
	}
	want := "devops/alternate-credentials-stop-working.md:4:10 meta-date-stale: ms.date 04/22/2020 is 2405 days old (more than 730): review the article and update the date\n"
	if got := format(l); got != want {
		t.Errorf("findings on articles/:\n%s\nwant:\n%s", got, want)
	}
	// The Learn seed inherits what its front matter lacks from docfx.json.
	for _, a := range articles {
		if a.Path != "devops/alternate-credentials-stop-working.md" {
			continue
		}
		for _, key := range []string{"ms.topic", "author", "ms.author", "ms.service"} {
			f := a.Lookup(key)
			if f == nil || f.From == nil || f.From.File != "devops/docfx.json" {
				t.Errorf("%s: %s not inherited from devops/docfx.json: %+v", a.Path, key, f)
			}
		}
	}
}
