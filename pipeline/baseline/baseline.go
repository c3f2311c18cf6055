// Package baseline records the findings a content tree has, so that later
// runs report only new ones: a team adopts the linter on a tree with a
// backlog, and pull requests are held to the rules from then on.
//
// A finding is recorded by file, rule, message and a hash of the text of
// its line, not by line number, so edits elsewhere in the file that move
// it do not make it new; findings with the same key are counted. Numbers
// in messages that are line or column references ("first at line 12",
// "docfx.json:3:5") do not count either.
package baseline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
)

// Version is the version of the file format.
const Version = 1

// File is a baseline: the findings of a tree when it was recorded.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding, or several alike.
type Entry struct {
	File    string `json:"file"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// LineHash identifies the text of the finding's line (white space
	// around it aside); empty for a finding about the file as a whole.
	LineHash string `json:"lineHash,omitempty"`
	Count    int    `json:"count"`
}

func (e Entry) key() Entry { e.Count = 0; return e }

// Texts returns the decoded text of a file of the tree (nil when it cannot
// be read).
type Texts func(file string) []byte

// New records the findings of l.
func New(l diag.List, texts Texts) *File {
	k := newKeyer(texts)
	counts := map[Entry]int{}
	for _, d := range l {
		counts[k.key(d)]++
	}
	b := &File{Version: Version, Findings: []Entry{}}
	for e, n := range counts {
		e.Count = n
		b.Findings = append(b.Findings, e)
	}
	slices.SortFunc(b.Findings, compare)
	return b
}

func compare(a, b Entry) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
		strings.Compare(a.LineHash, b.LineHash),
	)
}

// Write writes the baseline as indented JSON, entries sorted.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// Read reads a baseline written by Write.
func Read(r io.Reader) (*File, error) {
	var b File
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline: version %d; want %d", b.Version, Version)
	}
	return &b, nil
}

// Result is what filtering findings through a baseline gave.
type Result struct {
	New        diag.List // findings the baseline does not hold
	Suppressed int       // findings it held
	// Stale are the entries (with the count not found) that no finding
	// matched any more: fixed, or changed beyond recognition.
	Stale []Entry
}

// Filter drops the findings of l the baseline records, as many of each
// key as it counts. Stale entries are reported for the files inScope
// accepts (nil: all), the files the run checked.
func (b *File) Filter(l diag.List, texts Texts, inScope func(file string) bool) Result {
	left := map[Entry]int{}
	for _, e := range b.Findings {
		left[e.key()] += e.Count
	}
	k := newKeyer(texts)
	var r Result
	for _, d := range l {
		key := k.key(d)
		if left[key] > 0 {
			left[key]--
			r.Suppressed++
			continue
		}
		r.New = append(r.New, d)
	}
	for e, n := range left {
		if n > 0 && (inScope == nil || inScope(e.File)) {
			e.Count = n
			r.Stale = append(r.Stale, e)
		}
	}
	slices.SortFunc(r.Stale, compare)
	return r
}

// lineRef matches the line and column numbers of messages.
var lineRef = regexp.MustCompile(`(line |:)\d+`)

type keyer struct {
	texts Texts
	lines map[string]*diag.Lines
}

func newKeyer(texts Texts) *keyer { return &keyer{texts: texts, lines: map[string]*diag.Lines{}} }

func (k *keyer) key(d diag.Diagnostic) Entry {
	e := Entry{File: d.File, Rule: d.Rule, Message: lineRef.ReplaceAllString(d.Message, "${1}N")}
	if !d.Pos.IsValid() || d.Pos.Offset == 0 && d.End.Offset == 0 {
		return e // the file as a whole
	}
	lines, ok := k.lines[d.File]
	if !ok {
		if text := k.texts(d.File); text != nil {
			lines = diag.NewLines(text)
		}
		k.lines[d.File] = lines
	}
	if lines == nil {
		return e
	}
	text := lines.Text()[lines.LineStart(d.Pos.Line):lines.LineEnd(d.Pos.Line)]
	sum := sha256.Sum256([]byte(strings.TrimSpace(string(text))))
	e.LineHash = hex.EncodeToString(sum[:8])
	return e
}
