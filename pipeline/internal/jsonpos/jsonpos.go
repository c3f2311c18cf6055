// Package jsonpos decodes JSON into a tree that remembers the byte offsets
// of every key and value, so findings in docfx.json, redirection files and
// JSON blocks can point at the exact place. It reads tokens with
// encoding/json's Decoder and takes offsets from InputOffset.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Kind is the JSON type of a node.
type Kind int

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Node is a JSON value with its byte range [Start, End).
type Node struct {
	Kind       Kind
	Start, End int
	Str        string // String: the decoded text; Number: the literal
	Bool       bool
	Items      []*Node
	Fields     []Field // in document order, duplicates kept
}

// Field is one member of an object.
type Field struct {
	Key              string
	KeyStart, KeyEnd int
	Value            *Node
}

// Get returns the value of the first member named key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// Error is a syntax error with its byte offset.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Parse decodes data, which must hold exactly one JSON value.
func Parse(data []byte) (*Node, error) {
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	start := p.next()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &Error{Offset: start, Msg: "unexpected text after the JSON value"}
	}
	return n, nil
}

type parser struct {
	data []byte
	dec  *json.Decoder
}

// next returns the offset where the next token starts.
func (p *parser) next() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

func (p *parser) token() (json.Token, int, error) {
	start := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, start, p.wrap(err, start)
	}
	return tok, start, nil
}

func (p *parser) wrap(err error, start int) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// From Decoder.Token the offset is that of the offending byte
		// (json.Unmarshal's is one past it).
		return &Error{Offset: min(int(se.Offset), len(p.data)), Msg: se.Error()}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Offset: len(p.data), Msg: "unexpected end of JSON input"}
	}
	return &Error{Offset: start, Msg: err.Error()}
}

func (p *parser) value() (*Node, error) {
	tok, start, err := p.token()
	if err != nil {
		return nil, err
	}
	n := &Node{Start: start}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.Kind = Object
			for p.dec.More() {
				ktok, kstart, err := p.token()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				f := Field{Key: key, KeyStart: kstart, KeyEnd: int(p.dec.InputOffset())}
				if f.Value, err = p.value(); err != nil {
					return nil, err
				}
				n.Fields = append(n.Fields, f)
			}
		case '[':
			n.Kind = Array
			for p.dec.More() {
				item, err := p.value()
				if err != nil {
					return nil, err
				}
				n.Items = append(n.Items, item)
			}
		}
		if _, _, err := p.token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.Kind, n.Str = String, t
	case json.Number:
		n.Kind, n.Str = Number, string(t)
	case bool:
		n.Kind, n.Bool = Bool, t
	case nil:
		n.Kind = Null
	}
	n.End = int(p.dec.InputOffset())
	return n, nil
}
