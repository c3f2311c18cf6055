// Package frontmatter reads the YAML front matter of a Microsoft Learn
// article with github.com/adrg/frontmatter and decodes it into a yaml.v3 node
// tree, so that every key and value keeps its place in the file.
package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/helpsite/helpsite/pipeline/diag"
)

// Field is one top-level key of the front matter. Offsets are byte offsets
// into the parsed text.
type Field struct {
	Key                  string
	KeyStart, KeyEnd     int
	Value                *yaml.Node
	ValueStart, ValueEnd int
}

// FrontMatter is the parsed block.
type FrontMatter struct {
	Start     int // offset of the opening "---" line
	DataStart int // offset of the first byte of YAML
	DataEnd   int // offset just past the YAML, where the closing line starts
	End       int // offset just past the closing "---" line: the body starts here
	Fields    []Field
	// Duplicates are the extra occurrences of keys given more than once.
	Duplicates []Field
	// Err is set when the block is not closed, does not parse, or is not a
	// mapping. Fields are then empty.
	Err *Error
}

// Error is a front matter that cannot be used, with its place.
type Error struct {
	Offset  int
	Message string
}

func (e *Error) Error() string { return e.Message }

// Parse reads the front matter at the start of the text indexed by lines.
// It returns nil when the text does not start with a "---" line (after blank
// lines, as adrg/frontmatter allows).
func Parse(lines *diag.Lines) *FrontMatter {
	src := lines.Text()
	start, dataStart, ok := opening(src)
	if !ok {
		return nil
	}
	fm := &FrontMatter{Start: start, DataStart: dataStart}
	// adrg/frontmatter copies all it reads into a buffer of its own; it is
	// given the text up to the first closing line only, not the body.
	limit, closed := closing(src, dataStart)
	var data []byte
	format := frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		data = b
		return nil
	})
	var rest []byte
	var err error
	if closed {
		rest, err = frontmatter.Parse(bytes.NewReader(src[:limit]), nil, format)
	}
	if !closed || err != nil || data == nil {
		// No closing line: the whole file would be YAML.
		fm.DataEnd, fm.End = len(src), len(src)
		fm.Err = &Error{Offset: start, Message: "front matter has no closing \"---\" line"}
		return fm
	}
	fm.End = limit - len(rest)
	fm.DataEnd = dataStart + len(data)
	if !bytes.Equal(src[dataStart:fm.DataEnd], data) {
		// Never expected: adrg/frontmatter returns the bytes after the
		// opening line. Fall back to searching for them.
		if i := bytes.Index(src[start:], data); i >= 0 {
			fm.DataStart, fm.DataEnd = start+i, start+i+len(data)
		}
	}
	fm.decode(lines, data)
	return fm
}

// Starts reports whether the text opens with front matter: a "---" line
// after optional blank lines, as adrg/frontmatter reads it.
func Starts(src []byte) bool {
	_, _, ok := opening(src)
	return ok
}

// opening finds the "---" line that opens a front matter after optional
// blank lines, and returns its offset and the offset of the next line.
func opening(src []byte) (start, next int, ok bool) {
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		lineEnd := len(src)
		if end >= 0 {
			lineEnd = off + end
		}
		line := bytes.TrimSpace(src[off:lineEnd])
		next := min(lineEnd+1, len(src))
		switch {
		case len(line) == 0:
			off = next
			continue
		case string(line) == "---":
			return off, next, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// closing returns the offset just past the first "---" line at or after
// off (the line that closes the front matter), and whether there is one.
func closing(src []byte, off int) (int, bool) {
	for off < len(src) {
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i
		}
		next := min(end+1, len(src))
		if string(bytes.TrimSpace(src[off:end])) == "---" {
			return next, true
		}
		off = next
	}
	return 0, false
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func (fm *FrontMatter) decode(lines *diag.Lines, data []byte) {
	firstLine := lines.Pos(fm.DataStart).Line
	var root yaml.Node
	if err := unmarshal(data, &root); err != nil {
		// yaml.v3 reports syntax errors only as text ("yaml: line 3: ..."),
		// so the line is read from it.
		off := fm.DataStart
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			if n, convErr := strconv.Atoi(m[1]); convErr == nil {
				off = lines.LineStart(firstLine + n - 1)
			}
		}
		fm.Err = &Error{Offset: min(off, fm.DataEnd), Message: "front matter is not valid YAML: " + trimYAML(err.Error())}
		return
	}
	if len(root.Content) == 0 {
		return // empty front matter: no fields
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		fm.Err = &Error{Offset: fm.DataStart, Message: "front matter is not a mapping of keys to values"}
		return
	}
	seen := make(map[string]bool, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		f := Field{Key: k.Value, Value: v}
		f.KeyStart, f.KeyEnd = span(lines, firstLine, k)
		f.ValueStart, f.ValueEnd = span(lines, firstLine, v)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
			// "key:" with nothing after it: the value is at the key's end.
			f.ValueStart, f.ValueEnd = f.KeyEnd, f.KeyEnd
		}
		if seen[f.Key] {
			fm.Duplicates = append(fm.Duplicates, f)
			continue
		}
		seen[f.Key] = true
		fm.Fields = append(fm.Fields, f)
	}
}

// unmarshal decodes YAML, turning a panic of the decoder into an error so
// that no input can stop a run.
func unmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

// span returns the byte range of a node: its first line and column come from
// yaml.v3 (1-based, counted in characters, relative to the YAML data), the
// end is the end of the scalar on that line.
func span(lines *diag.Lines, firstLine int, n *yaml.Node) (int, int) {
	line := firstLine + n.Line - 1
	start := lines.At(line, n.Column).Offset
	end := lines.LineEnd(line)
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && start < end {
			start++ // the value starts inside its quotes, as in <properties>
		}
		end = min(start+len(n.Value), end)
	}
	return start, max(end, start)
}

var yamlPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

// trimYAML drops the "yaml: line N:" prefix: the finding carries the place.
func trimYAML(s string) string { return yamlPrefix.ReplaceAllString(s, "") }
