package check

import (
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

var alertKeywords = []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}

// structure checks the group "Headings & structure".
func structure(c *Context) {
	a := c.Article
	doc := a.Doc
	learn := a.Format == article.Learn

	for _, f := range doc.FencedBlocks() {
		if !doc.Closed(f) {
			start := a.BodyStart + markdown.Start(f)
			c.report("code-fence-unclosed", start, start+3, "fenced code block is never closed")
			break // one per file
		}
	}

	if learn {
		for _, al := range doc.Alerts() {
			kw := al.Keyword
			start, end := a.BodyStart+al.Start, a.BodyStart+al.End
			switch {
			case containsFold(alertKeywords, kw):
				if up := strings.ToUpper(kw); kw != up {
					d := c.report("alert-case", start, end+1, "alert keyword [!%s] is not upper case; write [!%s]", kw, up)
					c.safeFix(d, "write [!"+up+"]", start+2, kw, up)
				}
			case isDocFXBlock(kw):
			default:
				c.report("alert-type-invalid", start, end+1, "[!%s] is not an alert type: use NOTE, TIP, IMPORTANT, WARNING or CAUTION", kw)
			}
		}
	}

	if a.Include {
		return // a snippet has no title of its own
	}
	headings(c, doc.Headings(), learn)
}

// isDocFXBlock reports whether a "[!X" keyword is a DocFX block other than an
// alert: an include, a div, a video or a code snippet.
func isDocFXBlock(kw string) bool {
	l := strings.ToLower(kw)
	return l == "include" || l == "div" || l == "video" || l == "code" || strings.HasPrefix(l, "code-")
}

func headings(c *Context, hs []markdown.Heading, learn bool) {
	a := c.Article
	var h1s []markdown.Heading
	first := -1
	prev := 0
	for i, h := range hs {
		if h.Tab {
			continue
		}
		if first < 0 {
			first = i
		}
		start := a.BodyStart + h.Start
		if h.Level == 1 {
			h1s = append(h1s, h)
		}
		if learn && prev > 0 && h.Level > prev+1 {
			c.report("heading-level-skip", start, start+len(h.Line), "heading level jumps H%d -> H%d; use H%d", prev, h.Level, prev+1)
		}
		prev = h.Level
	}
	switch {
	case len(h1s) == 0:
		c.reportFile("heading-h1-missing", "article has no H1 heading")
	case len(h1s) > 1:
		start := a.BodyStart + h1s[1].Start
		c.report("heading-h1-multiple", start, start+len(h1s[1].Line), "article has %d H1 headings; keep one", len(h1s))
	}
	if learn && len(h1s) > 0 && hs[first].Level != 1 {
		start := a.BodyStart + hs[first].Start
		c.report("heading-h1-not-first", start, start+len(hs[first].Line), "the first heading is H%d, not the H1", hs[first].Level)
	}
}
