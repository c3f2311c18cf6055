package site_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/site"
)

const sample = "../../articles"

func load(t *testing.T, dir string) *pipeline.Site {
	t.Helper()
	s, err := pipeline.Load(context.Background(), os.DirFS(dir), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func build(t *testing.T, dir string, opt site.Options) (*site.Summary, string) {
	t.Helper()
	if opt.Out == "" {
		opt.Out = filepath.Join(t.TempDir(), "public")
	}
	sum, err := site.Build(context.Background(), load(t, dir), opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum, opt.Out
}

// ref is an href or src found in a built file.
type ref struct{ file, attr, val string }

// refs returns every href and src of every HTML file under dir.
func refs(t *testing.T, dir string) []ref {
	t.Helper()
	var out []ref
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "href" || a.Key == "src" {
						out = append(out, ref{filepath.ToSlash(rel), a.Key, a.Val})
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// resolves reports whether a root-relative URL (less the base path) names
// a file of the output, as a static server would serve it.
func resolves(out, u, base string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	p, ok := strings.CutPrefix(pu.Path, strings.TrimSuffix(base, "/"))
	if !ok {
		return false
	}
	_, status := site.Resolve(out, p)
	return status != http.StatusNotFound
}

// siteRelative returns the site-relative destinations the articles of dir
// write: they point into the published site, not into this tree, and may
// name pages this build does not hold.
func siteRelative(t *testing.T, dir string) map[string]bool {
	s := load(t, dir)
	all, err := s.Articles(context.Background(), 4)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, a := range all {
		for _, r := range links.Collect(a) {
			if tg := links.Parse(r.Dest); tg.Kind == links.SiteRelative {
				out[tg.Path] = true
			}
		}
	}
	return out
}

func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFiles fails unless the hashes of two outputs (hashes) name the same
// files with the same bytes; what says how the second came about.
func sameFiles(t *testing.T, a, b map[string]string, what string) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d %s", len(a), len(b), what)
	}
	for p, h := range a {
		if b[p] != h {
			t.Errorf("%s differs %s", p, what)
		}
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildSample(t *testing.T) {
	sum, out := build(t, sample, site.Options{})
	for _, p := range []string{
		"azure/devops/troubleshoot/alternate-credentials-stop-working/index.html", // docset URL
		"azure/devops/troubleshoot/git-authentication-fails/index.html",
		"azure/devops/troubleshoot/pipelines-agent-offline/index.html",
		"azure/sign-in-issues-other/index.html", // self-help, outside any docset
		"azure/vm-boot-error-no-os/index.html",
		"azure/vm-connectivity-scoping/index.html",
		"azure/devops/troubleshoot/index.html", // the docset's landing page
		"azure/devops/troubleshoot/media/git-authentication-fails/create-token.png",
		"index.html", "404.html", "robots.txt", ".nojekyll", "sitemap.xml", "feed.xml",
		"products/index.html", "products/azure-devops/index.html", "types/index.html", "clouds/public/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "devops/includes/pat-security-note/index.html")); err == nil {
		t.Error("an include was built as a page")
	}
	if sum.Pages != 6 || sum.Redirects != 1 || sum.Resources != 5 {
		t.Errorf("summary %+v; want 6 pages, 1 redirect, 5 resources", sum)
	}

	red := read(t, filepath.Join(out, "azure/devops/troubleshoot/git-credential-manager-errors.html"))
	for _, want := range []string{
		`<meta http-equiv="refresh" content="0; url=/azure/devops/troubleshoot/git-authentication-fails/">`,
		`<link rel="canonical" href="/azure/devops/troubleshoot/git-authentication-fails/">`,
		`<meta name="robots" content="noindex">`,
		`<a href="/azure/devops/troubleshoot/git-authentication-fails/">`,
	} {
		if !strings.Contains(red, want) {
			t.Errorf("redirect page lacks %s:\n%s", want, red)
		}
	}

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(out, "sitemap.xml"))), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	found := false
	for i, u := range sm.URLs {
		if i > 0 && sm.URLs[i-1].Loc >= u.Loc {
			t.Errorf("sitemap not sorted at %s", u.Loc)
		}
		if u.Loc == "/azure/devops/troubleshoot/alternate-credentials-stop-working/" && u.LastMod == "2020-04-22" {
			found = true
		}
		if strings.Contains(u.Loc, "git-credential-manager-errors") {
			t.Errorf("sitemap lists the redirect %s", u.Loc)
		}
	}
	if !found {
		t.Errorf("sitemap lacks the article with its lastmod: %+v", sm.URLs)
	}

	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(out, "feed.xml"))), &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if feed.Updated != "2026-10-14T00:00:00Z" || len(feed.Entries) != 3 || feed.Entries[0].Updated != feed.Updated {
		t.Errorf("feed: updated %s, %d entries %+v", feed.Updated, len(feed.Entries), feed.Entries)
	}
	if r := read(t, filepath.Join(out, "robots.txt")); !strings.Contains(r, "Sitemap: /sitemap.xml") {
		t.Errorf("robots.txt:\n%s", r)
	}

	page := read(t, filepath.Join(out, "azure/devops/troubleshoot/alternate-credentials-stop-working/index.html"))
	for _, want := range []string{
		"Last updated", "April 22, 2020", "Azure DevOps Services", // appliesto inherited from docfx.json
		`<title>Alternate credentials don&#39;t working - Azure DevOps | Help</title>`,                                    // docfx.json titleSuffix
		`<li aria-current="page">Alternate credentials stop working for existing Visual Studio Online account users</li>`, // the H1
		`<details class="nav-toggle"><summary>`,                                                                           // closed: wide screens show it by CSS
		`<span title="azure-devops">Azure DevOps</span>`,
		`<meta property="og:type" content="article">`, `<link rel="canonical"`, `<meta name="description"`,
		`href="/assets/site.`, "In this article", `aria-current="page"`, `rel="next"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article page lacks %q", want)
		}
	}

	home := read(t, filepath.Join(out, "index.html"))
	for _, want := range []string{
		"<h1>How can we help?</h1>", `title="microsoft.compute">Compute</a>`, `title="fairfax">Azure Government</a>`,
		`title="problemScopingQuestions">Problem scoping questions</a>`, `title="generic">Troubleshooting (self-help)</a>`,
		`href="/azure/">Azure self-help</a>`, // self-help articles outside docsets
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if shc := read(t, filepath.Join(out, "azure/vm-connectivity-scoping/index.html")); !strings.Contains(shc, `<p class="scoping-title">Questions</p>`) ||
		!strings.Contains(shc, `<a href="/products/microsoft-compute/">Compute</a>`) {
		t.Errorf("scoping page: want the questions box titled Questions and the breadcrumb Compute")
	}

	ext := siteRelative(t, sample)
	for _, r := range refs(t, out) {
		if !strings.HasPrefix(r.val, "/") || strings.HasPrefix(r.val, "//") {
			continue
		}
		if !resolves(out, r.val, "/") {
			pu, _ := url.Parse(r.val)
			if ext[pu.Path] {
				continue // a page of the published site this tree does not hold
			}
			t.Errorf("%s: %s=%q does not resolve", r.file, r.attr, r.val)
		}
	}
}

func TestBaseURL(t *testing.T) {
	_, out := build(t, sample, site.Options{BaseURL: "https://org.github.io/repo/", Title: "Contoso Help"})

	ext := siteRelative(t, sample)
	n := 0
	for _, r := range refs(t, out) {
		if !strings.HasPrefix(r.val, "/") || strings.HasPrefix(r.val, "//") {
			continue
		}
		n++
		if !strings.HasPrefix(r.val, "/repo/") {
			t.Errorf("%s: %s=%q does not start with /repo/", r.file, r.attr, r.val)
			continue
		}
		pu, _ := url.Parse(r.val)
		if !resolves(out, r.val, "/repo/") && !ext[strings.TrimPrefix(pu.Path, "/repo")] {
			t.Errorf("%s: %s=%q does not resolve", r.file, r.attr, r.val)
		}
	}
	if n < 50 {
		t.Errorf("only %d root-relative links", n)
	}
	sm := read(t, filepath.Join(out, "sitemap.xml"))
	if !strings.Contains(sm, "<loc>https://org.github.io/repo/azure/devops/troubleshoot/git-authentication-fails/</loc>") {
		t.Errorf("sitemap URLs are not absolute:\n%s", sm)
	}
	if r := read(t, filepath.Join(out, "robots.txt")); !strings.Contains(r, "Sitemap: https://org.github.io/repo/sitemap.xml") {
		t.Errorf("robots.txt:\n%s", r)
	}
	page := read(t, filepath.Join(out, "azure/vm-boot-error-no-os/index.html"))
	for _, want := range []string{
		`<link rel="canonical" href="https://org.github.io/repo/azure/vm-boot-error-no-os/">`,
		`<meta property="og:url" content="https://org.github.io/repo/azure/vm-boot-error-no-os/">`,
		`Contoso Help`, `href="/repo/assets/site.`, `href="/repo/feed.xml"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	nf := read(t, filepath.Join(out, "404.html"))
	if !strings.Contains(nf, `href="/repo/"`) || !strings.Contains(nf, `href="/repo/assets/site.`) {
		t.Errorf("404.html links are not absolute with the base path:\n%s", nf)
	}
	red := read(t, filepath.Join(out, "azure/devops/troubleshoot/git-credential-manager-errors.html"))
	if !strings.Contains(red, `url=/repo/azure/devops/troubleshoot/git-authentication-fails/"`) ||
		!strings.Contains(red, `rel="canonical" href="https://org.github.io/repo/azure/devops/troubleshoot/git-authentication-fails/"`) {
		t.Errorf("redirect page:\n%s", red)
	}
}

func TestDeterministic(t *testing.T) {
	_, a := build(t, sample, site.Options{Workers: 1})
	_, b := build(t, sample, site.Options{Workers: 8})
	sameFiles(t, hashes(t, a), hashes(t, b), "between builds")
}

// TestCompactBuildsTheSame checks that a build from a site whose syntax
// trees were dropped after the checks (what "helpsite build" does) writes
// the same files and finds the same things as one from a site that keeps
// them.
func TestCompactBuildsTheSame(t *testing.T) {
	trees := map[string]func(t *testing.T) string{
		"sample": func(*testing.T) string { return sample },
		"corpus": func(t *testing.T) string { return filepath.Join(corpus.Dir(t), "office-support") },
	}
	for name, tree := range trees {
		t.Run(name, func(t *testing.T) {
			dir := tree(t)
			var outs [2]string
			var found [2]diag.List
			for i, compact := range []bool{false, true} {
				s := load(t, dir)
				lint, err := pipeline.Lint(context.Background(), s, pipeline.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if compact {
					s.Compact()
				}
				outs[i] = filepath.Join(t.TempDir(), "public")
				sum, err := site.Build(context.Background(), s, site.Options{Out: outs[i], NoSearch: true})
				if err != nil {
					t.Fatal(err)
				}
				found[i] = append(lint, sum.Findings...)
			}
			ha := hashes(t, outs[0])
			if len(ha) < 10 {
				t.Fatalf("only %d files", len(ha))
			}
			sameFiles(t, ha, hashes(t, outs[1]), "once compacted")
			if a, b := fmt.Sprint(found[0]), fmt.Sprint(found[1]); a != b {
				t.Errorf("findings differ once compacted: %d, then %d", len(found[0]), len(found[1]))
			}
		})
	}
}

func TestFailedBuildKeepsOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, sample, site.Options{Out: out})
	before := hashes(t, out)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := site.Build(ctx, load(t, sample), site.Options{Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: err %v; want context.Canceled", err)
	}
	after := hashes(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files, then %d", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed", p)
		}
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("left behind in the parent: %v", names)
	}

	// Cancelled halfway: the output stays as it was, nothing is left over.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, err := site.Build(ctx, load(t, sample), site.Options{Out: out, Workers: 1, Title: "Halfway",
		Progress: func(done, total int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("build cancelled halfway: err %v; want context.Canceled", err)
	}
	if strings.Contains(read(t, filepath.Join(out, "index.html")), "Halfway") {
		t.Error("a cancelled build replaced the output")
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Errorf("a cancelled build left %d entries in the parent", len(ents))
	}

	// A rebuild replaces it.
	build(t, sample, site.Options{Out: out, Title: "Second"})
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), "Second") {
		t.Error("the second build did not replace the output")
	}

	// A folder that is not a built site is never replaced.
	other := filepath.Join(parent, "docs")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := site.Build(context.Background(), load(t, sample), site.Options{Out: other}); err == nil {
		t.Error("replaced a folder that is not a built site")
	}
	if read(t, filepath.Join(other, "notes.txt")) != "mine" {
		t.Error("notes.txt changed")
	}
}

// tree writes a txtar archive into a new folder.
func tree(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const contract = `
-- Docs/docfx.json --
{"build": {"content": [{"files": ["**/*.md"], "src": "Client"}],
 "globalMetadata": {"breadcrumb_path": "/docs/troubleshoot/breadcrumb/toc.json", "ms.service": "docs"}}}
-- Docs/Client/toc.yml --
- name: Docs
  items:
  - name: Good
    href: good.md
  - name: Other
    href: word/other.md
  - name: Missing from the tree
    href: word/missing-toc.md
-- Docs/Client/good.md --
---
title: Good
description: Good page.
ms.date: 01/02/2025
---
# Good

[ok](word/other.md#part) [ok without md](word/other) [folder](word/) [wrong case](Word/Other.md)
[missing](word/missing.md) [image ok](media/a.png) [moved](old.md) [site](/DOCS/troubleshoot/word/other)
![img](media/a.png) ![img wrong case](media/A.png) ![img missing](media/none.png)
-- Docs/Client/word/other.md --
---
title: Other
description: Other page.
ms.date: 01/03/2025
---
# Other

## Part
-- Docs/Client/word/index.md --
---
title: Word
description: Word index.
ms.date: 01/01/2025
---
# Word
-- Docs/Client/index.md --
---
title: Docs home
description: The docset's own landing page.
ms.date: 01/01/2025
---
# Docs home
-- Docs/Client/media/a.png --
PNG
-- Docs/Client/shadowed.md --
---
title: Shadowed
description: A page a redirect entry names too.
ms.date: 01/01/2025
---
# Shadowed
-- .openpublishing.redirection.json --
{"redirections": [
 {"source_path": "Docs/Client/old.md", "redirect_url": "/docs/troubleshoot/good"},
 {"source_path": "Docs/Client/shadowed.md", "redirect_url": "/docs/troubleshoot/good"},
 {"source_path": "Docs/Client/away.md", "redirect_url": "https://example.com/away"}
]}
-- templates/page.html --
{{template "head" .}}<body>OVERRIDDEN {{.Title}}<main>{{.H1}}{{.Body}}</main>{{template "footer" .}}
`

func TestLinkContract(t *testing.T) {
	dir := tree(t, contract)
	sum, out := build(t, dir, site.Options{BaseURL: "/base/", Templates: os.DirFS(filepath.Join(dir, "templates"))})
	page := filepath.Join(out, "docs/troubleshoot/good/index.html")
	got := map[string]string{}
	for _, r := range refs(t, out) {
		if r.file == "docs/troubleshoot/good/index.html" {
			got[r.val] = r.attr
		}
	}
	works := []string{
		"/base/docs/troubleshoot/word/other/#part", "/base/docs/troubleshoot/word/other/", "/base/docs/troubleshoot/word/",
		"/base/docs/troubleshoot/media/a.png", "/base/docs/troubleshoot/old",
	}
	for _, w := range works {
		if _, ok := got[w]; !ok {
			t.Errorf("good.md: no link %s; links: %v", w, got)
		} else if !resolves(out, w, "/base/") {
			t.Errorf("good.md: %s does not resolve", w)
		}
	}
	broken := 0
	for u := range got {
		if strings.HasPrefix(u, "/base/") && !resolves(out, u, "/base/") {
			broken++
			if !strings.Contains(u, "Word/Other") && !strings.Contains(u, "missing") && !strings.Contains(u, "A.png") && !strings.Contains(u, "none.png") {
				t.Errorf("unexpected broken link %s", u)
			}
		}
	}
	if broken != 4 {
		t.Errorf("%d broken links; want 4 (wrong case, missing page, wrong-case image, missing image): %v", broken, got)
	}
	if _, ok := got["/base/docs/troubleshoot/word/other/"]; !ok {
		t.Errorf("the site-relative link was not matched to the page")
	}
	if !strings.Contains(read(t, page), "OVERRIDDEN Good") {
		t.Error("the template override was not used")
	}
	if sum.RedirectsSkipped != 1 || sum.Redirects != 2 {
		t.Errorf("redirects %d, skipped %d; want 2 and 1", sum.Redirects, sum.RedirectsSkipped)
	}
	if !strings.Contains(read(t, filepath.Join(out, "docs/troubleshoot/shadowed/index.html")), "OVERRIDDEN Shadowed") {
		t.Error("a redirect replaced a real page")
	}
	if away := read(t, filepath.Join(out, "docs/troubleshoot/away.html")); !strings.Contains(away, `url=https://example.com/away"`) {
		t.Errorf("absolute redirect target:\n%s", away)
	}
	// The docset's base holds index.md: the listing of its articles moves
	// to all/.
	if !strings.Contains(read(t, filepath.Join(out, "docs/troubleshoot/index.html")), "OVERRIDDEN Docs home") {
		t.Error("the docset's index.md is not at its base URL")
	}
	if l := read(t, filepath.Join(out, "docs/troubleshoot/all/index.html")); !strings.Contains(l, `href="/base/docs/troubleshoot/good/"`) {
		t.Errorf("docset listing:\n%s", l)
	}
	if _, err := os.Stat(filepath.Join(out, "templates")); err == nil {
		t.Error("the templates folder was copied into the site")
	}
}

func TestTemplateOverrideFS(t *testing.T) {
	over := fstest.MapFS{
		"home.html":       {Data: []byte(`{{template "head" .}}<body>MY HOME {{len .Sections}}{{template "footer" .}}`)},
		"assets/site.css": {Data: []byte("body{color:red}")},
	}
	_, out := build(t, sample, site.Options{Templates: over})
	home := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, "MY HOME") {
		t.Errorf("home override not used:\n%s", home)
	}
	m, _ := filepath.Glob(filepath.Join(out, "assets", "site.*.css"))
	if len(m) != 1 || read(t, m[0]) != "body{color:red}" || !strings.Contains(home, path.Base(m[0])) {
		t.Errorf("stylesheet override: %v", m)
	}
}

// TestAbandonedBuildFolders: a build folder left by a killed build (its
// process gone) is removed by the next build; one of a live process is not.
func TestAbandonedBuildFolders(t *testing.T) {
	parent := t.TempDir()
	dead := filepath.Join(parent, ".public.tmp-999999999-123")
	live := filepath.Join(parent, fmt.Sprintf(".public.tmp-%d-456", os.Getpid()))
	other := filepath.Join(parent, ".public.tmp-notapid")
	for _, d := range []string{dead, live, other} {
		if err := os.MkdirAll(filepath.Join(d, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := site.Build(context.Background(), load(t, sample), site.Options{Out: filepath.Join(parent, "public")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder of a dead build is still there (%v)", err)
	}
	for _, d := range []string{live, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s: removed, but it is not an abandoned build folder", filepath.Base(d))
		}
	}
}

// TestNavMissingEntry: a toc entry whose file is missing (toc-link-broken)
// shows as text in the sidebar, not as a link that 404s on every page.
func TestNavMissingEntry(t *testing.T) {
	dir := tree(t, contract)
	_, out := build(t, dir, site.Options{})
	page := read(t, filepath.Join(out, "docs/troubleshoot/good/index.html"))
	if !strings.Contains(page, "<span>Missing from the tree</span>") {
		t.Errorf("the missing toc entry is not shown as text")
	}
	if strings.Contains(page, "missing-toc") {
		t.Errorf("the page links to the missing toc entry")
	}
	if !strings.Contains(page, `href="/docs/troubleshoot/word/other/"`) {
		t.Errorf("the sidebar lost the entry that exists")
	}
}
