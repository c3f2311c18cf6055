package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/site"
)

type searchFlags struct {
	src      string
	indexDir string
	json     bool
	limit    int
	from     int
	facets   bool
	facet    []string
	filters  []string
	rebuild  bool
}

func newSearchCmd() *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Search the articles of a content tree",
		Long: `Search the articles under --src with the bleve index that "helpsite build
--src DIR" left in the user cache folder; when there is none (or with
--rebuild) the articles are rendered and indexed first.

QUERY is bleve's query-string syntax: words (stemmed, English), "a phrase",
+required, -excluded, field:value (title, headings, description, body,
docset, product, topic, cloud, appliesto, id), word~1 (fuzzy), prefix*,
word^2 (boost). A bare word is looked for in the title (boost 3), headings
(2), description (1.5) and body, and as an exact id (a support topic id, an
article id, a "CI 123456" content id); a word the index does not hold is
matched with typo tolerance (edit distance 1, 2 from 8 letters).

With --json it prints {"total": N, "hits": [{"file", "url", "title",
"score", "fragments"}], "facets": {...}}, file relative to --src. The
static site's search gives the same hits for the same query.

Exit status: 0 hits found; 1 no hits; 2 the run failed (bad query, no tree).`,
		Example: `  helpsite search --src articles "virtual machine won't start"
  helpsite search --src ../shared/corpus/office-support --json --limit 5 'outlook "keeps asking" password'
  helpsite search --src docs --facets --filter docset=outlook calendar`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd, &f, strings.Join(args, " "))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.src, "src", ".", "content tree whose articles are searched")
	fl.StringVar(&f.indexDir, "index-dir", "", "folder of the bleve index (default: per content tree, in the user cache folder)")
	fl.BoolVar(&f.json, "json", false, "print the result as JSON")
	fl.IntVarP(&f.limit, "limit", "n", 10, "hits to print")
	fl.IntVar(&f.from, "from", 0, "hits to skip (paging)")
	fl.BoolVar(&f.facets, "facets", false, "count the hits per docset, product, topic and cloud")
	fl.StringArrayVar(&f.facet, "facet", nil, "count the hits per value of this facet only (docset, product, topic or cloud; repeatable)")
	fl.StringArrayVar(&f.filters, "filter", nil, "keep hits whose facet FIELD has VALUE (FIELD=VALUE, repeatable; does not change scores)")
	fl.BoolVar(&f.rebuild, "rebuild", false, "index the tree again even when an index is there")
	return cmd
}

func runSearch(cmd *cobra.Command, f *searchFlags, q string) error {
	filters := map[string][]string{}
	for _, spec := range f.filters {
		k, v, ok := strings.Cut(spec, "=")
		if !ok || !slices.Contains(search.Facets, k) || v == "" {
			return usageError{fmt.Errorf("--filter %q: want FIELD=VALUE with FIELD one of %s", spec, strings.Join(search.Facets, ", "))}
		}
		filters[k] = append(filters[k], v)
	}
	for _, name := range f.facet {
		if !slices.Contains(search.Facets, name) {
			return usageError{fmt.Errorf("--facet %q: want one of %s", name, strings.Join(search.Facets, ", "))}
		}
	}
	dir := indexDir(f.src, f.indexDir)
	if dir == "" {
		return fmt.Errorf("search: no cache folder for the index; give --index-dir")
	}
	ix, err := openOrIndex(cmd, f.src, dir, f.rebuild)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(cmd.Context(), q, search.Options{Limit: f.limit, From: f.from, Facets: f.facets || len(f.facet) > 0, Snippet: true, Filters: filters})
	if err != nil {
		return usageError{err}
	}
	if len(f.facet) > 0 {
		for name := range res.Facets {
			if !slices.Contains(f.facet, name) {
				delete(res.Facets, name)
			}
		}
	}
	out := cmd.OutOrStdout()
	if f.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		for i, h := range res.Hits {
			fmt.Fprintf(out, "%d. %s  [%.4f]\n   %s\n   %s\n", f.from+i+1, h.Title, h.Score, h.File, h.URL)
			for _, field := range []string{"body", "description", "headings", "title"} {
				if fr := h.Fragments[field]; len(fr) > 0 {
					fmt.Fprintf(out, "   %s\n", strings.Join(strings.Fields(fr[0]), " "))
					break
				}
			}
		}
		for _, name := range search.Facets {
			if vals := res.Facets[name]; len(vals) > 0 {
				var parts []string
				for _, v := range vals {
					parts = append(parts, fmt.Sprintf("%s (%d)", v.Value, v.Count))
				}
				fmt.Fprintf(out, "%s: %s\n", name, strings.Join(parts, ", "))
			}
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "helpsite: %d hit(s)\n", res.Total)
	}
	if res.Total == 0 {
		return exitError{exitFindings}
	}
	return nil
}

// openOrIndex opens the index of src at dir, indexing the tree first when
// there is no index (or rebuild is set).
func openOrIndex(cmd *cobra.Command, src, dir string, rebuild bool) (*search.Index, error) {
	if !rebuild {
		if search.Exists(dir) {
			return search.Open(dir)
		}
	}
	s, err := pipeline.LoadDir(cmd.Context(), src, pipeline.Options{})
	if err != nil {
		return nil, err
	}
	opt := site.Options{IndexDir: dir, BaseURL: s.Config.SiteBaseURL}
	ix, err := site.Index(cmd.Context(), s, opt)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ix, nil
}

// indexDir is where the bleve index of a content tree lives: the flag,
// else a folder per content tree in the user's cache folder.
func indexDir(src, flag string) string {
	if flag != "" {
		return flag
	}
	return treeCache(src, "index")
}
