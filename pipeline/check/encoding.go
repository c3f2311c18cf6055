package check

import "fmt"

// encoding checks the group "File / encoding".
func encoding(c *Context) {
	t := c.Article.Text
	if t.BOMs > 1 {
		d := c.reportFile("file-bom-duplicate", "file starts with %d byte order marks; one at most is allowed", t.BOMs)
		fix(d, fmt.Sprintf("remove %d of the byte order marks", t.BOMs-1))
	}
	if t.InvalidAt >= 0 {
		c.report("file-encoding", t.InvalidAt, t.InvalidAt+1,
			"file is not valid UTF-8 (first bad byte here); save it as UTF-8")
	}
}
