package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/helpsite/helpsite/pipeline/rule"
)

func newRulesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its default severity, format and description",
		Long: `List every rule id with its default severity, the article format it applies
to (learn, shc or both) and what it checks. Findings name their rule id; a
helpsite.yaml can change a rule's severity or turn it off:

  rules:
    meta-date-stale: off
    heading-level-skip: error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			if asJSON {
				type jrule struct {
					ID       string `json:"id"`
					Group    string `json:"group"`
					Severity string `json:"severity"`
					Applies  string `json:"applies"`
					Summary  string `json:"summary"`
					Per      string `json:"per"`
					Help     string `json:"help"`
					Checked  bool   `json:"checked"`
				}
				var out []jrule
				for _, r := range rule.All() {
					out = append(out, jrule{r.ID, string(r.Group), r.Severity.String(), r.Applies.String(), r.Summary, r.Per, r.HelpURI(), r.Checked()})
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			group := rule.Group("")
			for _, r := range rule.All() {
				if r.Group != group {
					if group != "" {
						fmt.Fprintln(tw)
					}
					group = r.Group
					fmt.Fprintf(tw, "# %s\n", group)
				}
				note := ""
				if !r.Checked() {
					note = " (not checked yet)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", r.ID, r.Severity, r.Applies, r.Summary, note)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the rules as JSON")
	return cmd
}
