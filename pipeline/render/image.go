package render

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// KindImage is the node kind of a DocFX :::image:::.
var KindImage = ast.NewNodeKind("DocFXImage")

// imageNode is a :::image ...::: tag. A block image of type complex holds
// its long description (the blocks up to :::image-end:::) as children.
type imageNode struct {
	ast.BaseBlock
	inline bool
	attrs  map[string]string // lower-case names
	from   string
}

func (n *imageNode) Kind() ast.NodeKind { return KindImage }

func (n *imageNode) Type() ast.NodeType {
	if n.inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}

func (n *imageNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, n.attrs, nil) }

func (n *imageNode) typ() string {
	switch t := strings.ToLower(n.attrs["type"]); t {
	case "icon", "complex":
		return t
	}
	return "content"
}

var (
	imageOpen = []byte(":::image")
	imageEnd  = []byte(":::image-end:::")
)

// parseImageTag reads ":::image attrs:::" at the start of b and returns the
// attributes and the length of the tag, or -1.
func parseImageTag(b []byte) (map[string]string, int) {
	if len(b) < len(imageOpen)+4 || !bytes.EqualFold(b[:len(imageOpen)], imageOpen) {
		return nil, -1
	}
	rest := b[len(imageOpen):]
	if rest[0] != ' ' && rest[0] != '\t' {
		return nil, -1
	}
	end := bytes.Index(rest, []byte(":::"))
	if end < 0 {
		return nil, -1
	}
	attrs := map[string]string{}
	for _, a := range markdown.TagAttrs(rest[:end]) {
		k := strings.ToLower(a.Name)
		if _, dup := attrs[k]; !dup {
			attrs[k] = html.UnescapeString(a.Value) // DocFX reads them as HTML attributes
		}
	}
	return attrs, len(imageOpen) + end + 3
}

type imageExt struct{ r *Renderer }

func (e *imageExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(imageBlockParser{}, 150)),
		parser.WithInlineParsers(util.Prioritized(imageInlineParser{}, 150)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&imageRenderer{e.r}, 100)))
}

// imageBlockParser reads a :::image::: alone on its line; a complex image
// goes on to :::image-end:::.
type imageBlockParser struct{}

func (imageBlockParser) Trigger() []byte { return []byte{':'} }

func (imageBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	attrs, n := parseImageTag(line[pos:])
	if n < 0 || len(bytes.TrimSpace(line[pos+n:])) != 0 {
		return nil, parser.NoChildren
	}
	node := &imageNode{attrs: attrs, from: fromOf(pc)}
	node.SetPos(seg.Start + pos)
	reader.Advance(seg.Len())
	if node.typ() == "complex" {
		return node, parser.HasChildren
	}
	return node, parser.NoChildren
}

func (imageBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*imageNode)
	if n.typ() != "complex" {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if bytes.EqualFold(bytes.TrimSpace(line), imageEnd) {
		reader.Advance(seg.Len())
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (imageBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (imageBlockParser) CanInterruptParagraph() bool                                { return true }
func (imageBlockParser) CanAcceptIndentedLine() bool                                { return false }

// imageInlineParser reads a :::image::: inside a paragraph; a stray
// :::image-end::: there is dropped.
type imageInlineParser struct{}

func (imageInlineParser) Trigger() []byte { return []byte{':'} }

func (imageInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < len(imageEnd) || line[1] != ':' || line[2] != ':' {
		return nil
	}
	if bytes.EqualFold(line[:len(imageEnd)], imageEnd) {
		block.Advance(len(imageEnd))
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start))
	}
	if len(line) > len(noLocOpen) && bytes.EqualFold(line[:len(noLocOpen)], noLocOpen) {
		return parseNoLoc(line, block)
	}
	attrs, n := parseImageTag(line)
	if n < 0 {
		return nil
	}
	block.Advance(n)
	return &imageNode{inline: true, attrs: attrs, from: fromOf(pc)}
}

var noLocOpen = []byte(":::no-loc")

// parseNoLoc reads :::no-loc text="...":::, which shows its text as is.
func parseNoLoc(line []byte, block text.Reader) ast.Node {
	rest := line[len(noLocOpen):]
	end := bytes.Index(rest, []byte(":::"))
	if end < 0 || (rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	attrs := markdown.TagAttrs(rest[:end])
	if len(attrs) == 0 || !strings.EqualFold(attrs[0].Name, "text") {
		return nil
	}
	block.Advance(len(noLocOpen) + end + 3)
	return ast.NewString([]byte(html.UnescapeString(attrs[0].Value)))
}

type imageRenderer struct{ r *Renderer }

func (ir *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindImage, ir.render)
}

func (ir *imageRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*imageNode)
	typ := n.typ()
	tag := "div"
	if n.inline {
		tag = "span"
	}
	if !entering {
		if typ == "complex" && !n.inline {
			w.WriteString("</details>")
		}
		w.WriteString("</" + tag + ">")
		if !n.inline {
			w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	}
	border := typ != "icon"
	if b, ok := n.attrs["border"]; ok {
		border = !strings.EqualFold(strings.TrimSpace(b), "false")
	}
	w.WriteString("<" + tag + ` class="docfx-image docfx-image-` + typ)
	if border {
		w.WriteString(" docfx-image-border")
	}
	w.WriteString(`">`)
	lightbox, hasLightbox := n.attrs["lightbox"]
	if hasLightbox && lightbox != "" {
		w.WriteString(`<a class="docfx-image-lightbox" href="`)
		writeURL(w, ir.r.link(n.from, lightbox, links.Lightbox))
		w.WriteString(`">`)
	}
	w.WriteString(`<img src="`)
	writeURL(w, ir.r.link(n.from, n.attrs["source"], links.Image))
	w.WriteString(`" alt="`)
	if typ != "icon" {
		w.Write(util.EscapeHTML([]byte(n.attrs["alt-text"])))
		w.WriteByte('"')
	} else {
		w.WriteString(`" role="presentation"`)
	}
	w.WriteByte('>')
	if hasLightbox && lightbox != "" {
		w.WriteString("</a>")
	}
	if typ == "complex" && !n.inline {
		w.WriteString("<details class=\"docfx-image-description\"><summary>Description</summary>\n")
	}
	return ast.WalkContinue, nil
}

// writeURL writes a URL escaped for an attribute value.
func writeURL(w util.BufWriter, u string) {
	w.Write(util.EscapeHTML(util.URLEscape([]byte(u), false)))
}
