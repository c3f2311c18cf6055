package render

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/helpsite/helpsite/pipeline/article"
)

// Self-help (Azure portal) syntax: <!--issueDescription--> sections,
// <!--$name-->[name]<!--/$name--> replacement tokens, data-blade: links,
// the JSON block of problem-scoping questions, and the portal components
// of widgets.go.

var (
	KindIssueDescription = ast.NewNodeKind("SHCIssueDescription")
	KindToken            = ast.NewNodeKind("SHCToken")
	KindPortalLink       = ast.NewNodeKind("SHCPortalLink")
)

type issueNode struct{ ast.BaseBlock }

func (n *issueNode) Kind() ast.NodeKind         { return KindIssueDescription }
func (n *issueNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// tokenNode is a replacement token; Label is its text as written.
type tokenNode struct {
	ast.BaseInline
	Label string
}

func (n *tokenNode) Kind() ast.NodeKind { return KindToken }
func (n *tokenNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

// portalLink is a data-blade: link; its children are the link text.
type portalLink struct {
	ast.BaseInline
	Blade string
}

func (n *portalLink) Kind() ast.NodeKind { return KindPortalLink }
func (n *portalLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Blade": n.Blade}, nil)
}

var (
	tokenOpen  = regexp.MustCompile(`^<!--\$([A-Za-z0-9_.-]+)-->$`)
	tokenClose = regexp.MustCompile(`^<!--/\$([A-Za-z0-9_.-]+)-->$`)
	// tokenHTML finds tokens in raw HTML blocks (Go regexps have no
	// back-references: the names are compared after the match).
	tokenHTML = regexp.MustCompile(`<!--\$([A-Za-z0-9_.-]+)-->(.*?)<!--/\$([A-Za-z0-9_.-]+)-->`)
	issueOpen = []byte("<!--issuedescription-->")
	issueEnd  = []byte("<!--/issuedescription-->")
)

type shcExt struct{ r *Renderer }

func (e *shcExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(shcTransformer{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(shcRenderer{}, 100)))
}

func isSHC(pc parser.Context) bool {
	f, _ := pc.Get(formatKey).(article.Format)
	return f == article.SHC
}

type shcTransformer struct{}

func (shcTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if !isSHC(pc) {
		return
	}
	src := reader.Source()
	wrapIssues(doc, src)
	wrapWidgets(doc, src)
	var raws []*ast.RawHTML
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*ast.RawHTML); ok && entering {
			raws = append(raws, r)
		}
		return ast.WalkContinue, nil
	})
	for _, r := range raws {
		if r.Parent() == nil {
			continue
		}
		m := tokenOpen.FindSubmatch(rawValue(r, src))
		if m == nil {
			continue
		}
		name := string(m[1])
		// find the closing comment among the following siblings
		var end ast.Node
		for c := r.NextSibling(); c != nil; c = c.NextSibling() {
			if cr, ok := c.(*ast.RawHTML); ok {
				if cm := tokenClose.FindSubmatch(rawValue(cr, src)); cm != nil && string(cm[1]) == name {
					end = c
				}
				break
			}
		}
		if end == nil {
			continue
		}
		label := tokenLabel(src[r.Segments.At(r.Segments.Len()-1).Stop:end.(*ast.RawHTML).Segments.At(0).Start], name)
		parent := r.Parent()
		for c := r.NextSibling(); c != end; {
			next := c.NextSibling()
			parent.RemoveChild(parent, c)
			c = next
		}
		parent.RemoveChild(parent, end)
		parent.ReplaceChild(parent, r, &tokenNode{Label: label})
	}
}

// tokenLabel is the text shown for a token: what stands between its
// comments without the brackets, else its name.
func tokenLabel(b []byte, name string) string {
	s := strings.TrimSpace(string(b))
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if s == "" {
		return name
	}
	return html.UnescapeString(s)
}

func rawValue(r *ast.RawHTML, src []byte) []byte {
	if r.Segments.Len() == 1 {
		seg := r.Segments.At(0)
		return seg.Value(src)
	}
	var b []byte
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

func htmlBlockValue(n *ast.HTMLBlock, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b = append(b, seg.Value(src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(src)...)
	}
	return b
}

// wrapIssues puts the blocks between <!--issueDescription--> and
// <!--/issueDescription--> (each an HTML block of its own) into an issue
// section, in every container.
func wrapIssues(parent ast.Node, src []byte) {
	noEnd := false // an opening without an end: no later one has an end either
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		hb, ok := c.(*ast.HTMLBlock)
		if !ok {
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				wrapIssues(c, src)
			}
			continue
		}
		if noEnd || !isIssueMark(hb, src, issueOpen) {
			continue
		}
		var end ast.Node
		for e := c.NextSibling(); e != nil; e = e.NextSibling() {
			if eb, ok := e.(*ast.HTMLBlock); ok && isIssueMark(eb, src, issueEnd) {
				end = e
				break
			}
		}
		if end == nil {
			noEnd = true
			continue
		}
		sec := &issueNode{}
		for x := c.NextSibling(); x != end; {
			next := x.NextSibling()
			sec.AppendChild(sec, x)
			x = next
		}
		parent.RemoveChild(parent, end)
		parent.ReplaceChild(parent, c, sec)
		c = sec
	}
}

// isIssueMark reports whether an HTML block is just the comment mark.
func isIssueMark(n *ast.HTMLBlock, src []byte, mark []byte) bool {
	if n.Lines().Len() != 1 {
		return false
	}
	seg := n.Lines().At(0)
	return bytes.EqualFold(bytes.TrimSpace(seg.Value(src)), mark)
}

// replaceTokens writes the tokens of a raw HTML block as placeholders.
func replaceTokens(b []byte) []byte {
	if !bytes.Contains(b, []byte("<!--$")) {
		return b
	}
	return tokenHTML.ReplaceAllFunc(b, func(m []byte) []byte {
		sm := tokenHTML.FindSubmatch(m)
		if string(sm[1]) != string(sm[3]) {
			return m
		}
		return []byte(tokenHTMLString(tokenLabel(sm[2], string(sm[1]))))
	})
}

func tokenHTMLString(label string) string {
	return `<span class="token-placeholder" title="Filled in by the Azure portal">` + html.EscapeString(label) + `</span>`
}

// bladeName returns the blade of "data-blade:Extension.Blade.param.value".
func bladeName(dest string) string {
	s := dest[len("data-blade:"):]
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) >= 2 && parts[1] != "" {
		return parts[1]
	}
	return s
}

type shcRenderer struct{}

func (shcRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindIssueDescription, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<section class=\"issue-description\">\n")
		} else {
			w.WriteString("</section>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindToken, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(tokenHTMLString(n.(*tokenNode).Label))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindPortalWidget, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			renderWidget(w, n.(*widgetNode))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindPortalLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			// Not a link: the portal opens the blade; the page names it.
			w.WriteString(`<span class="portal-link" title="Azure portal blade: `)
			w.Write(util.EscapeHTML([]byte(n.(*portalLink).Blade)))
			w.WriteString(`">`)
		} else {
			w.WriteString(` <small>(in the Azure portal)</small></span>`)
		}
		return ast.WalkContinue, nil
	})
}

// scoping is the part of a problem-scoping JSON block the page shows.
type scoping struct {
	Title        string `json:"title"`
	FormElements []struct {
		ID              string          `json:"id"`
		Order           any             `json:"order"`
		ControlType     string          `json:"controlType"`
		DisplayLabel    string          `json:"displayLabel"`
		WatermarkText   string          `json:"watermarkText"`
		Required        any             `json:"required"`
		DropdownOptions []scopingOption `json:"dropdownOptions"`
	} `json:"formElements"`
}

type scopingOption struct {
	Value string `json:"value"`
	Text  string `json:"text"`
}

var controlNames = map[string]string{
	"datetimepicker":      "Date and time",
	"dropdown":            "Choose one",
	"multiselectdropdown": "Choose one or more",
	"textbox":             "Short text",
	"multilinetextbox":    "Text",
	"radiobuttons":        "Choose one",
	"checkbox":            "Yes or no",
}

// scopingTitle is the title of the questions box: the JSON's, unless it
// only repeats the article's H1 or pageTitle, then "Questions".
func scopingTitle(a *article.Article, title string) string {
	t := strings.TrimSpace(title)
	if t == "" {
		return ""
	}
	same := func(s string) bool { return strings.EqualFold(t, strings.TrimSpace(s)) }
	if f := a.Lookup("pageTitle"); f != nil && same(f.Value.Text) {
		return "Questions"
	}
	for _, h := range a.Doc.Headings() {
		if h.Level == 1 {
			if same(h.Text) {
				return "Questions"
			}
			break
		}
	}
	return t
}

// renderScoping writes the questions of a problem-scoping JSON block, or
// nothing when it does not decode.
func renderScoping(b *bytes.Buffer, a *article.Article) {
	j := a.JSON
	if j.Start < 0 || j.End > len(a.Text.Bytes) || j.Start >= j.End {
		return
	}
	data, _ := article.EscapeJSONControls(a.Text.Bytes[j.Start:j.End])
	var s scoping
	if err := json.Unmarshal(data, &s); err != nil || len(s.FormElements) == 0 {
		return
	}
	els := s.FormElements
	order := func(i int) float64 {
		switch v := els[i].Order.(type) {
		case float64:
			return v
		case string:
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				return f
			}
		}
		return 1e18
	}
	idx := make([]int, len(els))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		ox, oy := order(x), order(y)
		switch {
		case ox < oy:
			return -1
		case ox > oy:
			return 1
		}
		return 0
	})
	esc := html.EscapeString
	b.WriteString("<section class=\"scoping-questions\" aria-label=\"Questions\">\n")
	if t := scopingTitle(a, s.Title); t != "" {
		b.WriteString(`<p class="scoping-title">` + esc(t) + "</p>\n")
	}
	b.WriteString("<ol class=\"scoping-question-list\">\n")
	for _, i := range idx {
		e := els[i]
		label := e.DisplayLabel
		if label == "" {
			label = e.ID
		}
		b.WriteString(`<li class="scoping-question"><p class="question-label">` + esc(label))
		if e.Required == true || e.Required == "true" {
			b.WriteString(` <span class="question-required">(required)</span>`)
		}
		b.WriteString("</p>")
		if e.ControlType != "" {
			t := controlNames[strings.ToLower(e.ControlType)]
			if t == "" {
				t = e.ControlType
			}
			b.WriteString(`<p class="question-type">Answer: ` + esc(t) + "</p>")
		}
		if e.WatermarkText != "" {
			b.WriteString(`<p class="question-hint">` + esc(e.WatermarkText) + "</p>")
		}
		if len(e.DropdownOptions) > 0 {
			b.WriteString(`<ul class="question-options">`)
			for _, o := range e.DropdownOptions {
				t := o.Text
				if t == "" {
					t = o.Value
				}
				b.WriteString("<li>" + esc(t) + "</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</section>\n")
}
