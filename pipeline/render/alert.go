package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAlert is the node kind of a DocFX alert (> [!NOTE]).
var KindAlert = ast.NewNodeKind("DocFXAlert")

// alertNode is a block quote that opened with [!NOTE], [!TIP], ...
type alertNode struct {
	ast.BaseBlock
	Alert string // lower case: note, tip, important, warning, caution
}

func (n *alertNode) Kind() ast.NodeKind { return KindAlert }
func (n *alertNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Alert": n.Alert}, nil)
}

var (
	alertMarker = regexp.MustCompile(`(?i)^\[!(note|tip|important|warning|caution)\]`)
	alertTitles = map[string]string{"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}
)

// markAttr is the attribute the paragraph transformer leaves on a block
// quote that alertTransformer turns into an alert or div.
var markAttr = []byte("docfx-mark")

type alertExt struct{ r *Renderer }

func (e *alertExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(alertParagraph{}, 200)),
		parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(alertRenderer{}, 100)))
}

// alertParagraph finds the marker on the first line of the first
// paragraph of a block quote, removes it, and marks the quote.
type alertParagraph struct{}

func (alertParagraph) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	q, ok := p.Parent().(*ast.Blockquote)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	if q.FirstChild() != p {
		divLater(p, reader.Source())
		return
	}
	src := reader.Source()
	seg := p.Lines().At(0)
	line := seg.Value(src)
	trimmed := bytes.TrimLeft(line, " \t")
	var mark string
	var n int
	if m := alertMarker.FindSubmatchIndex(trimmed); m != nil {
		mark, n = "alert:"+strings.ToLower(string(trimmed[m[2]:m[3]])), m[1]
	} else if m := divMarker.FindSubmatchIndex(trimmed); m != nil {
		var v []byte
		if m[2] >= 0 {
			v = trimmed[m[2]:m[3]]
		} else if m[4] >= 0 {
			v = trimmed[m[4]:m[5]]
		}
		mark, n = "div:"+divClasses(v), m[1]
	} else {
		return
	}
	q.SetAttribute(markAttr, mark)
	dropLinePrefix(p, len(line)-len(trimmed)+n, src)
	if p.Parent() != nil { // "> [!NOTE]" then "> [!INCLUDE ...]": a block include
		includeParagraph{}.Transform(p, reader, pc)
	}
}

// dropLinePrefix removes the first n bytes of the paragraph's first line,
// the line itself when nothing but space is left, and the paragraph when
// it has no line left.
func dropLinePrefix(p *ast.Paragraph, n int, src []byte) {
	lines := p.Lines()
	seg := lines.At(0)
	rest := seg.WithStart(seg.Start + n)
	if len(bytes.TrimSpace(rest.Value(src))) == 0 {
		l := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			l.Append(lines.At(i))
		}
		p.SetLines(l)
	} else {
		rest = rest.TrimLeftSpace(src)
		lines.Set(0, rest)
	}
	if p.Lines().Len() == 0 {
		p.Parent().RemoveChild(p.Parent(), p)
	}
}

// alertTransformer replaces marked block quotes by alert and div nodes,
// and unwraps a block quote that holds a video only.
type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var quotes []*ast.Blockquote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	defer wrapDivs(doc)
	for _, q := range quotes {
		var repl ast.Node
		if v, ok := q.Attribute(markAttr); ok {
			mark := v.(string)
			if t, ok := strings.CutPrefix(mark, "alert:"); ok {
				repl = &alertNode{Alert: t}
			} else {
				repl = &divNode{Class: strings.TrimPrefix(mark, "div:")}
			}
		} else if _, ok := q.FirstChild().(*videoNode); ok {
			parent := q.Parent()
			for c := q.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, q, c)
				c = next
			}
			parent.RemoveChild(parent, q)
			continue
		} else {
			continue
		}
		moveChildren(repl, q)
		q.Parent().ReplaceChild(q.Parent(), q, repl)
	}
}

// moveChildren moves the children of from to the end of to.
func moveChildren(to, from ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

type alertRenderer struct{}

func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, renderAlert)
	reg.Register(KindDiv, renderDiv)
}

func renderAlert(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*alertNode)
	if entering {
		w.WriteString(`<div class="alert alert-` + n.Alert + `" role="note">` + "\n")
		w.WriteString(`<p class="alert-title">` + alertTitles[n.Alert] + "</p>\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
