package main

import (
	"fmt"
	"io"
	"strings"
)

func kb(b float64) string { return fmt.Sprintf("%.1f kB", b/1000) }

func (r *report) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "site: %s (%d articles; URLs of expected files from %s)\n", r.Site, r.Articles, r.URLMap)
	if r.BuildSeconds > 0 || r.PagefindSeconds > 0 {
		fmt.Fprintf(w, "helpsite build %.2f s; Pagefind indexing %.2f s\n", r.BuildSeconds, r.PagefindSeconds)
	}
	judged := 0
	if len(r.Engines) > 0 {
		judged = r.Engines[0].Relevance.Judged
	} else if r.Bleve != nil {
		judged = r.Bleve.Judged
	}
	fmt.Fprintf(w, "relevance: %s (%d judged queries); bytes and latency: %d queries from %s\n",
		r.RelevanceFile, judged, r.Queries, strings.Join(r.QueryFiles, ", "))
	fmt.Fprintf(w, "cold query: new browser context, cache cleared, the engine's files only, data of the first %d results;\n", r.Fragments)
	fmt.Fprintf(w, "warm latency: %d timed rounds over all queries after one untimed round\n\n", r.Rounds)
	fmt.Fprintf(w, "%-24s %7s %6s %7s  %-22s  %-24s  %s\n", "", "MRR@10", "hit@1", "hit@10",
		"first query (p50 p90)", "warm ms p50/p95 (+data)", "bundle on disk (per article)")
	for _, e := range r.Engines {
		if e.Failed != "" {
			fmt.Fprintf(w, "%-24s failed: %s\n", e.Name, firstLine(e.Failed))
			continue
		}
		rel := e.Relevance
		fmt.Fprintf(w, "%-24s %7.3f %3d/%-2d %4d/%-2d  %-22s  %-24s  %s in %d files (%s)\n", e.Name,
			rel.MRR10, rel.Hit1, rel.Judged, rel.Hit10, rel.Judged,
			kb(e.ColdBytesP50)+" "+kb(e.ColdBytesP90),
			fmt.Sprintf("%.1f/%.1f (%.1f/%.1f)", e.SearchMSP50, e.SearchMSP95, e.ResultsMSP50, e.ResultsMSP95),
			kb(float64(e.BundleBytes)), e.BundleFiles, fmt.Sprintf("%.0f B", e.BundleBytesPerArticle))
	}
	if b := r.Bleve; b != nil {
		fmt.Fprintf(w, "%-24s %7.3f %3d/%-2d %4d/%-2d\n", "helpsite search (bleve)", b.MRR10, b.Hit1, b.Judged, b.Hit10, b.Judged)
	}
	for _, e := range r.Engines {
		if len(e.Relevance.Unmapped) > 0 {
			fmt.Fprintf(w, "\n%s: %d expected file(s) have no page URL (scored as misses): %s\n", e.Name,
				len(e.Relevance.Unmapped), strings.Join(e.Relevance.Unmapped, ", "))
		}
		if e.Errors > 0 {
			fmt.Fprintf(w, "%s: %d cold quer(ies) failed in the client:\n", e.Name, e.Errors)
			for _, c := range e.Cold {
				if c.Error != "" {
					fmt.Fprintf(w, "  %q: %s\n", c.Query, firstLine(c.Error))
				}
			}
		}
	}
	if !verbose {
		return
	}
	for _, e := range r.Engines {
		if e.Failed != "" {
			continue
		}
		fmt.Fprintf(w, "\n== %s: ranks\n", e.Name)
		printRanks(w, e.Relevance)
		fmt.Fprintf(w, "\n== %s: cold queries (bytes, requests, results)\n", e.Name)
		for _, c := range e.Cold {
			fmt.Fprintf(w, "%9d %3d %5d  %s\n", c.Bytes, c.Requests, c.Total, c.Query)
		}
	}
	if r.Bleve != nil {
		fmt.Fprintf(w, "\n== helpsite search (bleve): ranks\n")
		printRanks(w, *r.Bleve)
	}
}

func printRanks(w io.Writer, rel relevance) {
	for _, row := range rel.Rows {
		rank := "-"
		if row.Rank > 0 {
			rank = fmt.Sprint(row.Rank)
		}
		top := ""
		if row.Rank != 1 && len(row.Top) > 0 {
			top = "  (first: " + row.Top[0] + ")"
		}
		if row.Error != "" {
			top = "  error: " + firstLine(row.Error)
		}
		fmt.Fprintf(w, "%3s  %s -> %s%s\n", rank, row.Query, row.Expected, top)
	}
}
