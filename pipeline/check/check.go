// Package check holds the lint rules: each file of the package implements a
// group of RULES.md (encoding.go, properties.go, metadata.go, structure.go,
// shc.go, links.go, site.go) and reports diagnostics for one loaded article
// or one site file. Rules that compare articles (duplicate article ids,
// orphan images, articles missing from every TOC) are in tree.go.
package check

import (
	"fmt"
	"sync"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/redirect"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Env is what the checks know of the whole content tree. It is safe for
// concurrent use.
type Env struct {
	Config    *config.Config
	Tree      *source.Tree
	Docsets   docfx.Set
	Redirects *redirect.Set
	// Load returns the article at a path, parsed on first use, or nil when
	// the path is not a readable Markdown file.
	Load links.Loader
	// Includers returns the files that [!INCLUDE] the file at a path.
	Includers func(p string) []string

	anchors sync.Map // path -> map[string]bool

	pagesOnce sync.Once
	pages     map[string]string // docfx.URLKey of a page URL -> the Markdown file published there
}

// PageAt returns the Markdown file a docset publishes at a site-relative
// URL path (letter case aside, as URLs compare), or "".
func (e *Env) PageAt(urlPath string) string {
	e.pagesOnce.Do(func() {
		e.pages = map[string]string{}
		for _, f := range e.Tree.Of(source.Markdown) {
			if u, ok := e.Docsets.URLOf(f.Path); ok {
				if _, taken := e.pages[docfx.URLKey(u)]; !taken {
					e.pages[docfx.URLKey(u)] = f.Path
				}
			}
		}
	})
	return e.pages[docfx.URLKey(urlPath)]
}

// PageAnchors reports whether a same-page #fragment of the file at p
// resolves. An include is rendered inside the pages that include it, so
// their ids count, transitively.
func (e *Env) PageAnchors(p, fragment string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(q string) bool {
		if seen[q] || len(seen) > 64 {
			return false
		}
		seen[q] = true
		if e.Anchors(q)[fragment] {
			return true
		}
		if e.Includers == nil {
			return false
		}
		for _, up := range e.Includers(q) {
			if walk(up) {
				return true
			}
		}
		return false
	}
	return walk(p)
}

// Anchors returns the fragment ids the Markdown file at p offers, or nil
// when it cannot be read.
func (e *Env) Anchors(p string) map[string]bool {
	if v, ok := e.anchors.Load(p); ok {
		return v.(map[string]bool)
	}
	a := e.Load(p)
	if a == nil {
		return nil
	}
	m := links.Anchors(a, e.Load)
	e.anchors.Store(p, m)
	return m
}

// Context is the state of checking one file.
type Context struct {
	Env     *Env
	Config  *config.Config
	File    string
	Text    *source.Text
	Article *article.Article // nil for toc.yml and redirection files
	out     diag.List
	edges   []links.Edge
	refs    []links.Ref
}

func newContext(env *Env, a *article.Article) *Context {
	return &Context{Env: env, Config: env.Config, File: a.Path, Text: a.Text, Article: a}
}

// Result is what checking one file found: its findings, and the references
// it makes, resolved, for the link graph.
type Result struct {
	Findings diag.List
	Edges    []links.Edge // references to files that exist
	Refs     []links.Ref  // every reference
}

// Article runs every single-file rule over a loaded article, with rule
// severities from the configuration and inline suppression comments
// applied.
func Article(env *Env, a *article.Article) Result {
	c := newContext(env, a)
	encoding(c)
	if !a.Include {
		switch a.Format {
		case article.SHC:
			propertiesBlock(c)
			metadataSHC(c)
		case article.Learn:
			metadataLearn(c)
		}
	}
	structure(c)
	if a.Format == article.SHC {
		shcContent(c)
	}
	linkRules(c)
	return Result{Findings: suppress(a, c.out), Edges: c.edges, Refs: c.refs}
}

// report records a finding of rule over the byte range [start, end) of the
// file's text. It returns nil when the rule is off; the pointer is valid
// until the next report.
func (c *Context) report(rule string, start, end int, format string, args ...any) *diag.Diagnostic {
	sev := c.Config.SeverityOf(rule)
	if sev == diag.Off {
		return nil
	}
	d := diag.Diagnostic{
		File:     c.File,
		Pos:      c.Text.Pos(start),
		End:      c.Text.Pos(max(end, start)),
		Rule:     rule,
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	}
	c.out = append(c.out, d)
	return &c.out[len(c.out)-1]
}

// reportFile records a finding about the file as a whole, placed at its
// first line.
func (c *Context) reportFile(rule string, format string, args ...any) *diag.Diagnostic {
	return c.report(rule, 0, 0, format, args...)
}

// fix attaches a fix to a diagnostic that was reported (d may be nil).
func fix(d *diag.Diagnostic, description string, edits ...diag.Edit) {
	if d != nil {
		d.Fix = &diag.Fix{Description: description, Edits: edits}
	}
}

// safeFix attaches a fix that "lint --fix" may apply: it replaces the text
// old, which must stand at [start, start+len(old)) of the file, with new.
// When old is not found there (the parser placed the finding elsewhere),
// the fix stays advice.
func (c *Context) safeFix(d *diag.Diagnostic, description string, start int, old, new string) {
	if d == nil {
		return
	}
	b := c.Text.Bytes
	e := diag.Edit{Start: start, End: start + len(old), New: new}
	if start < 0 || e.End > len(b) || string(b[start:e.End]) != old || old == new {
		fix(d, description)
		return
	}
	d.Fix = &diag.Fix{Description: description, Edits: []diag.Edit{e}, Safe: true}
}
