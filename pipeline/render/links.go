package render

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/helpsite/helpsite/pipeline/links"
)

// KindRawHTML is the node kind of raw HTML whose href and src attributes
// were rewritten (inline, or a block when Block is set).
var KindRawHTML = ast.NewNodeKind("RewrittenHTML")

type rawHTML struct {
	ast.BaseBlock
	inline bool
	Value  []byte
}

func (n *rawHTML) Kind() ast.NodeKind { return KindRawHTML }
func (n *rawHTML) Type() ast.NodeType {
	if n.inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}
func (n *rawHTML) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": string(n.Value)}, nil)
}

var hrefAttr = []byte("href")

type linkExt struct{ r *Renderer }

func (e *linkExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&linkTransformer{e.r}, 300)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(linkRenderer{}, 100)))
}

// linkTransformer sends every destination (Markdown links, images,
// autolinks, href and src of raw HTML) through Options.Link, and turns
// data-blade: links into portal links.
type linkTransformer struct{ r *Renderer }

func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	from := fromOf(pc)
	shc := isSHC(pc)
	var replace [][2]ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest := string(n.Destination)
			if len(dest) >= 11 && strings.EqualFold(dest[:11], "data-blade:") {
				p := &portalLink{Blade: bladeName(dest)}
				replace = append(replace, [2]ast.Node{n, p})
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(t.r.link(from, dest, links.Link))
		case *ast.Image:
			n.Destination = []byte(t.r.link(from, string(n.Destination), links.Image))
		case *ast.AutoLink:
			u := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			n.SetAttribute(hrefAttr, t.r.link(from, u, links.Link))
		case *ast.RawHTML:
			if v, ok := t.r.rewriteHTML(rawValue(n, src), from); ok {
				replace = append(replace, [2]ast.Node{n, &rawHTML{inline: true, Value: v}})
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			b := htmlBlockValue(n, src)
			v, ok := t.r.rewriteHTML(b, from)
			if shc {
				if tv := replaceTokens(v); len(tv) != len(v) || !bytes.Equal(tv, v) {
					v, ok = tv, true
				}
			}
			if ok {
				replace = append(replace, [2]ast.Node{n, &rawHTML{Value: v}})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, r := range replace {
		old, repl := r[0], r[1]
		if _, ok := repl.(*portalLink); ok {
			moveChildren(repl, old)
		}
		if p := old.Parent(); p != nil {
			p.ReplaceChild(p, old, repl)
		}
	}
}

// rewriteHTML rewrites the href and src attributes of a chunk of raw HTML
// through Options.Link and adds rel="noopener" to external links. It
// reports false when nothing changed.
func (r *Renderer) rewriteHTML(b []byte, from string) ([]byte, bool) {
	if !containsFold(b, "href") && !containsFold(b, "src") {
		return b, false
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	var out bytes.Buffer
	changed := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := bytes.Clone(z.Raw())
		name, more := z.TagName()
		tag := string(name)
		var attrs []html.Attribute
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		}
		mod, hasRel, external := false, false, false
		for i, a := range attrs {
			switch a.Key {
			case "href", "src":
				kind := links.Link
				if tag == "img" && a.Key == "src" {
					kind = links.Image
				}
				if nv := r.link(from, a.Val, kind); nv != a.Val {
					attrs[i].Val, mod = nv, true
				}
				if tag == "a" && a.Key == "href" {
					external = isExternal(attrs[i].Val)
				}
			case "rel":
				hasRel = true
			}
		}
		if external && !hasRel {
			attrs = append(attrs, html.Attribute{Key: "rel", Val: "noopener"})
			mod = true
		}
		if !mod {
			out.Write(raw)
			continue
		}
		changed = true
		out.WriteByte('<')
		out.WriteString(tag)
		for _, a := range attrs {
			out.WriteByte(' ')
			out.WriteString(a.Key)
			out.WriteString(`="`)
			out.WriteString(html.EscapeString(a.Val))
			out.WriteByte('"')
		}
		if tt == html.SelfClosingTagToken {
			out.WriteString(" /")
		}
		out.WriteByte('>')
	}
	if !changed {
		return b, false
	}
	return out.Bytes(), true
}

func containsFold(b []byte, lower string) bool {
	for i := 0; i+len(lower) <= len(b); i++ {
		if b[i]|0x20 == lower[0] && bytes.EqualFold(b[i:i+len(lower)], []byte(lower)) {
			return true
		}
	}
	return false
}

// isExternal reports whether a destination leaves the site: http(s) or
// protocol-relative.
func isExternal(dest string) bool {
	t := links.Parse(dest)
	return t.Kind == links.External && (t.Scheme == "http" || t.Scheme == "https" || t.Scheme == "")
}

type linkRenderer struct{}

func (linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*rawHTML).Value)
		}
		return ast.WalkSkipChildren, nil
	})
}

func writeHref(w util.BufWriter, dest []byte) {
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
	w.WriteByte('"')
	if isExternal(string(dest)) {
		w.WriteString(` rel="noopener"`)
	}
}

func renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	writeHref(w, n.Destination)
	if n.Title != nil {
		w.WriteString(` title="`)
		w.Write(util.EscapeHTML(n.Title))
		w.WriteByte('"')
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	dest := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(dest), []byte("mailto:")) {
		dest = append([]byte("mailto:"), dest...)
	}
	if v, ok := n.AttributeString("href"); ok {
		if s, ok := v.(string); ok {
			dest = []byte(s)
		}
	}
	writeHref(w, dest)
	w.WriteByte('>')
	w.Write(util.EscapeHTML(n.Label(src)))
	w.WriteString("</a>")
	return ast.WalkContinue, nil
}
