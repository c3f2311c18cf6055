package render

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/markdown"
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
	// other video is shown as a link. Nil means DefaultVideoHosts.
	VideoHosts []string
}

// DefaultVideoHosts are the hosts a video may be embedded from when
// Options.VideoHosts is nil.
var DefaultVideoHosts = []string{
	"www.youtube.com", "www.youtube-nocookie.com", "learn-video.azurefd.net",
	"www.microsoft.com", "player.vimeo.com",
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
	// with the ids written in Body. Tab headings are not listed.
	Headings []Heading
	// Findings are problems met while rendering (include cycles, includes
	// nested too deep) with file, line, column and rule id.
	Findings diag.List
}

// Rule ids of the findings a render may produce.
const (
	RuleIncludeCycle = "include-cycle"
	RuleIncludeDepth = "include-depth"
)

// Renderer renders articles; it is safe for concurrent use.
type Renderer struct {
	opt        Options
	md         goldmark.Markdown
	policy     *bluemonday.Policy
	videoHosts map[string]bool
}

// New returns a renderer.
func New(opt Options) *Renderer {
	r := &Renderer{opt: opt, videoHosts: map[string]bool{}}
	hosts := opt.VideoHosts
	if hosts == nil {
		hosts = DefaultVideoHosts
	}
	for _, h := range hosts {
		r.videoHosts[strings.ToLower(h)] = true
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			linkifyExt{},
			emojiExt{},
			markdown.TaskList,
			codeSpanExt{},
			extension.Footnote,
			&includeExt{r},
			&imageExt{r},
			&alertExt{r},
			&videoExt{r},
			&tabsExt{r},
			&shcExt{r},
			&linkExt{r},
		),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	r.policy = newPolicy(hosts)
	return r
}

// Parse-time context keys: the file being parsed and its format.
var (
	fromKey   = parser.NewContextKey()
	formatKey = parser.NewContextKey()
)

func fromOf(pc parser.Context) string {
	s, _ := pc.Get(fromKey).(string)
	return s
}

// link rewrites a destination through Options.Link.
func (r *Renderer) link(from, dest string, kind links.Kind) string {
	if r.opt.Link == nil {
		return dest
	}
	if u, ok := r.opt.Link(from, dest, kind); ok {
		return u
	}
	return dest
}

// state is what one Render shares across the files it expands.
type state struct {
	ids      *markdown.IDs
	headings []Heading
	findings diag.List
	tabs     tabIDs
}

// doc is one parsed file of a page (the article or an include), with its
// heading ids assigned and its includes bound.
type doc struct {
	a    *article.Article
	src  []byte
	root ast.Node
}

// Render renders the body of a (not include) article.
func (r *Renderer) Render(a *article.Article) (*Page, error) {
	if a == nil || a.Doc == nil {
		return nil, fmt.Errorf("render: no article")
	}
	st := &state{ids: markdown.NewIDs(), tabs: tabIDs{seen: map[string]bool{}, next: map[string]int{}}}
	d := r.prepare(st, a, []string{a.Path})
	b := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(b)
	b.Reset()
	b.Grow(len(d.src) * 2)
	if err := r.md.Renderer().Render(b, d.src, d.root); err != nil {
		return nil, fmt.Errorf("render: %s: %w", a.Path, err)
	}
	if a.Format == article.SHC && a.JSON != nil {
		renderScoping(b, a)
	}
	// The sanitizer writes a new slice: b goes back to the pool.
	return &Page{Body: r.sanitize(b.Bytes()), Headings: st.headings, Findings: st.findings}, nil
}

// bufPool holds the buffers pages are rendered into before sanitizing,
// one per page otherwise: about twice the article's size, a large part of
// what a build allocates.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// prepare parses one file of the page and hands out heading ids in the
// order links.Anchors does: the file's headings and includes by position,
// each include expanded where it stands.
func (r *Renderer) prepare(st *state, a *article.Article, stack []string) *doc {
	pc := parser.NewContext()
	pc.Set(fromKey, a.Path)
	pc.Set(formatKey, a.Format)
	src := a.Doc.Src
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &doc{a: a, src: src, root: root}
	st.tabs.unique(root)

	heads := map[int]*ast.Heading{}
	incs := map[int]*includeNode{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading:
			heads[markdown.HeadingStart(t, src)] = t
		case *includeNode:
			if _, dup := incs[t.Start]; !dup {
				incs[t.Start] = t
			}
		}
		return ast.WalkContinue, nil
	})

	done := map[*ast.Heading]bool{}
	for _, it := range a.Doc.Parts() {
		if h := it.Heading; h != nil {
			id := h.ID(st.ids, src)
			n := heads[h.Start]
			if n != nil {
				done[n] = true
			}
			if id == "" || h.Tab {
				continue
			}
			if n != nil {
				n.SetAttributeString("id", []byte(id))
			}
			st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: strings.TrimSpace(h.Text)})
			continue
		}
		r.bindInclude(st, a, stack, it.Include, incs[it.Include.Start])
	}
	// Headings the linter's parse does not have (rare: syntax of the
	// renderer's own extensions) get ids after the others.
	for _, n := range sortedHeadings(heads) {
		if done[n] || n.Parent() == nil {
			continue
		}
		if _, has := n.AttributeString("id"); has {
			continue
		}
		id := st.ids.Next(markdown.HeadingText(n, src))
		n.SetAttributeString("id", []byte(id))
	}
	return d
}

func sortedHeadings(m map[int]*ast.Heading) []*ast.Heading {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]*ast.Heading, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
