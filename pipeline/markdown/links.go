package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// RefKind is the syntax a reference was written in.
type RefKind int

const (
	RefLink      RefKind = iota // [text](dest), [text][label], [label]
	RefImage                    // ![alt](src)
	RefAutoLink                 // <https://...>
	RefHTMLLink                 // <a href="...">
	RefHTMLImage                // <img src="...">
)

// Ref is a link or image reference of a document.
type Ref struct {
	Kind RefKind
	Dest string
	// Start is where the construct starts; DestStart/DestEnd is the
	// destination text when it can be found in the source (else Start).
	Start, DestStart, DestEnd int
	Node                      ast.Node
	Alt                       string // images: the alt text
	HasAlt                    bool   // <img>: whether an alt attribute is present
}

// Refs returns the links and images of d in document order.
func (d *Doc) Refs() []Ref { return d.outline().refs }

func (d *Doc) ref(kind RefKind, n ast.Node, dest string) Ref {
	start := max(n.Pos(), 0)
	r := Ref{Kind: kind, Dest: dest, Start: start, DestStart: start, DestEnd: start, Node: n}
	if _, ok := n.(*ast.AutoLink); ok && dest != "" {
		// <https://...>: the destination follows the "<".
		written := strings.TrimPrefix(dest, "mailto:") // "mailto:" is ours for <a@b.c>
		if i := bytes.Index(d.Src[start:min(len(d.Src), start+len(dest)+8)], []byte(written)); i >= 0 {
			r.DestStart, r.DestEnd = start+i, start+i+len(written)
		}
	}
	return r
}

// htmlRefs finds <a href> and <img src> in raw HTML at src[start:end].
func htmlRefs(src []byte, start, end int, n ast.Node) []Ref {
	chunk := src[start:end]
	if !bytes.Contains(chunk, []byte("<")) {
		return nil
	}
	var out []Ref
	z := html.NewTokenizer(bytes.NewReader(chunk))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		raw := z.Raw()
		tokStart := off
		off += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		var kind RefKind
		var want string
		switch string(name) {
		case "a":
			kind, want = RefHTMLLink, "href"
		case "img":
			kind, want = RefHTMLImage, "src"
		default:
			continue
		}
		r := Ref{Kind: kind, Start: start + tokStart, Node: n}
		found := false
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch strings.ToLower(string(k)) {
			case want:
				r.Dest, found = string(v), true
			case "alt":
				r.Alt, r.HasAlt = string(v), true
			}
		}
		if !found {
			continue
		}
		r.DestStart, r.DestEnd = r.Start, r.Start
		if i := bytes.Index(raw, []byte(r.Dest)); i >= 0 && r.Dest != "" {
			r.DestStart, r.DestEnd = r.Start+i, r.Start+i+len(r.Dest)
		}
		out = append(out, r)
	}
}
