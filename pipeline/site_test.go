package pipeline

import (
	"context"
	"path/filepath"
	"slices"
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

// TestLinkGraph: Lint leaves who-links-to-whom in Site.Graph.
func TestLinkGraph(t *testing.T) {
	s, _ := lintDir(t, filepath.Join("..", "articles"))
	from := func(target string) []string {
		var out []string
		for _, e := range s.Graph.In(target) {
			out = append(out, e.From+" "+e.Ref.Kind.String())
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for target, want := range map[string][]string{
		"devops/git-authentication-fails.md":   {"devops/pipelines-agent-offline.md link", "devops/toc.yml toc"},
		"devops/includes/pat-security-note.md": {"devops/git-authentication-fails.md include"},
		"devops/media/git-authentication-fails/create-token.png": {
			"devops/git-authentication-fails.md image", "devops/git-authentication-fails.md lightbox"},
	} {
		if got := from(target); !slices.Equal(got, want) {
			t.Errorf("links into %s: %v; want %v", target, got, want)
		}
	}
	var out []string
	for _, e := range s.Graph.Out("devops/pipelines-agent-offline.md") {
		out = append(out, e.To)
	}
	if !slices.Equal(out, []string{"devops/git-authentication-fails.md"}) {
		t.Errorf("links out of pipelines-agent-offline.md: %v", out)
	}
}
