package diag

import (
	"sort"
	"unicode/utf8"
)

// Lines turns byte offsets of one text into positions.
type Lines struct {
	text   []byte
	starts []int // byte offset of the start of each line
}

// NewLines indexes the line starts of text (lines end with '\n').
func NewLines(text []byte) *Lines {
	starts := make([]int, 1, 64)
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{text: text, starts: starts}
}

// Text returns the indexed text.
func (l *Lines) Text() []byte { return l.text }

// Count returns the number of lines.
func (l *Lines) Count() int { return len(l.starts) }

// LineStart returns the offset where the 1-based line starts, clamped to the
// text.
func (l *Lines) LineStart(line int) int {
	switch {
	case line < 1:
		return 0
	case line > len(l.starts):
		return len(l.text)
	}
	return l.starts[line-1]
}

// LineEnd returns the offset of the '\n' ending the 1-based line, or the end
// of the text.
func (l *Lines) LineEnd(line int) int {
	if line < len(l.starts) && line >= 1 {
		return l.starts[line] - 1
	}
	return len(l.text)
}

// Pos returns the position of a byte offset. Offsets outside the text are
// clamped to it.
func (l *Lines) Pos(offset int) Pos {
	offset = min(max(offset, 0), len(l.text))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	start := l.starts[i]
	return Pos{
		Offset:   offset,
		Line:     i + 1,
		Column:   offset - start + 1,
		Column16: utf16Len(l.text[start:offset]) + 1,
	}
}

// At returns the position of the 1-based line and the column counted in
// runes (as YAML parsers count), converted to a byte column.
func (l *Lines) At(line, runeCol int) Pos {
	start := l.LineStart(line)
	end := l.LineEnd(line)
	off := start
	for n := 1; n < runeCol && off < end; n++ {
		_, size := utf8.DecodeRune(l.text[off:end])
		off += size
	}
	return l.Pos(off)
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
