package markdown

import (
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TaskList is GFM task lists as the spec has them: "[ ]" or "[x]" must be
// followed by white space. goldmark's own parser also takes "- [x](a.md)",
// which turns a link whose text is "x" into a checkbox and loses the link.
// The linter's parser and the renderer both use it.
var TaskList goldmark.Extender = taskList{}

type taskList struct{}

func (taskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(checkBoxParser{extension.NewTaskCheckBoxParser()}, 0)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500)))
}

type checkBoxParser struct{ parser.InlineParser }

func (p checkBoxParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	if len(line) >= 3 && line[0] == '[' && line[2] == ']' && (len(line) == 3 || !util.IsSpace(line[3])) {
		return nil // "[x]" glued to what follows: a link or text, not a checkbox
	}
	return p.InlineParser.Parse(parent, block, pc)
}
