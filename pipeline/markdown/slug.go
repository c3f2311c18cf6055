package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// Slug turns heading text into an id the way DocFX does (markdig's
// AutoIdentifier in GitHub mode, LinkHelper.UrilizeAsGfm): letters (Lu, Ll,
// Lt, Lm, Lo) and decimal digits (Nd) are kept, lower-cased; U+0020 becomes
// '-'; '-' and '_' are kept; everything else is dropped, characters beyond
// U+FFFF included (.NET sees them as surrogate halves). Runs of '-' are not
// collapsed and nothing is trimmed. An empty result is "section".
func Slug(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r > 0xFFFF:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// IDs hands out heading ids in document order, numbering repeats as DocFX
// does: when an id is taken, "-1", "-2", ... are tried until one is free,
// so the headings "X", "X", "X 1" get x, x-1, x-1-1.
type IDs struct {
	used map[string]bool
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{used: map[string]bool{}} }

// Next returns the id of the next heading with the given text.
func (ids *IDs) Next(text string) string {
	id := Slug(text)
	for i := 1; ids.used[id]; i++ {
		id = Slug(text) + "-" + strconv.Itoa(i)
	}
	ids.used[id] = true
	return id
}

// ID returns the id DocFX gives the heading, taking it from ids. A tab
// heading ("# [Windows](#tab/windows)") shows no id but takes its slug,
// and "" is returned. A heading that opens with <a name="x"></a> has the
// id x; its automatic id is taken all the same.
func (h Heading) ID(ids *IDs, src []byte) string {
	text, named, isNamed := h.idText, h.named, h.isNamed
	if !h.kept && h.Node != nil {
		text = HeadingText(h.Node, src)
		named, isNamed = namedAnchor(h.Node, src)
	}
	auto := ids.Next(text)
	switch {
	case h.Tab:
		return ""
	case isNamed:
		return named // "" for <a name=""></a>: no id
	}
	return auto
}

// namedAnchor returns x, true when a heading opens with <a name="x"> (or
// id="x").
func namedAnchor(h *ast.Heading, src []byte) (string, bool) {
	raw, ok := h.FirstChild().(*ast.RawHTML)
	if !ok {
		return "", false
	}
	var tag []byte
	for i := 0; i < raw.Segments.Len(); i++ {
		seg := raw.Segments.At(i)
		tag = append(tag, seg.Value(src)...)
	}
	if names := HTMLIDs(tag); len(names) > 0 && bytes.HasPrefix(bytes.ToLower(tag), []byte("<a ")) {
		return names[0], true
	}
	return "", false
}

// HeadingText returns the text of a heading as DocFX reads it for its id:
// the rendered text of its inline content (markup, links and HTML tags
// removed; entities decoded).
func HeadingText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src)) // a soft line break adds "\n", which the slug drops
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.AutoLink:
			if al, ok := t.(*ast.AutoLink); ok {
				b.Write(al.Label(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return html.UnescapeString(b.String())
}

// ExplicitIDs returns the ids set in raw HTML: <a name="x">, id="x".
func (d *Doc) ExplicitIDs() []string { return d.outline().ids }

// HTMLIDs returns the ids of an HTML fragment: id attributes and the
// names of <a name> anchors, in order.
func HTMLIDs(chunk []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(chunk))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if string(k) == "id" || (string(k) == "name" && string(name) == "a") {
				out = append(out, string(v))
			}
		}
	}
}
