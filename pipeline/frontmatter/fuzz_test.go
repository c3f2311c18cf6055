package frontmatter

import (
	"testing"

	"github.com/helpsite/helpsite/pipeline/internal/corpus"

	"github.com/helpsite/helpsite/pipeline/source"
)

// FuzzParse checks that no input panics the reader and that every key and
// value range lies inside the front matter.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\n# x", "---\ntitle: a\ntitle: b\n---\n", "---\na: [\n---\n", "---\n- 1\n---\n",
		"\n\n---\nlist:\n  - a\n  - 'b'\nx: |\n  y\n---\nbody", "---\na: 1", "---\n\tb: c\n---\n", "---\né: ü\n---\n",
	} {
		f.Add([]byte(s))
	}
	for _, b := range corpus.Seeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		text := source.Decode(src) // as the pipeline does
		src = text.Bytes
		fm := Parse(text.Lines())
		if fm == nil {
			return
		}
		n := len(src)
		if fm.Start < 0 || fm.Start > fm.DataStart || fm.DataStart > fm.DataEnd || fm.DataEnd > fm.End || fm.End > n {
			t.Fatalf("spans out of order: start %d data [%d,%d) end %d, len %d", fm.Start, fm.DataStart, fm.DataEnd, fm.End, n)
		}
		if fm.Err != nil && (fm.Err.Offset < 0 || fm.Err.Offset > n) {
			t.Fatalf("error offset %d outside [0,%d]", fm.Err.Offset, n)
		}
		for _, fl := range append(fm.Fields, fm.Duplicates...) {
			if fl.KeyStart < fm.DataStart || fl.KeyStart > fl.KeyEnd || fl.KeyEnd > fm.DataEnd ||
				fl.ValueStart > fl.ValueEnd || fl.ValueEnd > n {
				t.Fatalf("field %q: key [%d,%d) value [%d,%d) outside data [%d,%d)", fl.Key, fl.KeyStart, fl.KeyEnd, fl.ValueStart, fl.ValueEnd, fm.DataStart, fm.DataEnd)
			}
		}
	})
}
