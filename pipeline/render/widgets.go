package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// Azure portal solution components, as self-help "Apollo" articles write
// them: XML-like elements the portal turns into a live diagnostic
// (<insight>), an Azure Monitor chart (<metric>), a video player (<video>,
// <videoGroup>) or a list of related articles (<azureKB>), and
// ":::Section Title:::" lines that head a part of the solution. A static
// page can run none of them; it says what the portal shows there, and
// links the videos. Left as raw HTML, the sanitizer kept only their text:
// "Percentage CPU Avg 1d", "HighCpuUsageAzurePortalInsight ... false".

// KindPortalWidget is the node kind of a portal component.
var KindPortalWidget = ast.NewNodeKind("SHCPortalWidget")

// widgetNode is one portal component, read from its element.
type widgetNode struct {
	ast.BaseBlock
	Name string // lower case: insight, metric, video, videogroup, azurekb; section for ":::Section:::"
	// Fields is the text of each child element by lower-case name (the
	// first of each): executiontext, name, title, ...
	Fields map[string]string
	Videos []video // of a video or a videoGroup
}

type video struct{ Src, Title string }

func (n *widgetNode) Kind() ast.NodeKind         { return KindPortalWidget }
func (n *widgetNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// widgetNames are the elements that open a component.
var widgetNames = []string{"insight", "metric", "videogroup", "video", "azurekb"}

// widgetStart returns the component an HTML block opens, or "".
func widgetStart(b []byte) string {
	b = bytes.TrimLeft(b, " \t")
	if len(b) < 2 || b[0] != '<' {
		return ""
	}
	for _, n := range widgetNames {
		if len(b) > len(n)+1 && bytes.EqualFold(b[1:1+len(n)], []byte(n)) {
			switch b[1+len(n)] {
			case '>', ' ', '\t', '\r', '\n':
				return n
			}
		}
	}
	return ""
}

// sectionLine is ":::Section Title:::" alone on a line.
var sectionLine = regexp.MustCompile(`(?i)^[ \t]*:::section[ \t]+(.*?)[ \t]*:::[ \t]*$`)

// wrapWidgets replaces the blocks of each component by a widgetNode, and
// ":::Section:::" paragraphs by section nodes, in every container.
//
// A component starts with an HTML block or a paragraph (text after the tag
// on its line, "<azureKB>portal</azureKB>") that opens with its tag, and
// runs to the block that ends with its end tag. With blank lines between
// its child elements it spans several blocks: HTML blocks, paragraphs that
// open with a tag, and the indented code blocks that indented children
// after a blank line make. Anything else on the way (prose, a list), text
// after the end tag in its block, or no end tag at all, and the element
// stays raw HTML as written: nothing of the article is ever dropped.
func wrapWidgets(parent ast.Node, src []byte) {
	// unclosed[name] is the block where a failed search for name's end tag
	// stopped (nil: the end of parent): a later start of name before it
	// would search a part of the same run, and fail too.
	var unclosed map[string]ast.Node // made at the first failure: most containers hold no component
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		for name, stop := range unclosed {
			if c == stop {
				delete(unclosed, name)
			}
		}
		first, ok := widgetText(c, src, true)
		if !ok {
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				wrapWidgets(c, src)
			}
			continue
		}
		if name := widgetStart(first); name != "" {
			if _, failed := unclosed[name]; failed {
				continue
			}
			w, last, stop := readWidget(name, c, src)
			if w == nil {
				if unclosed == nil {
					unclosed = map[string]ast.Node{}
				}
				unclosed[name] = stop
				continue
			}
			if !w.complete() {
				continue
			}
			removeRun(parent, c, last)
			parent.ReplaceChild(parent, c, w)
			c = w
			continue
		}
		if p, ok := c.(*ast.Paragraph); ok && p.Lines().Len() == 1 {
			m := sectionLine.FindSubmatch(first)
			if m == nil {
				continue
			}
			if title := strings.Trim(string(m[1]), "*_ \t"); title != "" { // ":::Section **Bold**:::"
				w := &widgetNode{Name: "section", Fields: map[string]string{"title": title}}
				parent.ReplaceChild(parent, c, w)
				c = w
			}
		}
	}
}

// endTag matches the end tag of each component, alone at the end of a
// block.
var endTag = map[string]*regexp.Regexp{}

func init() {
	for _, n := range widgetNames {
		endTag[n] = regexp.MustCompile(`(?i)</` + n + `\s*>\s*$`)
	}
}

// readWidget reads the component name that the block from opens, up to
// the block that ends with its end tag (last). It gives nil when another
// kind of block comes first or the siblings end, and the block it stopped
// at (stop; nil at the end).
func readWidget(name string, from ast.Node, src []byte) (w *widgetNode, last, stop ast.Node) {
	var data []byte
	for x := from; x != nil; x = x.NextSibling() {
		b, ok := widgetText(x, src, x == from)
		if !ok {
			return nil, nil, x
		}
		data = append(append(data, b...), '\n')
		if endTag[name].Match(b) {
			return parseWidget(name, data), x, nil
		}
	}
	return nil, nil, nil
}

// removeRun removes the siblings after first up to last, included.
func removeRun(parent, first, last ast.Node) {
	if first == last {
		return
	}
	for next := first.NextSibling(); next != nil; next = first.NextSibling() {
		parent.RemoveChild(parent, next)
		if next == last {
			return
		}
	}
}

// widgetText is the source of a block a component may be made of: an
// HTML block or a paragraph, and after the first block an indented code
// block or a paragraph only when it opens with a tag.
func widgetText(n ast.Node, src []byte, first bool) ([]byte, bool) {
	switch b := n.(type) {
	case *ast.HTMLBlock:
		return htmlBlockValue(b, src), true
	case *ast.Paragraph:
		v := n.Lines().Value(src)
		if !first && !bytes.HasPrefix(bytes.TrimSpace(v), []byte("<")) {
			return nil, false // prose between the parts: not a component
		}
		return v, true
	case *ast.CodeBlock:
		if first {
			return nil, false // an indented example of the syntax, shown as code
		}
		return n.Lines().Value(src), true
	}
	return nil, false
}

// complete reports whether the component has what the page shows of it;
// an element that only shares a name (an HTML5 <video> without <src>
// children) stays as written.
func (n *widgetNode) complete() bool {
	switch n.Name {
	case "video", "videogroup":
		for _, v := range n.Videos {
			if v.Src != "" {
				return true
			}
		}
		return false
	case "metric":
		return n.Fields["name"] != "" || n.Fields["title"] != ""
	}
	return true
}

// parseWidget reads the child elements of a component: the text of each
// (all of it, comments and <br> left out), the first of each name.
func parseWidget(name string, data []byte) *widgetNode {
	w := &widgetNode{Name: name, Fields: map[string]string{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string // open elements, lower case
	var text []string  // of the innermost element
	// end takes the text of the element that ends, the last of open.
	end := func(open []string) {
		t := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		text = nil
		if len(open) < 2 {
			return
		}
		field, in := open[len(open)-1], open[len(open)-2]
		switch {
		case in == "video" && len(w.Videos) > 0:
			v := &w.Videos[len(w.Videos)-1]
			switch field {
			case "src":
				v.Src = t
			case "title":
				v.Title = strings.Trim(t, "*_ ") // "**Title, 8:56**"
			}
		case len(open) == 2:
			if _, seen := w.Fields[field]; !seen {
				w.Fields[field] = t
			}
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w
		case html.StartTagToken:
			tn, _ := z.TagName()
			t := string(tn)
			if t == "br" {
				continue
			}
			text = nil
			stack = append(stack, t)
			if t == "video" {
				w.Videos = append(w.Videos, video{})
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == string(tn) {
					end(stack[:i+1])
					stack = stack[:i]
					break
				}
			}
		case html.TextToken:
			text = append(text, string(z.Text()))
		}
	}
}

// renderWidget writes what the page shows for a portal component.
func renderWidget(w util.BufWriter, n *widgetNode) {
	esc := func(s string) { w.Write(util.EscapeHTML([]byte(s))) }
	note := func(lead, text string) {
		w.WriteString(`<aside class="portal-widget" role="note"><p><strong>`)
		esc(lead)
		w.WriteString(`</strong>`)
		if text != "" {
			w.WriteString(` `)
			esc(text)
		}
		w.WriteString("</p></aside>\n")
	}
	f := n.Fields
	switch n.Name {
	case "section":
		w.WriteString(`<p class="portal-section"><strong>`)
		esc(f["title"])
		w.WriteString("</strong></p>\n")
	case "insight":
		text := f["executiontext"]
		if text == "" {
			text = "The portal checks your resource here and shows what it finds."
		}
		note("Diagnostic in the Azure portal:", text)
	case "metric":
		label := f["title"]
		var details []string
		for _, k := range []string{"name", "aggregationtype", "timespanduration"} {
			if v := f[k]; v != "" && v != label {
				details = append(details, v)
			}
		}
		if label == "" && len(details) > 0 {
			label, details = details[0], details[1:]
		}
		if len(details) > 0 {
			label += " (" + strings.Join(details, ", ") + ")"
		}
		note("Chart in the Azure portal:", label)
	case "azurekb":
		note("Related articles", "are listed here in the Azure portal.")
	case "video", "videogroup":
		w.WriteString("<ul class=\"portal-videos\">\n")
		for _, v := range n.Videos {
			title := v.Title
			if title == "" {
				title = v.Src
			}
			w.WriteString("<li>")
			if strings.HasPrefix(v.Src, "https://") || strings.HasPrefix(v.Src, "http://") {
				writeHref(w, []byte(v.Src))
				w.WriteByte('>')
				esc(title)
				w.WriteString(`</a>`)
			} else {
				esc(title)
			}
			w.WriteString(" <small>(video)</small></li>\n")
		}
		w.WriteString("</ul>\n")
	}
}
