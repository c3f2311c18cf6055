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
	b.WriteString("in one article. `helpsite explain RULE` prints a rule's section. This page is generated from\n")
	b.WriteString("`pipeline/rule/catalog.go` and `pipeline/rule/explain.go` (`go test ./pipeline/rule -update` rewrites it).\n\n")
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
		if r.AutoFix != "" {
			fmt.Fprintf(&b, "- `helpsite lint --fix` %s\n", Prose(r.AutoFix))
		}
		b.WriteString("\n")
		fmt.Fprintf(&b, "%s\n", Prose(r.Sentence()))
		fmt.Fprintf(&b, "\n**Why:** %s\n\n**How to fix:** %s\n", Prose(r.Why), Prose(r.Fix))
		fmt.Fprintf(&b, "\nExample:\n\n````text\n%s\n````\n\nFixed:\n\n````text\n%s\n````\n", r.Bad, r.Good)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
