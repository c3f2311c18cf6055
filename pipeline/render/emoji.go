package render

import (
	"unicode"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// emojiExt turns GitHub emoji shortcodes into the characters, as DocFX
// does (markdig's emoji extension, smileys off): "Applies to:
// :heavy_check_mark: Linux VMs" heads many Azure articles. Like markdig,
// and unlike goldmark-emoji alone, it leaves a shortcode that follows a
// letter or digit: "user1:x:1001" and "1:100:2" are not emoji.
type emojiExt struct{}

func (emojiExt) Extend(m goldmark.Markdown) {
	unicodeOut := emoji.WithRenderingMethod(emoji.Unicode).(emoji.RendererOption)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(emoji.NewHTMLRenderer(unicodeOut), 200)))
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(shortcodes{emoji.NewParser()}, 999)))
}

// shortcodes is goldmark-emoji's parser, tried only at a word start.
type shortcodes struct{ parser.InlineParser }

func (s shortcodes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if c := block.PrecendingCharacter(); unicode.IsLetter(c) || unicode.IsDigit(c) {
		return nil
	}
	return s.InlineParser.Parse(parent, block, pc)
}
