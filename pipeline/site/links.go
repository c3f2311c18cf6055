package site

import (
	"context"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/source"
)

// link is render.Options.Link: it rewrites a destination written in the
// file from. The contract with the linter: a link it accepts works in the
// output, one it rejects (a missing target, wrong letter case) stays
// broken; nothing is "fixed".
func (b *builder) link(from, dest string, kind links.Kind) (string, bool) {
	if kind == links.Include {
		return "", false
	}
	t := links.Parse(dest)
	switch t.Kind {
	case links.Relative, links.DocsetRoot:
		target, ok := b.target(from, t)
		if !ok {
			return "", false
		}
		return b.fileHref(target, t, kind == links.Link || kind == links.TOC), true
	case links.SiteRelative:
		return b.siteHref(t), true
	}
	return "", false
}

// target resolves a relative or docset-root destination to a path of the
// content tree, as the link checks do.
func (b *builder) target(from string, t links.Target) (string, bool) {
	return t.Resolve(from, b.s.Docsets.Root(from))
}

// find looks a target up as the link checks do (source.Tree.Find).
func (b *builder) find(p string, page bool) string {
	f, _ := b.s.Tree.Find(p, page)
	return f
}

// fileHref is the href of a file of the content tree: the page or the
// copied resource it names; for a missing file, a URL under the base that
// does not exist in the output (so the link stays broken, as linted).
func (b *builder) fileHref(target string, t links.Target, page bool) string {
	href, _ := b.fileTarget(target, t, page)
	return href
}

// fileTarget is fileHref, and whether the href names something the build
// writes.
func (b *builder) fileTarget(target string, t links.Target, page bool) (string, bool) {
	suffix := ""
	if t.Query != "" {
		suffix += "?" + t.Query
	}
	if t.Fragment != "" {
		suffix += "#" + t.Fragment
	}
	if f := b.find(target, page); f != "" {
		if p := b.byPath[f]; p != nil {
			return b.href(p.url) + suffix, true
		}
		if u, ok := b.resources[f]; ok {
			return b.href(u) + suffix, true
		}
		if k, _ := b.s.Tree.Lookup(f); isPageFile(k.Kind) {
			// An include or a page whose URL another took: no page.
			return b.href("/"+f) + suffix, false
		}
	} else if page {
		// A moved article: its redirect page.
		if e := b.s.Redirects.From(target); e != nil {
			if u, ok := pageURL(b.s.Docsets, e.Source); ok {
				if known, ok := b.known[docfx.URLKey(u)]; ok {
					return b.href(known) + suffix, true
				}
			}
		}
	}
	return b.href("/"+target) + suffix, false
}

// siteHref is the href of a site-relative URL: the generated page, listing,
// redirect or resource it names (URLs compare without regard to letter
// case, as on Learn). One the build does not hold points into the
// published site the articles were written for, so it goes to the
// fallback origin (site.fallbackOrigin, https://learn.microsoft.com by
// default) with its path, query and fragment as written; with an empty
// fallback origin it stays a local path under the base path (and is
// broken there).
func (b *builder) siteHref(t links.Target) string {
	suffix := ""
	if t.Query != "" {
		suffix += "?" + t.Query
	}
	if t.Fragment != "" {
		suffix += "#" + t.Fragment
	}
	if u, ok := b.known[docfx.URLKey(t.Path)]; ok {
		return b.href(u) + suffix
	}
	if o := b.fallbackOrigin(); o != "" {
		return o + escapePath(t.Path) + suffix
	}
	return b.href(t.Path) + suffix
}

// fallbackOrigin is where site-relative URLs the build does not hold go:
// site.fallbackOrigin of the configuration, without a trailing slash.
func (b *builder) fallbackOrigin() string {
	if b.s.Config == nil {
		return config.DefaultFallbackOrigin
	}
	return strings.TrimSuffix(b.s.Config.SiteFallbackOrigin, "/")
}

// yamlTitle reads the title of a YAML landing page.
func yamlTitle(s *pipeline.Site, p string) string {
	raw, err := s.Tree.ReadFile(p)
	if err == nil {
		var doc struct {
			Title    string `yaml:"title"`
			Metadata struct {
				Title string `yaml:"title"`
			} `yaml:"metadata"`
		}
		text := source.Decode(raw)
		if yaml.Unmarshal(text.Bytes, &doc) == nil {
			if doc.Title != "" {
				return doc.Title
			}
			if doc.Metadata.Title != "" {
				return doc.Metadata.Title
			}
		}
	}
	return strings.TrimSuffix(path.Base(p), path.Ext(p))
}

// Linker returns the link rewriter a build of s with opt uses (what a
// destination written in the file from becomes in the output; false when
// it is left as written), with every page, resource, listing and redirect
// URL planned but nothing rendered or written. Tests use it to compare
// the linter's findings with the built site.
func Linker(ctx context.Context, s *pipeline.Site, opt Options) (func(from, dest string, kind links.Kind) (string, bool), error) {
	b, err := plan(ctx, s, opt)
	if err != nil {
		return nil, err
	}
	return b.link, nil
}
