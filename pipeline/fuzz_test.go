package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/helpsite/helpsite/pipeline/internal/corpus"
	"github.com/helpsite/helpsite/pipeline/source"
)

// FuzzLintFile lints one arbitrary file, in a Learn docset and as a
// self-help article, and checks that the run neither fails nor panics and
// that every finding lies inside the file. It is seeded with every Markdown
// file of the lint fixtures and the seeds.
func FuzzLintFile(f *testing.F) {
	archives, _ := filepath.Glob(filepath.Join("testdata", "lint", "*.txtar"))
	for _, p := range archives {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".md") {
				f.Add(unescape(file.Data))
			}
		}
	}
	for _, b := range corpus.Seeds() {
		f.Add(b)
	}
	docfx := []byte(`{"build":{"globalMetadata":{"ms.topic":"article"},"fileMetadata":{"ms.date":{"**/*.md":"1/2/2020"}}}}`)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"learn/docfx.json": {Data: docfx},
			"learn/a.md":       {Data: src},
			"shc/a.md":         {Data: src},
		}
		_, l := lintTree(t, fsys, Options{ReferenceDate: referenceDate, Workers: 1})
		text := source.Decode(src)
		lines := text.Lines()
		for _, d := range l {
			if d.File == "learn/docfx.json" {
				continue
			}
			if d.Pos.Line < 1 || d.Pos.Line > lines.Count() {
				t.Fatalf("%s: line %d outside 1..%d", d, d.Pos.Line, lines.Count())
			}
			width := lines.LineEnd(d.Pos.Line) - lines.LineStart(d.Pos.Line)
			if d.Pos.Column < 1 || d.Pos.Column > width+1 {
				t.Fatalf("%s: column %d outside 1..%d", d, d.Pos.Column, width+1)
			}
			if d.End.Line < d.Pos.Line || d.End.Line == d.Pos.Line && d.End.Column < d.Pos.Column {
				t.Fatalf("%s: ends at %d:%d, before it starts", d, d.End.Line, d.End.Column)
			}
			if !utf8.ValidString(d.Message) {
				t.Fatalf("%s: message is not valid UTF-8", d)
			}
			if d.Fix != nil {
				for _, e := range d.Fix.Edits {
					// Negative offsets reach into the byte order marks.
					if e.Start < -len(source.BOM)*text.BOMs || e.Start > e.End || e.End > len(text.Bytes) {
						t.Fatalf("%s: fix edit [%d,%d) outside the text", d, e.Start, e.End)
					}
				}
			}
		}
	})
}
