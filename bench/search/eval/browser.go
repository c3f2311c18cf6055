package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// An engine is a client-side search library as a page uses it. Its setup
// script, evaluated on a loaded page of the site, leaves in window.__eng a
// promise of {search(q, n), assets}: search runs one query and loads the
// display data of its first n results, as a results list would; assets is
// what counts as the engine's downloads (URL prefixes and exact URLs).
type engine struct {
	Name  string
	setup string
}

// Both setups define search(q, n) returning
// {total, urls (of the first n results), search_ms (the query alone),
// total_ms (the query and the n results' data), error}.
func pagefindEngine(base string) engine {
	return engine{Name: "pagefind", setup: `window.__eng = (async () => {
	const base = ` + jsString(base) + `;
	const pf = await import(base + "pagefind/pagefind.js");
	if (pf.init) await pf.init();
	return {
		assets: {prefixes: [new URL("pagefind/", base).href], urls: []},
		async search(q, n) {
			try {
				const t0 = performance.now();
				const r = await pf.search(q);
				const t1 = performance.now();
				const res = (r && r.results) || [];
				const top = await Promise.all(res.slice(0, n).map(x => x.data()));
				const t2 = performance.now();
				return {total: res.length, urls: top.map(d => d.url), search_ms: t1 - t0, total_ms: t2 - t0};
			} catch (e) {
				return {total: 0, urls: [], error: String(e && e.stack || e)};
			}
		},
	};
})();`}
}

// helpsiteEngine drives templates/assets/search.js by its contract:
// HelpsiteSearch.open(dataURL), s.search(q, {limit, prefix}) giving
// {total, hits: [{doc, score}], ...}, s.fragment(doc) giving {url, ...}.
func helpsiteEngine() engine {
	return engine{Name: "helpsite", setup: `window.__eng = (async () => {
	const tag = document.querySelector("script[data-search-base]");
	if (!tag) throw new Error("no script[data-search-base] on this page");
	for (let i = 0; i < 200 && !globalThis.HelpsiteSearch; i++) await new Promise(r => setTimeout(r, 25));
	if (!globalThis.HelpsiteSearch) throw new Error("search.js did not define HelpsiteSearch (did it throw when it loaded?)");
	const dataURL = tag.dataset.searchBase;
	const s = await HelpsiteSearch.open(dataURL);
	const data = new URL(dataURL, location.href).href;
	return {
		assets: {prefixes: [data.endsWith("/") ? data : data + "/"], urls: [tag.src], contains: ["/search-data/"]},
		async search(q, n) {
			try {
				const t0 = performance.now();
				const r = await s.search(q, {limit: 10, prefix: false});
				const t1 = performance.now();
				const hits = (r && r.hits) || [];
				const top = await Promise.all(hits.slice(0, n).map(h => s.fragment(h.doc)));
				const t2 = performance.now();
				return {total: r ? r.total : 0, urls: top.map(f => f.url), search_ms: t1 - t0, total_ms: t2 - t0};
			} catch (e) {
				return {total: 0, urls: [], error: String(e && e.stack || e)};
			}
		},
	};
})();`}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type searchResult struct {
	Total    int      `json:"total"`
	URLs     []string `json:"urls"`
	SearchMS float64  `json:"search_ms"`
	TotalMS  float64  `json:"total_ms"`
	Error    string   `json:"error,omitempty"`
}

type assets struct {
	Prefixes []string `json:"prefixes"`
	URLs     []string `json:"urls"`
	Contains []string `json:"contains"`
}

func (a assets) match(u string) bool {
	for _, p := range a.Prefixes {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	for _, x := range a.URLs {
		if u == x {
			return true
		}
	}
	for _, c := range a.Contains {
		if strings.Contains(u, c) {
			return true
		}
	}
	return false
}

// startBrowser starts headless Chromium; the returned context is the
// browser's (its first tab).
func startBrowser(ctx context.Context, chrome string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "search-eval-chromium-")
	if err != nil {
		return nil, nil, err
	}
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
	)
	bctx, cancelB := chromedp.NewContext(actx)
	stop := func() {
		cancelB()
		cancelA()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", chrome, err)
	}
	return bctx, stop, nil
}

type transfer struct {
	URL   string `json:"url"`
	Bytes int64  `json:"bytes"`
}

// evaluate runs a script in the page of ctx, awaits its promise and
// decodes the value.
func evaluate[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// tab opens a tab in a new browser context (its own, empty, cache), with
// the network domain on and the browser cache cleared, loads page and runs
// the engine's setup. The returned func closes the tab and its context.
func tab(bctx context.Context, e engine, page string, timeout time.Duration) (context.Context, func(), error) {
	tctx, cancelT := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	ctx, cancel := context.WithTimeout(tctx, timeout)
	closeAll := func() { cancel(); cancelT() }
	err := func() error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			return err
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			return err
		}
		if _, err := evaluate[bool](ctx, e.setup+"\ntrue"); err != nil {
			return err
		}
		// Surface a failing setup here rather than on every query.
		_, err := evaluate[bool](ctx, `window.__eng.then(() => true)`)
		return err
	}()
	if err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
	}
	return ctx, closeAll, nil
}

func engineAssets(ctx context.Context) (assets, error) {
	return evaluate[assets](ctx, `window.__eng.then(e => e.assets)`)
}

// coldQuery measures one query on a cold cache: a fresh browser context,
// the page, the engine's setup, the query and the data of its first n
// results; it returns the result and what the server sent of the engine's
// files meanwhile (queries run one at a time).
func coldQuery(bctx context.Context, wl *wireLog, e engine, page, q string, n int) (searchResult, []transfer, error) {
	wl.take()
	ctx, closeTab, err := tab(bctx, e, page, 2*time.Minute)
	if err != nil {
		return searchResult{}, nil, err
	}
	defer closeTab()
	r, err := evaluate[searchResult](ctx, fmt.Sprintf(`window.__eng.then(e => e.search(%s, %d))`, jsString(q), n))
	if err != nil {
		return r, nil, err
	}
	a, err := engineAssets(ctx)
	if err != nil {
		return r, nil, err
	}
	var out []transfer
	for _, t := range wl.take() {
		if a.match(t.URL) {
			out = append(out, t)
		}
	}
	return r, out, nil
}

// warmRuns runs every query of qs in one warm tab, in order, rounds times,
// loading the data of the first n results of each; it returns
// results[round][query].
func warmRuns(ctx context.Context, qs []string, n, rounds int) ([][]searchResult, error) {
	b, _ := json.Marshal(qs)
	out := make([][]searchResult, rounds)
	for i := range out {
		expr := fmt.Sprintf(`window.__eng.then(async e => {
	const out = [];
	for (const q of %s) out.push(await e.search(q, %d));
	return out;
})`, b, n)
		r, err := evaluate[[]searchResult](ctx, expr)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}
