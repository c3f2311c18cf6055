package check

// propertiesBlock checks the group "SHC properties block".
func propertiesBlock(c *Context) {
	a := c.Article
	b := a.Properties
	if b == nil {
		c.reportFile("properties-missing", "self-help article has no <properties ... /> block")
		return
	}
	for _, p := range b.Problems {
		c.report(p.Rule, p.Start, p.End, "%s", p.Message)
	}
	for _, f := range a.Duplicates {
		first := a.Lookup(f.Key)
		c.report("properties-duplicate-attr", f.KeyStart, f.KeyEnd,
			"attribute %q is given again (first at line %d)", f.Key, a.Pos(first.KeyStart).Line)
	}
}
