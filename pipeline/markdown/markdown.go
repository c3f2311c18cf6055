// Package markdown parses article bodies with goldmark, configured the way
// DocFX renders Learn content (GFM tables, strikethrough, task lists), and
// gives the checks and the renderer the same syntax tree.
package markdown

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Doc is a parsed Markdown body. Node positions (Pos, segments) are byte
// offsets into Src.
type Doc struct {
	Src  []byte
	Root ast.Node
	// closedFences holds the fenced code blocks that end with a closing
	// fence line; any other fenced block runs to the end of its container.
	closedFences map[ast.Node]bool

	maskOnce sync.Once
	masked   []byte
	outOnce  sync.Once
	out      *outline
}

// Compact drops the syntax tree once the checks are done with it, keeping
// what a renderer asks of the document: its source, the outline (headings
// with their ids, parts, includes, images, refs, alerts) without the nodes
// behind it. A site's trees hold about half of a build's live memory. After
// Compact, Root is nil and FencedBlocks and Tables panic; checks must run
// before.
func (d *Doc) Compact() {
	o := d.outline()
	d.Masked()
	d.Root, d.closedFences = nil, nil
	o.fenced, o.tables = nil, nil
	for i := range o.headings {
		o.headings[i].Node = nil
	}
	for i := range o.alerts {
		o.alerts[i].Quote = nil
	}
	for i := range o.refs {
		o.refs[i].Node = nil
	}
}

// Closed reports whether a fenced code block has a closing fence.
func (d *Doc) Closed(n *ast.FencedCodeBlock) bool {
	d.mustHaveTree("Closed")
	return d.closedFences[n]
}

var (
	mdOnce sync.Once
	md     goldmark.Markdown
)

// Markdown returns the shared goldmark instance. It is safe for concurrent
// use.
func Markdown() goldmark.Markdown {
	mdOnce.Do(func() {
		blocks := parser.DefaultBlockParsers()
		for i, b := range blocks {
			if b.Value == parser.NewFencedCodeBlockParser() {
				blocks[i] = util.Prioritized(&fenceParser{BlockParser: parser.NewFencedCodeBlockParser()}, b.Priority)
			}
		}
		md = goldmark.New(
			goldmark.WithParser(parser.NewParser(
				parser.WithBlockParsers(blocks...),
				parser.WithInlineParsers(parser.DefaultInlineParsers()...),
				parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			)),
			goldmark.WithExtensions(extension.Table, extension.Strikethrough, taskList{}),
		)
	})
	return md
}

// Parse parses src.
func Parse(src []byte) *Doc {
	pc := parser.NewContext()
	closed := make(map[ast.Node]bool)
	pc.Set(closedKey, closed)
	root := Markdown().Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return &Doc{Src: src, Root: root, closedFences: closed}
}

var closedKey = parser.NewContextKey()

// fenceParser wraps goldmark's fenced code block parser to remember which
// blocks end with a closing fence: goldmark closes a block the same way
// whether its fence line came or the document ended.
type fenceParser struct {
	parser.BlockParser
}

func (f *fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := f.BlockParser.Continue(node, reader, pc)
	if st&parser.Close != 0 {
		if m, ok := pc.Get(closedKey).(map[ast.Node]bool); ok {
			m[node] = true
		}
	}
	return st
}
