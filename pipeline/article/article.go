// Package article loads one Markdown file of either format into an Article:
// its metadata (with the place of every key and value, and where inherited
// values came from), its Markdown body parsed by goldmark, and for self-help
// articles the JSON block that may follow the Markdown.
package article

import (
	"bytes"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/frontmatter"
	"github.com/helpsite/helpsite/pipeline/markdown"
	"github.com/helpsite/helpsite/pipeline/properties"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Format is an article format.
type Format int

const (
	Unknown Format = iota
	Learn          // YAML front matter, DocFX Markdown
	SHC            // Azure self-help: <properties> block
)

func (f Format) String() string {
	switch f {
	case Learn:
		return "learn"
	case SHC:
		return "shc"
	}
	return "unknown"
}

// Article is one loaded Markdown file.
type Article struct {
	Path   string // slash path relative to the content root
	Format Format
	// Include is set for snippets pulled into other articles by
	// [!INCLUDE]: they are not pages and carry no metadata.
	Include bool
	Text    *source.Text

	Properties  *properties.Block        // SHC
	FrontMatter *frontmatter.FrontMatter // Learn

	// Fields are the metadata keys written in the article, in order; a key
	// given twice is in Fields once and its other occurrences are in
	// Duplicates (SHC keys compare without regard to letter case).
	Fields     []Field
	Duplicates []Field
	// Inherited are values from docfx.json in merge order: a later field
	// for the same key overrides an earlier one, and Fields override all.
	Inherited []Field

	BodyStart, BodyEnd int // the Markdown body in Text.Bytes
	JSON               *JSONBlock
	Doc                *markdown.Doc // the body; its offsets are relative to BodyStart
}

// JSONBlock is the JSON that a self-help article may carry between "---"
// lines after its Markdown.
type JSONBlock struct {
	Open       int // offset of the opening "---" line
	Start, End int // the JSON text
	Closed     bool
}

// Detect tells the format from the content: front matter first means
// Learn, a <properties> block means self-help, anything else is Unknown.
func Detect(text []byte) Format {
	if frontmatter.Starts(text) {
		return Learn
	}
	if properties.Locate(text) >= 0 {
		return SHC
	}
	return Unknown
}

// Parse loads an article of the given format (Unknown: detect it).
func Parse(path string, text *source.Text, f Format) *Article {
	if f == Unknown {
		f = Detect(text.Bytes)
	}
	a := &Article{Path: path, Format: f, Text: text, BodyEnd: len(text.Bytes)}
	switch f {
	case SHC:
		a.parseProperties()
		a.findJSON()
	case Learn:
		a.parseFrontMatter()
	}
	a.Doc = markdown.Parse(text.Bytes[a.BodyStart:a.BodyEnd])
	return a
}

func (a *Article) parseProperties() {
	b := properties.Parse(a.Text.Bytes)
	a.Properties = b
	if b == nil {
		return
	}
	a.BodyStart = b.End
	seen := make(map[string]bool, len(b.Attrs))
	for _, at := range b.Attrs {
		f := Field{
			Key: at.Name, KeyStart: at.NameStart, KeyEnd: at.NameEnd,
			Value: Value{Text: at.Value, Start: at.ValueStart, End: at.ValueEnd, Null: !at.HasValue},
		}
		k := strings.ToLower(at.Name)
		if seen[k] {
			a.Duplicates = append(a.Duplicates, f)
			continue
		}
		seen[k] = true
		a.Fields = append(a.Fields, f)
	}
}

func (a *Article) parseFrontMatter() {
	fm := frontmatter.Parse(a.Text.Lines())
	a.FrontMatter = fm
	if fm == nil {
		return
	}
	a.BodyStart = fm.End
	conv := func(ff frontmatter.Field) Field {
		return Field{Key: ff.Key, KeyStart: ff.KeyStart, KeyEnd: ff.KeyEnd, Value: yamlValue(ff, a.Text.Lines())}
	}
	for _, ff := range fm.Fields {
		a.Fields = append(a.Fields, conv(ff))
	}
	for _, ff := range fm.Duplicates {
		a.Duplicates = append(a.Duplicates, conv(ff))
	}
}

// findJSON finds the JSON block of a self-help article: a "---" line
// outside code fences whose next non-blank line starts with "{". The block
// ends at the next "---" line. The Markdown body ends where it starts.
func (a *Article) findJSON() {
	src := a.Text.Bytes
	var fence []byte
	for off := a.BodyStart; off < len(src); {
		lineEnd := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			lineEnd = off + i
		}
		next := min(lineEnd+1, len(src))
		line := src[off:lineEnd]
		trimmed := bytes.TrimSpace(line)
		switch {
		case fence != nil:
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimLeft(trimmed, string(fence[:1]))) == 0 {
				fence = nil
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			fence = trimmed[:3]
		case string(trimmed) == "---" && nextNonBlankStartsWith(src[next:], '{'):
			j := &JSONBlock{Open: off, Start: next, End: len(src)}
			for o := next; o < len(src); {
				le := len(src)
				if i := bytes.IndexByte(src[o:], '\n'); i >= 0 {
					le = o + i
				}
				if string(bytes.TrimSpace(src[o:le])) == "---" {
					j.End, j.Closed = o, true
					break
				}
				o = le + 1
			}
			a.JSON = j
			a.BodyEnd = off
			return
		}
		off = next
	}
}

func nextNonBlankStartsWith(b []byte, c byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	return len(t) > 0 && t[0] == c
}

// Pos returns the position of an offset into the article text.
func (a *Article) Pos(offset int) diag.Pos { return a.Text.Pos(offset) }

// BodyPos returns the position of an offset into the body (as goldmark
// reports it).
func (a *Article) BodyPos(offset int) diag.Pos { return a.Text.Pos(a.BodyStart + offset) }

// Lookup returns the effective value of a metadata key: the article's own
// field, else the last inherited one. SHC keys are matched without regard to
// letter case; Learn keys exactly.
func (a *Article) Lookup(key string) *Field {
	for i := range a.Fields {
		if a.keyEq(a.Fields[i].Key, key) {
			return &a.Fields[i]
		}
	}
	for i := len(a.Inherited) - 1; i >= 0; i-- {
		if a.keyEq(a.Inherited[i].Key, key) {
			return &a.Inherited[i]
		}
	}
	return nil
}

func (a *Article) keyEq(k, key string) bool {
	if a.Format == SHC {
		return strings.EqualFold(k, key)
	}
	return k == key
}

// EscapeJSONControls replaces raw control characters inside the strings
// of a JSON text by spaces (keeping every offset), as authors paste tabs
// and line breaks into them, and returns the offset of the first one (-1:
// none). The linter reports them; the renderer reads past them.
func EscapeJSONControls(data []byte) ([]byte, int) {
	out := bytes.Clone(data)
	first := -1
	in, esc := false, false
	for i, b := range out {
		switch {
		case esc:
			esc = false
		case in && b == '\\':
			esc = true
		case b == '"':
			in = !in
		case in && b < 0x20:
			out[i] = ' '
			if first < 0 {
				first = i
			}
		}
	}
	return out, first
}
