// Package check holds the lint rules: each file of the package implements a
// group of RULES.md (encoding.go, properties.go, metadata.go, structure.go,
// shc.go) and reports diagnostics for one loaded article. Rules that need the
// whole tree (duplicate article ids) are in tree.go.
package check

import (
	"fmt"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
)

// Context is the state of checking one article.
type Context struct {
	Config  *config.Config
	Article *article.Article
	out     diag.List
}

// Article runs every single-file rule over a loaded article and returns its
// diagnostics, with rule severities from the configuration and inline
// suppression comments applied.
func Article(cfg *config.Config, a *article.Article) diag.List {
	c := &Context{Config: cfg, Article: a}
	encoding(c)
	if !a.Include {
		switch a.Format {
		case article.SHC:
			propertiesBlock(c)
			metadataSHC(c)
		case article.Learn:
			metadataLearn(c)
		}
	}
	structure(c)
	if a.Format == article.SHC {
		shcContent(c)
	}
	return suppress(a, c.out)
}

// report records a finding of rule over the byte range [start, end) of the
// article text. It returns nil when the rule is off; the pointer is valid
// until the next report.
func (c *Context) report(rule string, start, end int, format string, args ...any) *diag.Diagnostic {
	sev := c.Config.SeverityOf(rule)
	if sev == diag.Off {
		return nil
	}
	a := c.Article
	d := diag.Diagnostic{
		File:     a.Path,
		Pos:      a.Pos(start),
		End:      a.Pos(max(end, start)),
		Rule:     rule,
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	}
	c.out = append(c.out, d)
	return &c.out[len(c.out)-1]
}

// reportFile records a finding about the file as a whole, placed at its
// first line.
func (c *Context) reportFile(rule string, format string, args ...any) *diag.Diagnostic {
	return c.report(rule, 0, 0, format, args...)
}

// fix attaches a fix to a diagnostic that was reported (d may be nil).
func fix(d *diag.Diagnostic, description string, edits ...diag.Edit) {
	if d != nil {
		d.Fix = &diag.Fix{Description: description, Edits: edits}
	}
}
