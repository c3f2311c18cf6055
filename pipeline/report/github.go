package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/rule"
)

// GitHub writes workflow commands (::error file=...::message) that GitHub
// Actions turns into annotations on the pull request. GitHub shows only the
// first ten errors and ten warnings of a step; Summary writes them all.
func GitHub(w io.Writer, l diag.List, opt Options) error {
	bw := bufio.NewWriter(w)
	for _, d := range sorted(l) {
		cmd := "warning"
		switch d.Severity {
		case diag.Error:
			cmd = "error"
		case diag.Info:
			cmd = "notice"
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			cmd, escapeProperty(opt.Display(d.File)), d.Pos.Line, max(d.Pos.Column, 1),
			max(d.End.Line, d.Pos.Line), max(d.End.Column, 1), escapeProperty(d.Rule), escapeData(d.Message))
	}
	return bw.Flush()
}

// escapeData escapes a workflow command's message, as @actions/core does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Summary writes a Markdown report of every finding, grouped by file, for
// $GITHUB_STEP_SUMMARY.
func Summary(w io.Writer, l diag.List, opt Options) error {
	bw := bufio.NewWriter(w)
	l = sorted(l)
	errs, warns := l.Count(diag.Error), l.Count(diag.Warning)
	fmt.Fprintf(bw, "## helpsite lint\n\n")
	if len(l) == 0 {
		fmt.Fprintf(bw, "No findings.\n")
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%d error(s), %d warning(s), %d note(s) in %d file(s).\n\n", errs, warns, len(l)-errs-warns, countFiles(l))
	fmt.Fprintf(bw, "| rule | count |\n|---|---:|\n")
	counts := l.ByRule()
	for _, r := range rule.All() {
		if n := counts[r.ID]; n > 0 {
			fmt.Fprintf(bw, "| [`%s`](%s) | %d |\n", r.ID, r.HelpURI(), n)
		}
	}
	file := ""
	for _, d := range l {
		if d.File != file {
			file = d.File
			fmt.Fprintf(bw, "\n### `%s`\n\n| line | severity | rule | message |\n|---:|---|---|---|\n", opt.Display(file))
		}
		fmt.Fprintf(bw, "| %d:%d | %s | `%s` | %s |\n", d.Pos.Line, max(d.Pos.Column, 1), d.Severity, d.Rule, escapeCell(d.Message))
	}
	return bw.Flush()
}

func countFiles(l diag.List) int {
	n, last := 0, "\x00"
	for _, d := range l {
		if d.File != last {
			n, last = n+1, d.File
		}
	}
	return n
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
