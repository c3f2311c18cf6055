package site_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/site"
)

const corpusDir = "../../../shared/corpus/office-support"

// rejectRules are the findings that say an internal link or image does
// not work; every other internal link the linter sees it accepts.
var rejectRules = map[string]bool{"link-broken": true, "image-missing": true, "anchor-broken": true, "anchor-site-broken": true}

// TestLintAndSiteAgree holds the linter and the site builder to their
// contract: per article page, the internal links and images of the
// rendered body that are broken in the output are exactly the ones the
// linter rejects (in the article or in the files it includes).
func TestLintAndSiteAgree(t *testing.T) {
	t.Run("sample", func(t *testing.T) { agree(t, sample) })
	t.Run("contract", func(t *testing.T) { agree(t, tree(t, contract)) })
	t.Run("corpus", func(t *testing.T) {
		if testing.Short() {
			t.Skip("corpus part skipped in -short")
		}
		if _, err := os.Stat(corpusDir); err != nil {
			t.Skipf("corpus part skipped: %s (the shared corpus) is missing", corpusDir)
		}
		sum := agree(t, corpusDir)
		// The corpus site holds every article, redirect and image.
		if sum.Pages < 1700 || sum.Redirects < 1000 || sum.Resources < 1000 {
			t.Errorf("summary %+v", sum)
		}
	})
}

// agreeBase is the base path the test builds under, so that a link that
// forgets it is caught.
const agreeBase = "/help/"

// disagreement is one URL of one page the linter and the output judge
// differently.
type disagreement struct {
	page, url        string
	lintSays, output string
}

// agree builds the tree at dir and compares its article bodies with the
// lint findings; it returns the build's summary.
func agree(t *testing.T, dir string) *site.Summary {
	ctx := context.Background()
	s := load(t, dir)
	findings, err := pipeline.Lint(ctx, s, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(ctx, s, site.Options{Out: out, BaseURL: agreeBase})
	if err != nil {
		t.Fatal(err)
	}
	link, err := site.Linker(ctx, s, site.Options{BaseURL: agreeBase})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Articles(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*article.Article{}
	for _, a := range all {
		byPath[a.Path] = a
	}

	// The references the linter rejects, by the file they are written in.
	rejected := map[string][]links.Ref{}
	refsOf := map[string][]links.Ref{}
	nRejected := 0
	for _, d := range findings {
		if !rejectRules[d.Rule] {
			continue
		}
		a := byPath[d.File]
		if a == nil {
			continue // a toc.yml: not an article body
		}
		rs, ok := refsOf[d.File]
		if !ok {
			rs = links.Collect(a)
			refsOf[d.File] = rs
		}
		i := slices.IndexFunc(rs, func(r links.Ref) bool { return r.Start == d.Pos.Offset })
		if i < 0 {
			t.Errorf("%s: no reference at the finding's offset %d", d, d.Pos.Offset)
			continue
		}
		rejected[d.File] = append(rejected[d.File], rs[i])
		nRejected++
	}

	ids := &idCache{out: out, ids: map[string]map[string]bool{}, refresh: map[string]string{}}
	var bad []disagreement
	pages, nLinks, nBroken := 0, 0, 0
	for _, a := range all {
		if a.Include {
			continue
		}
		href, ok := link(a.Path, path.Base(a.Path), links.Link)
		if !ok {
			t.Fatalf("%s: no URL for its own page", a.Path)
		}
		pageURL, _ := url.Parse(href)
		file := filepath.Join(out, filepath.FromSlash(outFile(pageURL.Path)))
		doc := parseHTML(file)
		if doc == nil {
			continue // not built (a URL conflict, reported by the builder)
		}
		pages++
		body := findContent(doc)
		if body == nil {
			t.Fatalf("%s: no <article> <div class=\"content\"> in %s", a.Path, file)
		}

		files := expand(byPath, a.Path)

		// What the output says: every internal href/src of the body.
		broken := map[string]int{}
		seen := map[string]int{}
		for _, v := range bodyRefs(body) {
			u, internal := resolveHref(pageURL, v)
			if !internal {
				continue
			}
			nLinks++
			k := key(u)
			seen[k]++
			if !ids.resolves(u, pageURL) {
				broken[k]++
				nBroken++
			}
		}

		// What the linter says: the rejected references of the article and
		// of every file it includes (as often as it is expanded).
		want := map[string]int{}
		why := map[string]string{}
		for f, n := range files {
			for _, r := range rejected[f] {
				raw, ok := link(f, r.Dest, r.Kind)
				if !ok {
					raw = strings.TrimSpace(r.Dest)
				}
				u, _ := resolveHref(pageURL, raw)
				k := key(u)
				want[k] += n
				why[k] = fmt.Sprintf("%s rejects %q", f, r.Dest)
			}
		}
		for k, n := range broken {
			if want[k] < n {
				bad = append(bad, disagreement{a.Path, k, fmt.Sprintf("accepts %d of %d", n-want[k], n), "broken"})
			}
		}
		for k, n := range want {
			if broken[k] < n {
				says := "resolves"
				if seen[k] < n {
					says = fmt.Sprintf("in the body %d time(s), rejected %d", seen[k], n)
				}
				bad = append(bad, disagreement{a.Path, k, why[k], says})
			}
		}
	}
	t.Logf("%s: %d pages, %d internal links and images in their bodies, %d broken; the linter rejects %d", dir, pages, nLinks, nBroken, nRejected)
	if pages == 0 || nLinks == 0 {
		t.Fatalf("nothing checked: %d pages, %d links", pages, nLinks)
	}
	if len(bad) > 0 {
		slices.SortFunc(bad, func(x, y disagreement) int { return strings.Compare(x.page+x.url, y.page+y.url) })
		var b strings.Builder
		for i, d := range bad {
			if i == 20 {
				fmt.Fprintf(&b, "\n... and %d more", len(bad)-20)
				break
			}
			fmt.Fprintf(&b, "\n%s: %s: lint: %s; output: %s", d.page, d.url, d.lintSays, d.output)
		}
		t.Errorf("%d disagreement(s) between the linter and the site:%s", len(bad), b.String())
	}
	return sum
}

// expand returns the files a page is made of (the article and, for each
// include expanded in it, transitively, the included file) with how often
// each is expanded, as the renderer does (depth limit, no cycles).
func expand(byPath map[string]*article.Article, p string) map[string]int {
	out := map[string]int{}
	var walk func(p string, stack []string)
	walk = func(p string, stack []string) {
		out[p]++
		a := byPath[p]
		if a == nil || a.Doc == nil {
			return
		}
		for _, in := range a.Doc.Includes() {
			q, ok := links.Resolve(p, links.Parse(in.Path).Path)
			if !ok || byPath[q] == nil || len(stack) > links.MaxIncludeDepth || slices.Contains(stack, q) {
				continue
			}
			walk(q, append(stack[:len(stack):len(stack)], q))
		}
	}
	walk(p, []string{p})
	return out
}

// key is how URLs compare: path and fragment, decoded.
func key(u *url.URL) string {
	if u == nil {
		return "(unparsable)"
	}
	k := u.Path
	if u.Fragment != "" {
		k += "#" + u.Fragment
	}
	return k
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// resolveHref resolves an href of the page at base; it reports false for
// an external URL (a scheme, or "//host") and an empty one.
func resolveHref(base *url.URL, v string) (*url.URL, bool) {
	v = strings.TrimSpace(v)
	if v == "" || v == "#" || schemeRE.MatchString(v) || strings.HasPrefix(v, "//") {
		return nil, false
	}
	u, err := url.Parse(v)
	if err != nil {
		return nil, true
	}
	return base.ResolveReference(u), true
}

// outFile is the file (slash path under the output) a URL path names,
// less the base path; "" when it is outside the base path.
func outFile(p string) string {
	rel, ok := strings.CutPrefix(p, agreeBase)
	if !ok {
		if p+"/" == agreeBase {
			rel = ""
		} else {
			return ""
		}
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

func parseHTML(file string) *html.Node {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil
	}
	return doc
}

func attr(n *html.Node, k string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, c string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), c)
}

// findContent returns the element of page.html that holds the rendered
// article body: <div class="content"> inside <article>.
func findContent(n *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode {
			if n.Data == "article" {
				inArticle = true
			}
			if inArticle && n.Data == "div" && hasClass(n, "content") {
				found = n
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(n, false)
	return found
}

// bodyRefs returns the href and src values in the article body, less the
// list of articles templates add to a folder's page.
func bodyRefs(body *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "ul" && hasClass(n, "article-list") {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return out
}

// idCache answers whether a URL works in the output, reading each HTML
// file once.
type idCache struct {
	out     string
	ids     map[string]map[string]bool // output file -> its ids and <a name>s; nil: not HTML or missing
	refresh map[string]string          // output file -> the meta refresh target of a redirect page
}

func (c *idCache) load(rel string) (map[string]bool, bool) {
	if m, ok := c.ids[rel]; ok {
		return m, m != nil
	}
	doc := parseHTML(filepath.Join(c.out, filepath.FromSlash(rel)))
	if doc == nil {
		c.ids[rel] = nil
		return nil, false
	}
	m := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if v, ok := attr(n, "id"); ok {
				m[v] = true
			}
			if v, ok := attr(n, "name"); ok && n.Data == "a" {
				m[v] = true
			}
			if v, _ := attr(n, "http-equiv"); n.Data == "meta" && strings.EqualFold(v, "refresh") {
				content, _ := attr(n, "content")
				if _, u, ok := strings.Cut(content, "url="); ok {
					c.refresh[rel] = strings.TrimSpace(u)
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	c.ids[rel] = m
	return m, true
}

// resolves reports whether u (an absolute path URL, linked from the page
// at from) works in the output: the path names a file, or a folder with
// index.html, or with .html added; a fragment is an id (or <a name>) of the target. A redirect
// page is followed to where it sends the reader (with the fragment of its
// own target, as a browser does); one that leaves the site is trusted.
func (c *idCache) resolves(u *url.URL, from *url.URL) bool {
	for hops := 0; hops < 10; hops++ {
		if u == nil {
			return false
		}
		p, ok := strings.CutPrefix(u.Path, agreeBase)
		if !ok && u.Path+"/" != agreeBase {
			return false
		}
		file, status := site.Resolve(c.out, "/"+p)
		if status == http.StatusMovedPermanently {
			file, status = site.Resolve(c.out, "/"+p+"/")
		}
		if status != http.StatusOK {
			return false
		}
		rel, _ := filepath.Rel(c.out, file)
		rel = filepath.ToSlash(rel)
		if !strings.HasSuffix(rel, ".html") {
			return true // a resource: fragments are not checked
		}
		m, _ := c.load(rel)
		if target, ok := c.refresh[rel]; ok {
			next, internal := resolveHref(u, target)
			if !internal {
				return true
			}
			// A meta refresh goes to its own URL: the link's fragment is
			// not carried over (and the linter does not judge it either:
			// link-redirected is about the path).
			u = next
			continue
		}
		// A browser scrolls to the id before a text directive
		// ("#id:~:text=words"), or to the words when there is none.
		id, _, _ := strings.Cut(u.Fragment, ":~:")
		return id == "" || m[id]
	}
	return false
}

// fallback is a docset with site-relative links to a page the build holds
// and to one it does not, and a redirect to a URL it does not hold.
const fallback = `
-- Docs/docfx.json --
{"build": {"content": [{"files": ["**/*.md"]}],
 "globalMetadata": {"breadcrumb_path": "/docs/troubleshoot/breadcrumb/toc.json", "ms.service": "docs"}}}
-- Docs/a.md --
---
title: A
description: A page.
ms.date: 01/02/2025
---
# A

[held](/DOCS/troubleshoot/b#part) [elsewhere](/azure/devops/x?view=2#top) [space](/azure/a%20b)
-- Docs/b.md --
---
title: B
description: B page.
ms.date: 01/02/2025
---
# B

## Part
-- .openpublishing.redirection.json --
{"redirections": [
 {"source_path": "Docs/old.md", "redirect_url": "/office/troubleshoot/moved"}
]}
`

func TestSiteRelativeFallback(t *testing.T) {
	for _, tt := range []struct {
		name, config, origin string // origin "": kept local
	}{
		{"default", "", "https://learn.microsoft.com"},
		{"configured", "site:\n  fallbackOrigin: https://docs.contoso.com/\n", "https://docs.contoso.com"},
		{"local", "site:\n  fallbackOrigin: \"\"\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, fallback)
			if tt.config != "" {
				os.WriteFile(filepath.Join(dir, "helpsite.yaml"), []byte(tt.config), 0o644)
			}
			_, out := build(t, dir, site.Options{BaseURL: "/base/"})
			got := map[string]bool{}
			for _, r := range refs(t, out) {
				if r.file == "docs/troubleshoot/a/index.html" {
					got[r.val] = true
				}
			}
			far := "/base/azure/devops/x?view=2#top"
			space := "/base/azure/a%20b"
			if tt.origin != "" {
				far, space = tt.origin+"/azure/devops/x?view=2#top", tt.origin+"/azure/a%20b"
			}
			for _, w := range []string{"/base/docs/troubleshoot/b/#part", far, space} {
				if !got[w] {
					t.Errorf("a.md: no link %s; links: %v", w, got)
				}
			}
			moved := read(t, filepath.Join(out, "docs/troubleshoot/old.html"))
			want := "/base/office/troubleshoot/moved"
			if tt.origin != "" {
				want = tt.origin + "/office/troubleshoot/moved"
			}
			if !strings.Contains(moved, `url=`+want+`"`) {
				t.Errorf("redirect to a URL the site does not hold: want %s in\n%s", want, moved)
			}
		})
	}
}
