package render

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindVideo is the node kind of [!VIDEO url].
var KindVideo = ast.NewNodeKind("DocFXVideo")

type videoNode struct {
	ast.BaseBlock
	URL string
}

func (n *videoNode) Kind() ast.NodeKind { return KindVideo }
func (n *videoNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"URL": n.URL}, nil)
}

var videoMarker = regexp.MustCompile(`(?i)^\[!video\s+([^\s\]]+)\s*\]`)

type videoExt struct{ r *Renderer }

func (e *videoExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(videoParagraph{}, 210)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&videoRenderer{e.r}, 100)))
}

// videoParagraph turns a first line "[!VIDEO url]" into a video before the
// rest of the paragraph (alone in a block quote, alertTransformer unwraps
// it).
type videoParagraph struct{}

func (videoParagraph) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if p.Parent() == nil || p.Lines().Len() == 0 {
		return
	}
	src := reader.Source()
	seg := p.Lines().At(0)
	line := seg.Value(src)
	trimmed := bytes.TrimLeft(line, " \t")
	m := videoMarker.FindSubmatchIndex(trimmed)
	if m == nil || len(bytes.TrimSpace(trimmed[m[1]:])) != 0 {
		return
	}
	v := &videoNode{URL: string(trimmed[m[2]:m[3]])}
	v.SetPos(seg.Start + len(line) - len(trimmed))
	p.Parent().InsertBefore(p.Parent(), p, v)
	dropLinePrefix(p, len(line), src)
}

type videoRenderer struct{ r *Renderer }

func (vr *videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindVideo, vr.render)
}

func (vr *videoRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*videoNode)
	switch u := strings.ToLower(n.URL); {
	case !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://"):
		// not a web address: nothing to show
	case vr.r.videoAllowed(n.URL):
		w.WriteString(`<div class="video"><iframe src="`)
		writeURL(w, n.URL)
		w.WriteString(`" title="Video" allowfullscreen></iframe></div>` + "\n")
	default:
		w.WriteString(`<p class="video-link"><a href="`)
		writeURL(w, n.URL)
		w.WriteString(`" rel="noopener">Watch the video</a></p>` + "\n")
	}
	return ast.WalkSkipChildren, nil
}

// videoAllowed reports whether a video URL may be embedded: https and an
// allow-listed host.
func (r *Renderer) videoAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.User != nil || u.Port() != "" {
		return false
	}
	return r.videoHosts[strings.ToLower(u.Hostname())]
}
