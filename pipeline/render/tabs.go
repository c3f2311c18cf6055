package render

import (
	"github.com/helpsite/helpsite/pipeline/markdown"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Tab groups: consecutive headings "# [Title](#tab/id)" of one level, each
// followed by its content, ended by a "---" line (which is dropped), a
// heading of the same or a higher rank that is not a tab, or the end of
// the container. See doc.go for the markup.

// KindTabGroup and KindTabPanel are the node kinds of a tab group and of
// one of its tabs.
var (
	KindTabGroup = ast.NewNodeKind("DocFXTabGroup")
	KindTabPanel = ast.NewNodeKind("DocFXTabPanel")
)

type tabGroup struct{ ast.BaseBlock }

func (n *tabGroup) Kind() ast.NodeKind         { return KindTabGroup }
func (n *tabGroup) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// tabPanel is one tab: its content as children, its title as the inline
// nodes of label (the link text of the tab heading).
type tabPanel struct {
	ast.BaseBlock
	ID    string // "tab/windows"; made unique in the page by prepare
	label ast.Node
}

func (n *tabPanel) Kind() ast.NodeKind { return KindTabPanel }
func (n *tabPanel) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

type tabsExt struct{ r *Renderer }

func (e *tabsExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tabsTransformer{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&tabsRenderer{e.r}, 100)))
}

// tabLink returns the link of a DocFX tab heading (markdown.IsTabHeading).
func tabLink(n ast.Node) (*ast.Link, bool) {
	h, ok := n.(*ast.Heading)
	if !ok || !markdown.IsTabHeading(h) {
		return nil, false
	}
	return h.FirstChild().(*ast.Link), true
}

type tabsTransformer struct{}

func (tabsTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	groupTabs(doc, reader.Source())
}

func groupTabs(parent ast.Node, src []byte) {
	for c := parent.FirstChild(); c != nil; {
		if _, ok := tabLink(c); ok {
			c = buildGroup(parent, c.(*ast.Heading), src)
			continue
		}
		switch c.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		default:
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				groupTabs(c, src)
			}
		}
		c = c.NextSibling()
	}
}

// buildGroup gathers the tabs starting at h into a group and returns the
// node after it.
func buildGroup(parent ast.Node, h *ast.Heading, src []byte) ast.Node {
	level := h.Level
	g := &tabGroup{}
	g.SetPos(markdown.HeadingStart(h, src))
	parent.InsertBefore(parent, h, g)
	var panel *tabPanel
	c := ast.Node(h)
loop:
	for c != nil {
		next := c.NextSibling()
		switch t := c.(type) {
		case *ast.Heading:
			if l, ok := tabLink(t); ok && t.Level == level {
				panel = &tabPanel{ID: string(l.Destination[1:]), label: ast.NewParagraph()}
				moveChildren(panel.label, l)
				parent.RemoveChild(parent, t)
				g.AppendChild(g, panel)
				c = next
				continue
			}
			if t.Level <= level {
				break loop
			}
		case *ast.ThematicBreak:
			parent.RemoveChild(parent, t)
			break loop
		}
		parent.RemoveChild(parent, c)
		panel.AppendChild(panel, c)
		c = next
	}
	for p := g.FirstChild(); p != nil; p = p.NextSibling() {
		groupTabs(p, src)
	}
	return g.NextSibling()
}

// tabIDs hands out unique tab ids in a page: the second and later tabs
// with one id get "tab/x-1", "tab/x-2", ...
type tabIDs struct {
	seen map[string]bool
	next map[string]int // the last suffix tried for an id
}

func (t *tabIDs) unique(root ast.Node) {
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*tabPanel); ok && entering {
			id := p.ID
			for i := t.next[p.ID] + 1; t.seen[id]; i++ {
				id = p.ID + "-" + strconv.Itoa(i)
				t.next[p.ID] = i
			}
			t.seen[id] = true
			p.ID = id
		}
		return ast.WalkContinue, nil
	})
}

type tabsRenderer struct{ r *Renderer }

func (tr *tabsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTabGroup, tr.renderGroup)
	reg.Register(KindTabPanel, tr.renderPanel)
}

func (tr *tabsRenderer) label(w util.BufWriter, src []byte, p *tabPanel) error {
	for c := p.label.FirstChild(); c != nil; c = c.NextSibling() {
		if err := tr.r.md.Renderer().Render(w, src, c); err != nil {
			return err
		}
	}
	return nil
}

func (tr *tabsRenderer) renderGroup(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("<div class=\"tabs\">\n<ul class=\"tab-list\">\n")
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		p := c.(*tabPanel)
		id := util.EscapeHTML([]byte(p.ID))
		w.WriteString(`<li><a class="tab-link" id="`)
		w.Write(id)
		w.WriteString(`-tab" href="#`)
		w.Write(id)
		w.WriteString(`">`)
		if err := tr.label(w, src, p); err != nil {
			return ast.WalkStop, err
		}
		w.WriteString("</a></li>\n")
	}
	w.WriteString("</ul>\n")
	return ast.WalkContinue, nil
}

func (tr *tabsRenderer) renderPanel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</section>\n")
		return ast.WalkContinue, nil
	}
	p := node.(*tabPanel)
	id := util.EscapeHTML([]byte(p.ID))
	w.WriteString(`<section class="tab-panel" id="`)
	w.Write(id)
	w.WriteString(`" aria-labelledby="`)
	w.Write(id)
	w.WriteString(`-tab">` + "\n" + `<p class="tab-title"><a href="#`)
	w.Write(id)
	w.WriteString(`">`)
	if err := tr.label(w, src, p); err != nil {
		return ast.WalkStop, err
	}
	w.WriteString("</a></p>\n")
	return ast.WalkContinue, nil
}
