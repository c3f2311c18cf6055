package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/report"
	"github.com/helpsite/helpsite/pipeline/serve"
	"github.com/helpsite/helpsite/pipeline/site"
)

type serveFlags struct {
	checkFlags
	src      string
	addr     string
	port     int
	out      string
	indexDir string
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Preview the site on loopback, rebuilding as files change",
		Long: `Check and build the content tree under --src as "helpsite build" does, serve
the site on loopback, and watch the tree: an edit to an article writes that
page again (and the pages that include it) and updates its search entry;
other changes (files added or removed, toc.yml, docfx.json, redirections,
configuration, templates, a changed title) rebuild the whole site. Open pages
reload when their page is written again, and show the findings of their
article in an overlay; the terminal prints them too. /api/search answers
from the bleve index: /api/search?q=QUERY&limit=10&facets=1&docset=outlook.

The site is written to a temporary folder (or --out) and removed at exit.
Stop with Ctrl+C.`,
		Example: `  helpsite serve --src articles
  helpsite serve --src ../shared/corpus/office-support --port 8081`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, &f)
		},
	}
	fl := cmd.Flags()
	f.register(fl)
	fl.StringVar(&f.src, "src", ".", "content tree to serve")
	fl.StringVar(&f.addr, "addr", "127.0.0.1", "address to listen on (loopback by default)")
	fl.IntVarP(&f.port, "port", "p", 8080, "port to listen on (0: any free port)")
	fl.StringVar(&f.out, "out", "", "folder the preview site is written to (default: a temporary folder, removed at exit)")
	fl.StringVar(&f.indexDir, "index-dir", "", "folder of the bleve index (default: per content tree, in the user cache folder)")
	return cmd
}

func runServe(cmd *cobra.Command, f *serveFlags) error {
	stderr := cmd.ErrOrStderr()
	start := time.Now()
	// The preview's site and its bleve indexes are its own (a build or a
	// search of the same tree must not share an index that is open here).
	tmp, err := os.MkdirTemp("", "helpsite-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out, index := f.out, f.indexDir
	if out == "" {
		out = filepath.Join(tmp, "site")
	}
	if index == "" {
		index = filepath.Join(tmp, "index")
	}
	if err := f.skipWithin(f.src, out, index); err != nil {
		return err
	}
	r, err := loadAndCheck(cmd, f.src, &f.checkFlags)
	if err != nil {
		return err
	}
	if err := r.report(cmd, &f.checkFlags); err != nil {
		return err
	}
	first := r.site
	load := func(ctx context.Context) (*pipeline.Site, error) {
		if s := first; s != nil {
			first = nil
			return s, nil
		}
		return r.load(ctx, r.fsys, &f.checkFlags) // as the first load: the folder opened then
	}
	// Asked for every whole build: the configuration or the templates
	// may have changed.
	options := func(s *pipeline.Site) site.Options { return siteOptions(f.src, s, out, index) }
	live, sum, err := site.NewLive(cmd.Context(), load, options)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer live.Close()
	live.Errors = func(err error) { fmt.Fprintf(stderr, "helpsite: %v\n", err) }
	// The build's own findings (page-url-conflict, render-failed) too.
	report.Text(stderr, diag.Unseen(r.findings, sum.Findings), report.Options{})
	findings := diag.Merge(r.findings, sum.Findings)
	srv := serve.New(live, out, findings, r.popt, stderr)
	watcher, err := srv.Watch(f.src, f.skip...)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(f.addr, strconv.Itoa(f.port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	watchErr := make(chan error, 1)
	go func() {
		err := watcher.Run(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "helpsite: %v; no more updates\n", err)
		}
		watchErr <- err
	}()
	go func() {
		<-ctx.Done()
		sctx, c := context.WithTimeout(context.Background(), 2*time.Second)
		defer c()
		hs.Shutdown(sctx)
	}()
	errs, warns := findings.Count(diag.Error), findings.Count(diag.Warning)
	fmt.Fprintf(stderr, "helpsite: serving http://%s/ (%d page(s), %d error(s), %d warning(s), ready in %s); watching %s; Ctrl+C stops\n",
		ln.Addr(), sum.Pages, errs, warns, round(time.Since(start)), f.src)
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	cancel()
	if err := <-watchErr; err != nil {
		return err
	}
	return nil
}
