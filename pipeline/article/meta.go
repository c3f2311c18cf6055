package article

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/frontmatter"
	"github.com/helpsite/helpsite/pipeline/internal/jsonpos"
)

// Field is one metadata key and its value.
type Field struct {
	Key              string
	KeyStart, KeyEnd int // offsets into the article; unset for inherited fields
	Value            Value
	// From is set for a value inherited from docfx.json.
	From *Origin
}

// Origin is the docfx.json entry an inherited value came from.
type Origin struct {
	File string   // path of docfx.json
	Pos  diag.Pos // of the value in docfx.json
	End  diag.Pos
	Glob string // the fileMetadata glob; "" for globalMetadata
}

// Describe says which part of docfx.json set the value, for messages.
func (o *Origin) Describe() string {
	if o.Glob == "" {
		return "globalMetadata"
	}
	return "fileMetadata \"" + o.Glob + "\""
}

// Value is a metadata value: a scalar, a list of scalars, or something else
// (a mapping). Start and End are offsets into the article text.
type Value struct {
	Text       string // the scalar text
	Null       bool   // "key:" with nothing after it, or an attribute without value
	List       bool
	Map        bool
	Items      []Item // list items
	Start, End int
}

// Item is one scalar of a list value.
type Item struct {
	Text       string
	Start, End int
}

// Empty reports whether the value is missing in all but name: null, blank
// text, or a list without a non-blank item.
func (v Value) Empty() bool {
	switch {
	case v.Null:
		return true
	case v.List:
		for _, it := range v.Items {
			if strings.TrimSpace(it.Text) != "" {
				return false
			}
		}
		return true
	case v.Map:
		return false
	}
	return strings.TrimSpace(v.Text) == ""
}

// Scalars returns the value as items: the items of a list, or the scalar
// itself.
func (v Value) Scalars() []Item {
	if v.List {
		return v.Items
	}
	if v.Null || v.Map {
		return nil
	}
	return []Item{{Text: v.Text, Start: v.Start, End: v.End}}
}

func yamlValue(f frontmatter.Field, lines *diag.Lines) Value {
	n := f.Value
	v := Value{Start: f.ValueStart, End: f.ValueEnd}
	switch n.Kind {
	case yaml.ScalarNode:
		v.Text = n.Value
		v.Null = n.Tag == "!!null"
	case yaml.SequenceNode:
		v.List = true
		for _, it := range n.Content {
			line := lines.Pos(f.ValueStart).Line + it.Line - n.Line
			start := lines.At(line, it.Column).Offset
			if it.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				start = min(start+1, lines.LineEnd(line)) // inside the quotes
			}
			end := min(start+len(it.Value), lines.LineEnd(line))
			if it.Kind != yaml.ScalarNode {
				end = start
			}
			v.Items = append(v.Items, Item{Text: it.Value, Start: start, End: end})
		}
	case yaml.AliasNode:
		if n.Alias != nil {
			v.Text = n.Alias.Value
		}
	default:
		v.Map = true
	}
	return v
}

// Inheritance is the metadata of one docset converted once for all its
// articles.
type Inheritance struct {
	docset *docfx.Docset
	global []Field // build.globalMetadata
	file   []Field // build.fileMetadata, parallel to docset.FileMeta
}

// NewInheritance converts the metadata of a docset; lines indexes its
// docfx.json.
func NewInheritance(d *docfx.Docset, lines *diag.Lines) *Inheritance {
	conv := func(dv docfx.Value) Field {
		o := &Origin{File: d.File, Pos: lines.Pos(dv.Node.Start), End: lines.Pos(dv.Node.End), Glob: dv.Glob}
		return Field{Key: dv.Key, KeyStart: -1, KeyEnd: -1, Value: jsonValue(dv.Node), From: o}
	}
	in := &Inheritance{docset: d}
	for _, dv := range d.Global {
		in.global = append(in.global, conv(dv))
	}
	for _, dv := range d.FileMeta {
		in.file = append(in.file, conv(dv))
	}
	return in
}

// Inherit records the metadata the article inherits from its docset:
// globalMetadata, then the fileMetadata globs that match it, in order.
func (a *Article) Inherit(in *Inheritance) {
	rel, ok := in.docset.Rel(a.Path)
	if !ok {
		return
	}
	a.Inherited = append(a.Inherited[:0:0], in.global...)
	for i, dv := range in.docset.FileMeta {
		if docfx.Match(dv.Glob, rel) {
			a.Inherited = append(a.Inherited, in.file[i])
		}
	}
}

func jsonValue(n *jsonpos.Node) Value {
	v := Value{Start: -1, End: -1}
	switch n.Kind {
	case jsonpos.String, jsonpos.Number:
		v.Text = n.Str
	case jsonpos.Bool:
		v.Text = "false"
		if n.Bool {
			v.Text = "true"
		}
	case jsonpos.Null:
		v.Null = true
	case jsonpos.Array:
		v.List = true
		for _, it := range n.Items {
			v.Items = append(v.Items, Item{Text: it.Str, Start: -1, End: -1})
		}
	case jsonpos.Object:
		v.Map = true
	}
	return v
}
