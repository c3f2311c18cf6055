package search_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/site"
)

// The parity tests run the static client (templates/assets/search.js)
// under Node over the site built from the shared corpus and compare it with
// bleve: the same analysis, the same hits.

const corpusDir = "../../../shared/corpus/office-support"

var corpus struct {
	once  sync.Once
	tmp   string
	data  string // the site's search-data folder
	index *search.Index
	build time.Duration
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpus.index != nil {
		corpus.index.Close()
	}
	if corpus.tmp != "" {
		os.RemoveAll(corpus.tmp)
	}
	os.Exit(code)
}

// node is the path of node, or the test skips.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the static client parity tests need Node 20")
	}
	return p
}

// corpusSite builds the site of the shared corpus once (search data and
// bleve index), or skips without the corpus.
func corpusSite(t *testing.T) (data string, ix *search.Index) {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s (the shared corpus is needed)", corpusDir)
	}
	corpus.once.Do(func() {
		corpus.tmp, corpus.err = os.MkdirTemp("", "helpsite-parity-")
		if corpus.err != nil {
			return
		}
		s, err := pipeline.Load(context.Background(), os.DirFS(corpusDir), pipeline.Options{})
		if err != nil {
			corpus.err = err
			return
		}
		out, idx := filepath.Join(corpus.tmp, "site"), filepath.Join(corpus.tmp, "index")
		t0 := time.Now()
		if _, err := site.Build(context.Background(), s, site.Options{Out: out, IndexDir: idx}); err != nil && !strings.Contains(err.Error(), "finding") {
			corpus.err = err
			return
		}
		corpus.build = time.Since(t0)
		corpus.data = filepath.Join(out, site.SearchDataDir)
		if _, err := os.Stat(filepath.Join(corpus.data, "meta.json")); err != nil {
			corpus.err = fmt.Errorf("the build wrote no static index: %w", err)
			return
		}
		corpus.index, corpus.err = search.Open(idx)
	})
	if corpus.err != nil {
		t.Fatal(corpus.err)
	}
	return corpus.data, corpus.index
}

// runNode runs testdata/parity.mjs with args, in as JSON on stdin, the
// answer decoded into out.
func runNode(t *testing.T, in, out any, args ...string) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node(t), append([]string{filepath.Join("testdata", "parity.mjs")}, args...)...)
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node's answer: %v", err)
	}
}

// fragments reads the texts the export wrote, by document number.
func fragments(t *testing.T, data string) []map[string]string {
	t.Helper()
	var meta struct {
		Docs  int `json:"docs"`
		Files struct {
			Fragments        string `json:"fragments"`
			FragmentsPerFile int    `json:"fragmentsPerFile"`
		} `json:"files"`
	}
	readJSON(t, filepath.Join(data, "meta.json"), &meta)
	var out []map[string]string
	for i := 0; len(out) < meta.Docs; i++ {
		var group []map[string]string
		readJSON(t, filepath.Join(data, strings.Replace(meta.Files.Fragments, "{i}", fmt.Sprint(i), 1)), &group)
		if len(group) == 0 || len(group) > meta.Files.FragmentsPerFile {
			t.Fatalf("fragment file %d holds %d fragments", i, len(group))
		}
		out = append(out, group...)
	}
	return out
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// goTokens is what bleve's "en" analyzer makes of text, offsets in UTF-16
// units as the client gives them.
func goTokens(a analysis.Analyzer, text string) [][4]any {
	// at[i] is the UTF-16 offset of byte offset i
	at := make([]int, len(text)+1)
	n := 0
	for i, r := range text {
		for k := i; k < len(text) && (k == i || !utf8.RuneStart(text[k])); k++ {
			at[k] = n
		}
		n += utf16.RuneLen(r)
	}
	at[len(text)] = n
	var out [][4]any
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, [4]any{string(tok.Term), float64(at[tok.Start]), float64(at[tok.End]), float64(tok.Position)})
	}
	return out
}

func enAnalyzer(t *testing.T) analysis.Analyzer {
	t.Helper()
	a := bleve.NewIndexMapping().AnalyzerNamed(search.TextAnalyzer)
	if a == nil {
		t.Fatal("no en analyzer")
	}
	return a
}

// compareAnalysis runs texts through both analyzers and reports the
// differences; it returns how many texts differ.
func compareAnalysis(t *testing.T, texts []string) int {
	t.Helper()
	a := enAnalyzer(t)
	var js [][][4]any
	runNode(t, map[string]any{"texts": texts}, &js, "analyze")
	bad := 0
	for i, text := range texts {
		want := goTokens(a, text)
		got := js[i]
		same := len(got) == len(want)
		for k := 0; same && k < len(got); k++ {
			g, w := got[k], want[k]
			same = g == w
		}
		if !same {
			bad++
			if bad <= 10 {
				t.Errorf("analysis of %.80q:\n js %v\n go %v", text, first(got, want), first(want, got))
			}
		}
	}
	return bad
}

// first is a's first token that b does not hold at the same place, with
// its neighbours.
func first(a, b [][4]any) [][4]any {
	for k := range a {
		if k >= len(b) || fmt.Sprint(a[k]) != fmt.Sprint(b[k]) {
			return a[max(0, k-1):min(len(a), k+2)]
		}
	}
	if len(a) < len(b) {
		return [][4]any{{"(end)", 0, 0, 0}}
	}
	return nil
}

// TestAnalyzerParitySynthetic compares the analyzers on words and on
// random strings of the characters word segmentation treats apart.
func TestAnalyzerParitySynthetic(t *testing.T) {
	node(t)
	texts := []string{
		"Outlook keeps asking for the password; it's Microsoft’s e-mail.",
		"www.microsoft.com 0x800CCC0E 3,000.50 __init__ C++ .NET a_b_c 1.2.3 10:30 e.g. U.S.A.",
		"relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli",
		"vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness",
		"callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical",
		"hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant",
		"replacement adjustment dependent adoption homologou communism activate angulariti homologous",
		"effective bowdlerize probate rate cease controll roll agreed feed plastered bled motoring sing",
		"conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky caresses ponies ties",
		"ΣΊΣΥΦΟΣ ΟΔΟΣ İstanbul Straße ǅemal Ⱥlpha",
		"עברית ש\"ח ג'ירפה カタカナ ひらがな 漢字テスト 한국어 텍스트 ❤️ 🇺🇸🇬🇧",
		"soft\u00adhyphen zero\u200dwidth cafe\u0301 naïve Ａｐｐｌｅ １２３",
		"line\r\nbreak\u2028sep\u0085next\ttab\u000bvt",
	}
	alphabet := []rune("aZ09_'\".,:;-’＇\u00ad\u0301\u200d \tבש\"カタひら漢字한국🇺🇸❤️٣\u2028")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + rng.IntN(12)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	if bad := compareAnalysis(t, texts); bad > 0 {
		t.Errorf("%d of %d texts analysed differently", bad, len(texts))
	}
}

// TestAnalyzerParityCorpus compares the analyzers on every article body of
// the corpus, and on every distinct token of those bodies alone.
func TestAnalyzerParityCorpus(t *testing.T) {
	node(t)
	data, _ := corpusSite(t)
	frags := fragments(t, data)
	var bodies []string
	seen := map[string]bool{}
	var tokens []string
	tok := unicode.NewUnicodeTokenizer()
	for _, f := range frags {
		for _, s := range []string{f["title"], f["description"], f["text"]} {
			bodies = append(bodies, s)
			for _, tk := range tok.Tokenize([]byte(s)) {
				if w := string(tk.Term); !seen[w] {
					seen[w] = true
					tokens = append(tokens, w)
				}
			}
		}
	}
	sort.Strings(tokens)
	if bad := compareAnalysis(t, tokens); bad > 0 {
		t.Errorf("%d of %d distinct tokens analysed differently", bad, len(tokens))
	}
	if bad := compareAnalysis(t, bodies); bad > 0 {
		t.Errorf("%d of %d texts analysed differently", bad, len(bodies))
	}
	t.Logf("%d distinct tokens, %d texts: the same analysis", len(tokens), len(bodies))
}

// parityQueries are the queries of testdata/parity.txt.
func parityQueries(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "parity.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

type nodeSearch struct {
	Results []struct {
		Total  int                 `json:"total"`
		Hits   [][2]float64        `json:"hits"`
		Facets map[string][][2]any `json:"facets"`
		Error  string              `json:"error"`
	} `json:"results"`
	ColdBytes []int `json:"coldBytes"`
	Warm      struct {
		P50 float64 `json:"p50"`
		P95 float64 `json:"p95"`
	} `json:"warm"`
	Files [][2]string `json:"files"`
}

// extraQueries exercise the syntax parity.txt leaves out, errors included.
var extraQueries = []string{
	"outlook pass", "sharepoint sync onedr", "activat", "title:outlook^2 calendar", "outlook~1", "calender~2",
	`"shared mailbox"^2 delegate`, "docset:outlook password", "product:outlook", "topic:troubleshooting teams",
	"conf?guration", "*sync", "id:114951", "title:out*", `"the time limit"`, `+"outlook" -"web app"`,
	"password^0.5 reset", "foo:bar", "title:calendar~1", "the", "the outlook", "+the outlook", "C++ error",
	"teams~3", "/regex/", "title:>5", `"unterminated`, "outlook:", "^2", "-outlook",
}

// TestStaticFacetParity: with and without facet filters, the static
// client counts the same facet values as bleve, over the same hits.
func TestStaticFacetParity(t *testing.T) {
	node(t)
	data, ix := corpusSite(t)
	type query struct {
		q       string
		filters map[string][]string
	}
	var qs []query
	for _, q := range []string{"outlook", "sign in error", "teams meeting", "sharepoint sync", "password", "calendar~1"} {
		qs = append(qs, query{q, nil},
			query{q, map[string][]string{"docset": {"outlook"}}},
			query{q, map[string][]string{"topic": {"troubleshooting"}, "docset": {"teams", "sharepoint"}}})
	}
	in := map[string]any{"limit": 10, "repeat": 0}
	var texts []string
	var filters []map[string][]string
	for _, q := range qs {
		texts = append(texts, q.q)
		filters = append(filters, q.filters)
	}
	in["queries"], in["filters"] = texts, filters
	var js nodeSearch
	runNode(t, in, &js, "search", data)
	for i, q := range qs {
		want, err := ix.Search(context.Background(), q.q, search.Options{Limit: 10, Facets: true, Filters: q.filters})
		if err != nil {
			t.Fatalf("%q: %v", q.q, err)
		}
		got := js.Results[i]
		if got.Total != want.Total {
			t.Errorf("%q %v: %d hits, bleve %d", q.q, q.filters, got.Total, want.Total)
		}
		for _, f := range search.Facets {
			w := want.Facets[f]
			if len(w) >= 20 { // bleve keeps the top 20: compare those
				t.Logf("%q: facet %s has 20 values or more", q.q, f)
			}
			g := got.Facets[f]
			if len(g) > len(w) {
				g = g[:len(w)]
			}
			same := len(g) == len(w)
			for j := 0; same && j < len(w); j++ {
				same = g[j][0] == w[j].Value && int(g[j][1].(float64)) == w[j].Count
			}
			if !same {
				t.Errorf("%q %v: facet %s = %v, bleve %v", q.q, q.filters, f, g, w)
			}
		}
	}
	t.Logf("%d queries with facets: the same counts", len(qs))
}

// pagefindMRR is what Pagefind 1.6.0 scored over testdata/relevance.tsv on
// the same built site (bench/search/run.sh, MRR@10): bleve must not do
// worse.
const pagefindMRR = 0.591

// TestRelevance scores bleve (and so the static client, which finds the
// same hits in the same order) over the judged queries of
// testdata/relevance.tsv: the mean reciprocal rank of the expected article
// in the top 10.
func TestRelevance(t *testing.T) {
	_, ix := corpusSite(t)
	f, err := os.Open(filepath.Join("testdata", "relevance.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var n int
	var sum float64
	var missed []string
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			t.Fatalf("relevance.tsv: %q: want query<TAB>file", line)
		}
		q, want := cols[0], cols[1]
		if _, err := os.Stat(filepath.Join(corpusDir, filepath.FromSlash(want))); err != nil {
			t.Errorf("relevance.tsv: %q expects %s, which the corpus lacks", q, want)
		}
		res, err := ix.Search(context.Background(), q, search.Options{Limit: 10})
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		n++
		rank := 0
		for i, h := range res.Hits {
			if h.File == want {
				rank = i + 1
				break
			}
		}
		if rank == 0 {
			missed = append(missed, q)
		} else {
			sum += 1 / float64(rank)
		}
	}
	if n < 30 {
		t.Fatalf("relevance.tsv has %d judged queries; issue 5 asks for at least 30", n)
	}
	mrr := sum / float64(n)
	t.Logf("MRR@10 over %d judged queries: %.3f (Pagefind %.3f); not in the top 10: %q", n, mrr, pagefindMRR, missed)
	if mrr < pagefindMRR {
		t.Errorf("MRR@10 %.3f is below Pagefind's %.3f", mrr, pagefindMRR)
	}
}

// TestStaticParity is acceptance 1 of issue 5: over the parity queries,
// the static client finds exactly bleve's hits, ranked alike; with the
// prefix option too.
func TestStaticParity(t *testing.T) {
	node(t)
	data, ix := corpusSite(t)
	queries := parityQueries(t)
	if len(queries) < 50 {
		t.Fatalf("testdata/parity.txt has %d queries; issue 5 asks for at least 50", len(queries))
	}
	t.Run("parity.txt", func(t *testing.T) { staticParity(t, data, ix, queries, false, true) })
	t.Run("syntax", func(t *testing.T) { staticParity(t, data, ix, extraQueries, false, false) })
	t.Run("prefix", func(t *testing.T) { staticParity(t, data, ix, append(queries, extraQueries...), true, false) })
}

func staticParity(t *testing.T, data string, ix *search.Index, queries []string, prefix, report bool) {
	var js nodeSearch
	runNode(t, map[string]any{"queries": queries, "repeat": 5, "prefix": prefix}, &js, "search", data)
	if len(js.Results) != len(queries) {
		t.Fatalf("%d results for %d queries", len(js.Results), len(queries))
	}
	type worst struct {
		q       string
		overlap float64
	}
	var overlaps []worst
	exact := 0
	for i, q := range queries {
		res, err := ix.Search(context.Background(), q, search.Options{Limit: 1 << 20, Prefix: prefix})
		got := js.Results[i]
		if err != nil || got.Error != "" {
			if (err == nil) != (got.Error == "") {
				t.Errorf("%q: bleve error %v, client error %q", q, err, got.Error)
			}
			continue
		}
		var goFiles, jsFiles []string
		sameScores := len(res.Hits) == len(got.Hits)
		for k, h := range res.Hits {
			goFiles = append(goFiles, h.File)
			if sameScores && (h.Score != got.Hits[k][1] || js.Files[int(got.Hits[k][0])][0] != h.File) {
				sameScores = false
			}
		}
		for _, h := range got.Hits {
			jsFiles = append(jsFiles, js.Files[int(h[0])][0])
		}
		if sameScores {
			exact++
		} else if testing.Verbose() {
			maxRel := 0.0
			for k := range min(len(res.Hits), len(got.Hits)) {
				if js.Files[int(got.Hits[k][0])][0] == res.Hits[k].File {
					maxRel = max(maxRel, math.Abs(res.Hits[k].Score-got.Hits[k][1])/res.Hits[k].Score)
				}
			}
			t.Logf("%q: scores differ (largest relative difference %.2g)", q, maxRel)
		}
		if res.Total != got.Total || !slices.Equal(sorted(goFiles), sorted(jsFiles)) {
			t.Errorf("%q: bleve finds %d, the client %d; only bleve: %v; only the client: %v", q, res.Total, got.Total,
				minus(goFiles, jsFiles, 5), minus(jsFiles, goFiles, 5))
		}
		if len(goFiles) == 0 && len(jsFiles) == 0 {
			continue
		}
		a, b := goFiles[:min(10, len(goFiles))], jsFiles[:min(10, len(jsFiles))]
		common := len(a) - len(minus(a, b, 10))
		overlaps = append(overlaps, worst{q, float64(common) / float64(max(len(a), len(b)))})
		if common < len(a) && testing.Verbose() {
			t.Logf("%q: top 10 differ\n bleve  %v\n client %v", q, a, b)
		}
	}
	sum := 0.0
	for _, o := range overlaps {
		sum += o.overlap
	}
	avg := sum / float64(max(1, len(overlaps)))
	sort.SliceStable(overlaps, func(i, j int) bool { return overlaps[i].overlap < overlaps[j].overlap })
	t.Logf("%d queries, %d with hits: average top-10 overlap %.3f; scores and order identical for %d", len(queries), len(overlaps), avg, exact)
	for _, o := range overlaps[:min(5, len(overlaps))] {
		t.Logf("  worst: %.2f %q", o.overlap, o.q)
	}
	t.Logf("node, warm: p50 %.2f ms, p95 %.2f ms", js.Warm.P50, js.Warm.P95)
	if report {
		cold := slices.Clone(js.ColdBytes)
		slices.Sort(cold)
		if len(cold) > 0 {
			t.Logf("first query on a cold cache, gzipped: median %.1f KB, max %.1f KB", float64(cold[len(cold)/2])/1024, float64(cold[len(cold)-1])/1024)
		}
		logBundle(t, data, len(js.Files))
	}
	if avg < 0.9 {
		t.Errorf("average top-10 overlap %.3f, want at least 0.9", avg)
	}
}

// logBundle logs the size of the static index.
func logBundle(t *testing.T, data string, docs int) {
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			total += info.Size()
		}
	}
	t.Logf("static index: %d files, %.1f MB, %.1f KB per article (corpus build %v)", len(entries), float64(total)/(1<<20),
		float64(total)/1024/float64(max(1, docs)), corpus.build.Round(time.Second))
}

// TestExportCorpus exports the corpus index again: the same bytes as the
// build wrote (deterministic), and how long it takes.
func TestExportCorpus(t *testing.T) {
	data, ix := corpusSite(t)
	var docs []search.Doc
	for _, f := range fragments(t, data) {
		docs = append(docs, search.Doc{ID: f["file"], URL: f["url"], Title: f["title"], Description: f["description"], Body: f["text"]})
	}
	files := map[string][]byte{}
	t0 := time.Now()
	if err := ix.Export(docs, func(name string, b []byte) error {
		files[name] = b
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	t.Logf("export of %d documents: %v, %d files", len(docs), time.Since(t0).Round(time.Millisecond), len(files))
	for name, b := range files {
		disk, err := os.ReadFile(filepath.Join(data, name))
		if err != nil || !bytes.Equal(disk, b) {
			t.Errorf("%s: not what the build wrote (%v)", name, err)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// minus is up to n elements of a not in b.
func minus(a, b []string, n int) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] && len(out) < n {
			out = append(out, s)
		}
	}
	return out
}

// TestStaticParitySynthetic runs the parity queries over a small index of
// made-up articles: it needs Node but not the corpus.
func TestStaticParitySynthetic(t *testing.T) {
	node(t)
	words := strings.Fields("outlook teams sharepoint onedrive password calendar meeting sync error sign " +
		"activation mailbox shared delegate recording crashes folder deleted items free/busy e-mail " +
		"something went wrong 0x80070005 the time limit for logging on was reached access denied")
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(n int) string {
		var b []string
		for range n {
			b = append(b, words[rng.IntN(len(words))])
		}
		return strings.Join(b, " ")
	}
	var docs []search.Doc
	for i := range 60 {
		docs = append(docs, search.Doc{
			ID: fmt.Sprintf("docs/a%02d.md", i), URL: fmt.Sprintf("/a%02d/", i),
			Title: pick(4), Description: pick(8), Headings: []string{pick(3), pick(3)}, Body: pick(40 + rng.IntN(200)),
			Docset: []string{"outlook", "teams", "sharepoint"}[i%3], Product: "p" + fmt.Sprint(i%5), Topic: "troubleshooting",
			IDs: []string{fmt.Sprint(100000 + i)},
		})
	}
	dir := t.TempDir()
	ix, err := search.Build(filepath.Join(dir, "idx"), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := ix.Export(docs, func(name string, b []byte) error {
		return os.WriteFile(filepath.Join(data, name), b, 0o644)
	}); err != nil {
		t.Fatal(err)
	}
	queries := append(parityQueries(t), extraQueries...)
	queries = append(queries, "100007", "docset:teams", "product:p3 sync", `"time limit"`, "outlok", "calendr~1")
	staticParity(t, data, ix, queries, false, false)
	staticParity(t, data, ix, queries, true, false)
}
