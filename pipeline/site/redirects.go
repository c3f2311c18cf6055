package site

import (
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/links"
)

// redirectPage is a page that sends readers of a moved article on.
type redirectPage struct {
	url    string // where the moved article was: "/a/b", no trailing slash
	file   string // the file written for it: "a/b.html"
	target string // where it went (href, base path included, or absolute)
	source string // the entry's source_path
}

// planRedirects lays out a page per redirection entry at the URL its
// source_path had. A real page there wins (the entry is skipped).
func (b *builder) planRedirects() {
	for _, e := range b.s.Redirects.Entries() {
		if e.Source == "" || strings.TrimSpace(e.URL) == "" {
			continue
		}
		u, ok := pageURL(b.s.Docsets, e.Source)
		if !ok {
			continue
		}
		if _, taken := b.known[docfx.URLKey(u)]; taken {
			b.redirectsSkipped++
			continue
		}
		// A redirect page is a file, a/b.html, which static hosts (GitHub
		// Pages among them) serve at /a/b, the URL the moved article had
		// on Learn: a folder with index.html would cost a second inode
		// per entry, and creating inodes is what the build waits on most.
		// The root, or a URL whose .html file another takes, keeps the
		// folder layout.
		file := outPath(u)
		if trimmed := strings.TrimSuffix(u, "/"); trimmed != "" {
			if _, taken := b.known[docfx.URLKey(trimmed+".html")]; !taken {
				u, file = trimmed, strings.TrimPrefix(trimmed, "/")+".html"
			}
		}
		b.known[docfx.URLKey(u)] = u
		b.redirects = append(b.redirects, redirectPage{url: u, file: file, source: e.Source, target: strings.TrimSpace(e.URL)})
	}
	// Targets are resolved once every redirect URL is known: a chain of
	// redirects works page by page.
	for i := range b.redirects {
		b.redirects[i].target = b.redirectTarget(b.redirects[i].source, b.redirects[i].target)
	}
}

// redirectTarget turns a redirect_url into an href: a site-relative URL
// goes under the base path (the generated page's URL when there is one,
// with its trailing slash); an absolute URL is kept.
func (b *builder) redirectTarget(from, raw string) string {
	t := links.Parse(raw)
	switch t.Kind {
	case links.SiteRelative:
		return b.siteHref(t)
	case links.Relative, links.DocsetRoot:
		if target, ok := b.target(from, t); ok {
			return b.fileHref(target, t, true)
		}
	case links.External:
		if t.Scheme == "https" || t.Scheme == "http" {
			return raw
		}
	}
	return b.href("/") // nothing a browser should be sent to: the home page
}

// writeRedirects writes the redirect pages.
func (b *builder) writeRedirects() (written, skipped int, err error) {
	err = b.each(len(b.redirects), func(i int) error {
		r := b.redirects[i]
		target := r.target
		abs := target
		if strings.HasPrefix(target, "/") {
			abs = b.absBase + strings.TrimPrefix(target, b.basePath)
		}
		pg := &Page{Kind: "redirect", Title: "This article has moved", Target: target, TargetAbs: abs, NoIndex: true}
		return b.writeHTMLFile(r.url, r.file, "redirect.html", pg)
	})
	if err != nil {
		return 0, b.redirectsSkipped, err
	}
	return len(b.redirects), b.redirectsSkipped, nil
}
