package render

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeSpanExt renders inline code with break opportunities (<wbr>) inside
// long runs, after a "/", "\", ":", "=" or "?" and before a "." or "_", so
// a URL or a registry key wraps at its punctuation on a narrow screen
// instead of running out of the column or breaking mid-word.
type codeSpanExt struct{}

func (codeSpanExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeSpanRenderer{}, 100)))
}

type codeSpanRenderer struct{}

func (codeSpanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeSpan, renderCodeSpan)
}

// minBreakRun is the length from which a run of code without spaces gets
// break opportunities.
const minBreakRun = 20

func renderCodeSpan(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var text []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		v := t.Segment.Value(src)
		if bytes.HasSuffix(v, []byte("\n")) { // a line break inside code is a space
			v = append(v[:len(v)-1:len(v)-1], ' ')
		}
		text = append(text, v...)
	}
	w.WriteString("<code>")
	for i, run := range strings.Split(string(text), " ") {
		if i > 0 {
			w.WriteByte(' ')
		}
		if len(run) < minBreakRun {
			w.Write(util.EscapeHTML([]byte(run)))
			continue
		}
		for j := 0; j < len(run); j++ {
			c := run[j]
			if j > 0 && (c == '.' || c == '_') && run[j-1] != c && run[j-1] != '/' {
				w.WriteString("<wbr>")
			}
			if e := util.EscapeHTMLByte(c); e != nil {
				w.Write(e)
			} else {
				w.WriteByte(c)
			}
			if j+1 < len(run) && strings.IndexByte(`/\:=?`, c) >= 0 && strings.IndexByte(`/\:=?`, run[j+1]) < 0 {
				w.WriteString("<wbr>")
			}
		}
	}
	w.WriteString("</code>")
	return ast.WalkSkipChildren, nil
}
