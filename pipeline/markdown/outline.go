package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Heading is one heading of a document.
type Heading struct {
	Node  *ast.Heading
	Level int
	Start int    // offset of the heading's first byte ('#' or the setext text)
	Line  string // the heading's source line(s) without the trailing newline
	Text  string // plain text of its inline content
	// Tab is set for a DocFX tab heading: "# [Title](#tab/id)".
	Tab bool
	// Setext is set for a heading underlined with === or ---.
	Setext bool

	// What ID needs, kept so that it works once the tree is gone (Compact).
	kept    bool
	idText  string // HeadingText
	named   string // the x of an opening <a name="x">
	isNamed bool
}

// Headings returns the headings of d in document order, at any depth
// (inside lists and block quotes too).
func (d *Doc) Headings() []Heading { return d.outline().headings }

// HeadingStart returns the offset of a heading's first byte in src ('#' or
// the setext text): where Heading.Start puts it, so that a heading of
// another parse of the same source can be matched to the outline's.
func HeadingStart(h *ast.Heading, src []byte) int {
	start := h.Pos()
	if start < 0 && h.Lines().Len() > 0 {
		start = h.Lines().At(0).Start
	}
	// goldmark counts a tab that opens a block as the spaces it stands
	// for, so in ">\t#" the heading's position lies past the end.
	return min(max(start, 0), len(src))
}

// Part is a heading or an include of a document.
type Part struct {
	Heading *Heading
	Include *Include
}

// Parts returns the headings and includes of d in document order: the
// order in which a page hands out heading ids, each include expanded where
// it stands (links.Anchors and the renderer walk it alike).
func (d *Doc) Parts() []Part {
	hs, ins := d.Headings(), d.Includes()
	out := make([]Part, 0, len(hs)+len(ins))
	for i := range hs {
		out = append(out, Part{Heading: &hs[i]})
	}
	for i := range ins {
		out = append(out, Part{Include: &ins[i]})
	}
	at := func(p Part) int {
		if p.Heading != nil {
			return p.Heading.Start
		}
		return p.Include.Start
	}
	slices.SortStableFunc(out, func(x, y Part) int { return at(x) - at(y) })
	return out
}

func (d *Doc) heading(h *ast.Heading) Heading {
	start := HeadingStart(h, d.Src)
	line := lineAt(d.Src, start)
	named, isNamed := namedAnchor(h, d.Src)
	return Heading{
		Node:    h,
		Level:   h.Level,
		Start:   start,
		Line:    string(line),
		Text:    PlainText(h, d.Src),
		Tab:     IsTabHeading(h),
		Setext:  len(line) > 0 && line[0] != '#',
		kept:    true,
		idText:  HeadingText(h, d.Src),
		named:   named,
		isNamed: isNamed,
	}
}

// IsTabHeading reports whether the heading's only content is a link to
// "#tab/...".
func IsTabHeading(h *ast.Heading) bool {
	c := h.FirstChild()
	if c == nil || c.NextSibling() != nil {
		return false
	}
	l, ok := c.(*ast.Link)
	return ok && bytes.HasPrefix(l.Destination, []byte("#tab/"))
}

// PlainText returns the text of a node's inline content: the values of its
// text nodes, code spans included, without markup.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// lineEnd returns the offset of the newline ending the line at off, or the
// end of src.
func lineEnd(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// lineAt returns the line holding off, without its newline.
func lineAt(src []byte, off int) []byte {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}

// Alert is a block quote that opens with "[!KEYWORD": a DocFX alert
// (NOTE, TIP, ...) or another DocFX block (INCLUDE, div, VIDEO, code).
type Alert struct {
	Quote   *ast.Blockquote
	Keyword string // as written
	Start   int    // offset of "[!"
	End     int    // offset after the keyword
}

// Alerts returns the block quotes of d whose first line starts with "[!".
func (d *Doc) Alerts() []Alert { return d.outline().alerts }

func (d *Doc) alert(q *ast.Blockquote) (Alert, bool) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return Alert{}, false
	}
	seg := p.Lines().At(0)
	line := seg.Value(d.Src)
	trimmed := bytes.TrimLeft(line, " \t")
	if !bytes.HasPrefix(trimmed, []byte("[!")) {
		return Alert{}, false
	}
	start := seg.Start + len(line) - len(trimmed)
	k := 2
	for k < len(trimmed) && isKeywordByte(trimmed[k]) {
		k++
	}
	return Alert{Quote: q, Keyword: string(trimmed[2:k]), Start: start, End: start + k}, true
}

func isKeywordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// FencedBlocks returns the fenced code blocks of d in document order.
func (d *Doc) FencedBlocks() []*ast.FencedCodeBlock {
	d.mustHaveTree("FencedBlocks")
	return d.outline().fenced
}

// Tables returns the GFM pipe tables of d.
func (d *Doc) Tables() []*east.Table {
	d.mustHaveTree("Tables")
	return d.outline().tables
}

func (d *Doc) mustHaveTree(what string) {
	if d.Root == nil { // Compact dropped it
		panic("markdown: " + what + " of a document after Compact")
	}
}

// Start returns the offset where a block node starts.
func Start(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if c := n.FirstChild(); c != nil {
		return Start(c)
	}
	return 0
}

// CodeRanges returns the byte ranges of code in d: fenced and indented code
// blocks (fence lines included) and code spans, in document order. Text in
// them is not markup, so checks that scan the source skip it.
func (d *Doc) CodeRanges() [][2]int { return d.outline().code }

func (d *Doc) codeBlockRange(n ast.Node) [2]int {
	start := Start(n)
	end := start
	if l := n.Lines(); l.Len() > 0 {
		end = l.At(l.Len() - 1).Stop
	}
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if n.Lines().Len() == 0 {
			end = min(lineEnd(d.Src, start)+1, len(d.Src))
		}
		if d.Closed(f) {
			end = lineEnd(d.Src, min(end, len(d.Src))) // the closing fence line
		}
	}
	return [2]int{start, max(end, start)}
}

func codeSpanRange(n *ast.CodeSpan) ([2]int, bool) {
	start, end := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
	}
	return [2]int{start, end}, start >= 0
}

// InCode reports whether off lies in one of the ranges (sorted by start).
func InCode(ranges [][2]int, off int) bool {
	for _, r := range ranges {
		if off < r[0] {
			return false
		}
		if off < r[1] {
			return true
		}
	}
	return false
}

// HeadingLike returns the paragraphs whose first line starts with one to
// six '#' glued to text ("###Recommended steps"): CommonMark does not read
// them as headings, but their authors meant them as headings. Level is the
// number of '#'.
func (d *Doc) HeadingLike() []Heading { return d.outline().headingLike }

func (d *Doc) headingLike(p *ast.Paragraph) (Heading, bool) {
	if p.Lines().Len() == 0 {
		return Heading{}, false
	}
	seg := p.Lines().At(0)
	line := bytes.TrimRight(seg.Value(d.Src), "\n")
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level == len(line) || line[level] == ' ' || line[level] == '\t' {
		return Heading{}, false
	}
	return Heading{Level: level, Start: seg.Start, Line: string(line), Text: string(line[level:])}, true
}

// TabID returns the fragment of a DocFX tab heading, "tab/windows" for
// "# [Windows](#tab/windows)", or "".
func TabID(h *ast.Heading) string {
	if l, ok := h.FirstChild().(*ast.Link); ok {
		return strings.TrimPrefix(string(l.Destination), "#")
	}
	return ""
}
