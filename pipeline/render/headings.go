package render

import "github.com/yuin/goldmark/ast"

// headingStart returns the offset the linter's outline gives a heading
// (markdown.Heading.Start), so that the renderer's headings can be matched
// to the linter's and take the same ids, handed out in the same order as
// links.Anchors hands them out. Heading ids are written by goldmark's own
// heading renderer from the "id" attribute set in prepare.
func headingStart(h *ast.Heading) int {
	start := h.Pos()
	if start < 0 && h.Lines().Len() > 0 {
		start = h.Lines().At(0).Start
	}
	return max(start, 0)
}
