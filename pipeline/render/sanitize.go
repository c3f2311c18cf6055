package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// The whole rendered body is sanitized (raw HTML is allowed at parse, as
// Gitea does): bluemonday's UGC policy, plus the elements and attributes
// the DocFX and self-help extensions write. Script, style, event handlers,
// forms, frames from other hosts and javascript:/vbscript:/data: URLs
// never pass.

var (
	idValue    = regexp.MustCompile(`^[^\s"'<>&]{1,200}$`)
	idList     = regexp.MustCompile(`^[^\s"'<>&]{1,200}( [^\s"'<>&]{1,200})*$`)
	classValue = regexp.MustCompile(`^[A-Za-z0-9_ :-]{1,200}$`)
	roleValue  = regexp.MustCompile(`^(note|presentation|img|doc-noteref|doc-endnotes|doc-backlink|doc-footnote|region|tablist|tab|tabpanel|group)$`)
	textValue  = regexp.MustCompile(`^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$`)
	alignValue = regexp.MustCompile(`^(left|right|center)$`)
)

// newPolicy builds the sanitizing policy once per Renderer; bluemonday
// policies are safe for concurrent use once built.
func newPolicy(videoHosts []string) *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("id").Matching(idValue).Globally()
	p.AllowAttrs("name").Matching(idValue).OnElements("a")
	p.AllowAttrs("class").Matching(classValue).Globally()
	p.AllowAttrs("role").Matching(roleValue).Globally()
	p.AllowAttrs("aria-labelledby", "aria-describedby").Matching(idList).Globally()
	// Values are escaped on output; UGC's Paragraph pattern would drop
	// every alt text or title with a colon or a question mark.
	p.AllowAttrs("aria-label", "title").Matching(textValue).Globally()
	p.AllowAttrs("alt").Matching(textValue).OnElements("img")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener( noreferrer)?$`)).OnElements("a")
	p.AllowElements("details", "summary", "section", "kbd", "sup", "sub", "br", "wbr", "small", "span", "div", "figure", "figcaption")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("align").Matching(alignValue).OnElements("td", "th")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")

	quoted := make([]string, len(videoHosts))
	for i, h := range videoHosts {
		quoted[i] = regexp.QuoteMeta(strings.ToLower(h))
	}
	if len(quoted) > 0 {
		hostRE := regexp.MustCompile(`^https://(?i:` + strings.Join(quoted, "|") + `)(/[^\s]*)?$`)
		p.AllowAttrs("src").Matching(hostRE).OnElements("iframe")
		p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
		p.AllowElements("iframe")
	}
	return p
}

// sanitize runs the policy and drops what is left of frames whose source
// was not allowed.
func (r *Renderer) sanitize(b []byte) []byte {
	var out []byte
	if len(bytes.TrimSpace(b)) == 0 {
		out = bytes.Clone(b) // as SanitizeBytes, which returns b itself (a pooled buffer)
	} else {
		// SanitizeBytes, into a buffer sized once: the output is about
		// as long as the input, and growing by doubling from nothing
		// allocated twice that for every page.
		buf := bytes.NewBuffer(make([]byte, 0, len(b)+len(b)/8))
		if err := r.policy.SanitizeReaderToWriter(bytes.NewReader(b), buf); err != nil {
			buf.Reset() // SanitizeBytes gives nothing on an error
		}
		out = buf.Bytes()
	}
	if bytes.Contains(out, []byte("<iframe")) {
		out = dropBareIframes(out)
	}
	return out
}

// dropBareIframes removes <iframe> elements without a src attribute (the
// policy strips a src it does not allow but keeps the element).
func dropBareIframes(b []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(b))
	var out bytes.Buffer
	out.Grow(len(b))
	var stack []bool // per open iframe: kept?
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			if string(name) != "iframe" {
				break
			}
			if tt == html.EndTagToken {
				keep := true
				if n := len(stack); n > 0 {
					keep, stack = stack[n-1], stack[:n-1]
				}
				if !keep {
					continue
				}
				break
			}
			hasSrc := false
			for more {
				var k []byte
				k, _, more = z.TagAttr()
				if string(k) == "src" {
					hasSrc = true
				}
			}
			if tt == html.StartTagToken {
				stack = append(stack, hasSrc)
			}
			if !hasSrc {
				continue
			}
		}
		out.Write(raw)
	}
	return out.Bytes()
}
