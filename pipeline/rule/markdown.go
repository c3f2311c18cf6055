package rule

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the rule reference (docs/rules.md): one section per
// rule, anchored by its id, which is where HelpURI points.
func WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Rule reference\n\n")
	b.WriteString("Every rule helpsite checks. Findings name their rule id; `helpsite.yaml` can change a\n")
	b.WriteString("rule's severity or turn it off, and `<!-- helpsite-disable RULE -->` comments silence it\n")
	b.WriteString("in one article. This page is generated from `pipeline/rule/catalog.go`\n")
	b.WriteString("(`go test ./pipeline/rule -update` rewrites it).\n\n")
	b.WriteString("Formats: `learn` = Microsoft Learn (YAML front matter, DocFX Markdown), `shc` = Azure\nself-help (`<properties>` block), `both`.\n")
	group := Group("")
	for _, r := range catalog {
		if r.Group != group {
			group = r.Group
			fmt.Fprintf(&b, "\n## %s\n", group)
		}
		fmt.Fprintf(&b, "\n### %s\n\n", r.ID)
		fmt.Fprintf(&b, "- Default severity: **%s**\n- Applies to: `%s`\n- One finding per %s\n", r.Severity, r.Applies, r.Per)
		if !r.Checked() {
			b.WriteString("- Not checked yet\n")
		}
		b.WriteString("\n")
		fmt.Fprintf(&b, "%s%s.\n", strings.ToUpper(r.Summary[:1]), r.Summary[1:])
	}
	_, err := io.WriteString(w, b.String())
	return err
}
