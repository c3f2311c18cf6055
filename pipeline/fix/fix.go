// Package fix applies the safe fixes that rules attach to their findings
// (diag.Fix with Safe set) to the files they are about: it maps the edits,
// which are offsets into the decoded text, back onto the bytes of the
// file, so byte order marks, CRLF line ends and everything the edits do
// not touch stay as they were. It also shows the result as a unified diff,
// serves the fixed files to a second check from memory (Overlay) and
// writes them atomically (WriteFile).
package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Change is one fix made to a file.
type Change struct {
	File   string // slash path relative to the content root
	Line   int
	Rule   string
	Before string // the text replaced
	After  string // the text written instead
}

func (c Change) String() string {
	return fmt.Sprintf("%s:%d: %s: %s → %s", c.File, c.Line, c.Rule, c.Before, c.After)
}

// Safe returns the findings that carry a safe fix, by file.
func Safe(l diag.List) map[string]diag.List {
	out := map[string]diag.List{}
	for _, d := range l {
		if d.Fix != nil && d.Fix.Safe && len(d.Fix.Edits) > 0 {
			out[d.File] = append(out[d.File], d)
		}
	}
	return out
}

// Apply makes the safe fixes of ds, findings about the file whose bytes
// are raw, and returns the new bytes and what changed. A fix is left out,
// whole, when one of its edits overlaps the edit of another fix, no longer
// matches the file (an edit must replace bytes that read the same decoded
// and raw: no CR, no invalid UTF-8), or would add or remove a line: line
// numbers stay as they were. The same edit offered by two findings is made
// once.
func Apply(raw []byte, ds diag.List) ([]byte, []Change) {
	text := source.Decode(raw)
	m := newOffsets(raw, text)
	type planned struct {
		rs, re int // range in raw
		edit   diag.Edit
		d      *diag.Diagnostic
	}
	var plan []planned
	for i := range ds {
		d := &ds[i]
		if d.Fix == nil || !d.Fix.Safe {
			continue
		}
		var mine []planned
		ok := len(d.Fix.Edits) > 0
		for _, e := range d.Fix.Edits {
			rs, re, valid := m.raw(e)
			if !valid || strings.ContainsAny(e.New, "\r\n") {
				ok = false
				break
			}
			mine = append(mine, planned{rs, re, e, d})
		}
		if ok {
			plan = append(plan, mine...)
		}
	}
	slices.SortStableFunc(plan, func(a, b planned) int { return cmp.Or(cmp.Compare(a.rs, b.rs), cmp.Compare(a.re, b.re)) })
	// Two different edits of one range, or overlapping ones: neither fix
	// is made, as which one was meant cannot be told.
	var kept []planned
	bad := map[*diag.Diagnostic]bool{}
	for _, p := range plan {
		if n := len(kept); n > 0 {
			q := kept[n-1]
			if p.rs == q.rs && p.re == q.re && p.edit.New == q.edit.New {
				continue // the same edit twice
			}
			if p.rs < q.re || p.rs == q.rs {
				bad[p.d], bad[q.d] = true, true
				continue
			}
		}
		kept = append(kept, p)
	}
	var out bytes.Buffer
	var changes []Change
	prev := 0
	for _, p := range kept {
		if bad[p.d] {
			continue
		}
		out.Write(raw[prev:p.rs])
		out.WriteString(p.edit.New)
		prev = p.re
		changes = append(changes, m.change(p.d, p.edit, raw[p.rs:p.re]))
	}
	out.Write(raw[prev:])
	if len(changes) == 0 {
		return raw, nil
	}
	return out.Bytes(), changes
}

// offsets maps offsets of the decoded text onto the file's bytes.
type offsets struct {
	file []byte
	text *source.Text
	bom  int   // bytes of byte order marks
	crlf []int // decoded offsets of the line ends written CRLF
}

func newOffsets(raw []byte, text *source.Text) offsets {
	m := offsets{file: raw, text: text, bom: len(source.BOM) * text.BOMs}
	if text.CRLF {
		body := raw[m.bom:]
		for j, i := 0, 0; j < len(body); j, i = j+1, i+1 {
			if body[j] == '\r' && j+1 < len(body) && body[j+1] == '\n' {
				m.crlf = append(m.crlf, i)
				j++
			}
		}
	}
	return m
}

// raw returns the range of the file an edit replaces, and false when the
// edit is out of range or the bytes there differ from the decoded text.
func (m offsets) raw(e diag.Edit) (int, int, bool) {
	if e.Start > e.End || e.Start < -m.bom || e.End > len(m.text.Bytes) {
		return 0, 0, false
	}
	if e.Start < 0 {
		// Only whole byte order marks, and nothing after them.
		return m.bom + e.Start, m.bom + e.End, e.End <= 0 && e.Start%len(source.BOM) == 0 && e.End%len(source.BOM) == 0
	}
	at := func(d int) int {
		n, _ := slices.BinarySearch(m.crlf, d)
		return m.bom + d + n
	}
	rs, re := at(e.Start), at(e.End)
	// No CRLF inside, no byte that decoding replaced.
	return rs, re, re-rs == e.End-e.Start && bytes.Equal(m.file[rs:re], m.text.Bytes[e.Start:e.End])
}

func (m offsets) change(d *diag.Diagnostic, e diag.Edit, old []byte) Change {
	c := Change{File: d.File, Rule: d.Rule, Line: m.text.Pos(max(e.Start, 0)).Line, Before: string(old), After: e.New}
	if e.Start < 0 {
		n := m.text.BOMs
		c.Before = marks(n)
		c.After = marks(n - (e.End-e.Start)/len(source.BOM))
	}
	return c
}

func marks(n int) string {
	if n == 1 {
		return "1 byte order mark"
	}
	return fmt.Sprintf("%d byte order marks", n)
}

// Diff returns the unified diff of a file's change (nil when there is
// none), with the a/ and b/ names git uses.
func Diff(file string, old, new []byte) []byte {
	return diff.Diff("a/"+file, old, "b/"+file, new)
}

// Added returns the findings of after that before lacks: same file, line
// and rule, counted (two alike after, one before: one is new). Fixes keep
// line numbers, so a finding a fix did not remove keeps its line; its
// message may change with the text it quotes.
func Added(before, after diag.List) diag.List {
	type key struct {
		file, rule string
		line       int
	}
	seen := map[key]int{}
	for _, d := range before {
		seen[key{d.File, d.Rule, d.Pos.Line}]++
	}
	var out diag.List
	for _, d := range after {
		k := key{d.File, d.Rule, d.Pos.Line}
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, d)
	}
	return out
}
