package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sys/unix"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/site"
)

type buildFlags struct {
	checkFlags
	src       string
	out       string
	baseURL   string
	keepGoing bool
	progress  string
	indexDir  string
	noSearch  bool
}

func newBuildCmd() *cobra.Command {
	var f buildFlags
	cmd := &cobra.Command{
		Use:   "build [flags]",
		Short: "Check a content tree and build it into a static site",
		Long: `Load and check every article under --src as "helpsite lint" does (the same
flags, the same findings), then render the site into --out: a page per
article with pretty URLs, listings, navigation from toc.yml, redirect pages,
404.html, sitemap.xml, feed.xml and robots.txt.

The new site is written beside --out and swapped in at the end, so a failed
or interrupted build leaves the previous one intact. Two builds of the same
input are byte-identical.

Exit status: 0 built; 1 the checks found errors (nothing is written unless
--keep-going) or more warnings than --max-warnings; 2 the run failed.`,
		Example: `  helpsite build --src articles --out public
  helpsite build --src docs --out public --base-url https://contoso.github.io/help/
  helpsite build --src ../shared/corpus/office-support --out /tmp/site --keep-going --format json=findings.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return build(cmd, &f)
		},
	}
	fl := cmd.Flags()
	f.register(fl)
	fl.StringVar(&f.src, "src", ".", "content tree to build")
	fl.StringVarP(&f.out, "out", "o", "public", "folder the site is written to (replaced as a whole)")
	fl.StringVar(&f.baseURL, "base-url", "", `URL the site is published at, e.g. https://org.github.io/repo/ (default: the config's site.baseURL, else "/")`)
	fl.BoolVar(&f.keepGoing, "keep-going", false, "write the site even when the checks find errors (every page that can be written)")
	fl.StringVar(&f.indexDir, "index-dir", "", `folder the bleve index is kept in for "helpsite search" (default: per content tree, in the user cache folder)`)
	fl.BoolVar(&f.noSearch, "no-search", false, "build no search index (the site then has no search data)")
	fl.StringVar(&f.progress, "progress", "auto", "progress line on standard error: auto (on a terminal, not in CI), always or never")
	return cmd
}

func build(cmd *cobra.Command, f *buildFlags) error {
	if f.changedSince != "" {
		return usageError{fmt.Errorf("--changed-since is for lint: a build renders the whole tree")}
	}
	stderr := cmd.ErrOrStderr()
	start := time.Now()
	if err := f.skipWithin(f.src, f.out); err != nil {
		return err
	}
	r, err := loadAndCheck(cmd, f.src, &f.checkFlags)
	if err != nil {
		return err
	}
	checkedAt := time.Now()
	if r.failed(cmd, &f.checkFlags) && !f.keepGoing {
		if err := r.report(cmd, &f.checkFlags); err != nil {
			return err
		}
		errs, warns := r.findings.Count(diag.Error), r.findings.Count(diag.Warning)
		fmt.Fprintf(stderr, "helpsite: %s checked: %d error(s), %d warning(s); nothing written (--keep-going writes the site anyway)\n",
			countArticles(r.site.Parsed()), errs, warns)
		return exitError{exitFindings}
	}
	// A build leaves its index where "helpsite search" looks.
	opt := siteOptions(f.src, r.site, f.out, indexDir(f.src, f.indexDir))
	opt.Strict, opt.NoSearch, opt.BaseURL = !f.keepGoing, f.noSearch, f.baseURL
	if opt.BaseURL == "" {
		opt.BaseURL = r.site.Config.SiteBaseURL
	}

	if showProgress(f.progress, stderr) {
		opt.Progress = progressLine(stderr)
	}
	r.site.Compact() // the checks are done
	sum, err := site.Build(cmd.Context(), r.site, opt)
	if opt.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil && !errors.Is(err, site.ErrFindings) {
		return fmt.Errorf("build: %w", err)
	}
	// Findings met while rendering that lint did not already report
	// (render-failed; the includes a page leaves out are lint's too) are
	// printed with the others, once, in every format asked for.
	r.findings = diag.Merge(r.findings, sum.Findings)
	if err := r.report(cmd, &f.checkFlags); err != nil {
		return err
	}
	errs, warns := r.findings.Count(diag.Error), r.findings.Count(diag.Warning)
	if err != nil { // site.ErrFindings
		fmt.Fprintf(stderr, "helpsite: the build found %d error(s), %d warning(s); nothing written (--keep-going writes the site anyway)\n", errs, warns)
		return exitError{exitFindings}
	}
	end := time.Now()
	var stages []string
	stages = append(stages, "load+check "+round(checkedAt.Sub(start)))
	for _, s := range sum.Stages {
		stages = append(stages, s.Name+" "+round(s.Duration))
	}
	fmt.Fprintf(stderr, "helpsite: built %s: %d page(s), %d listing(s), %d redirect(s), %d resource(s), %d in search; %d error(s), %d warning(s); %s (%s)\n",
		f.out, sum.Pages, sum.Listings, sum.Redirects, sum.Resources, sum.Searchable, errs, warns, round(end.Sub(start)), strings.Join(stages, ", "))
	if !f.keepGoing && r.failed(cmd, &f.checkFlags) {
		return exitError{exitFindings}
	}
	return nil
}

// siteOptions are what build and serve both give site: the output and
// index folders, the configuration's title and footer, and the tree's
// templates folder when it has one.
func siteOptions(src string, s *pipeline.Site, out, index string) site.Options {
	opt := site.Options{Out: out, IndexDir: index, Title: s.Config.SiteTitle, Footer: s.Config.SiteFooter}
	if tpl := filepath.Join(src, site.TemplatesDir); isDir(tpl) {
		opt.Templates = os.DirFS(tpl)
	}
	return opt
}

// skipWithin leaves out of the checked content those of the folders a
// command writes (an output, an index) that lie inside the tree src; one
// that is the tree itself is a usage error.
func (c *checkFlags) skipWithin(src string, dirs ...string) error {
	for _, p := range dirs {
		if rel, ok := within(p, src); ok {
			if rel == "." {
				return usageError{fmt.Errorf("%s is the content tree itself", p)}
			}
			c.skip = append(c.skip, rel)
		}
	}
	return nil
}

// within returns the slash path of the folder p relative to root when p
// lies within (or is) root.
func within(p, root string) (string, bool) {
	ap, err1 := filepath.Abs(p)
	ar, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(ar, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func round(d time.Duration) string { return d.Round(time.Millisecond).String() }

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// showProgress decides whether to draw a progress line: on a terminal and
// outside CI, unless told.
func showProgress(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("CI") != "" {
		return false
	}
	fh, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(fh.Fd()), unix.TCGETS)
	return err == nil
}

// progressLine returns a Progress callback that redraws one line, at most
// ten times a second.
func progressLine(w io.Writer) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if now := time.Now(); done == total || now.Sub(last) > 100*time.Millisecond {
			last = now
			fmt.Fprintf(w, "\r\033[Khelpsite: rendering %d/%d", done, total)
		}
	}
}
