package check

import (
	"path"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/redirect"
	"github.com/helpsite/helpsite/pipeline/source"
	"github.com/helpsite/helpsite/pipeline/toc"
)

func fileContext(env *Env, p string, text *source.Text) *Context {
	return &Context{Env: env, Config: env.Config, File: p, Text: text}
}

// TOC checks the hrefs of one toc.yml (group "Site structure") and returns
// the files they reference.
func TOC(env *Env, t *toc.TOC) Result {
	c := fileContext(env, t.Path, t.Text)
	if t.Err != "" {
		// Not one of the rules' concerns, but no entry of it can be read.
		return Result{}
	}
	t.Walk(func(e *toc.Entry) {
		for _, l := range e.Links {
			tocLink(c, l)
		}
	})
	return Result{Findings: c.out, Edges: c.edges}
}

func tocLink(c *Context, l toc.Link) {
	t := links.Parse(l.Href)
	if t.Kind != links.Relative {
		return // site-relative and external hrefs point outside the tree
	}
	target, ok := links.Resolve(c.File, t.Path)
	if !ok {
		c.report("toc-link-broken", l.Start, l.End, "toc href \"%s\" leaves the content root", l.Href)
		return
	}
	if strings.HasSuffix(t.Path, "/") { // a folder: its toc.yml
		target = path.Join(target, "toc.yml")
	}
	found := c.Env.find(target, true)
	ref := links.Ref{From: c.File, Kind: links.TOC, Dest: l.Href, Start: l.Start, End: l.End}
	if found.path != "" {
		c.edges = append(c.edges, links.Edge{From: c.File, To: found.path, Ref: ref})
		return
	}
	if e := c.Env.Redirects.From(target); e != nil {
		c.report("link-redirected", l.Start, l.End, "toc href \"%s\" goes to %s, which moved: use %s instead", l.Href, target, e.URL)
		return
	}
	if len(found.fold) > 0 {
		want := relativeTo(c.File, found.fold[0])
		d := c.report("toc-link-broken", l.Start, l.End, "toc href \"%s\" does not exist (exists with different case: %s)", l.Href, want)
		c.caseFix(d, l.Href, l.Start, t, found, true)
		return
	}
	c.report("toc-link-broken", l.Start, l.End, "toc href \"%s\" does not exist", l.Href)
}

// Redirects checks every redirection entry (group "Site structure").
func Redirects(env *Env, pages map[string]bool) diag.List {
	set := env.Redirects
	if set == nil {
		return nil
	}
	type seen struct {
		f *redirect.File
		e *redirect.Entry
	}
	sources := map[string]seen{}
	sourceURLs := map[string]*redirect.Entry{}
	for _, e := range set.Entries() {
		if u, ok := env.Docsets.URLOf(e.Source); ok {
			sourceURLs[docfx.URLKey(u)] = e
		}
	}
	var out diag.List
	for _, f := range set.Files() {
		c := fileContext(env, f.Path, f.Text)
		for i := range f.Entries {
			e := &f.Entries[i]
			desc := e.Source + " -> " + e.URL
			k := strings.ToLower(e.Source)
			if first, dup := sources[k]; dup {
				c.report("redirect-duplicate-source", e.SourceStart, e.SourceEnd,
					"%s is redirected again (first at %s:%d)", e.Source, first.f.Path, first.f.Text.Pos(first.e.SourceStart).Line)
			} else {
				sources[k] = seen{f, e}
			}
			if _, ok := env.Tree.Lookup(e.Source); ok {
				c.report("redirect-source-exists", e.SourceStart, e.SourceEnd,
					"%s still exists: delete the file or the redirection", e.Source)
			}
			switch u := strings.TrimSpace(e.URL); {
			case strings.HasPrefix(u, "https://"):
			case strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//"):
				key := docfx.URLKey(u)
				if next, ok := sourceURLs[key]; ok && next != e {
					c.report("redirect-chain", e.URLStart, e.URLEnd,
						"%s: the target is itself redirected to %s; point at the final page", desc, next.URL)
				} else if env.Docsets.Within(u) && !pages[key] {
					c.report("redirect-target-missing", e.URLStart, e.URLEnd,
						"%s: no page or redirection has this URL", desc)
				}
			default:
				c.report("redirect-target-invalid", e.URLStart, e.URLEnd,
					"%s: redirect_url must be https://... or site-relative /...", desc)
			}
		}
		out = append(out, c.out...)
	}
	return out
}

// PageURLs returns the URLs of the pages the docsets publish: every article
// and YAML page they build, keyed by docfx.URLKey.
func PageURLs(tree *source.Tree, docsets docfx.Set) map[string]bool {
	pages := map[string]bool{}
	for _, f := range tree.Files {
		if f.Kind != source.Markdown && f.Kind != source.YAMLPage {
			continue
		}
		if u, ok := docsets.URLOf(f.Path); ok {
			pages[docfx.URLKey(u)] = true
		}
	}
	return pages
}

// TOCMissing reports the Learn articles of a docset that no toc.yml of the
// docset references (group "Site structure").
func TOCMissing(env *Env, articles []*article.Article, tocEdges []links.Edge) diag.List {
	type listing struct {
		d    *docfx.Docset
		path string
	}
	inTOC := map[listing]bool{} // articles listed by a toc of the docset
	hasTOC := map[*docfx.Docset]bool{}
	for _, e := range tocEdges {
		if d := env.Docsets.For(e.From); d != nil {
			hasTOC[d] = true
			inTOC[listing{d, e.To}] = true
		}
	}
	var out diag.List
	for _, a := range articles {
		if a.Format != article.Learn || a.Include {
			continue
		}
		d := env.Docsets.For(a.Path)
		if d == nil || !hasTOC[d] || inTOC[listing{d, a.Path}] {
			continue
		}
		c := newContext(env, a)
		c.reportFile("toc-missing-article", "no toc.yml of the docset %s lists this article", d.Dir)
		out = append(out, suppress(a, c.out)...)
	}
	return out
}

// Orphans reports image files that no Markdown or YAML file references
// (references matched without regard to letter case, backslashes read as
// /). refs are the references of every article; yml are the YAML files with
// their text.
func Orphans(env *Env, refs []links.Ref, yml map[string]*source.Text) diag.List {
	used := map[string]bool{}
	mark := func(from, dest string) {
		t := links.Parse(strings.ReplaceAll(dest, `\`, "/"))
		if t.Kind != links.Relative && t.Kind != links.DocsetRoot {
			return
		}
		p := t.Path
		if t.Kind == links.DocsetRoot {
			if d := env.Docsets.For(from); d != nil && d.Dir != "." {
				p = path.Join(d.Dir, p)
			}
		} else if r, ok := links.Resolve(from, p); ok {
			p = r
		}
		used[strings.ToLower(p)] = true
	}
	for _, r := range refs {
		mark(r.From, r.Dest)
	}
	for p, text := range yml {
		for _, m := range links.ImagePath.FindAll(text.Bytes, -1) {
			mark(p, string(m))
		}
	}
	var out diag.List
	for _, f := range env.Tree.Of(source.Image) {
		if used[strings.ToLower(f.Path)] {
			continue
		}
		c := fileContext(env, f.Path, emptyText)
		c.reportFile("image-orphan", "no article or YAML file shows this image")
		out = append(out, c.out...)
	}
	return out
}

var emptyText = source.Decode(nil)
