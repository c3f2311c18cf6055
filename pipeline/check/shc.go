package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/internal/levenshtein"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

var (
	// needJSON are the self-help types whose article must carry a JSON block.
	needJSON = []string{"problemScopingQuestions", "advisorRecommendationMetadata", "supportTopicDescription", "diagnoseandsolve", "TSG_Questions"}
	// needIssueDescription are the types of the Diagnostic template.
	needIssueDescription = []string{"diagnostics", "rca", "servicehealthinsights"}

	// bladeLink is data-blade:Extension.Blade(.param.value)*(;data-blade-uri:...)?
	bladeLink = regexp.MustCompile(`^data-blade:[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*((\.[^.;\s]+){2})*(;data-blade-uri:\S*)?$`)

	// comment matches the HTML comments self-help articles use as markup:
	// <!--issueDescription-->, <!--/issueDescription-->, <!--$name-->,
	// <!--/$name-->.
	comment   = regexp.MustCompile(`<!--(.*?)-->`)
	tokenName = regexp.MustCompile(`^[A-Za-z0-9_.]+$`)
	boldOnly  = regexp.MustCompile(`^(\*\*|__)([^*_]+)(\*\*|__)$`)
	// spacedBlade is a would-be data-blade link with a space after "]".
	spacedBlade = regexp.MustCompile(`\][ \t]+\(data-blade:[^)\s]*\)`)
)

// shcContent checks the group "SHC content rules".
func shcContent(c *Context) {
	a := c.Article
	doc := a.Doc
	base := a.BodyStart
	typ := ""
	if f := a.Lookup("selfHelpType"); f != nil {
		typ = strings.TrimSpace(f.Value.Text)
	}

	if name := path.Base(a.Path); utf8.RuneCountInString(name) >= 80 {
		c.reportFile("shc-filename-too-long", "file name is %d characters long; keep it under 80", utf8.RuneCountInString(name))
	}

	for _, f := range doc.FencedBlocks() {
		if f.Info != nil && len(bytes.TrimSpace(f.Info.Segment.Value(doc.Src))) > 0 {
			s := base + f.Info.Segment.Start
			c.report("shc-code-fence-language", s, base+f.Info.Segment.Stop,
				"fenced code block has the language %q: the portal does not render code languages", f.Info.Segment.Value(doc.Src))
		}
	}
	for _, t := range doc.Tables() {
		s := base + markdown.Start(t)
		c.report("shc-unsupported-markdown", s, s, "the portal does not render pipe tables; use an HTML table or a list")
	}
	for _, al := range doc.Alerts() {
		if containsFold(alertKeywords, al.Keyword) {
			c.report("shc-unsupported-markdown", base+al.Start, base+al.End+1,
				"the portal does not render [!%s] alerts; write **Note:** text instead", al.Keyword)
		}
	}

	refs := doc.Refs()
	for _, r := range refs {
		if r.Kind == markdown.RefImage || r.Kind == markdown.RefHTMLImage {
			continue
		}
		dest := strings.TrimSpace(r.Dest)
		switch {
		case len(dest) > 1 && dest[0] == '#':
			c.report("shc-anchor-link", base+r.DestStart, base+r.DestEnd, "in-page link %q: the portal does not support anchors", dest)
		case hasPrefixFold(dest, "data-blade:") && !bladeLink.MatchString(dest):
			c.report("shc-blade-link-format", base+r.DestStart, base+r.DestEnd,
				"data-blade link %q does not match data-blade:Extension.Blade(.parameter.value)*", dest)
		}
	}

	// "[text] (data-blade:...)": the space keeps it from being a link.
	code := doc.CodeRanges()
	for _, m := range spacedBlade.FindAllIndex(doc.Src, -1) {
		if !markdown.InCode(code, m[0]) {
			c.report("shc-blade-link-format", base+m[0], base+m[1],
				"\"] (data-blade:\" is not a link: remove the space between ] and (")
		}
	}

	commentRules(c, refs, typ)
	sections(c, typ)

	if j := a.JSON; j != nil {
		jsonBlock(c, a.Text.Bytes[j.Start:j.End], j.Start)
	} else if containsFold(needJSON, typ) {
		c.reportFile("shc-json-missing", "selfHelpType %s needs a JSON block between --- lines after the Markdown", typ)
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// commentRules checks issueDescription blocks and replacement tokens.
func commentRules(c *Context, refs []markdown.Ref, typ string) {
	a := c.Article
	doc := a.Doc
	base := a.BodyStart
	code := doc.CodeRanges()

	type tag struct {
		name       string
		start, end int // body offsets of the comment
	}
	var descs []tag // "" open, "/" close
	var opens, closes []tag
	for _, m := range comment.FindAllSubmatchIndex(doc.Src, -1) {
		if markdown.InCode(code, m[0]) {
			continue
		}
		inner := string(doc.Src[m[2]:m[3]])
		t := strings.TrimSpace(inner)
		switch {
		case strings.EqualFold(t, "issueDescription"):
			descs = append(descs, tag{"", m[0], m[1]})
		case strings.EqualFold(strings.ReplaceAll(t, " ", ""), "/issueDescription"):
			descs = append(descs, tag{"/", m[0], m[1]})
		case strings.HasPrefix(inner, "$"):
			opens = append(opens, tag{inner[1:], m[0], m[1]})
		case strings.HasPrefix(inner, "/$"):
			closes = append(closes, tag{inner[2:], m[0], m[1]})
		}
	}

	// issueDescription: open and close must alternate, open first.
	balanced := len(descs)%2 == 0
	for i, d := range descs {
		if (i%2 == 0) != (d.name == "") {
			balanced = false
		}
	}
	if !balanced {
		at := base
		if len(descs) > 0 {
			at += descs[0].start
		}
		c.report("shc-issuedescription-unbalanced", at, at, "<!--issueDescription--> and <!--/issueDescription--> are not paired")
	} else {
		for i := 0; i+1 < len(descs); i += 2 {
			open, close := descs[i], descs[i+1]
			for _, r := range refs {
				if r.Kind != markdown.RefLink && r.Kind != markdown.RefAutoLink && r.Kind != markdown.RefHTMLLink {
					continue
				}
				if r.Start > open.end && r.Start < close.start {
					c.report("shc-issuedescription-link", base+r.DestStart, base+r.DestEnd,
						"link inside an issueDescription block: the Diagnostic template shows no links there")
					break // one per block
				}
			}
		}
	}
	hasDesc := false
	for _, d := range descs {
		hasDesc = hasDesc || d.name == ""
	}
	if !hasDesc && containsFold(needIssueDescription, typ) {
		c.reportFile("shc-issuedescription-missing", "selfHelpType %s should have an <!--issueDescription--> ... <!--/issueDescription--> block", typ)
	}

	// Replacement tokens: <!--$name-->[name]<!--/$name-->.
	for _, t := range append(append([]tag(nil), opens...), closes...) {
		if !tokenName.MatchString(t.name) {
			c.report("shc-token-name-invalid", base+t.start, base+t.end,
				"replacement token name %q must be letters, digits, '_' and '.' only", t.name)
		}
	}
	unmatched := -1
	count := map[string]int{}
	for _, t := range opens {
		count[t.name]++
	}
	for _, t := range closes {
		count[t.name]--
	}
	for _, t := range append(append([]tag(nil), opens...), closes...) {
		if count[t.name] != 0 && (unmatched < 0 || t.start < unmatched) {
			unmatched = t.start
		}
	}
	if unmatched >= 0 {
		c.report("shc-token-unbalanced", base+unmatched, base+unmatched,
			"replacement token tags <!--$name--> and <!--/$name--> do not pair up (names must match exactly)")
	}
}

// sections checks the Recommended Steps and Recommended Documents headings.
func sections(c *Context, typ string) {
	a := c.Article
	base := a.BodyStart
	hasSteps := false
	for _, h := range slices.Concat(a.Doc.Headings(), a.Doc.HeadingLike()) {
		name, ok := sectionName(h.Text)
		if !ok {
			continue
		}
		if name == "Recommended Steps" {
			hasSteps = true
		}
		want := "## **" + name + "**"
		if !wellFormedSection(h, name) {
			s := base + h.Start
			c.report("shc-section-heading-format", s, s+len(h.Line), "write the %s heading as %q", name, want)
		}
	}
	if !hasSteps && strings.EqualFold(typ, "diagnostics") {
		c.reportFile("shc-recommended-steps-missing", "selfHelpType diagnostics needs a \"## **Recommended Steps**\" section")
	}
}

// sectionName tells whether heading text names the Recommended Steps or
// Recommended Documents section, typos and letter case aside.
func sectionName(text string) (string, bool) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '*' || r == '_' || r == ':' {
			return ' '
		}
		return r
	}, text)), " "))
	for _, name := range []string{"Recommended Steps", "Recommended Documents"} {
		if levenshtein.Distance(t, strings.ToLower(name)) <= 2 {
			return name, true
		}
	}
	return "", false
}

// wellFormedSection reports whether a section heading is written
// "## **Name**" (letter case aside).
func wellFormedSection(h markdown.Heading, name string) bool {
	if h.Level != 2 || h.Setext || h.Node == nil {
		return false // h.Node is nil for "##Text" without a space: not a heading
	}
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(h.Line), "#"))
	t = strings.TrimSpace(strings.TrimRight(t, "#"))
	m := boldOnly.FindStringSubmatch(t)
	return m != nil && m[1] == m[3] && strings.EqualFold(m[2], name)
}

// jsonBlock checks the JSON block of a self-help article: it must parse,
// and parse without raw control characters in its strings.
func jsonBlock(c *Context, data []byte, base int) {
	if json.Valid(data) {
		return
	}
	lenient, ctrl := article.EscapeJSONControls(data)
	if ctrl >= 0 && json.Valid(lenient) {
		c.report("shc-json-control-char", base+ctrl, base+ctrl+1,
			"JSON block has a raw control character (tab or line break) inside a string; write \\t or \\n")
		return
	}
	off, msg := syntaxError(lenient)
	c.report("shc-json-invalid", base+off, base+off+1, "JSON block does not parse: %s", msg)
}

// syntaxError returns the offset and text of the JSON syntax error in data.
func syntaxError(data []byte) (int, string) {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := max(int(se.Offset)-1, 0)
		msg := se.Error()
		if off < len(data) && data[off] >= utf8.RuneSelf {
			// encoding/json names the first byte of a multi-byte
			// character ('ï' for a full-width comma); name the character.
			r, _ := utf8.DecodeRune(data[off:])
			if _, rest, ok := strings.Cut(msg, "' "); ok {
				msg = fmt.Sprintf("invalid character %q (U+%04X) %s", r, r, rest)
			}
		}
		return off, msg
	case err != nil:
		return 0, err.Error()
	}
	return 0, "invalid JSON"
}
