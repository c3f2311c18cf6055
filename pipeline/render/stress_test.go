package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/article"
)

// pathological are inputs made of many copies of the extensions' syntax.
// Headings and tabs have distinct titles: markdown.IDs numbers repeats by
// trying -1, -2, ... (quadratic in the repeats, linter included).
var pathological = map[string]func(int) string{
	"raw-comments": func(int) string { return "<!--$a-->[a] " },
	"issue-opens":  func(int) string { return "<!--issueDescription-->\n\n" },
	"includes":     func(int) string { return "[!INCLUDE [a](includes/inline.md)] " },
	"images":       func(int) string { return ":::image type=\"content\" source=\"a.png\" alt-text=\"x\"::: " },
	"colons":       func(int) string { return ":::image :::image " },
	"alerts":       func(int) string { return "> [!NOTE]\n> text\n\n" },
	"tabs":         func(i int) string { return fmt.Sprintf("# [A%d](#tab/a)\n\nx\n\n", i) },
	"links":        func(int) string { return "<a href=\"x.md\">x</a> [y](y.md) some@mail.example www.example.com " },
	// Portal components never closed: each start searches on for its end
	// tag (cubic before the search remembered where it failed).
	"widget-opens": func(i int) string { return []string{"<video>\n\n", "<insight>\n\n", "<metric>\n"}[i%3] },
}

func repeat(piece func(int) string, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(piece(i))
	}
	return b.String()
}

// TestPathological renders large inputs made of one construct repeated:
// the output stays safe. How the time grows with the size is measured by
// BenchmarkPathological, not asserted here.
func TestPathological(t *testing.T) {
	r := newTestRenderer()
	n := 2000
	if testing.Short() {
		n = 200
	}
	for name, piece := range pathological {
		body := renderString(t, r, repeat(piece, n), article.SHC)
		if bad := checkSafe(r, body); len(bad) > 0 {
			t.Errorf("%s: %v", name, bad[0])
		}
		if len(body) == 0 {
			t.Errorf("%s: nothing rendered", name)
		}
	}
}

// BenchmarkPathological renders each pathological input at two sizes, four
// times apart: a linear renderer takes about four times as long for the
// larger (compare the pairs; a quadratic scan shows sixteen).
//
//	go test ./pipeline/render -run '^$' -bench Pathological
func BenchmarkPathological(b *testing.B) {
	r := newTestRenderer()
	for name, piece := range pathological {
		for _, n := range []int{2500, 10000} {
			md := repeat(piece, n)
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(md)))
				for b.Loop() {
					renderString(b, r, md, article.SHC)
				}
			})
		}
	}
}
