package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// outline is what the checks ask of a document, gathered in one walk of
// its tree and kept.
type outline struct {
	headings    []Heading
	headingLike []Heading
	alerts      []Alert
	fenced      []*ast.FencedCodeBlock
	tables      []*east.Table
	code        [][2]int
	refs        []Ref
	ids         []string
}

func (d *Doc) outline() *outline {
	d.outOnce.Do(d.walk)
	return d.out
}

func (d *Doc) walk() {
	o := &outline{}
	defs := map[string]*ast.LinkReferenceDefinition{}
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			o.headings = append(o.headings, d.heading(n))
		case *ast.Paragraph:
			if h, ok := d.headingLike(n); ok {
				o.headingLike = append(o.headingLike, h)
			}
		case *ast.Blockquote:
			if a, ok := d.alert(n); ok {
				o.alerts = append(o.alerts, a)
			}
		case *east.Table:
			o.tables = append(o.tables, n)
		case *ast.LinkReferenceDefinition:
			if k := util.ToLinkReference(n.Label); defs[k] == nil { // the first definition wins
				defs[k] = n
			}
		case *ast.FencedCodeBlock:
			o.fenced = append(o.fenced, n)
			o.code = append(o.code, d.codeBlockRange(n))
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			o.code = append(o.code, d.codeBlockRange(n))
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if r, ok := codeSpanRange(n); ok {
				o.code = append(o.code, r)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			o.refs = append(o.refs, d.ref(RefLink, n, string(n.Destination)))
		case *ast.Image:
			r := d.ref(RefImage, n, string(n.Destination))
			r.Alt, r.HasAlt = PlainText(n, d.Src), true
			o.refs = append(o.refs, r)
		case *ast.AutoLink:
			url := string(n.URL(d.Src))
			r := d.ref(RefAutoLink, n, url)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower([]byte(url)), []byte("mailto:")) {
				r.Dest = "mailto:" + url // <someone@example.com>
			}
			o.refs = append(o.refs, r)
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				start := n.Segments.At(0).Start
				end := n.Segments.At(n.Segments.Len() - 1).Stop
				d.rawHTML(o, start, end, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if l := n.Lines(); l.Len() > 0 {
				d.rawHTML(o, l.At(0).Start, l.At(l.Len()-1).Stop, n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i := range o.refs {
		d.placeDest(&o.refs[i], o.code, defs)
	}
	d.out = o
}

// placeDest finds where a link's or image's destination is written: in
// its definition for a reference link, else after its text, outside code.
func (d *Doc) placeDest(r *Ref, code [][2]int, defs map[string]*ast.LinkReferenceDefinition) {
	var ref *ast.ReferenceLink
	var label ast.Node
	switch n := r.Node.(type) {
	case *ast.Link:
		ref, label = n.Reference, n
	case *ast.Image:
		ref, label = n.Reference, n
	default:
		return
	}
	if r.Dest == "" {
		return
	}
	from, to := r.Start, min(len(d.Src), r.Start+4096)
	if ref != nil {
		def := defs[util.ToLinkReference(ref.Value)]
		if def == nil || def.Lines().Len() == 0 {
			return
		}
		from, to = def.Lines().At(0).Start, def.Lines().At(def.Lines().Len()-1).Stop
	} else if end := textEnd(label); end > from {
		from = end // the destination follows "](" after the link text
	}
	for off := from; off < to; {
		i := bytes.Index(d.Src[off:to], []byte(r.Dest))
		if i < 0 {
			return
		}
		if !InCode(code, off+i) {
			r.DestStart, r.DestEnd = off+i, off+i+len(r.Dest)
			return
		}
		off += i + 1
	}
}

// textEnd returns the end of the last text inside a node, or -1.
func textEnd(n ast.Node) int {
	end := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			end = max(end, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	return end
}

// rawHTML records the links, images and ids of raw HTML at src[start:end].
func (d *Doc) rawHTML(o *outline, start, end int, n ast.Node) {
	chunk := d.Src[start:end]
	if bytes.IndexByte(chunk, '<') < 0 {
		return
	}
	o.refs = append(o.refs, htmlRefs(d.Src, start, end, n)...)
	if l := bytes.ToLower(chunk); bytes.Contains(l, []byte("id")) || bytes.Contains(l, []byte("name")) {
		o.ids = append(o.ids, HTMLIDs(chunk)...)
	}
}
