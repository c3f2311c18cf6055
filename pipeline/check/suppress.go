package check

import (
	"bytes"
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
	text := a.Text.Bytes
	if !bytes.Contains(text, []byte("helpsite-")) {
		return nil
	}
	d := &directiveSet{a: a, open: map[string]int{}}
	// Comments before a <properties> block come first in the file: their
	// disables apply to all of it.
	if b := a.Properties; b != nil && b.Start > 0 {
		d.scan(0, b.Start, nil, true)
	}
	d.scan(a.BodyStart, a.BodyEnd, a.Doc.CodeRanges(), false)
	last := a.Text.Lines().Count()
	for r, from := range d.open {
		d.spans = append(d.spans, span{from, last, ruleList(r)})
	}
	return d.spans
}

type directiveSet struct {
	a     *article.Article
	spans []span
	open  map[string]int // rule ("" for all) -> line of its disable
}

// scan reads the directives in text[start:end]; code holds ranges relative
// to start that are code, not markup.
func (d *directiveSet) scan(start, end int, code [][2]int, wholeFile bool) {
	region := d.a.Text.Bytes[start:end]
	for _, m := range directive.FindAllSubmatchIndex(region, -1) {
		if markdown.InCode(code, m[0]) {
			continue
		}
		kind := string(region[m[2]:m[3]])
		rules := strings.FieldsFunc(string(region[m[4]:m[5]]), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
		first := d.a.Pos(start + m[0]).Line
		last := d.a.Pos(start + m[1]).Line
		switch kind {
		case "disable-next-line":
			d.spans = append(d.spans, span{last + 1, last + 1, rules})
		case "disable-line":
			d.spans = append(d.spans, span{first, last, rules})
		case "disable":
			from := first
			if wholeFile || len(strings.TrimSpace(directive.ReplaceAllString(string(region[:m[0]]), ""))) == 0 {
				from = 1 // before any other content: the whole file
			}
			keys := rules
			if len(keys) == 0 {
				keys = []string{""}
			}
			for _, r := range keys {
				if _, ok := d.open[r]; !ok {
					d.open[r] = from
				}
			}
		case "enable":
			keys := rules
			if len(keys) == 0 { // a bare enable ends every disable
				for r := range d.open {
					keys = append(keys, r)
				}
			}
			for _, r := range keys {
				if from, ok := d.open[r]; ok {
					d.spans = append(d.spans, span{from, first, ruleList(r)})
					delete(d.open, r)
				}
			}
		}
	}
}

func ruleList(r string) []string {
	if r == "" {
		return nil
	}
	return []string{r}
}
