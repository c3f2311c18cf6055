package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// taskList is GFM task lists as the spec has them (and as
// pipeline/markdown reads them): "[ ]" or "[x]" must be followed by white
// space, so "- [x](a.md)" stays a link.
type taskList struct{}

func (taskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(checkBoxParser{extension.NewTaskCheckBoxParser()}, 0)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500)))
}

type checkBoxParser struct{ parser.InlineParser }

func (p checkBoxParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) >= 3 && line[0] == '[' && line[2] == ']' && (len(line) == 3 || !util.IsSpace(line[3])) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
