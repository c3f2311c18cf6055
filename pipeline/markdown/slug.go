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
// AutoIdentifier in GitHub mode): letters and digits are kept, lower-cased;
// spaces become '-'; '-' and '_' are kept; everything else is dropped. Runs
// of '-' are kept as they are.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IDs hands out heading ids in document order, numbering repeats as DocFX
// does: the second "setup" is "setup-1", the third "setup-2".
type IDs struct {
	seen map[string]int
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{seen: map[string]int{}} }

// Next returns the id of the next heading with the given text.
func (ids *IDs) Next(text string) string {
	id := Slug(text)
	n, dup := ids.seen[id]
	ids.seen[id] = n + 1
	if !dup {
		return id
	}
	for {
		cand := id + "-" + strconv.Itoa(n)
		if _, taken := ids.seen[cand]; !taken {
			ids.seen[cand] = 1
			return cand
		}
		n++
	}
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
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
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

func htmlIDs(chunk []byte) []string {
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
