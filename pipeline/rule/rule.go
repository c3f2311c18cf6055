// Package rule is the catalog of lint rules: ids, groups, default
// severities and descriptions. Checks live in package check; this package
// only describes them, so printers and the CLI can list and explain rules.
package rule

import (
	"cmp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/internal/levenshtein"
)

// Format says which article format a rule applies to.
type Format int

const (
	Both  Format = iota
	SHC          // Azure self-help: <properties> block, then Markdown
	Learn        // Microsoft Learn: YAML front matter, DocFX Markdown
)

func (f Format) String() string {
	switch f {
	case SHC:
		return "shc"
	case Learn:
		return "learn"
	}
	return "both"
}

// Group is the section of RULES.md a rule belongs to.
type Group string

const (
	GroupFile       Group = "File / encoding"
	GroupProperties Group = "SHC properties block"
	GroupMetadata   Group = "Metadata"
	GroupStructure  Group = "Headings & structure"
	GroupSHCContent Group = "SHC content rules"
	GroupLinks      Group = "Links, anchors, includes, images"
	GroupSite       Group = "Site structure (TOC, redirects)"
)

// Rule describes one rule.
type Rule struct {
	ID       string
	Group    Group
	Severity diag.Severity // the default
	Applies  Format
	Summary  string // what it checks
	Per      string // what one finding stands for: "file", "link", ...
	Explanation
}

// pending are the groups whose checks are not written yet; their rules are
// listed but never reported.
var pending = map[Group]bool{}

// Checked reports whether the linter checks the rule yet.
func (r Rule) Checked() bool { return !pending[r.Group] }

// Sentence is the rule's summary as a sentence: capitalised, with a full
// stop.
func (r Rule) Sentence() string {
	if r.Summary == "" {
		return ""
	}
	return strings.ToUpper(r.Summary[:1]) + r.Summary[1:] + "."
}

// Prose escapes text for Markdown outside code: "<properties>" would be
// read as an HTML tag.
func Prose(s string) string { return strings.ReplaceAll(s, "<", "&lt;") }

// HelpURI is where the rule is documented: its section of docs/rules.md
// on GitHub, anchored by its id.
func (r Rule) HelpURI() string {
	return "https://github.com/helpsite/helpsite/blob/main/docs/rules.md#" + r.ID
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(catalog))
	for i := range catalog {
		catalog[i].Explanation = explanations[catalog[i].ID]
		m[catalog[i].ID] = &catalog[i]
	}
	return m
}()

// All returns every rule in catalog order (grouped as in RULES.md).
func All() []Rule { return append([]Rule(nil), catalog...) }

// Lookup returns the rule with the id, or nil.
func Lookup(id string) *Rule {
	if r, ok := byID[id]; ok {
		c := *r
		return &c
	}
	return nil
}

// Suggest returns the ids of the catalog closest to an unknown id: those
// within a third of its length in edits, that contain it or that it
// contains, or that have all its words, best first (at most five).
func Suggest(id string) []string {
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	for _, r := range catalog {
		d := levenshtein.Distance(id, r.ID)
		switch {
		case strings.Contains(r.ID, id) || strings.Contains(id, r.ID):
			d = min(d, 1)
		case allWords(id, r.ID):
			d = min(d, 2)
		}
		if d <= max(2, len(id)/3) {
			cs = append(cs, cand{r.ID, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(a.d, b.d) })
	var out []string
	for _, c := range cs[:min(len(cs), 5)] {
		out = append(out, c.id)
	}
	return out
}

// allWords reports whether every "-"-separated word of id is one of
// ruleID's.
func allWords(id, ruleID string) bool {
	words := strings.Split(ruleID, "-")
	for w := range strings.SplitSeq(id, "-") {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}
