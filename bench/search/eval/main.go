// Command eval measures the search of a built help site in headless
// Chromium: Pagefind's bundle (pagefind/) and helpsite's own client
// (templates/assets/search.js over search-data/), side by side, and, when
// asked, `helpsite search` (bleve) on the content tree.
//
// For each engine it reports MRR@10 over judged queries (relevance.tsv), the
// bytes a first query costs on a cold cache (the engine's files only, with
// the data of the first 5 results, as a results list shows), the query
// latency of a warm client, and the size of the engine's files on disk per
// article. bench/search/run.sh builds the site and the Pagefind bundle and
// runs it; see bench/README.md.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

type options struct {
	site, src, basePath, page string
	relevance                 string
	queries                   []string
	engines                   string
	helpsite                  string
	chrome                    string
	rounds, fragments         int
	jsonOut                   string
	verbose                   bool
	buildSeconds, pfSeconds   float64
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var o options
	var qs listFlag
	flag.StringVar(&o.site, "site", "", "the built site (required)")
	flag.StringVar(&o.src, "src", "", "the content tree the site was built from (for --helpsite)")
	flag.StringVar(&o.basePath, "base-path", "/", "the path the site was built for (the path of --base-url)")
	flag.StringVar(&o.page, "page", "", "the page each query starts from, relative to the base (default: the home page)")
	flag.StringVar(&o.relevance, "relevance", "pipeline/search/testdata/relevance.tsv", "judged queries: query<TAB>expected file[<TAB>note]")
	flag.Var(&qs, "queries", "a query file for bytes and latency, one query a line (repeatable; default: the queries of --relevance); a .tsv file gives its first column")
	flag.StringVar(&o.engines, "engines", "auto", "comma-separated: pagefind, helpsite; auto: those whose files the site has")
	flag.StringVar(&o.helpsite, "helpsite", "", "a helpsite binary: also score `helpsite search --src SRC --json --limit 10 QUERY` (bleve)")
	flag.StringVar(&o.chrome, "chromium", "/usr/bin/chromium", "the browser")
	flag.IntVar(&o.rounds, "rounds", 5, "warm latency: timed rounds over all queries, after one untimed round")
	flag.IntVar(&o.fragments, "fragments", 5, "results whose display data a cold query loads")
	flag.StringVar(&o.jsonOut, "json", "", "also write the report as JSON to this file")
	flag.BoolVar(&o.verbose, "v", false, "print every judged query's rank and every cold query's bytes")
	flag.Float64Var(&o.buildSeconds, "build-seconds", 0, "helpsite build wall time, for the report (run.sh measures it)")
	flag.Float64Var(&o.pfSeconds, "pagefind-seconds", 0, "Pagefind indexing wall time, for the report (run.sh measures it)")
	flag.Parse()
	o.queries = qs
	if o.site == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: eval --site OUT [--src SRC] [--helpsite BIN] [--queries FILE]... [--json FILE]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if !strings.HasPrefix(o.basePath, "/") || !strings.HasSuffix(o.basePath, "/") {
		fatal(fmt.Errorf("--base-path must start and end with /: %q", o.basePath))
	}
	rep, err := run(context.Background(), o)
	if err != nil {
		fatal(err)
	}
	rep.print(os.Stdout, o.verbose)
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			fatal(err)
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "eval:", err)
	os.Exit(2)
}

type judged struct {
	Query, File, Note string
}

// readQueries reads a query file: one query a line, or the first column of
// a .tsv; blank lines and lines starting with # are skipped.
func readQueries(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasSuffix(name, ".tsv") {
			line, _, _ = strings.Cut(line, "\t")
		}
		out = append(out, line)
	}
	return out, nil
}

func readJudged(name string) ([]judged, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []judged
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("%s:%d: want query<TAB>expected file[<TAB>note]", name, i+1)
		}
		j := judged{Query: f[0], File: f[1]}
		if len(f) > 2 {
			j.Note = f[2]
		}
		out = append(out, j)
	}
	return out, nil
}

// normURL reduces a result URL to a site path without the base, a
// trailing index.html or slash: "outlook/troubleshoot/x".
func normURL(u, basePath string) string {
	if p, err := url.Parse(u); err == nil {
		u = p.Path // decoded
	}
	u = strings.TrimPrefix(u, basePath)
	u = strings.TrimPrefix(u, "/")
	u = strings.TrimSuffix(u, "index.html")
	return strings.TrimSuffix(u, "/")
}

// urlMap maps source files (relative to the content root) to normalized
// page URLs: from search-data/files.json when the site has it (an array of
// [file, url] by doc number), else by matching the file's name against the
// folders of the site's article pages (those with data-pagefind-body).
type urlMap struct {
	how   string
	url   map[string]string
	files int
}

func loadURLMap(site, basePath string, want []judged) (*urlMap, error) {
	if b, err := os.ReadFile(filepath.Join(site, "search-data", "files.json")); err == nil {
		var rows [][]string
		if err := json.Unmarshal(b, &rows); err != nil {
			return nil, fmt.Errorf("search-data/files.json: %w", err)
		}
		m := &urlMap{how: "search-data/files.json", url: map[string]string{}, files: len(rows)}
		for _, r := range rows {
			if len(r) >= 2 {
				m.url[r[0]] = normURL(r[1], basePath)
			}
		}
		return m, nil
	}
	// Fallback: the article pages, by the name of their folder.
	byName := map[string][]string{}
	n := 0
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte("data-pagefind-body")) {
			return nil
		}
		n++
		rel, _ := filepath.Rel(site, filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		byName[path.Base(rel)] = append(byName[path.Base(rel)], rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	m := &urlMap{how: "page folder names (the site has no search-data/files.json)", url: map[string]string{}, files: n}
	for _, j := range want {
		name := strings.TrimSuffix(path.Base(j.File), ".md")
		cands := byName[name]
		if len(cands) > 1 { // prefer the docset's URL space: Outlook/... -> outlook/...
			top := strings.ToLower(strings.SplitN(j.File, "/", 2)[0])
			var in []string
			for _, c := range cands {
				if strings.HasPrefix(strings.ToLower(c), top) {
					in = append(in, c)
				}
			}
			cands = in
		}
		if len(cands) == 1 {
			m.url[j.File] = cands[0]
		}
	}
	return m, nil
}

// --- report ---------------------------------------------------------------------

type rankRow struct {
	Query    string   `json:"query"`
	Expected string   `json:"expected"`
	Rank     int      `json:"rank"` // 1-based; 0: not in the top 10
	Top      []string `json:"top"`
	Error    string   `json:"error,omitempty"`
}

type relevance struct {
	MRR10    float64   `json:"mrr10"`
	Hit1     int       `json:"hit1"`
	Hit10    int       `json:"hit10"`
	Judged   int       `json:"judged"`
	Unmapped []string  `json:"unmapped,omitempty"`
	Rows     []rankRow `json:"rows"`
}

type coldRow struct {
	Query    string     `json:"query"`
	Bytes    int64      `json:"bytes"`
	Requests int        `json:"requests"`
	Total    int        `json:"total"`
	Error    string     `json:"error,omitempty"`
	Files    []transfer `json:"files,omitempty"`
}

type engineReport struct {
	Name         string    `json:"name"`
	Relevance    relevance `json:"relevance"`
	ColdBytesP50 float64   `json:"cold_bytes_p50"`
	ColdBytesP90 float64   `json:"cold_bytes_p90"`
	ColdBytesMax int64     `json:"cold_bytes_max"`
	Cold         []coldRow `json:"cold"`
	// Warm latency over rounds x queries, after an untimed round: the query
	// alone, and the query with the data of its first results.
	SearchMSP50  float64 `json:"search_ms_p50"`
	SearchMSP95  float64 `json:"search_ms_p95"`
	ResultsMSP50 float64 `json:"results_ms_p50"`
	ResultsMSP95 float64 `json:"results_ms_p95"`
	// The engine's files on disk.
	BundleBytes           int64   `json:"bundle_bytes"`
	BundleFiles           int     `json:"bundle_files"`
	BundleBytesPerArticle float64 `json:"bundle_bytes_per_article"`
	Errors                int     `json:"errors"`
	Failed                string  `json:"failed,omitempty"` // the engine could not be measured
}

type report struct {
	Site            string          `json:"site"`
	Articles        int             `json:"articles"`
	URLMap          string          `json:"url_map"`
	RelevanceFile   string          `json:"relevance_file"`
	QueryFiles      []string        `json:"query_files"`
	Queries         int             `json:"queries"`
	Rounds          int             `json:"rounds"`
	Fragments       int             `json:"fragments"`
	BuildSeconds    float64         `json:"build_seconds,omitempty"`
	PagefindSeconds float64         `json:"pagefind_seconds,omitempty"`
	Engines         []*engineReport `json:"engines"`
	Bleve           *relevance      `json:"bleve,omitempty"`
	Chromium        string          `json:"chromium"`
	Date            string          `json:"date"`
}

func run(ctx context.Context, o options) (*report, error) {
	js, err := readJudged(o.relevance)
	if err != nil {
		return nil, err
	}
	var qs []string
	files := o.queries
	if len(files) == 0 {
		files = []string{o.relevance}
	}
	for _, f := range files {
		q, err := readQueries(f)
		if err != nil {
			return nil, err
		}
		for _, x := range q {
			if !slices.Contains(qs, x) {
				qs = append(qs, x)
			}
		}
	}
	m, err := loadURLMap(o.site, o.basePath, js)
	if err != nil {
		return nil, err
	}
	rep := &report{Site: o.site, URLMap: m.how, RelevanceFile: o.relevance, QueryFiles: files,
		Queries: len(qs), Rounds: o.rounds, Fragments: o.fragments, Chromium: o.chrome,
		BuildSeconds: o.buildSeconds, PagefindSeconds: o.pfSeconds, Date: time.Now().UTC().Format(time.RFC3339)}
	rep.Articles = m.files

	engines, err := pickEngines(o)
	if err != nil {
		return nil, err
	}
	if len(engines) > 0 {
		wl := &wireLog{}
		base, stop, err := serve(o.site, o.basePath, wl)
		if err != nil {
			return nil, err
		}
		defer stop()
		bctx, stopB, err := startBrowser(ctx, o.chrome)
		if err != nil {
			return nil, err
		}
		defer stopB()
		page := base + strings.TrimPrefix(o.page, "/")
		for _, name := range engines {
			var e engine
			switch name {
			case "pagefind":
				e = pagefindEngine(base)
			case "helpsite":
				e = helpsiteEngine()
			}
			fmt.Fprintf(os.Stderr, "eval: %s: %d judged queries, %d cold queries, %d warm rounds\n", name, len(js), len(qs), o.rounds+1)
			er, err := measure(bctx, wl, e, page, o, js, qs, m)
			if err != nil { // reported; the other engines still run
				fmt.Fprintf(os.Stderr, "eval: %v\n", err)
				rep.Engines = append(rep.Engines, &engineReport{Name: name, Failed: err.Error()})
				continue
			}
			er.BundleBytes, er.BundleFiles = bundleSize(o.site, name)
			if rep.Articles > 0 {
				er.BundleBytesPerArticle = float64(er.BundleBytes) / float64(rep.Articles)
			}
			rep.Engines = append(rep.Engines, er)
		}
	}
	if o.helpsite != "" {
		if o.src == "" {
			return nil, errors.New("--helpsite needs --src")
		}
		fmt.Fprintf(os.Stderr, "eval: helpsite search (bleve): %d judged queries\n", len(js))
		r, err := bleve(ctx, o.helpsite, o.src, js)
		if err != nil {
			return nil, err
		}
		rep.Bleve = r
	}
	return rep, nil
}

func pickEngines(o options) ([]string, error) {
	has := map[string]bool{
		"pagefind": fileExists(filepath.Join(o.site, "pagefind", "pagefind.js")),
		"helpsite": siteHasHelpsiteSearch(o.site, o.page),
	}
	if o.engines == "auto" {
		var out []string
		for _, n := range []string{"pagefind", "helpsite"} {
			if has[n] {
				out = append(out, n)
			} else {
				fmt.Fprintf(os.Stderr, "eval: %s: the site has no files for it; skipped\n", n)
			}
		}
		return out, nil
	}
	var out []string
	for _, n := range strings.Split(o.engines, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if _, ok := has[n]; !ok {
			return nil, fmt.Errorf("--engines: unknown engine %q (pagefind, helpsite)", n)
		}
		out = append(out, n)
	}
	return out, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// siteHasHelpsiteSearch reports whether the start page loads search.js (a
// script with data-search-base).
func siteHasHelpsiteSearch(site, page string) bool {
	p := filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(page, "/")))
	if page == "" || strings.HasSuffix(page, "/") {
		p = filepath.Join(p, "index.html")
	}
	b, err := os.ReadFile(p)
	return err == nil && bytes.Contains(b, []byte("data-search-base"))
}

// bundleSize sums the engine's files on disk: pagefind/ for Pagefind;
// search-data/ and assets/search.*.js for helpsite.
func bundleSize(site, name string) (int64, int) {
	var total int64
	var n int
	add := func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			total += info.Size()
			n++
		}
		return nil
	}
	switch name {
	case "pagefind":
		filepath.WalkDir(filepath.Join(site, "pagefind"), add)
	case "helpsite":
		filepath.WalkDir(filepath.Join(site, "search-data"), add)
		js, _ := filepath.Glob(filepath.Join(site, "assets", "search*.js"))
		for _, p := range js {
			if info, err := os.Stat(p); err == nil {
				total += info.Size()
				n++
			}
		}
	}
	return total, n
}

func measure(bctx context.Context, wl *wireLog, e engine, page string, o options, js []judged, qs []string, m *urlMap) (*engineReport, error) {
	er := &engineReport{Name: e.Name}

	// Relevance and warm latency: one tab, set up once.
	ctx, closeTab, err := tab(bctx, e, page, 30*time.Minute)
	if err != nil {
		return nil, err
	}
	jq := make([]string, len(js))
	for i, j := range js {
		jq[i] = j.Query
	}
	res, err := warmRuns(ctx, jq, 10, 1)
	if err != nil {
		closeTab()
		return nil, fmt.Errorf("%s: relevance: %w", e.Name, err)
	}
	er.Relevance = score(js, res[0], func(u string) string { return normURL(u, o.basePath) }, m)
	runs, err := warmRuns(ctx, qs, o.fragments, o.rounds+1)
	closeTab()
	if err != nil {
		return nil, fmt.Errorf("%s: latency: %w", e.Name, err)
	}
	var search, results []float64
	for _, round := range runs[1:] {
		for _, r := range round {
			if r.Error != "" {
				continue
			}
			search = append(search, r.SearchMS)
			results = append(results, r.TotalMS)
		}
	}
	er.SearchMSP50, er.SearchMSP95 = percentile(search, 50), percentile(search, 95)
	er.ResultsMSP50, er.ResultsMSP95 = percentile(results, 50), percentile(results, 95)

	// First query on a cold cache: a new browser context per query.
	var b []float64
	for _, q := range qs {
		r, tr, err := coldQuery(bctx, wl, e, page, q, o.fragments)
		if err != nil {
			return nil, fmt.Errorf("%s: cold query %q: %w", e.Name, q, err)
		}
		row := coldRow{Query: q, Total: r.Total, Error: r.Error, Requests: len(tr)}
		slices.SortFunc(tr, func(a, b transfer) int { return strings.Compare(a.URL, b.URL) })
		for _, t := range tr {
			row.Bytes += t.Bytes
		}
		if o.verbose || o.jsonOut != "" {
			row.Files = tr
		}
		if r.Error != "" {
			er.Errors++
		}
		er.Cold = append(er.Cold, row)
		b = append(b, float64(row.Bytes))
		er.ColdBytesMax = max(er.ColdBytesMax, row.Bytes)
	}
	er.ColdBytesP50, er.ColdBytesP90 = percentile(b, 50), percentile(b, 90)
	return er, nil
}

// score computes MRR@10: the expected file's page URL against the result
// URLs.
func score(js []judged, res []searchResult, norm func(string) string, m *urlMap) relevance {
	var rel relevance
	rel.Judged = len(js)
	for i, j := range js {
		row := rankRow{Query: j.Query, Expected: j.File}
		want, ok := m.url[j.File]
		if !ok {
			rel.Unmapped = append(rel.Unmapped, j.File)
		}
		if i < len(res) {
			row.Error = res[i].Error
			for k, u := range res[i].URLs {
				n := norm(u)
				row.Top = append(row.Top, n)
				if ok && row.Rank == 0 && k < 10 && n == want {
					row.Rank = k + 1
				}
			}
		}
		rel.Rows = append(rel.Rows, row)
	}
	rel.tally()
	return rel
}

// tally counts the hits at rank 1 and in the top 10 of the rows, and
// their mean reciprocal rank over the judged queries.
func (rel *relevance) tally() {
	var sum float64
	for _, row := range rel.Rows {
		if row.Rank > 0 {
			sum += 1 / float64(row.Rank)
			rel.Hit10++
			if row.Rank == 1 {
				rel.Hit1++
			}
		}
	}
	if rel.Judged > 0 {
		rel.MRR10 = sum / float64(rel.Judged)
	}
}

// bleve scores `helpsite search --json` by source file.
func bleve(ctx context.Context, bin, src string, js []judged) (*relevance, error) {
	rel := &relevance{Judged: len(js)}
	for _, j := range js {
		args := []string{"search", "--src", src, "--json", "--limit", "10"}
		if strings.HasPrefix(j.Query, "-") {
			args = append(args, "--")
		}
		args = append(args, j.Query)
		cmd := exec.CommandContext(ctx, bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		row := rankRow{Query: j.Query, Expected: j.File}
		if err != nil {
			row.Error = strings.TrimSpace(err.Error() + ": " + firstLine(stderr.String()))
		} else {
			var r struct {
				Total int `json:"total"`
				Hits  []struct {
					File string `json:"file"`
				} `json:"hits"`
			}
			if err := json.Unmarshal(out, &r); err != nil {
				return nil, fmt.Errorf("helpsite search %q: %w", j.Query, err)
			}
			for k, h := range r.Hits {
				row.Top = append(row.Top, h.File)
				if row.Rank == 0 && k < 10 && h.File == j.File {
					row.Rank = k + 1
				}
			}
		}
		rel.Rows = append(rel.Rows, row)
	}
	rel.tally()
	return rel, nil
}

func firstLine(s string) string {
	sc := bufio.NewScanner(strings.NewReader(s))
	if sc.Scan() {
		return sc.Text()
	}
	return ""
}

// percentile interpolates linearly between the closest ranks.
func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	x := p / 100 * float64(len(s)-1)
	i := int(x)
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (x-float64(i))*(s[i+1]-s[i])
}
