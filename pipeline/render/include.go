package render

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// KindInclude is the node kind of [!INCLUDE [title](path)].
var KindInclude = ast.NewNodeKind("DocFXInclude")

// includeNode is an [!INCLUDE]: a block when it stands alone on a line, an
// inline otherwise. prepare binds it to the parsed included file, or marks
// it missing or not shown (cycle, depth).
type includeNode struct {
	ast.BaseBlock
	inline bool
	Start  int // offset of "[!" in the source, as markdown.Include.Start
	Path   string
	bound  *doc
	note   string // why it is not shown
}

func (n *includeNode) Kind() ast.NodeKind { return KindInclude }

func (n *includeNode) Type() ast.NodeType {
	if n.inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}

func (n *includeNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Path": n.Path}, nil)
}

// includeLine is markdown's include syntax anchored at the start.
var includeLine = regexp.MustCompile(`(?i)^\[!include\s*\[([^\]]*)\]\(\s*<?([^)\s>]*)>?\s*(?:"[^"]*")?\s*\)\s*\]`)

type includeExt struct{ r *Renderer }

func (e *includeExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(includeParagraph{}, 150)),
		parser.WithInlineParsers(util.Prioritized(includeInline{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&includeRenderer{e.r}, 100)))
}

// includeParagraph turns a paragraph whose every line is an include into
// block includes.
type includeParagraph struct{}

func (includeParagraph) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 || p.Parent() == nil {
		return
	}
	src := reader.Source()
	var nodes []*includeNode
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		trimmed := bytes.TrimLeft(line, " \t")
		m := includeLine.FindSubmatchIndex(trimmed)
		if m == nil || len(bytes.TrimSpace(trimmed[m[1]:])) != 0 {
			return
		}
		nodes = append(nodes, &includeNode{
			Start: seg.Start + len(line) - len(trimmed),
			Path:  string(trimmed[m[4]:m[5]]),
		})
	}
	parent := p.Parent()
	for _, n := range nodes {
		n.SetPos(n.Start)
		parent.InsertBefore(parent, p, n)
	}
	parent.RemoveChild(parent, p)
}

// includeInline reads an include inside a paragraph.
type includeInline struct{}

func (includeInline) Trigger() []byte { return []byte{'['} }

func (includeInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 10 || line[1] != '!' {
		return nil
	}
	m := includeLine.FindSubmatchIndex(line)
	if m == nil {
		return nil
	}
	n := &includeNode{inline: true, Start: seg.Start, Path: string(line[m[4]:m[5]])}
	block.Advance(m[1])
	return n
}

// bindInclude expands one include of the file a (stack: the files being
// expanded, a last) the way links.Anchors does, recording a finding when
// it is not shown.
func (r *Renderer) bindInclude(st *state, a *article.Article, stack []string, in *markdown.Include, n *includeNode) {
	p, ok := links.ResolveInclude(a.Path, in.Path)
	if !ok {
		return // the linter reports it; nothing visible
	}
	report := func(rule, msg string) {
		pos := a.Text.Pos(a.BodyStart + in.Start)
		end := a.Text.Pos(a.BodyStart + in.End)
		st.findings = append(st.findings, diag.Diagnostic{
			File: a.Path, Pos: pos, End: end, Rule: rule, Severity: diag.Warning, Message: msg,
		})
		if n != nil {
			n.note = msg
		}
	}
	switch {
	case len(stack) > links.MaxIncludeDepth:
		report(RuleIncludeDepth, fmt.Sprintf("include %s not shown: includes nest deeper than %d", in.Path, links.MaxIncludeDepth))
	case slices.Contains(stack, p):
		report(RuleIncludeCycle, fmt.Sprintf("include %s not shown: it includes itself (%s)", in.Path, cycleText(stack, p)))
	case r.opt.Load != nil:
		inc := r.opt.Load(p)
		if inc == nil || inc.Doc == nil {
			return
		}
		child := r.prepare(st, inc, append(stack[:len(stack):len(stack)], p))
		if n != nil {
			n.bound = child
		}
	}
}

func cycleText(stack []string, p string) string {
	i := slices.Index(stack, p)
	var b bytes.Buffer
	for _, s := range stack[i:] {
		b.WriteString(s)
		b.WriteString(" -> ")
	}
	b.WriteString(p)
	return b.String()
}

type includeRenderer struct{ r *Renderer }

func (ir *includeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInclude, ir.render)
}

func (ir *includeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*includeNode)
	switch {
	case n.note != "":
		tag := "p"
		if n.inline {
			tag = "span"
		}
		fmt.Fprintf(w, `<%s class="include-error" role="note">Include not shown: %s</%s>`, tag, util.EscapeHTML([]byte(n.Path)), tag)
		if !n.inline {
			w.WriteByte('\n')
		}
	case n.bound == nil:
		w.WriteString(`<span class="include-missing"></span>`)
	case n.inline:
		// As DocFX reads an inline include: its paragraphs' inline
		// content, one after the other; other blocks only when it has
		// some (they cannot sit in a paragraph, but nothing is lost).
		d := n.bound
		if !onlyParagraphs(d.root) {
			if err := ir.r.md.Renderer().Render(w, d.src, d.root); err != nil {
				return ast.WalkStop, err
			}
			break
		}
		for p := d.root.FirstChild(); p != nil; p = p.NextSibling() {
			if p != d.root.FirstChild() {
				w.WriteByte('\n')
			}
			for c := p.FirstChild(); c != nil; c = c.NextSibling() {
				if err := ir.r.md.Renderer().Render(w, d.src, c); err != nil {
					return ast.WalkStop, err
				}
			}
		}
	default:
		if err := ir.r.md.Renderer().Render(w, n.bound.src, n.bound.root); err != nil {
			return ast.WalkStop, err
		}
	}
	return ast.WalkSkipChildren, nil
}

func onlyParagraphs(root ast.Node) bool {
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Paragraph); !ok {
			return false
		}
	}
	return true
}
