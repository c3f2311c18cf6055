// Package properties parses the metadata block that opens an Azure self-help
// article:
//
//	<properties
//		pageTitle="Sign in issues"
//		supportTopicIds="32572367, 32572368"
//	/>
//
// The grammar is the one real files use, not XML: values are quoted with " or
// ', may contain '=', '>' and '/', and may span lines; spaces may surround
// '='; HTML comments may come before the block. Broken input (a missing
// closing quote, doubled quotes, unquoted values, a missing "/>", invisible
// characters) is reported as a Problem with its byte range and parsing goes
// on: Parse never fails.
package properties

import (
	"bytes"
	"unicode/utf8"
)

// Rule ids of the problems the parser reports.
const (
	RuleMalformed = "properties-malformed"
	RuleUnclosed  = "properties-unclosed"
	RuleNotFirst  = "properties-not-first"
	RuleMultiline = "meta-value-multiline"
)

// Attr is one attribute. Offsets are byte offsets into the parsed text;
// ValueStart and ValueEnd exclude the quotes.
type Attr struct {
	Name                 string
	NameStart, NameEnd   int
	Value                string
	ValueStart, ValueEnd int
	Quote                byte // '"' or '\'', 0 when unquoted or without value
	HasValue             bool
}

// Problem is a defect of the block, with the rule id that reports it.
type Problem struct {
	Rule       string
	Start, End int
	Message    string
}

// Block is a parsed <properties> block.
type Block struct {
	Start, End int // from "<properties" to just after the terminator
	Attrs      []Attr
	Problems   []Problem
	Closed     bool // ended by "/>"
}

var tag = []byte("<properties")

// Locate returns the offset of the "<properties" tag that opens the block:
// the first one at the start of a line (after optional indentation), or -1.
// The tag is matched without regard to letter case.
func Locate(src []byte) int {
	for off := 0; off < len(src); {
		i := indexFold(src[off:], tag)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(tag)
		if (end == len(src) || isSpace(src[end]) || src[end] == '/' || src[end] == '>') && onlySpaceBefore(src, i) {
			return i
		}
		off = end
	}
	return -1
}

// Parse finds and parses the block. It returns nil when the text holds no
// "<properties" tag at a line start.
func Parse(src []byte) *Block {
	start := Locate(src)
	if start < 0 {
		return nil
	}
	p := &parser{src: src, b: &Block{Start: start}}
	if off := firstText(src); off < start {
		p.problem(RuleNotFirst, off, min(lineEnd(src, off), start), "text comes before the <properties> block")
	}
	p.parse(start + len(tag))
	return p.b
}

type parser struct {
	src []byte
	b   *Block
}

func (p *parser) problem(rule string, start, end int, msg string) {
	p.b.Problems = append(p.b.Problems, Problem{Rule: rule, Start: start, End: max(end, start), Message: msg})
}

// parse reads attributes from off. It first looks for the terminator with a
// quote-aware scan; a block without one ends before the first line that does
// not look like an attribute.
func (p *parser) parse(off int) {
	limit, closed := p.findEnd(off)
	for off < limit {
		c := p.src[off]
		switch {
		case isSpace(c):
			off++
		case bytes.HasPrefix(p.src[off:limit], commentOpen):
			off = commentEnd(p.src, off, limit)
		case isInvisible(p.src[off:]):
			_, size := utf8.DecodeRune(p.src[off:])
			p.problem(RuleMalformed, off, off+size, "invisible character (zero-width space or byte order mark) inside <properties>")
			off += size
		case c == '/' || c == '>':
			// The terminator lies at limit; anything else is stray.
			p.problem(RuleMalformed, off, off+1, "stray "+quoteByte(c)+" inside <properties>")
			off++
		case c == '"' || c == '\'' || c == '=':
			end := p.strayEnd(off, limit)
			p.problem(RuleMalformed, off, end, "stray text "+quoteText(p.src[off:end])+" inside <properties>")
			off = end
		default:
			off = p.attr(off, limit)
		}
	}
	p.b.Closed = closed
	p.b.End = p.terminate(limit, closed)
}

// terminate consumes the terminator at limit and returns the end of the block.
func (p *parser) terminate(limit int, closed bool) int {
	if closed {
		i := limit + 1 // past '/'
		for i < len(p.src) && isSpace(p.src[i]) {
			i++
		}
		return i + 1 // past '>'
	}
	if limit < len(p.src) && p.src[limit] == '>' {
		p.problem(RuleUnclosed, p.b.Start, limit+1, "<properties> block ends with \">\" instead of \"/>\"")
		return limit + 1
	}
	p.problem(RuleUnclosed, p.b.Start, p.b.Start+len(tag), "<properties> block has no \"/>\" terminator")
	return limit
}

// findEnd returns the offset of the terminator ("/>" possibly with spaces
// between, or a lone ">") and whether it is "/>". Without one it returns
// the start of the first line that is not attribute-like.
func (p *parser) findEnd(off int) (int, bool) {
	s := p.src
	for i := off; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			if bytes.HasPrefix(s[i:], commentOpen) {
				i = commentEnd(s, i, len(s)) - 1
			}
		case '"', '\'':
			if isValueQuote(s, i) {
				if j := p.closingQuote(i); j >= 0 {
					i = j
				}
			}
		case '/':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if j < len(s) && s[j] == '>' {
				return i, true
			}
		case '>':
			return i, false
		}
	}
	return p.unclosedEnd(off), false
}

// unclosedEnd bounds a block without terminator: it ends before the first
// line (after the tag's own line) that does not look like an attribute or
// the continuation of a quoted value.
func (p *parser) unclosedEnd(off int) int {
	s := p.src
	inQuote := byte(0)
	lineStart := true
	for i := off; i < len(s); i++ {
		c := s[i]
		if lineStart && inQuote == 0 && i > off && !attrLine(s[i:]) {
			return i
		}
		lineStart = c == '\n'
		switch {
		case inQuote != 0 && c == inQuote:
			inQuote = 0
		case inQuote == 0 && (c == '"' || c == '\'') && isValueQuote(s, i):
			inQuote = c
		case inQuote != 0 && c == '\n' && p.quoteLooksUnterminated(i):
			inQuote = 0
		}
	}
	return len(s)
}

// attrLine reports whether a line looks like it belongs to a properties
// block: blank, or starting with an attribute name.
func attrLine(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) || line[i] == '\n' {
		return true
	}
	j := i
	for j < len(line) && isNameByte(line[j]) {
		j++
	}
	if j == i || !isLetter(line[i]) {
		return false
	}
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	return j == len(line) || line[j] == '=' || line[j] == '\n' || line[j] == '/'
}

// attr parses one attribute starting at a name character and returns where
// parsing goes on.
func (p *parser) attr(off, limit int) int {
	s := p.src
	nameEnd := off
	for nameEnd < limit && !isSpace(s[nameEnd]) && s[nameEnd] != '=' && s[nameEnd] != '"' && s[nameEnd] != '\'' &&
		s[nameEnd] != '>' && !isInvisible(s[nameEnd:]) {
		nameEnd++
	}
	a := Attr{Name: string(s[off:nameEnd]), NameStart: off, NameEnd: nameEnd}
	i := nameEnd
	for i < limit && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= limit || s[i] != '=' {
		if i < limit && (s[i] == '"' || s[i] == '\'') {
			// name"value": the '=' is missing.
			p.problem(RuleMalformed, off, nameEnd, "attribute "+quoteText(s[off:nameEnd])+" has no '=' before its value")
			return p.quoted(&a, i, limit)
		}
		p.problem(RuleMalformed, off, nameEnd, "attribute "+quoteText(s[off:nameEnd])+" has no value")
		a.ValueStart, a.ValueEnd = nameEnd, nameEnd
		p.b.Attrs = append(p.b.Attrs, a)
		return nameEnd
	}
	i++ // '='
	for i < limit && isSpace(s[i]) {
		i++
	}
	if i >= limit {
		p.problem(RuleMalformed, off, i, "attribute "+quoteText(s[off:nameEnd])+" has no value")
		a.ValueStart, a.ValueEnd = i, i
		p.b.Attrs = append(p.b.Attrs, a)
		return i
	}
	if s[i] == '"' || s[i] == '\'' {
		return p.quoted(&a, i, limit)
	}
	// Unquoted value: up to white space or the terminator.
	j := i
	for j < limit && !isSpace(s[j]) {
		j++
	}
	p.problem(RuleMalformed, i, j, "value of "+quoteText(s[off:nameEnd])+" is not quoted")
	a.Value, a.ValueStart, a.ValueEnd, a.HasValue = string(s[i:j]), i, j, true
	p.b.Attrs = append(p.b.Attrs, a)
	return j
}

// quoted parses a quoted value whose opening quote is at q.
func (p *parser) quoted(a *Attr, q, limit int) int {
	s := p.src
	a.Quote = s[q]
	a.HasValue = true
	a.ValueStart = q + 1
	end := p.closingQuote(q)
	if end < 0 || end >= limit {
		// Unterminated: the value ends with its line.
		e := min(lineEnd(s, q), limit)
		p.problem(RuleMalformed, q, e, "value of "+quoteText([]byte(a.Name))+" has no closing quote")
		a.Value, a.ValueEnd = string(bytes.TrimRight(s[q+1:e], " \t")), e
		p.b.Attrs = append(p.b.Attrs, *a)
		return e
	}
	a.Value, a.ValueEnd = string(s[q+1:end]), end
	if bytes.IndexByte(s[q+1:end], '\n') >= 0 {
		p.problem(RuleMultiline, q+1, end, "value of "+quoteText([]byte(a.Name))+" spans several lines")
	}
	p.b.Attrs = append(p.b.Attrs, *a)
	i := end + 1
	if i < limit && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		// Text glued to the closing quote: a doubled quote or a stray word.
		j := p.strayEnd(i, limit)
		p.problem(RuleMalformed, i, j, "stray text "+quoteText(s[i:j])+" after the value of "+quoteText([]byte(a.Name)))
		return j
	}
	return i
}

// closingQuote returns the offset of the quote that closes the one at q, or
// -1 when the value is unterminated. A value that runs onto a line where the
// next attribute or the terminator starts is unterminated: its "closing"
// quote is really the opening quote of the next attribute.
func (p *parser) closingQuote(q int) int {
	s := p.src
	quote := s[q]
	for i := q + 1; i < len(s); i++ {
		switch s[i] {
		case quote:
			return i
		case '\n':
			if p.quoteLooksUnterminated(i) {
				return -1
			}
		}
	}
	return -1
}

// quoteLooksUnterminated reports whether the line after the newline at nl
// starts like a new attribute (name= or name="), the terminator, or
// Markdown, so a quote still open at nl was never closed.
func (p *parser) quoteLooksUnterminated(nl int) bool {
	line := p.src[nl+1:]
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	rest := line[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("/>")), bytes.HasPrefix(rest, []byte("#")), bytes.HasPrefix(rest, []byte("<!--")):
		return true
	}
	j := 0
	for j < len(rest) && isNameByte(rest[j]) {
		j++
	}
	if j == 0 || !isLetter(rest[0]) {
		return false
	}
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
		j++
	}
	if j >= len(rest) || rest[j] != '=' {
		return false
	}
	j++
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
		j++
	}
	return j < len(rest) && (rest[j] == '"' || rest[j] == '\'')
}

// isValueQuote reports whether the quote at i opens a value: it follows '='
// (with optional spaces).
func isValueQuote(s []byte, i int) bool {
	j := i - 1
	for j >= 0 && isSpace(s[j]) {
		j--
	}
	return j >= 0 && s[j] == '='
}

// strayEnd returns the end of a stray token starting at off: up to white
// space or the terminator.
func (p *parser) strayEnd(off, limit int) int {
	j := off
	for j < limit && !isSpace(p.src[j]) {
		j++
	}
	return max(j, off+1)
}

// firstText returns the offset of the first byte that is neither white space
// nor inside an HTML comment.
func firstText(src []byte) int {
	i := 0
	for i < len(src) {
		switch {
		case isSpace(src[i]):
			i++
		case bytes.HasPrefix(src[i:], commentOpen):
			end := commentEnd(src, i, len(src))
			if end == len(src) && !bytes.HasSuffix(src, []byte("-->")) {
				return i
			}
			i = end
		default:
			return i
		}
	}
	return i
}

var commentOpen = []byte("<!--")

// commentEnd returns the offset after the HTML comment opening at off, or
// limit when it is not closed before it.
func commentEnd(s []byte, off, limit int) int {
	if end := bytes.Index(s[off+4:limit], []byte("-->")); end >= 0 {
		return off + 4 + end + 3
	}
	return limit
}

func lineEnd(s []byte, off int) int {
	if i := bytes.IndexByte(s[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(s)
}

func onlySpaceBefore(s []byte, i int) bool {
	for j := i - 1; j >= 0 && s[j] != '\n'; j-- {
		if s[j] != ' ' && s[j] != '\t' {
			return false
		}
	}
	return true
}

func indexFold(s, sep []byte) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sep) <= len(s) && bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isNameByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':' || c == '$'
}

// isInvisible reports whether s starts with a zero-width character or BOM.
func isInvisible(s []byte) bool {
	if len(s) == 0 || s[0] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRune(s)
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00A0':
		return true
	}
	return false
}

func quoteByte(c byte) string { return "\"" + string(c) + "\"" }

func quoteText(b []byte) string {
	const max = 40
	if len(b) > max {
		b = append(bytes.Clone(b[:max]), "..."...)
	}
	return "\"" + string(bytes.ReplaceAll(b, []byte("\n"), []byte(`\n`))) + "\""
}
