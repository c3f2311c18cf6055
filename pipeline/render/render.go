// Package render turns one loaded article into the HTML of its page body:
// goldmark with GFM and the DocFX/Learn and self-help extensions written as
// goldmark extenders, headings with the DocFX ids the anchor checks use,
// includes expanded, links rewritten to page URLs, raw HTML sanitized.
package render

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/links"
)

// Options say how the articles of one site are rendered.
type Options struct {
	// Load returns the article at a content-root path, or nil; includes
	// are read through it.
	Load links.Loader
	// Link rewrites the destination of a link, image or other reference
	// written in the file at from (a content-root path; for an included
	// file, the include itself, so relative paths resolve against it).
	// It returns the URL to write and true, or false to keep dest as
	// written. The site builder turns "x.md#y" into "/base/x/#y" here.
	Link func(from, dest string, kind links.Kind) (string, bool)
	// VideoHosts are the hosts a [!VIDEO url] may embed as an iframe; any
	// other video is shown as a link.
	VideoHosts []string
}

// Heading is a heading of a rendered page, for its "In this article" list.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Page is the rendered body of one article.
type Page struct {
	// Body is sanitized HTML, ready to place in a template.
	Body []byte
	// Headings are the headings of the page in order (includes expanded),
	// with the ids written in Body.
	Headings []Heading
	// Findings are problems met while rendering (include cycles, includes
	// nested too deep) with file, line, column and rule id.
	Findings diag.List
}

// Renderer renders articles; it is safe for concurrent use.
type Renderer struct {
	opt Options
	md  goldmark.Markdown
}

// New returns a renderer.
func New(opt Options) *Renderer {
	return &Renderer{opt: opt, md: goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)}
}

// Render renders the body of a (not include) article.
func (r *Renderer) Render(a *article.Article) (*Page, error) {
	var b bytes.Buffer
	if err := r.md.Convert(a.Doc.Src, &b); err != nil {
		return nil, err
	}
	return &Page{Body: b.Bytes()}, nil
}
