// Package toc reads DocFX toc.yml files: a tree of entries with a name and
// an href (an article, another toc, a folder or a URL), keeping the place of
// every href.
package toc

import (
	"gopkg.in/yaml.v3"

	"github.com/helpsite/helpsite/pipeline/source"
)

// Entry is one item of a table of contents.
type Entry struct {
	Name  string
	Links []Link
	Items []*Entry
}

// Link is one href-like value of an entry.
type Link struct {
	Key        string // href, topicHref, tocHref or homepage
	Href       string // as written
	Start, End int    // offsets of the value in the file
}

// TOC is one parsed toc.yml.
type TOC struct {
	Path  string
	Text  *source.Text
	Items []*Entry
	// Err is set when the file is not YAML or not a list of entries.
	Err    string
	ErrPos int
}

// linkKeys are the keys of an entry that point somewhere.
var linkKeys = []string{"href", "topicHref", "tocHref", "homepage"}

// Parse reads the toc.yml at p.
func Parse(p string, text *source.Text) *TOC {
	t := &TOC{Path: p, Text: text}
	var doc yaml.Node
	if err := decode(text.Bytes, &doc); err != nil {
		t.Err = err.Error()
		return t
	}
	if len(doc.Content) == 0 {
		return t
	}
	root := doc.Content[0]
	if root.Kind == yaml.MappingNode { // the "items:" form
		root = value(root, "items")
	}
	if root == nil || root.Kind != yaml.SequenceNode {
		t.Err = "toc.yml is not a list of entries"
		t.ErrPos = text.Lines().At(doc.Content[0].Line, doc.Content[0].Column).Offset
		return t
	}
	t.Items = t.entries(root)
	return t
}

func decode(b []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanic{r}
		}
	}()
	return yaml.Unmarshal(b, n)
}

type errPanic struct{ v any }

func (e errPanic) Error() string { return "yaml: unreadable toc.yml" }

func (t *TOC) entries(seq *yaml.Node) []*Entry {
	var out []*Entry
	for _, it := range seq.Content {
		if it.Kind != yaml.MappingNode {
			continue
		}
		e := &Entry{}
		if n := value(it, "name"); n != nil {
			e.Name = n.Value
		}
		for _, k := range linkKeys {
			if n := value(it, k); n != nil && n.Kind == yaml.ScalarNode && n.Value != "" {
				l := Link{Key: k, Href: n.Value}
				l.Start = t.Text.Lines().At(n.Line, n.Column).Offset
				if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
					l.Start++
				}
				l.End = min(l.Start+len(n.Value), t.Text.Lines().LineEnd(n.Line))
				e.Links = append(e.Links, l)
			}
		}
		if items := value(it, "items"); items != nil && items.Kind == yaml.SequenceNode {
			e.Items = t.entries(items)
		}
		out = append(out, e)
	}
	return out
}

func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Walk calls fn for every entry, depth first, in file order.
func (t *TOC) Walk(fn func(*Entry)) {
	var walk func([]*Entry)
	walk = func(es []*Entry) {
		for _, e := range es {
			fn(e)
			walk(e.Items)
		}
	}
	walk(t.Items)
}
