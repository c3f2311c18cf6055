package check

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/external"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/markdown"
	"github.com/helpsite/helpsite/pipeline/source"
)

var (
	knownSchemes = []string{"http", "https", "mailto", "tel", "ftp", "data-blade", "button-data-blade",
		"button-data-context", "button-link", "ms-settings", "ms-windows-store"}
	// localeHosts are the Microsoft sites that pick the reader's language
	// themselves: a locale in the path pins every reader to one.
	localeHosts = []string{"learn.microsoft.com", "docs.microsoft.com", "support.microsoft.com", "azure.microsoft.com",
		"technet.microsoft.com", "msdn.microsoft.com", "support.office.com", "products.office.com"}
	localeSegment = regexp.MustCompile(`^[A-Za-z]{2}-[A-Za-z]{2,4}$`)
	imageTypes    = []string{"content", "icon", "complex"}
)

// linkRules checks the group "Links, anchors, includes, images" for one
// article and records its references for the link graph.
func linkRules(c *Context) {
	a := c.Article
	c.refs = links.Collect(a)
	for _, r := range c.refs {
		if r.DocFX && r.Kind == links.Image {
			imageSyntax(c, r)
		}
		if r.Kind == links.Image {
			imageAlt(c, r)
		}
		t := links.Parse(r.Dest)
		switch t.Kind {
		case links.Empty:
			if !r.DocFX && r.Kind != links.Include {
				c.report("link-empty", r.Start, r.End, "%s %s has an empty target", what(r), construct(a.Text.Bytes, r.Start))
			}
		case links.External:
			schemeLink(c, r, t)
		case links.Fragment:
			if anchor := t.Anchor(); r.Kind == links.Link && anchor != "" && !c.Env.PageAnchors(a.Path, anchor) {
				anchorMissing(c, r, t, a.Path)
			}
		case links.Relative, links.DocsetRoot:
			relative(c, r, t)
		case links.SiteRelative:
			siteAnchor(c, r, t)
		}
	}
	undefinedRefs(c)
}

func what(r links.Ref) string {
	switch r.Kind {
	case links.Image, links.Lightbox:
		return "image"
	case links.Include:
		return "include"
	}
	return "link"
}

// schemeLink checks a destination with a scheme.
func schemeLink(c *Context, r links.Ref, t links.Target) {
	a := c.Article
	dest := strings.TrimSpace(r.Dest)
	if t.Scheme == "" { // "//host/path"
		return
	}
	if !slices.Contains(knownSchemes, t.Scheme) {
		c.report("link-scheme-unknown", r.Start, r.End, "%s \"%s\" has an unknown scheme \"%s\"", what(r), dest, t.Scheme+":")
		return
	}
	if t.Scheme != "http" && t.Scheme != "https" {
		return
	}
	if rest := dest[len(t.Scheme)+1:]; !strings.HasPrefix(rest, "//") {
		c.report("link-scheme-unknown", r.Start, r.End, "%s \"%s\" is malformed: %s: must be followed by //", what(r), dest, t.Scheme)
		return
	}
	u, err := url.Parse(dest)
	if err != nil {
		return
	}
	host := strings.ToLower(u.Hostname())
	if t.Scheme == "http" {
		d := c.report("link-http-insecure", r.Start, r.End, "%s \"%s\" uses http://; use https://", what(r), dest)
		fix(d, "use https://", diag.Edit{Start: r.Start, End: r.Start + len("http"), New: "https"})
	}
	if host == "review.docs.microsoft.com" || host == "review.learn.microsoft.com" {
		c.report("link-review-site", r.Start, r.End, "%s \"%s\" points to the review site, which readers cannot open", what(r), dest)
	}
	if a.Format == article.SHC && (host == "aka.ms" || strings.HasSuffix(host, ".aka.ms")) {
		c.report("link-akams", r.Start, r.End, "aka.ms short link \"%s\": self-help templates link to the full URL", dest)
	}
	if seg, ok := locale(host, u.EscapedPath()); ok && !(a.Format == article.SHC && mooncakeOnly(a)) {
		d := c.report("link-locale", r.Start, r.End, "%s \"%s\" has the locale /%s/; leave it out so readers get their own language", what(r), dest, seg)
		if i := strings.Index(dest, "/"+seg+"/"); i >= 0 {
			fix(d, "remove /"+seg, diag.Edit{Start: r.Start + i, End: r.Start + i + len(seg) + 1})
		}
	}
	if a.Format == article.Learn && (host == "learn.microsoft.com" || host == "docs.microsoft.com") {
		// Learn articles are published on learn.microsoft.com: links to it
		// are written site-relative (the site builder sends the ones it
		// does not hold to the public origin).
		site := sitePath(u.Path)
		d := c.report("link-docs-absolute", r.Start, r.End, "%s \"%s\" is an absolute Learn link; write it site-relative: %s", what(r), dest, site+suffix(u))
		fix(d, "write "+site+suffix(u), diag.Edit{Start: r.Start, End: r.End, New: site + suffix(u)})
	}
}

// locale returns the locale segment at the start of a URL path on a
// Microsoft site that negotiates the language.
func locale(host, p string) (string, bool) {
	known := false
	for _, h := range localeHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			known = true
		}
	}
	if !known {
		return "", false
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return seg, localeSegment.MatchString(seg)
}

// sitePath drops the locale from a learn.microsoft.com path.
func sitePath(p string) string {
	if seg, rest, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/"); ok && localeSegment.MatchString(seg) {
		return "/" + rest
	}
	return p
}

func suffix(u *url.URL) string {
	s := ""
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		s += "#" + u.Fragment
	}
	return s
}

// mooncakeOnly reports whether a self-help article is published to the
// China cloud only, where localized links are expected.
func mooncakeOnly(a *article.Article) bool {
	f := a.Lookup("cloudEnvironments")
	if f == nil {
		return false
	}
	toks := tokens(f.Value)
	return len(toks) > 0 && !slices.ContainsFunc(toks, func(t article.Item) bool { return !strings.EqualFold(t.Text, "mooncake") })
}

// relative checks a destination that names a file of the content tree.
func relative(c *Context, r links.Ref, t links.Target) {
	a := c.Article
	target, ok := t.Resolve(a.Path, c.Env.Docsets.Root(a.Path))
	if !ok {
		c.report(brokenRule(r), r.Start, r.End, "%s \"%s\" leaves the content root", what(r), r.Dest)
		return
	}
	found := c.Env.find(target, r.Kind == links.Link)
	if found.path != "" {
		c.edges = append(c.edges, links.Edge{From: a.Path, To: found.path, Ref: r})
		if anchor := t.Anchor(); anchor != "" && r.Kind == links.Link && isMarkdown(found.path) {
			if ids := c.Env.Anchors(found.path); ids != nil && !ids[anchor] {
				anchorMissing(c, r, t, found.path)
			}
		}
		return
	}
	if r.Kind == links.Link && a.Format == article.Learn {
		if e := c.Env.Redirects.From(target); e != nil {
			c.report("link-redirected", r.Start, r.End, "link \"%s\" goes to %s, which moved: link to %s instead", r.Dest, target, e.URL)
			return
		}
	}
	rule := brokenRule(r)
	switch {
	case len(found.fold) > 0:
		want := relativeTo(a.Path, found.fold[0])
		d := c.report(rule, r.Start, r.End, "%s \"%s\" does not exist (exists with different case: %s)", what(r), r.Dest, want)
		c.caseFix(d, r.Dest, r.Start, t, found, r.Kind == links.Link)
	case strings.Contains(t.Path, `\`):
		want := strings.ReplaceAll(pathPart(r.Dest), `\`, "/")
		d := c.report(rule, r.Start, r.End, "%s \"%s\" does not exist: use / between folders, not \\", what(r), r.Dest)
		if fixed, ok := links.Resolve(a.Path, strings.ReplaceAll(t.Path, `\`, "/")); ok && c.Env.find(fixed, r.Kind == links.Link).path != "" {
			fix(d, "write "+want, diag.Edit{Start: r.Start, End: r.Start + len(pathPart(r.Dest)), New: want})
		}
	default:
		c.report(rule, r.Start, r.End, "%s \"%s\" does not exist", what(r), r.Dest)
	}
}

// caseFix offers the fix of a link whose target exists with other letter
// case. It is safe when the link can keep its form and change letter case
// only, towards the one file that matches: dest (written at start, its
// target t) becomes the same path with the file's letter case.
func (c *Context) caseFix(d *diag.Diagnostic, dest string, start int, t links.Target, f found, page bool) {
	if d == nil {
		return
	}
	want := relativeTo(c.File, f.fold[0])
	written := pathPart(dest)
	if len(f.fold) == 1 {
		if fixed, ok := caseOnly(c.File, c.Env.Docsets.Root(c.File), written, t, f.fold[0], page); ok {
			c.safeFix(d, "write "+fixed, start, written, fixed)
			return
		}
	}
	fix(d, "write "+want)
}

// caseOnly rewrites the path written (as a link in the file from, with
// docset root root, writes it) with the letter case of the file it names
// but for case. It reports false when that takes more than a change of
// case: the link is escaped, uses backslashes, or reaches the file through
// a folder that only differs in case from one it passes.
func caseOnly(from, root, written string, t links.Target, file string, page bool) (string, bool) {
	if written == "" || strings.ContainsAny(written, "%\\<> \t") {
		return "", false
	}
	target, ok := t.Resolve(from, root)
	if !ok {
		return "", false
	}
	// The form of the link: "x" may name x.md, x/index.md, ...
	suffixes := []string{""}
	if page {
		suffixes = append(suffixes, source.PageForms...)
	}
	shaped := ""
	for _, suf := range suffixes {
		if cand := target + suf; len(cand) == len(file) && strings.EqualFold(cand, file) {
			shaped = file[:len(target)]
			break
		}
	}
	if shaped == "" {
		return "", false
	}
	want := strings.Split(shaped, "/")
	// Walk the written segments as Resolve does, remembering which one
	// gives each folder of the result; the folders the walk starts from
	// are the linking file's own and must match as they are.
	type part struct {
		seg int // index into segs, -1 for a folder of the start
		dir string
	}
	var stack []part
	base := path.Dir(from)
	if t.Kind == links.DocsetRoot {
		base = root
	}
	if base != "." {
		for _, d := range strings.Split(base, "/") {
			stack = append(stack, part{-1, d})
		}
	}
	segs := strings.Split(written, "/")
	if t.Kind == links.DocsetRoot {
		segs = segs[1:] // "~"
	}
	for i, s := range segs {
		switch s {
		case "", ".":
		case "..":
			if len(stack) == 0 {
				return "", false
			}
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, part{i, s})
		}
	}
	if len(stack) != len(want) {
		return "", false
	}
	for k, p := range stack {
		switch {
		case p.seg < 0 && p.dir != want[k]:
			return "", false
		case p.seg >= 0:
			segs[p.seg] = want[k]
		}
	}
	if t.Kind == links.DocsetRoot {
		segs = append([]string{"~"}, segs...)
	}
	fixed := strings.Join(segs, "/")
	return fixed, fixed != written && strings.EqualFold(fixed, written)
}

func brokenRule(r links.Ref) string {
	switch r.Kind {
	case links.Image, links.Lightbox:
		return "image-missing"
	case links.Include:
		return "include-missing"
	}
	return "link-broken"
}

// pathPart returns a destination without its query and fragment.
func pathPart(dest string) string {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i]
	}
	return dest
}

// relativeTo writes the path of target as seen from the file from.
func relativeTo(from, target string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	to := strings.Split(target, "/")
	if path.Dir(from) == "." {
		fromDir = nil
	}
	i := 0
	for i < len(fromDir) && i < len(to)-1 && fromDir[i] == to[i] {
		i++
	}
	parts := make([]string, 0, len(fromDir)-i+len(to)-i)
	for range fromDir[i:] {
		parts = append(parts, "..")
	}
	return strings.Join(append(parts, to[i:]...), "/")
}

func isMarkdown(p string) bool { return strings.EqualFold(path.Ext(p), ".md") }

// siteAnchor checks the #fragment of a site-relative link to a page of
// this tree (anchor-site-broken): the site builder sends the link to that
// page, so the fragment must be one of its ids.
func siteAnchor(c *Context, r links.Ref, t links.Target) {
	anchor := t.Anchor()
	if r.Kind != links.Link || anchor == "" {
		return
	}
	target := c.Env.PageAt(t.Path)
	if target == "" {
		return
	}
	if ids := c.Env.Anchors(target); ids != nil && !ids[anchor] {
		anchorRule(c, "anchor-site-broken", r, t, target)
	}
}

func anchorMissing(c *Context, r links.Ref, t links.Target, target string) {
	anchorRule(c, "anchor-broken", r, t, target)
}

func anchorRule(c *Context, rule string, r links.Ref, t links.Target, target string) {
	ids := c.Env.Anchors(target)
	anchor := t.Anchor()
	for id := range ids {
		if strings.EqualFold(id, anchor) {
			d := c.report(rule, r.Start, r.End, "%s has no heading or anchor #%s (letter case differs: #%s)", target, anchor, id)
			if i := strings.IndexByte(r.Dest, '#'); i >= 0 { // the first: links.Parse splits there, and a text directive may hold another
				fix(d, "write #"+id, diag.Edit{Start: r.Start + i + 1, End: r.Start + i + 1 + len(anchor), New: id})
			}
			return
		}
	}
	c.report(rule, r.Start, r.End, "%s has no heading or anchor #%s", target, anchor)
}

// found is the result of looking a path up in the tree.
type found struct {
	path string   // the file it names, "" when none
	fold []string // files equal to it but for letter case
}

// find looks up a path (source.Tree.Find).
func (e *Env) find(p string, page bool) found {
	f, fold := e.Tree.Find(p, page)
	return found{path: f, fold: fold}
}

// imageSyntax checks a :::image tag.
func imageSyntax(c *Context, r links.Ref) {
	im := r.Image
	typ, hasType := im.Get("type")
	if !hasType {
		typ.Value = "content" // DocFX's default
	}
	_, hasSource := im.Get("source")
	switch {
	case !im.Closed:
		c.report("image-syntax-invalid", r.TagStart, r.TagStart+len(":::image"), ":::image is not closed with :::")
	case !slices.Contains(imageTypes, typ.Value): // DocFX matches the type with its letter case
		c.report("image-syntax-invalid", r.Start, r.End, ":::image type \"%s\" is not content, icon or complex", typ.Value)
	case !hasSource || strings.TrimSpace(r.Dest) == "":
		c.report("image-syntax-invalid", r.TagStart, r.TagEnd, ":::image has no source")
	case typ.Value == "complex" && im.EndTag < 0:
		c.report("image-syntax-invalid", r.Start, r.End, ":::image type=\"complex\" needs a long description ending with :::image-end:::")
	}
}

// imageAlt checks that an image has alternative text.
func imageAlt(c *Context, r links.Ref) {
	switch {
	case r.DocFX:
		typ, _ := r.Image.Get("type")
		if strings.EqualFold(typ.Value, "icon") || strings.TrimSpace(r.Alt) != "" {
			return
		}
		c.report("image-alt-missing", r.Start, r.End, ":::image \"%s\" has no alt-text", r.Dest)
	case r.Syntax == markdown.RefHTMLImage:
		if !r.HasAlt {
			c.report("image-alt-missing", r.Start, r.End, "<img> \"%s\" has no alt attribute", r.Dest)
		}
	default:
		if strings.TrimSpace(r.Alt) == "" {
			c.report("image-alt-missing", r.Start, r.End, "image \"%s\" has no alt text", r.Dest)
		}
	}
}

var (
	fullRef   = regexp.MustCompile(`\[([^\]\n]+)\]\[([^\]\n]+)\]`)
	urlLabel  = regexp.MustCompile(`(?i)^(https?://|www\.|mailto:|data-blade:)|\.(md|html?|aspx)$`)
	refDefine = regexp.MustCompile(`(?m)^ {0,3}\[([^\]\n]+)\]:`)
)

// undefinedRefs finds [text][label] whose label looks like a URL or path
// but has no definition: it shows as literal text.
func undefinedRefs(c *Context) {
	doc := c.Article.Doc
	m := doc.Masked()
	if !strings.Contains(string(m), "][") {
		return
	}
	defined := map[string]bool{}
	for _, d := range refDefine.FindAllSubmatch(m, -1) {
		defined[strings.ToLower(strings.TrimSpace(string(d[1])))] = true
	}
	for _, loc := range fullRef.FindAllSubmatchIndex(m, -1) {
		label := strings.TrimSpace(string(m[loc[4]:loc[5]]))
		if urlLabel.MatchString(label) && !defined[strings.ToLower(label)] {
			base := c.Article.BodyStart
			c.report("link-ref-undefined", base+loc[4], base+loc[5],
				"reference [%s] is not defined, so the link shows as text: write [text](%s)", label, label)
		}
	}
}

// construct returns the source of a link or image starting at off, up to
// its closing parenthesis on the same line, for messages.
func construct(src []byte, off int) string {
	line := src[off:]
	if i := strings.IndexByte(string(line), '\n'); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(string(line), ")"); i >= 0 {
		line = line[:i+1]
	}
	return string(line)
}

// ExternalLinks reports the http(s) links of an article that an external
// check found broken or permanently moved; results are keyed by URL without
// fragment.
func ExternalLinks(env *Env, a *article.Article, refs []links.Ref, results map[string]external.Result) diag.List {
	c := newContext(env, a)
	for _, r := range refs {
		u, ok := ExternalURL(r)
		if !ok {
			continue
		}
		res, ok := results[u]
		switch {
		case !ok || res.Ignored:
		case !res.OK():
			why := res.Err
			if why == "" {
				why = fmt.Sprintf("%d %s", res.Status, http.StatusText(res.Status))
			}
			c.report("link-external-broken", r.Start, r.End, "%s \"%s\" is broken: %s", what(r), r.Dest, why)
		case res.Final != "":
			d := c.report("link-external-redirect", r.Start, r.End, "%s \"%s\" moved permanently to %s", what(r), r.Dest, res.Final)
			fix(d, "link to "+res.Final, diag.Edit{Start: r.Start, End: r.End, New: res.Final})
		}
	}
	return suppress(a, c.out)
}

// ExternalURL returns the URL an external check asks for a reference: an
// http(s) link or image, without its fragment.
func ExternalURL(r links.Ref) (string, bool) {
	if r.Kind == links.Include {
		return "", false
	}
	t := links.Parse(r.Dest)
	if t.Kind != links.External || t.Scheme != "http" && t.Scheme != "https" {
		return "", false
	}
	u := strings.TrimSpace(r.Dest)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if !strings.HasPrefix(u[len(t.Scheme)+1:], "//") {
		return "", false
	}
	return u, true
}
