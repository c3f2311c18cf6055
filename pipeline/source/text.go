package source

import (
	"bytes"
	"unicode/utf8"

	"github.com/helpsite/helpsite/pipeline/diag"
)

// BOM is the UTF-8 byte order mark.
const BOM = "\uFEFF"

// Text is a file decoded for parsing. Every parser of the pipeline reads
// Bytes, and every position it reports is an offset into Bytes, so that line
// and column are those an editor shows:
//   - leading byte order marks are removed (BOMs counts them);
//   - CRLF line ends become LF (line and column are unchanged by this), and
//     so does a lone CR, which YAML, CommonMark and editors all read as a
//     line end;
//   - each byte that is not valid UTF-8 becomes '?', one byte for one, so no
//     offset moves (InvalidAt is the offset of the first one, or -1).
type Text struct {
	Bytes     []byte
	BOMs      int
	CRLF      bool
	InvalidAt int
	lines     *diag.Lines
}

// Decode prepares raw file bytes for parsing. It never fails.
func Decode(raw []byte) *Text {
	t := &Text{InvalidAt: -1}
	for bytes.HasPrefix(raw, []byte(BOM)) {
		raw = raw[len(BOM):]
		t.BOMs++
	}
	b := raw
	if bytes.IndexByte(raw, '\r') >= 0 {
		if bytes.Contains(raw, []byte("\r\n")) {
			t.CRLF = true
			b = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
		} else {
			b = bytes.Clone(raw)
		}
		// A lone CR ends a line for YAML, CommonMark and editors alike; as
		// LF it keeps every offset.
		for i, c := range b {
			if c == '\r' {
				b[i] = '\n'
			}
		}
	}
	if !utf8.Valid(b) {
		if &b[0] == &raw[0] {
			b = bytes.Clone(b) // never write into the caller's bytes
		}
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				if t.InvalidAt < 0 {
					t.InvalidAt = i
				}
				b[i] = '?'
			}
			i += size
		}
	}
	t.Bytes = b
	t.lines = diag.NewLines(b)
	return t
}

// Lines returns the line index of the text.
func (t *Text) Lines() *diag.Lines { return t.lines }

// Pos returns the position of an offset into Bytes.
func (t *Text) Pos(offset int) diag.Pos { return t.lines.Pos(offset) }
