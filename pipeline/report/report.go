// Package report prints a list of diagnostics: as text for people, JSON for
// scripts, SARIF for code scanning, and GitHub workflow commands with a
// Markdown step summary for pull requests. Every printer sorts first, so
// output is deterministic.
package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/rule"
)

// Options says how paths are shown.
type Options struct {
	// Root is the content root as the user named it (slash-separated).
	// Text, GitHub and SARIF output show paths joined to it so editors and
	// GitHub can open them; JSON shows paths relative to the root.
	Root string
	// RootURI is the file URI of the root, for SARIF's originalUriBaseIds.
	RootURI string
	// Version of the tool, for SARIF.
	Version string
}

// Printer writes a diagnostic list.
type Printer func(w io.Writer, l diag.List, opt Options) error

// Formats lists the printers by name.
var Formats = map[string]Printer{
	"text":   Text,
	"json":   JSON,
	"sarif":  SARIF,
	"github": GitHub,
}

// FormatNames returns the printer names, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func sorted(l diag.List) diag.List {
	c := slices.Clone(l)
	c.Sort()
	return c
}

// Display returns the path shown for a file relative to the root.
func (o Options) Display(file string) string {
	root := strings.TrimSuffix(o.Root, "/")
	if root == "" || root == "." {
		return file
	}
	return path.Join(root, file)
}

// Text writes "file:line:col: severity: message [rule]" lines.
func Text(w io.Writer, l diag.List, opt Options) error {
	bw := bufio.NewWriter(w)
	for _, d := range sorted(l) {
		d.File = opt.Display(d.File)
		fmt.Fprintln(bw, d.String())
	}
	return bw.Flush()
}

// jsonFinding is the JSON form of a finding (format version 1).
type jsonFinding struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Rule      string        `json:"rule"`
	Severity  diag.Severity `json:"severity"`
	Message   string        `json:"message"`
	Fix       string        `json:"fix,omitempty"`
	Related   []jsonPlace   `json:"related,omitempty"`
	Help      string        `json:"help,omitempty"` // the rule's section of docs/rules.md
}

type jsonPlace struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message,omitempty"`
}

// JSON writes {"version": 1, "findings": [...]} with paths relative to the
// content root.
func JSON(w io.Writer, l diag.List, _ Options) error {
	out := struct {
		Version  int           `json:"version"`
		Findings []jsonFinding `json:"findings"`
	}{Version: 1, Findings: []jsonFinding{}}
	for _, d := range sorted(l) {
		f := jsonFinding{
			File: d.File, Line: d.Pos.Line, Column: d.Pos.Column,
			EndLine: d.End.Line, EndColumn: d.End.Column,
			Rule: d.Rule, Severity: d.Severity, Message: d.Message,
		}
		if d.Fix != nil {
			f.Fix = d.Fix.Description
		}
		if r := rule.Lookup(d.Rule); r != nil {
			f.Help = r.HelpURI()
		}
		for _, r := range d.Related {
			f.Related = append(f.Related, jsonPlace{File: r.File, Line: r.Pos.Line, Column: r.Pos.Column, Message: r.Message})
		}
		out.Findings = append(out.Findings, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
