package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline/article"
)

// TestNoBlowUp renders inputs made of many copies of the extensions'
// syntax and checks that four times the copies take about four times as
// long (a quadratic scan would take sixteen). Timing against the same
// renderer keeps it valid on slow machines and under the race detector.
func TestNoBlowUp(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	r := newTestRenderer()
	// Headings and tabs have distinct titles: markdown.IDs numbers repeats
	// by trying -1, -2, ... (quadratic in the repeats, linter included).
	for name, piece := range map[string]func(int) string{
		"raw comments": func(int) string { return "<!--$a-->[a] " },
		"issue opens":  func(int) string { return "<!--issueDescription-->\n\n" },
		"includes":     func(int) string { return "[!INCLUDE [a](includes/inline.md)] " },
		"images":       func(int) string { return ":::image type=\"content\" source=\"a.png\" alt-text=\"x\"::: " },
		"colons":       func(int) string { return ":::image :::image " },
		"alerts":       func(int) string { return "> [!NOTE]\n> text\n\n" },
		"tabs":         func(i int) string { return fmt.Sprintf("# [A%d](#tab/a)\n\nx\n\n", i) },
		"links":        func(int) string { return "<a href=\"x.md\">x</a> [y](y.md) " },
	} {
		doc := func(n int) string {
			var b strings.Builder
			for i := range n {
				b.WriteString(piece(i))
			}
			return b.String()
		}
		small, large := doc(2500), doc(10000)
		timeOf := func(md string) time.Duration {
			start := time.Now()
			body := renderString(t, r, md, article.SHC)
			if bad := checkSafe(r, body); len(bad) > 0 {
				t.Errorf("%s: %v", name, bad[0])
			}
			return time.Since(start)
		}
		timeOf(small) // warm up
		ts, tl := timeOf(small), timeOf(large)
		if tl > 8*ts+100*time.Millisecond {
			t.Errorf("%s: %v for %d bytes but %v for %d bytes: worse than linear", name, ts, len(small), tl, len(large))
		}
	}
}
