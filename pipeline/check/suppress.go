package check

import (
	"regexp"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// Inline suppression comments, as in eslint and markdownlint:
//
//	<!-- helpsite-disable RULE [RULE...] -->            off from this line on
//	<!-- helpsite-enable RULE [RULE...] -->             on again
//	<!-- helpsite-disable-next-line RULE [RULE...] -->  off for the next line
//	<!-- helpsite-disable-line RULE [RULE...] -->       off for this line
//
// Without rule ids a comment applies to every rule. Rule ids may be separated
// by spaces or commas. A helpsite-disable before any other content of the
// body applies to the whole file, metadata included. Comments inside code
// are text, not directives.
var directive = regexp.MustCompile(`<!--\s*helpsite-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->`)

type span struct {
	from, to int // lines, inclusive
	rules    []string
}

func (s span) covers(d diag.Diagnostic) bool {
	line := max(d.Pos.Line, 1)
	if line < s.from || line > s.to {
		return false
	}
	if len(s.rules) == 0 {
		return true
	}
	for _, r := range s.rules {
		if r == d.Rule {
			return true
		}
	}
	return false
}

// suppress drops the diagnostics that a directive of the article turns off.
func suppress(a *article.Article, l diag.List) diag.List {
	if len(l) == 0 {
		return l
	}
	spans := directives(a)
	if len(spans) == 0 {
		return l
	}
	out := l[:0]
next:
	for _, d := range l {
		for _, s := range spans {
			if s.covers(d) {
				continue next
			}
		}
		out = append(out, d)
	}
	return out
}

func directives(a *article.Article) []span {
	body := a.Text.Bytes[a.BodyStart:a.BodyEnd]
	if !strings.Contains(string(body), "helpsite-") {
		return nil
	}
	code := a.Doc.CodeRanges()
	lastLine := a.Text.Lines().Count()
	var spans []span
	open := map[string]int{} // rule ("" for all) -> line of its disable
	for _, m := range directive.FindAllSubmatchIndex(body, -1) {
		if markdown.InCode(code, m[0]) {
			continue
		}
		kind := string(body[m[2]:m[3]])
		rules := strings.FieldsFunc(string(body[m[4]:m[5]]), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
		start := a.Pos(a.BodyStart + m[0]).Line
		end := a.Pos(a.BodyStart + m[1]).Line
		switch kind {
		case "disable-next-line":
			spans = append(spans, span{end + 1, end + 1, rules})
		case "disable-line":
			spans = append(spans, span{start, end, rules})
		case "disable":
			from := start
			if len(strings.TrimSpace(directive.ReplaceAllString(string(body[:m[0]]), ""))) == 0 {
				from = 1 // first thing in the body: the whole file
			}
			keys := rules
			if len(keys) == 0 {
				keys = []string{""}
			}
			for _, r := range keys {
				if _, ok := open[r]; !ok {
					open[r] = from
				}
			}
		case "enable":
			keys := rules
			if len(keys) == 0 { // a bare enable ends every disable
				for r := range open {
					keys = append(keys, r)
				}
			}
			for _, r := range keys {
				if from, ok := open[r]; ok {
					spans = append(spans, span{from, start, ruleList(r)})
					delete(open, r)
				}
			}
		}
	}
	for r, from := range open {
		spans = append(spans, span{from, lastLine, ruleList(r)})
	}
	return spans
}

func ruleList(r string) []string {
	if r == "" {
		return nil
	}
	return []string{r}
}
