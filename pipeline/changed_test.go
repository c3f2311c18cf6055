package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/helpsite/helpsite/pipeline/gitdiff"
	"github.com/helpsite/helpsite/pipeline/source"
)

// A small docset under git: b.md is linked from a.md, from c.md (to a
// heading) and from the toc.
const changedFixture = `
-- docs/docfx.json --
{"build": {"content": [{"files": ["**/*.md", "**/*.yml"]}],
  "globalMetadata": {"breadcrumb_path": "/kb/breadcrumb/toc.json", "ms.topic": "troubleshooting",
    "ms.service": "kb", "author": "writer", "ms.author": "writer", "audience": "ITPro",
    "appliesto": "KB", "search.appverid": "MET150", "ms.custom": "sap:kb"}}}
-- docs/toc.yml --
- name: KB
  items:
    - name: A
      href: a.md
    - name: B
      href: b.md
    - name: C
      href: c.md
-- .openpublishing.redirection.json --
{
  "redirections": [
  ]
}
-- docs/a.md --
---
title: A
description: Article A.
ms.date: 11/01/2026
---
# A

See [B](b.md). Also a [broken link](missing.md) that the change did not make.
-- docs/b.md --
---
title: B
description: Article B.
ms.date: 11/01/2026
---
# B

## Section

Text.
-- docs/c.md --
---
title: C
description: Article C.
ms.date: 11/01/2026
---
# C

Read [the section](b.md#section).
`

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func lintChanged(t *testing.T, dir, rev string) string {
	t.Helper()
	ctx := context.Background()
	fsys, err := source.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{ReferenceDate: referenceDate}
	s, err := Load(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := gitdiff.Since(ctx, dir, rev)
	if err != nil {
		t.Fatal(err)
	}
	l, err := LintChanged(ctx, s, ch, opt)
	if err != nil {
		t.Fatal(err)
	}
	return stripMessages(format(l))
}

// TestChangedSinceRename: renaming an article without a redirection is
// reported, with every link into it from files the change did not touch;
// adding the redirection turns the broken links into warnings and the
// missing-redirect error goes away.
func TestChangedSinceRename(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	ar := txtar.Parse([]byte(changedFixture))
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, dir, "init", "-q", "-b", "main")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "docs")

	// Nothing changed: nothing to report, not even a.md's old broken link.
	if got := lintChanged(t, dir, "HEAD"); got != "" {
		t.Errorf("no change, findings:\n%s", got)
	}

	gitRun(t, dir, "mv", "docs/b.md", "docs/b2.md")
	gitRun(t, dir, "commit", "-q", "-m", "rename b")
	got := lintChanged(t, dir, "HEAD~1")
	want := `docs/a.md:8:9 link-broken
docs/b2.md:1:1 redirect-missing
docs/b2.md:1:1 toc-missing-article
docs/c.md:8:20 link-broken
docs/toc.yml:6:13 toc-link-broken
`
	if got != want {
		t.Errorf("after the rename:\n%s\nwant:\n%s", got, want)
	}

	// Add the redirection (uncommitted: the working tree counts).
	redirects := `{
  "redirections": [
    {"source_path": "docs/b.md", "redirect_url": "/kb/b2", "redirect_document_id": true}
  ]
}
`
	if err := os.WriteFile(filepath.Join(dir, ".openpublishing.redirection.json"), []byte(redirects), 0o644); err != nil {
		t.Fatal(err)
	}
	got = lintChanged(t, dir, "HEAD~1")
	want = `docs/a.md:8:9 link-redirected
docs/b2.md:1:1 toc-missing-article
docs/c.md:8:20 link-redirected
docs/toc.yml:6:13 link-redirected
`
	if got != want {
		t.Errorf("with the redirection:\n%s\nwant:\n%s", got, want)
	}
}
