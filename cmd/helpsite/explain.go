package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/helpsite/helpsite/pipeline/rule"
)

func newExplainCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE...",
		Short: "Explain a rule: what it checks, why, how to fix a finding, an example",
		Long: `Print what a rule checks, why it matters, how to fix its findings and an
example, bad and fixed, from the rule catalog (the same text as its section
of docs/rules.md). "helpsite rules" lists the ids.

Exit status: 0, or 2 for an unknown rule (with the closest ids).`,
		Example: `  helpsite explain alert-case
  helpsite explain link-broken toc-link-broken`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, id := range args {
				if rule.Lookup(id) == nil {
					msg := fmt.Sprintf("unknown rule %q", id)
					if s := rule.Suggest(id); len(s) > 0 {
						msg += "; did you mean " + strings.Join(s, ", ") + "?"
					}
					return usageError{fmt.Errorf("%s (helpsite rules lists them all)", msg)}
				}
			}
			w := cmd.OutOrStdout()
			for i, id := range args {
				if i > 0 {
					fmt.Fprintln(w)
				}
				explain(w, rule.Lookup(id))
			}
			return nil
		},
	}
}

// explain writes a rule's explanation as text.
func explain(w io.Writer, r *rule.Rule) {
	fmt.Fprintf(w, "%s (%s; applies to %s; one finding per %s)\n\n", r.ID, r.Severity, r.Applies, r.Per)
	fmt.Fprintf(w, "%s\n\n", r.Sentence())
	fmt.Fprintf(w, "Why: %s\n\n", r.Why)
	fmt.Fprintf(w, "How to fix: %s\n", r.Fix)
	if r.AutoFix != "" {
		fmt.Fprintf(w, "helpsite lint --fix %s.\n", r.AutoFix)
	}
	fmt.Fprintf(w, "\nExample:\n%s\nFixed:\n%s\n", indent(r.Bad), indent(r.Good))
	fmt.Fprintf(w, "More: %s\n", r.HelpURI())
}

func indent(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString("    " + strings.TrimSuffix(line, "\n") + "\n")
	}
	return b.String()
}
