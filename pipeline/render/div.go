package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// > [!div class="nextstepaction"]: the block quote's content in a div with
// the given classes (only safe names). The marker is read by
// alertParagraph, the node made by alertTransformer (alert.go).

// KindDiv is the node kind of > [!div class="..."].
var KindDiv = ast.NewNodeKind("DocFXDiv")

var (
	divMarker = regexp.MustCompile(`(?i)^\[!div\s+class\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\]`)
	safeClass = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// divNode is a block quote that opened with [!div class="..."].
type divNode struct {
	ast.BaseBlock
	Class string // safe class names, space separated
}

func (n *divNode) Kind() ast.NodeKind { return KindDiv }
func (n *divNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Class": n.Class}, nil)
}

func renderDiv(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*divNode)
	if entering {
		if n.Class == "" {
			w.WriteString("<div>\n")
		} else {
			w.WriteString(`<div class="` + n.Class + `">` + "\n")
		}
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// divClasses keeps the safe class names of a [!div class="..."] value.
func divClasses(v []byte) string {
	var cls []string
	for _, c := range strings.Fields(string(v)) {
		if safeClass.MatchString(c) {
			cls = append(cls, c)
		}
	}
	return strings.Join(cls, " ")
}

// divStart marks where a [!div] that is not the first line of its block
// quote starts (as in a > [!TIP] that goes on with > [!div ...]): the
// blocks after it, to the end of the quote, go into the div.
type divStart struct {
	ast.BaseBlock
	Class string
}

var kindDivStart = ast.NewNodeKind("DocFXDivStart")

func (n *divStart) Kind() ast.NodeKind         { return kindDivStart }
func (n *divStart) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// divLater reads a [!div] marker on the first line of a paragraph that is
// not the first block of its quote.
func divLater(p *ast.Paragraph, src []byte) {
	seg := p.Lines().At(0)
	line := seg.Value(src)
	trimmed := bytes.TrimLeft(line, " \t")
	m := divMarker.FindSubmatchIndex(trimmed)
	if m == nil {
		return
	}
	var v []byte
	if m[2] >= 0 {
		v = trimmed[m[2]:m[3]]
	} else if m[4] >= 0 {
		v = trimmed[m[4]:m[5]]
	}
	p.Parent().InsertBefore(p.Parent(), p, &divStart{Class: divClasses(v)})
	dropLinePrefix(p, len(line)-len(trimmed)+m[1], src)
}

// wrapDivs turns every divStart into a div holding the blocks after it.
func wrapDivs(doc ast.Node) {
	var starts []*divStart
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if s, ok := n.(*divStart); ok && entering {
			starts = append(starts, s)
		}
		return ast.WalkContinue, nil
	})
	for _, s := range starts {
		d := &divNode{Class: s.Class}
		for c := s.NextSibling(); c != nil; {
			next := c.NextSibling()
			d.AppendChild(d, c)
			c = next
		}
		s.Parent().ReplaceChild(s.Parent(), s, d)
	}
}
