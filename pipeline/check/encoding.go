package check

import (
	"fmt"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/source"
)

// encoding checks the group "File / encoding".
func encoding(c *Context) {
	t := c.Article.Text
	if t.BOMs > 1 {
		d := c.reportFile("file-bom-duplicate", "file starts with %d byte order marks; one at most is allowed", t.BOMs)
		if d != nil {
			// The marks lie before offset 0 of the decoded text, three
			// bytes each; keep the first.
			edit := diag.Edit{Start: -len(source.BOM) * (t.BOMs - 1), End: 0}
			d.Fix = &diag.Fix{Description: fmt.Sprintf("remove %d of the byte order marks", t.BOMs-1), Edits: []diag.Edit{edit}, Safe: true}
		}
	}
	if t.InvalidAt >= 0 {
		c.report("file-encoding", t.InvalidAt, t.InvalidAt+1,
			"file is not valid UTF-8 (first bad byte here); save it as UTF-8")
	}
}
