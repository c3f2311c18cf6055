// Package diag models a finding of the pipeline once: where it is, which rule
// found it, how severe it is and what it says. Printers in package report
// write the same list as text, JSON, SARIF or GitHub workflow commands.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says how bad a finding is. The zero value is Off: a rule turned
// off produces nothing.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "error", "warning", "info" or "off" (any case).
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// MarshalText writes the severity name, so JSON and YAML carry "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Pos is a place in a file. Line and Column start at 1; Column counts bytes
// of the line as decoded (after any byte order mark), like go/token.
// Column16 is the same column in UTF-16 code units, which SARIF expects.
// Offset is the byte offset in the decoded text (after the byte order mark,
// with CRLF read as LF). The zero Pos means "the file as a whole".
type Pos struct {
	Offset   int
	Line     int
	Column   int
	Column16 int
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Location is a range in a file, used for related places such as the
// docfx.json entry an inherited value came from.
type Location struct {
	File    string // slash path relative to the content root
	Pos     Pos
	End     Pos
	Message string
}

// Edit replaces the bytes [Start, End) of the decoded text (the offsets of
// Pos) with New. The byte order marks the decoding removed lie before
// offset 0, three bytes each: an edit with a negative Start reaches into
// them (Start -3, End 0 removes the last one).
type Edit struct {
	Start, End int
	New        string
}

// Fix is a suggested change: a Description for the editor and, where the
// rule can tell, the Edits that make it.
type Fix struct {
	Description string
	Edits       []Edit
	// Safe marks edits that "lint --fix" applies without asking: they
	// change letter case, zero-padding or byte order marks only, never
	// what the text means or where a link goes.
	Safe bool
}

// Diagnostic is one finding.
type Diagnostic struct {
	File     string // slash path relative to the content root
	Pos      Pos
	End      Pos // the end of the range; may equal Pos
	Rule     string
	Severity Severity
	Message  string // lower-case start, no trailing period
	Fix      *Fix
	Related  []Location
}

// String gives the text form "file:line:col: severity: message [rule]".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Pos.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", d.Pos.Line, max(d.Pos.Column, 1))
	}
	// One finding, one line: a line break in a message would split it.
	msg := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(d.Message)
	fmt.Fprintf(&b, ": %s: %s [%s]", d.Severity, msg, d.Rule)
	return b.String()
}

// List is a set of diagnostics.
type List []Diagnostic

// Compare orders diagnostics by file, line, column, rule and message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
		cmp.Compare(a.End.Line, b.End.Line),
		cmp.Compare(a.End.Column, b.End.Column),
	)
}

// Sort puts the list in its printed order.
func (l List) Sort() { slices.SortStableFunc(l, Compare) }

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// ByRule counts diagnostics per rule id.
func (l List) ByRule() map[string]int {
	m := make(map[string]int)
	for _, d := range l {
		m[d.Rule]++
	}
	return m
}

// Merge returns the findings of a and those of b that a lacks (Unseen),
// sorted: the checks' findings with a later stage's.
func Merge(a, b List) List {
	out := append(slices.Clone(a), Unseen(a, b)...)
	out.Sort()
	return out
}

// Unseen returns the findings of more that known lacks (same file, place
// and rule), in order: what a later stage adds to the checks' findings.
func Unseen(known, more List) List {
	type key struct {
		file      string
		line, col int
		rule      string
	}
	seen := map[key]bool{}
	for _, d := range known {
		seen[key{d.File, d.Pos.Line, d.Pos.Column, d.Rule}] = true
	}
	var out List
	for _, d := range more {
		k := key{d.File, d.Pos.Line, d.Pos.Column, d.Rule}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}
