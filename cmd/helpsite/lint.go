package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/baseline"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/gitdiff"
	"github.com/helpsite/helpsite/pipeline/report"
	"github.com/helpsite/helpsite/pipeline/source"
)

// checkFlags are the flags of every command that loads and checks a tree
// (lint now; build later).
type checkFlags struct {
	config        string
	referenceDate string
	formats       []string
	maxWarnings   int
	quiet         bool
	changedSince  string
	external      bool
	externalCache string
	skip          []string // folders of the tree that are not content (build's output)

	// lint only (registerLint)
	fix              bool
	fixDryRun        bool
	baseline         string
	writeBaseline    string
	onlyChangedLines bool
	formatGiven      bool // --format was given, not defaulted
}

func (f *checkFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "configuration file (default: helpsite.yaml at the content root, if present)")
	fs.StringVar(&f.referenceDate, "reference-date", "", "date the date rules take as today, YYYY-MM-DD (default: the config's, else today)")
	fs.StringArrayVarP(&f.formats, "format", "f", []string{"text"},
		"output format: "+strings.Join(report.FormatNames(), ", ")+"; FORMAT=FILE writes to a file; repeatable")
	fs.IntVar(&f.maxWarnings, "max-warnings", -1, "exit 1 when there are more warnings than this (-1: no limit)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "report errors only")
	fs.BoolVar(&f.external, "external", false, "also check that http(s) links answer (needs the network; see the external section of helpsite.yaml)")
	fs.StringVar(&f.externalCache, "external-cache", "", "file that keeps the external links that worked (default: in the user cache folder)")
	fs.StringVar(&f.changedSince, "changed-since", "", "check only what changed since the git revision REV (committed or not), and the unchanged files that link into files it deleted or renamed")
}

// registerLint adds the flags only lint has: fixing, baselines and
// changed lines.
func (f *checkFlags) registerLint(fs *pflag.FlagSet) {
	fs.BoolVar(&f.fix, "fix", false, "apply the safe fixes (letter case of keys, alerts and links, ms.date padding, extra byte order marks), then report what is left")
	fs.BoolVar(&f.fixDryRun, "fix-dry-run", false, "print the changes --fix would make as a unified diff, and write nothing")
	fs.StringVar(&f.baseline, "baseline", "", "report only the findings the baseline FILE does not record (see --write-baseline)")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record every finding in the baseline FILE (JSON), so later runs with --baseline report only new ones")
	fs.BoolVar(&f.onlyChangedLines, "only-changed-lines", false, "with --changed-since: report only findings on the lines the change added or modified (and links into files it deleted or renamed)")
}

// validate rejects flags that do not go together.
func (f *checkFlags) validate() error {
	switch {
	case f.fix && f.fixDryRun:
		return usageError{fmt.Errorf("--fix and --fix-dry-run: give one")}
	case f.onlyChangedLines && f.changedSince == "":
		return usageError{fmt.Errorf("--only-changed-lines needs --changed-since REV")}
	case f.baseline != "" && f.writeBaseline != "":
		return usageError{fmt.Errorf("--baseline and --write-baseline: give one (--write-baseline records the findings anew)")}
	case f.writeBaseline != "" && f.changedSince != "":
		return usageError{fmt.Errorf("--write-baseline records the whole tree: leave out --changed-since")}
	case f.fixDryRun && f.formatGiven && slices.ContainsFunc(f.formats, func(s string) bool { return !strings.Contains(s, "=") }):
		return usageError{fmt.Errorf("--fix-dry-run prints the diff on standard output: write the findings to a file (--format FORMAT=FILE)")}
	}
	return nil
}

type output struct {
	printer report.Printer
	name    string
	file    string // "" for stdout
}

func (f *checkFlags) outputs() ([]output, error) {
	var outs []output
	toStdout := 0
	for _, spec := range f.formats {
		name, file, _ := strings.Cut(spec, "=")
		p, ok := report.Formats[name]
		if !ok {
			return nil, usageError{fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(report.FormatNames(), ", "))}
		}
		if file == "" {
			toStdout++
		}
		outs = append(outs, output{printer: p, name: name, file: file})
	}
	if toStdout > 1 {
		return nil, usageError{fmt.Errorf("only one --format can write to standard output; give the others a file (FORMAT=FILE)")}
	}
	return outs, nil
}

// pipelineOptions reads --config (without it the pipeline applies the
// root's helpsite.yaml) and --reference-date.
func (f *checkFlags) pipelineOptions() (pipeline.Options, error) {
	var o pipeline.Options
	if f.config != "" {
		data, err := os.ReadFile(f.config)
		if err != nil {
			return o, fmt.Errorf("config: %w", err)
		}
		if o.Config, err = config.Load(f.config, data); err != nil {
			return o, err
		}
	}
	if f.referenceDate != "" {
		t, err := config.ParseDate(f.referenceDate)
		if err != nil {
			return o, usageError{fmt.Errorf("--reference-date: %w", err)}
		}
		o.ReferenceDate = t
	}
	o.External = f.external
	o.Skip = f.skip
	return o, nil
}

func newLintCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "lint [flags] [DIR]",
		Short: "Check the articles of a content tree (default: the current folder)",
		Long: `Check every article under DIR against the rules ("helpsite rules" lists
them) without writing a site.

Exit status: 0 when there are no errors (warnings are allowed), 1 when there
are errors or more warnings than --max-warnings, 2 when the run failed (bad
flag, unreadable folder, bad configuration).

Suppress findings inline with <!-- helpsite-disable RULE -->,
<!-- helpsite-enable RULE --> and <!-- helpsite-disable-next-line RULE -->.`,
		Example: `  helpsite lint articles
  helpsite lint --format json --reference-date 2026-11-22 docs
  helpsite lint --format github --format sarif=results.sarif docs
  helpsite lint --fix-dry-run docs
  helpsite lint --fix docs
  helpsite lint --write-baseline .helpsite-baseline.json docs
  helpsite lint --baseline .helpsite-baseline.json docs
  helpsite lint --changed-since origin/main --only-changed-lines --format github docs`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			f.formatGiven = cmd.Flags().Changed("format")
			return lint(cmd, dir, &f)
		},
	}
	f.register(cmd.Flags())
	f.registerLint(cmd.Flags())
	return cmd
}

func lint(cmd *cobra.Command, dir string, f *checkFlags) error {
	r, err := loadAndCheck(cmd, dir, f)
	if err != nil {
		return err
	}
	if err := r.report(cmd, f); err != nil {
		return err
	}
	return r.exit(cmd, f)
}

// checked is a content tree loaded and checked: what lint reports and what
// build renders.
type checked struct {
	dir      string
	fsys     fs.FS
	site     *pipeline.Site
	popt     pipeline.Options
	changes  *gitdiff.Changes // --changed-since
	lines    *gitdiff.Lines   // --only-changed-lines
	all      diag.List        // every finding of the checks
	findings diag.List        // those reported: all, less the baseline's, on changed lines
	outs     []output
	opt      report.Options

	baselineFile string
	baseline     baseline.Result
}

// loadAndCheck loads the tree at dir and runs the checks the flags ask for.
// lint and build share it, so both report the same findings.
func loadAndCheck(cmd *cobra.Command, dir string, f *checkFlags) (*checked, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	outs, err := f.outputs()
	if err != nil {
		return nil, err
	}
	popt, err := f.pipelineOptions()
	if err != nil {
		return nil, err
	}
	fsys, err := source.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	// Ask git what changed while the tree loads.
	type gitResult struct {
		ch  *gitdiff.Changes
		err error
	}
	changes := make(chan gitResult, 1)
	if f.changedSince != "" {
		go func() {
			ch, err := gitdiff.Since(cmd.Context(), dir, f.changedSince)
			changes <- gitResult{ch, err}
		}()
	}
	r := &checked{
		dir: dir, fsys: fsys, popt: popt, outs: outs,
		opt: report.Options{Root: filepath.ToSlash(dir), RootURI: fileURI(dir), Version: buildVersion()},
	}
	site, err := r.load(cmd.Context(), fsys, f)
	if err != nil {
		return nil, err
	}
	if f.changedSince != "" {
		g := <-changes
		if g.err != nil {
			return nil, g.err
		}
		r.changes = g.ch
	}
	r.site = site
	if r.all, err = r.check(cmd, site); err != nil {
		return nil, err
	}
	if f.onlyChangedLines {
		// After the checks: LintChanged has added the files git does
		// not track.
		if r.lines, err = r.changes.Lines(cmd.Context()); err != nil {
			return nil, err
		}
	}
	if f.fix || f.fixDryRun {
		if err := r.fix(cmd, f); err != nil {
			return nil, err
		}
	}
	if err := r.scope(cmd, f); err != nil {
		return nil, err
	}
	return r, nil
}

// load reads the tree of fsys (the content root, or the root with fixes
// laid over it).
func (r *checked) load(ctx context.Context, fsys fs.FS, f *checkFlags) (*pipeline.Site, error) {
	site, err := pipeline.Load(ctx, fsys, r.popt)
	if err != nil {
		return nil, err
	}
	if f.external {
		site.Config.External.CacheFile = cacheFile(r.dir, f.externalCache, site.Config.External.CacheFile)
	}
	return site, nil
}

// check runs the checks over a loaded tree: all of them, or those of the
// change.
func (r *checked) check(cmd *cobra.Command, site *pipeline.Site) (diag.List, error) {
	if r.changes != nil {
		return pipeline.LintChanged(cmd.Context(), site, r.changes, r.popt)
	}
	return pipeline.Lint(cmd.Context(), site, r.popt)
}

// onChangedLines keeps the findings --only-changed-lines reports.
func (r *checked) onChangedLines(l diag.List) diag.List {
	if r.lines == nil {
		return l
	}
	return pipeline.OnlyChangedLines(l, r.changes, r.lines)
}

// scope picks the findings to report: those the baseline does not record
// (after recording it, with --write-baseline), on changed lines.
func (r *checked) scope(cmd *cobra.Command, f *checkFlags) error {
	var b *baseline.File
	switch {
	case f.writeBaseline != "":
		b = baseline.New(r.all, r.text)
		var buf bytes.Buffer
		if err := b.Write(&buf); err != nil {
			return err
		}
		if err := os.WriteFile(f.writeBaseline, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write baseline: %w", err)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "helpsite: wrote the baseline %s: %d finding(s) in %d entr%s\n",
			f.writeBaseline, len(r.all), len(b.Findings), plural(len(b.Findings), "y", "ies"))
		r.baselineFile = f.writeBaseline
	case f.baseline != "":
		fh, err := os.Open(f.baseline)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		b, err = baseline.Read(fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.baseline, err)
		}
		r.baselineFile = f.baseline
	}
	l := r.all
	if b != nil {
		var inScope func(string) bool
		if r.changes != nil {
			checked := r.changes.Paths()
			for _, d := range r.all {
				checked[d.File] = true
			}
			inScope = func(file string) bool { return checked[file] }
		}
		r.baseline = b.Filter(l, r.text, inScope)
		l = r.baseline.New
	}
	r.findings = r.onChangedLines(l)
	return nil
}

// text returns the decoded text of a file of the tree, for baseline keys
// (which keep each file's lines): a Markdown file's as the site read it,
// any other read now.
func (r *checked) text(file string) []byte {
	if t := r.site.Text(file); t != nil {
		return t.Bytes
	}
	if raw, err := r.site.Tree.ReadFile(file); err == nil {
		return source.Decode(raw).Bytes
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// report prints the notes and the findings in every format asked for.
func (r *checked) report(cmd *cobra.Command, f *checkFlags) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	for _, n := range r.site.Notes() {
		fmt.Fprintf(stderr, "helpsite: note: %s\n", n)
	}
	r.reportBaseline(stderr)
	findings := r.findings
	if f.quiet {
		findings = slices.DeleteFunc(slices.Clone(findings), func(d diag.Diagnostic) bool { return d.Severity != diag.Error })
	}
	for _, o := range r.outs {
		if f.fixDryRun && o.file == "" {
			continue // standard output carries the diff
		}
		if err := write(o, stdout, findings, r.opt); err != nil {
			return err
		}
		if o.name == "github" {
			if err := stepSummary(findings, r.opt); err != nil {
				return err
			}
		}
	}
	return nil
}

// reportBaseline says how many findings the baseline suppressed and which
// of its entries no finding matched any more.
func (r *checked) reportBaseline(w io.Writer) {
	if r.baselineFile == "" {
		return
	}
	fmt.Fprintf(w, "helpsite: baseline %s: %d finding(s) suppressed\n", r.baselineFile, r.baseline.Suppressed)
	stale := r.baseline.Stale
	if len(stale) == 0 {
		return
	}
	n := 0
	for _, e := range stale {
		n += e.Count
	}
	fmt.Fprintf(w, "helpsite: note: baseline %s: %d recorded finding(s) no longer found (fixed? --write-baseline records the findings anew):\n", r.baselineFile, n)
	const most = 20
	for i, e := range stale {
		if i == most {
			fmt.Fprintf(w, "helpsite: note:   ... and %d more\n", len(stale)-most)
			break
		}
		count := ""
		if e.Count > 1 {
			count = fmt.Sprintf(" (%d times)", e.Count)
		}
		fmt.Fprintf(w, "helpsite: note:   %s: %s: %s%s\n", r.opt.Display(e.File), e.Rule, e.Message, count)
	}
}

// failed reports whether the findings fail the run: errors, or more
// warnings than --max-warnings.
func (r *checked) failed(cmd *cobra.Command, f *checkFlags) bool {
	errs, warns := r.findings.Count(diag.Error), r.findings.Count(diag.Warning)
	if errs > 0 {
		return true
	}
	if f.maxWarnings >= 0 && warns > f.maxWarnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "helpsite: too many warnings (%d, --max-warnings %d)\n", warns, f.maxWarnings)
		return true
	}
	return false
}

// exit prints the count line and turns the findings into the exit status.
func (r *checked) exit(cmd *cobra.Command, f *checkFlags) error {
	errs, warns := r.findings.Count(diag.Error), r.findings.Count(diag.Warning)
	more := ""
	if n := fixable(r.findings); n > 0 && !f.fix && !f.fixDryRun {
		more = fmt.Sprintf("; %d fixable with --fix", n)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "helpsite: %s checked: %d error(s), %d warning(s)%s\n", countArticles(r.site.Parsed()), errs, warns, more)
	if r.failed(cmd, f) {
		return exitError{exitFindings}
	}
	return nil
}

func write(o output, stdout io.Writer, l diag.List, opt report.Options) error {
	if o.file == "" {
		return o.printer(stdout, l, opt)
	}
	var buf bytes.Buffer
	if err := o.printer(&buf, l, opt); err != nil {
		return err
	}
	if err := os.WriteFile(o.file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s output: %w", o.name, err)
	}
	return nil
}

// stepSummary appends the Markdown summary to $GITHUB_STEP_SUMMARY, because
// GitHub shows only the first ten errors and ten warnings as annotations.
func stepSummary(l diag.List, opt report.Options) error {
	p := os.Getenv("GITHUB_STEP_SUMMARY")
	if p == "" {
		return nil
	}
	fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	if err := report.Summary(fh, l, opt); err != nil {
		fh.Close()
		return fmt.Errorf("step summary: %w", err)
	}
	return fh.Close()
}

func fileURI(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// countArticles says how many articles and includes were read.
func countArticles(articles []*article.Article) string {
	pages, includes := 0, 0
	for _, a := range articles {
		if a.Include {
			includes++
		} else {
			pages++
		}
	}
	out := fmt.Sprintf("%d article(s)", pages)
	if includes > 0 {
		out += fmt.Sprintf(" and %d include(s)", includes)
	}
	return out
}

// cacheFile picks where lint --external keeps the links that worked: the
// flag, else the configuration (relative to the content root), else a file
// per content root in the user's cache folder.
func cacheFile(root, flag, configured string) string {
	switch {
	case flag != "":
		return flag
	case configured != "" && filepath.IsAbs(configured):
		return configured
	case configured != "":
		return filepath.Join(root, configured)
	}
	p := treeCache(root, "links")
	if p == "" || os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return ""
	}
	return p + ".json"
}

// treeCache is the path, in the user's cache folder, of what helpsite
// keeps for the content tree at root: helpsite/NAME-HASH, HASH naming the
// tree's absolute path; "" when there is no cache folder.
func treeCache(root, name string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "helpsite", name+"-"+hex.EncodeToString(sum[:6]))
}
