package properties

import (
	"testing"

	"github.com/helpsite/helpsite/pipeline/internal/corpus"
)

// FuzzParse checks that no input panics the parser and that every range it
// reports lies inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"<properties a=\"1\" />", "<properties\n a=\"one\n b=\"two\"\n/>", "<properties a=\"\"x\"\" b='2'>",
		"<!-- c --><properties a b=c <!-- x --> / >", "<properties a=\"1", "<properties\n\u200barticleId=\"x\"/>",
	} {
		f.Add([]byte(s))
	}
	for _, b := range corpus.Seeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		b := Parse(src)
		if b == nil {
			return
		}
		n := len(src)
		if b.Start < 0 || b.Start > b.End || b.End > n {
			t.Fatalf("block [%d,%d) outside [0,%d]", b.Start, b.End, n)
		}
		for _, a := range b.Attrs {
			if a.NameStart < b.Start || a.NameStart > a.NameEnd || a.NameEnd > n || string(src[a.NameStart:a.NameEnd]) != a.Name {
				t.Fatalf("attribute %q: bad name range [%d,%d)", a.Name, a.NameStart, a.NameEnd)
			}
			if a.ValueStart > a.ValueEnd || a.ValueStart < a.NameEnd || a.ValueEnd > n {
				t.Fatalf("attribute %q: bad value range [%d,%d)", a.Name, a.ValueStart, a.ValueEnd)
			}
		}
		for _, p := range b.Problems {
			if p.Start < 0 || p.Start > p.End || p.End > n {
				t.Fatalf("problem %s: bad range [%d,%d) in %d bytes", p.Rule, p.Start, p.End, n)
			}
		}
	})
}
