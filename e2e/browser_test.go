package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/site"
)

// The sample site and what the test expects of it. The URLs are the
// documented pretty URLs: the devops docset is published under the base of
// its breadcrumb_path (/azure/devops/troubleshoot/).
const (
	siteTitle = "Contoso Help"

	articleURL   = "/azure/devops/troubleshoot/alternate-credentials-stop-working/"
	articleTitle = "Alternate credentials don't working" // front matter title
	articleH1    = "Alternate credentials stop working for existing Visual Studio Online account users"
	articleNote  = "If you are member of multiple Visual Studio Online accounts"
	articleImgs  = 3 // :::image blocks

	tabsURL = "/azure/devops/troubleshoot/git-authentication-fails/"
	tabsH1  = "Git operations fail with authentication errors"

	// .openpublishing.redirection.json: devops/git-credential-manager-errors.md
	redirectURL = "/azure/devops/troubleshoot/git-credential-manager-errors" // served from ...-errors.html
	redirectTo  = "/azure/devops/troubleshoot/git-authentication-fails"

	devopsBase = "/azure/devops/troubleshoot/"
)

// The H2s of the article, in order, for "In this article".
var articleH2s = []string{"Symptoms", "Workaround", "References"}

// The tabs of git-authentication-fails.md: label and a phrase of the panel.
var tabs = []struct{ label, text string }{
	{"Windows", "Under Generic Credentials"},
	{"macOS", "Run the following command in Terminal"},
	{"Linux", "Remove the stored credential"},
}

const (
	testTimeout = 60 * time.Second // the whole test, browser included
	stepTimeout = 15 * time.Second // one navigation and its checks
)

func TestBrowser(t *testing.T) {
	chrome := chromium(t)

	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()

	out := buildSite(t, ctx)
	bctx, base := browse(t, ctx, chrome, serve(out))

	t.Run("home", func(t *testing.T) { testHome(t, bctx, base) })
	t.Run("article", func(t *testing.T) { testArticle(t, bctx, base) })
	t.Run("tabs", func(t *testing.T) { testTabs(t, bctx, base) })
	t.Run("tabs-no-js", func(t *testing.T) { testTabsNoJS(t, bctx, base) })
	t.Run("redirect", func(t *testing.T) { testRedirect(t, bctx, base) })
	t.Run("404", func(t *testing.T) { test404(t, bctx, base, out) })
	t.Run("skip-link", func(t *testing.T) { testSkipLink(t, bctx, base) })
	t.Run("screenshots", func(t *testing.T) { testScreenshots(t, bctx, base) })

}

// findChromium returns Debian's Chromium, else chromium on PATH, else "".
// chromium is the path of Debian's Chromium; without it (or in -short
// mode) the test skips.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := findChromium()
	if chrome == "" {
		t.Skip("chromium not found at /usr/bin/chromium or on PATH (apt-get install chromium); browser test skipped")
	}
	return chrome
}

func findChromium() string {
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	return ""
}

// buildSite builds ../articles into a temporary folder and returns it; when
// HELPSITE_SITE names a folder (the public/ that "make site" wrote), that
// site is tested instead.
func buildSite(t *testing.T, ctx context.Context) string {
	t.Helper()
	if dir := os.Getenv("HELPSITE_SITE"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			t.Fatalf("HELPSITE_SITE=%s holds no built site: %v", dir, err)
		}
		t.Logf("testing the site in %s", dir)
		return dir
	}
	s, err := pipeline.Load(ctx, os.DirFS("../articles"), pipeline.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	findings, err := pipeline.Lint(ctx, s, pipeline.Options{})
	if err != nil {
		t.Fatalf("lint: %v", err)
	}
	if n := findings.Count(diag.Error); n > 0 {
		t.Logf("lint of ../articles: %d error(s) (building anyway)", n)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(ctx, s, site.Options{Out: out, BaseURL: "/", Title: siteTitle})
	if err != nil {
		t.Fatalf("site.Build: %v", err)
	}
	t.Logf("built %s: %+v", out, sum)
	return out
}

// serve serves the built site as GitHub Pages does: files as they are,
// folders by their index.html, /a/b from a/b.html (redirect pages),
// anything else 404.html with status 404.
func serve(out string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, status := site.Resolve(out, r.URL.Path)
		switch {
		case status == http.StatusMovedPermanently:
			http.Redirect(w, r, r.URL.Path+"/", status)
		case status == http.StatusOK:
			http.ServeFile(w, r, name)
		case name == "":
			http.NotFound(w, r)
		default:
			body, err := os.ReadFile(name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			w.Write(body)
		}
	})
}

// browse serves h on loopback and starts Chromium; it returns the
// browser's first tab and the server's URL. When the test ends, every
// uncaught JavaScript error the pages threw fails it; then the browser
// stops, then the server (its client connections first: a page's event
// stream stays open).
func browse(t *testing.T, ctx context.Context, chrome string, h http.Handler) (context.Context, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	bctx := startBrowser(t, ctx, chrome)
	exceptions := watchExceptions(bctx)
	t.Cleanup(func() {
		for _, m := range exceptions() {
			t.Errorf("uncaught JavaScript error on %s:%d: %s", m.URL, m.Line+1, m.Text)
		}
	})
	return bctx, srv.URL
}

// viewport makes the tab width pixels wide: a desktop 800 px high, or
// below 600 px a phone held upright, 844 px high.
func viewport(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	height := int64(800)
	if width < 600 {
		height = 844
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		t.Fatalf("viewport %d: %v", width, err)
	}
}

// startBrowser starts Chromium and returns the context of its first tab.
// The flags keep it off the (closed) network: without them it hangs on
// background connections.
func startBrowser(t *testing.T, ctx context.Context, chrome string) context.Context {
	t.Helper()
	actx, cancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
	)
	t.Cleanup(cancel)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", chrome, err)
	}
	return bctx
}

// watchExceptions collects the uncaught exceptions of the pages of the
// tab; the returned func gives those seen so far.
func watchExceptions(ctx context.Context) func() []chromedp.ConsoleMessage {
	var mu sync.Mutex
	var got []chromedp.ConsoleMessage
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				got = append(got, m)
				mu.Unlock()
			}
		}
	}()
	return func() []chromedp.ConsoleMessage {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

// step bounds one navigation and its checks.
func step(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	t.Cleanup(cancel)
	return ctx
}

func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate to %s: %v", url, err)
	}
}

// prelude defines helpers for the scripts the test evaluates in the page.
// vis: rendered, not hidden, with a size. text: textContent, spaces folded.
const prelude = `
const vis = el => !!el && el.getClientRects().length > 0 &&
	el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) &&
	el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
const text = el => (el ? el.textContent : '').replace(/\s+/g, ' ').trim();
const main = document.querySelector('main');
`

// eval evaluates a script body (statements ending in a return) in the page
// and decodes its value; a promise is awaited.
func eval[T any](t *testing.T, ctx context.Context, body string) T {
	t.Helper()
	v, err := tryEval[T](ctx, body)
	if err != nil {
		t.Fatalf("evaluate in %s: %v\n%s", location(ctx), err, strings.TrimSpace(body))
	}
	return v
}

// tryEval is eval that returns the error.
func tryEval[T any](ctx context.Context, body string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T]("(async () => {"+prelude+body+"})()", func(p *runtime.EvaluateParams) {
		await := true
		p.AwaitPromise = &await
	}))
}

func location(ctx context.Context) string {
	l, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return l
}

func testHome(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+"/")

	title := eval[string](t, ctx, `return document.title;`)
	if strings.TrimSpace(title) == "" {
		t.Errorf("home: document.title is empty")
	} else if !strings.Contains(title, siteTitle) {
		t.Errorf("home: document.title = %q, want it to contain the site title %q", title, siteTitle)
	}

	checkStyled(t, ctx, "home")

	// It links to the docsets, and its links work.
	hrefs := eval[[]string](t, ctx, `
		return [...document.querySelectorAll('a[href]')]
			.map(a => new URL(a.href, location.href))
			.filter(u => u.origin === location.origin)
			.map(u => u.pathname);`)
	if !slices.ContainsFunc(hrefs, func(h string) bool { return strings.HasPrefix(h, devopsBase) }) {
		t.Errorf("home: no link into the devops docset (%s); links: %q", devopsBase, hrefs)
	}
	// The search form, too, goes to a page that exists.
	actions := eval[[]string](t, ctx, `
		return [...document.querySelectorAll('form')]
			.map(f => new URL(f.getAttribute('action') || '', location.href))
			.filter(u => u.origin === location.origin)
			.map(u => u.pathname);`)
	for _, a := range actions {
		if code := status(t, base+a); code != http.StatusOK {
			t.Errorf("home: form action %s answers %d", a, code)
		}
	}
	checked := map[string]bool{}
	for _, h := range hrefs {
		if checked[h] {
			continue
		}
		checked[h] = true
		if code := status(t, base+h); code != http.StatusOK {
			t.Errorf("home: link %s answers %d", h, code)
		}
	}
}

// checkStyled checks that the page has a stylesheet and that every one
// loaded (has CSS rules: a 404 page served instead has none).
func checkStyled(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	sheets := eval[struct {
		Links  int      `json:"links"`
		Failed []string `json:"failed"`
	}](t, ctx, `
		const links = [...document.querySelectorAll('link[rel~="stylesheet"]')];
		const rules = l => { try { return l.sheet ? l.sheet.cssRules.length : 0; } catch (e) { return 0; } };
		return {links: links.length, failed: links.filter(l => rules(l) === 0).map(l => l.href)};`)
	if sheets.Links == 0 {
		t.Errorf("%s: no <link rel=stylesheet>: the page is unstyled", page)
	}
	for _, h := range sheets.Failed {
		t.Errorf("%s: stylesheet %s did not load", page, h)
	}
}

// status returns the status of a GET (after redirects).
func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Errorf("GET %s: %v", url, err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func testArticle(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+articleURL)
	checkStyled(t, ctx, "article")

	title := eval[string](t, ctx, `return document.title;`)
	if !strings.Contains(title, articleTitle) {
		t.Errorf("article: document.title = %q, want it to contain %q", title, articleTitle)
	}
	h1 := eval[[]string](t, ctx, `return [...document.querySelectorAll('main h1')].map(text);`)
	if len(h1) != 1 || h1[0] != articleH1 {
		t.Errorf("article: H1s in main = %q, want one: %q", h1, articleH1)
	}

	// No Markdown extension is left as text.
	if left := eval[[]string](t, ctx, `
		const t = main ? main.textContent : '';
		return ['[!NOTE]', ':::image', ':::'].filter(s => t.includes(s));`); len(left) > 0 {
		t.Errorf("article: main shows the Markdown syntax %q as text", left)
	}

	// The NOTE is an alert element, visible, titled "Note".
	alert := eval[struct {
		Found   bool   `json:"found"`
		Tag     string `json:"tag"`
		Class   string `json:"class"`
		Visible bool   `json:"visible"`
		Title   string `json:"title"`
	}](t, ctx, `
		const cands = main ? [...main.querySelectorAll('[class*="alert"]')]
			.filter(el => el.textContent.includes(`+jsString(articleNote)+`)) : [];
		// the innermost element with "alert" in its class around the note
		const el = cands.find(c => !cands.some(d => d !== c && c.contains(d)));
		if (!el) return {found: false};
		const head = el.querySelector('[class*="title"]') || el.firstElementChild;
		return {found: true, tag: el.tagName, class: el.className, visible: vis(el), title: text(head)};`)
	switch {
	case !alert.Found:
		t.Errorf("article: the > [!NOTE] is not inside an element whose class contains \"alert\"")
	default:
		if !alert.Visible {
			t.Errorf("article: the NOTE alert <%s class=%q> is not visible", alert.Tag, alert.Class)
		}
		if alert.Title != "Note" {
			t.Errorf("article: the NOTE alert <%s class=%q> has the title %q, want \"Note\"", alert.Tag, alert.Class, alert.Title)
		}
	}

	// Every image in main really loads over HTTP (lazy ones once scrolled
	// to), and says what it shows.
	imgs := eval[[]struct {
		Src   string `json:"src"`
		Alt   string `json:"alt"`
		Local bool   `json:"local"`
		Width int    `json:"width"`
	}](t, ctx, `
		const imgs = main ? [...main.querySelectorAll('img')] : [];
		for (const img of imgs) {
			img.scrollIntoView();
			await Promise.race([img.decode().catch(() => {}), new Promise(r => setTimeout(r, 5000))]);
		}
		window.scrollTo(0, 0);
		return imgs.map(img => ({
			src: img.currentSrc || img.src,
			alt: img.alt,
			local: new URL(img.currentSrc || img.src, location.href).origin === location.origin,
			width: img.naturalWidth,
		}));`)
	if len(imgs) != articleImgs {
		t.Errorf("article: %d <img> in main, want %d (one per :::image)", len(imgs), articleImgs)
	}
	for _, img := range imgs {
		if !img.Local {
			t.Errorf("article: image %s is not served by the site", img.Src)
		}
		if img.Width <= 0 {
			t.Errorf("article: image %s did not load (naturalWidth %d)", img.Src, img.Width)
		}
		if strings.TrimSpace(img.Alt) == "" {
			t.Errorf("article: image %s has no alt text", img.Src)
		}
	}

	// "In this article" lists the H2s, linking to them.
	toc := eval[struct {
		Found bool `json:"found"`
		Links []struct {
			Text   string `json:"text"`
			Href   string `json:"href"`
			Target string `json:"target"` // text of the heading the link goes to
			Level  string `json:"level"`
		} `json:"links"`
	}](t, ctx, `
		const label = [...document.querySelectorAll('body *')].find(el =>
			(el.getAttribute('aria-label') || '').trim().toLowerCase() === 'in this article' ||
			(el.children.length === 0 && text(el).toLowerCase() === 'in this article'));
		if (!label) return {found: false, links: []};
		let box = label;
		while (box && !box.querySelector('a[href*="#"]')) box = box.parentElement;
		if (!box) return {found: true, links: []};
		return {found: true, links: [...box.querySelectorAll('a[href*="#"]').values()].map(a => {
			const id = decodeURIComponent(new URL(a.href, location.href).hash.slice(1));
			const h = id ? document.getElementById(id) : null;
			return {text: text(a), href: a.getAttribute('href'), target: text(h), level: h ? h.tagName : ''};
		})};`)
	if !toc.Found {
		t.Errorf("article: no \"In this article\" on the page")
	} else {
		var got []string
		for _, l := range toc.Links {
			got = append(got, l.Text)
			if l.Level != "H2" || l.Target != l.Text {
				t.Errorf("article: \"In this article\" entry %q links to %s, which is <%s> %q, want the H2 %q", l.Text, l.Href, l.Level, l.Target, l.Text)
			}
		}
		if !slices.Equal(got, articleH2s) {
			t.Errorf("article: \"In this article\" lists %q, want the H2s %q", got, articleH2s)
		}
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// tabState is the state of the tabs of a tab group. The tabs are the
// role=tab elements if a script sets up the ARIA tab pattern, else the
// .tab-link elements of pipeline/render's markup (CSS-only tabs, :target);
// each names its panel by aria-controls or by its href.
type tabState struct {
	ARIA      bool     `json:"aria"`      // role=tab elements in a role=tablist
	Labels    []string `json:"labels"`    // the tabs' text
	Selected  []bool   `json:"selected"`  // aria-selected="true"
	Panels    []bool   `json:"panels"`    // the tab's panel is found
	PanelRole []bool   `json:"panelRole"` // the panel has role=tabpanel
	Visible   []bool   `json:"visible"`   // the tab's panel is visible
	Texts     []string `json:"texts"`     // the tab's panel's text
}

const readTabs = `
	const aria = main ? [...main.querySelectorAll('[role="tablist"] [role="tab"]')] : [];
	const tabs = aria.length ? aria : main ? [...main.querySelectorAll('.tab-link')] : [];
	const panelOf = tab => {
		let id = tab.getAttribute('aria-controls');
		if (!id && tab.hash) id = decodeURIComponent(tab.hash.slice(1));
		return id ? document.getElementById(id) : null;
	};
	tabs.forEach((tab, i) => tab.setAttribute('data-e2e-tab', i));
	return {
		aria: aria.length > 0,
		labels: tabs.map(text),
		selected: tabs.map(tab => tab.getAttribute('aria-selected') === 'true'),
		panels: tabs.map(tab => !!panelOf(tab)),
		panelRole: tabs.map(tab => !!panelOf(tab) && panelOf(tab).getAttribute('role') === 'tabpanel'),
		visible: tabs.map(tab => vis(panelOf(tab))),
		texts: tabs.map(tab => text(panelOf(tab))),
	};`

func testTabs(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+tabsURL)
	if h1 := eval[[]string](t, ctx, `return [...document.querySelectorAll('main h1')].map(text);`); len(h1) != 1 || h1[0] != tabsH1 {
		t.Errorf("tabs: H1s in main = %q, want one: %q (a tab title must not become an H1)", h1, tabsH1)
	}
	if n := eval[int](t, ctx, `return main ? main.querySelectorAll(':is(h1, h2, h3, h4, h5, h6) > a[href^="#tab/"]').length : 0;`); n > 0 {
		t.Errorf("tabs: %d heading(s) link to #tab/...: the tab syntax is rendered as plain headings", n)
	}

	st := eval[tabState](t, ctx, readTabs)
	var want []string
	for _, tb := range tabs {
		want = append(want, tb.label)
	}
	if !slices.Equal(st.Labels, want) {
		t.Fatalf("tabs: tabs in main (role=tab, else .tab-link) = %q, want %q", st.Labels, want)
	}
	for i, tb := range tabs {
		if !st.Panels[i] {
			t.Fatalf("tabs: tab %q names no panel (aria-controls or href to the role=tabpanel id)", tb.label)
		}
		if st.ARIA && !st.PanelRole[i] {
			t.Errorf("tabs: the panel of %q has no role=tabpanel", tb.label)
		}
		if !strings.Contains(st.Texts[i], tb.text) {
			t.Errorf("tabs: the panel of %q does not contain %q: %q", tb.label, tb.text, st.Texts[i])
		}
	}
	if !st.Visible[0] || st.Visible[1] || st.Visible[2] {
		t.Errorf("tabs: at first, want the panel of the first tab alone visible; visible %v", st.Visible)
	}
	if st.ARIA && (!st.Selected[0] || st.Selected[1]) {
		t.Errorf("tabs: at first, want the first tab aria-selected; aria-selected %v", st.Selected)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`main [data-e2e-tab="1"]`))); err != nil {
		t.Fatalf("tabs: click %q: %v", tabs[1].label, err)
	}
	st = eval[tabState](t, ctx, readTabs)
	if !st.Visible[1] {
		t.Errorf("tabs: after a click on %q its panel is not visible", tabs[1].label)
	}
	if st.Visible[0] {
		t.Errorf("tabs: after a click on %q the panel of %q is still visible", tabs[1].label, tabs[0].label)
	}
	if st.ARIA && (!st.Selected[1] || st.Selected[0]) {
		t.Errorf("tabs: after a click on %q, aria-selected = %v, want only the second", tabs[1].label, st.Selected)
	}
}

// testTabsNoJS loads the tabs page in a tab of its own with JavaScript
// off: the content of every panel must still be reachable, shown or shown
// by a click on its tab.
func testTabsNoJS(t *testing.T, ctx context.Context, base string) {
	tctx, cancel := chromedp.NewContext(ctx) // a new tab, so the others keep JavaScript
	defer cancel()
	ctx = step(t, tctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	navigate(t, ctx, base+tabsURL)

	// find marks the innermost element of main holding the phrase and the
	// controls labelled with the tab's title, and says whether the phrase
	// is visible.
	find := func(label, phrase string) (visible bool, controls int) {
		r := eval[struct {
			Found    bool `json:"found"`
			Visible  bool `json:"visible"`
			Controls int  `json:"controls"`
		}](t, ctx, `
			document.querySelectorAll('[data-e2e-el],[data-e2e-ctl]').forEach(el => {
				el.removeAttribute('data-e2e-el'); el.removeAttribute('data-e2e-ctl'); });
			const phrase = `+jsString(phrase)+`, label = `+jsString(label)+`;
			const all = main ? [...main.querySelectorAll('*')].filter(el => text(el).includes(phrase)) : [];
			const el = all.find(c => !all.some(d => d !== c && c.contains(d)));
			if (!el) return {found: false};
			const ctls = [...main.querySelectorAll('a, button, label, summary, [role="tab"]')]
				.filter(c => text(c) === label);
			ctls.forEach((c, i) => c.setAttribute('data-e2e-ctl', i));
			return {found: true, visible: vis(el), controls: ctls.length};`)
		if !r.Found {
			t.Errorf("tabs without JavaScript: %q (tab %q) is not in main", phrase, label)
		}
		return r.Visible, r.Controls
	}
	for _, tb := range tabs {
		visible, controls := find(tb.label, tb.text)
		if visible {
			continue
		}
		if controls == 0 {
			t.Errorf("tabs without JavaScript: %q (tab %q) is hidden and no control labelled %q shows it", tb.text, tb.label, tb.label)
			continue
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-e2e-ctl="0"]`))); err != nil {
			t.Errorf("tabs without JavaScript: click %q: %v", tb.label, err)
			continue
		}
		if visible, _ := find(tb.label, tb.text); !visible {
			t.Errorf("tabs without JavaScript: %q stays hidden after a click on the tab %q: unreachable without JavaScript", tb.text, tb.label)
		}
	}
}

var metaRefresh0 = regexp.MustCompile(`(?is)<meta[^>]+http-equiv=["']?refresh["']?[^>]+content=["']?\s*0\s*;`)

func testRedirect(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)

	resp, err := http.Get(base + redirectURL)
	if err != nil {
		t.Fatalf("GET %s: %v", redirectURL, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("redirect page %s answers %d: it was not written", redirectURL, resp.StatusCode)
	}
	if !metaRefresh0.Match(body) {
		t.Errorf("redirect page %s has no <meta http-equiv=refresh content=\"0; ...\">", redirectURL)
	}

	navigate(t, ctx, base+redirectURL)
	var got string
	for {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
		if err == nil {
			got = p
			if strings.TrimSuffix(p, "/") == redirectTo {
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("redirect: %s stays at %s, want %s", redirectURL, got, redirectTo)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("main h1"))); err != nil {
		t.Fatalf("redirect: the target page has no main h1: %v", err)
	}
	if h1 := eval[string](t, ctx, `return text(document.querySelector('main h1'));`); h1 != tabsH1 {
		t.Errorf("redirect: ended on a page with the H1 %q, want %q", h1, tabsH1)
	}

	// A #fragment goes along (the redirect page's script; a meta refresh
	// alone would drop it).
	navigate(t, ctx, base+redirectURL+"#resolution")
	for {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`))
		if err == nil {
			got = p
			if got == strings.TrimSuffix(redirectTo, "/")+"/#resolution" {
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("redirect with a fragment: at %s, want %s/#resolution", got, strings.TrimSuffix(redirectTo, "/"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func test404(t *testing.T, ctx context.Context, base, out string) {
	ctx = step(t, ctx)
	if _, err := os.Stat(filepath.Join(out, "404.html")); err != nil {
		t.Fatalf("404.html was not written: %v", err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"/no/such/page/"))
	if err != nil {
		t.Fatalf("navigate to a missing page: %v", err)
	}
	if resp.Status != http.StatusNotFound {
		t.Errorf("a missing page answers %d, want 404", resp.Status)
	}
	checkStyled(t, ctx, "404 page at /no/such/page/") // its asset URLs work at any depth
	p := eval[struct {
		Title string `json:"title"`
		H1    string `json:"h1"`
		Home  bool   `json:"home"`
	}](t, ctx, `
		return {
			title: document.title,
			h1: text(document.querySelector('h1')),
			home: [...document.querySelectorAll('a[href]')].some(a => vis(a) &&
				new URL(a.href, location.href).origin === location.origin &&
				new URL(a.href, location.href).pathname === '/'),
		};`)
	if strings.TrimSpace(p.Title) == "" {
		t.Errorf("404 page: document.title is empty")
	}
	if p.H1 == "" {
		t.Errorf("404 page: no H1")
	}
	if !p.Home {
		t.Errorf("404 page: no visible link to the home page /")
	}
}

func testSkipLink(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+articleURL)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatalf("press Tab: %v", err)
	}
	a := eval[struct {
		Tag     string `json:"tag"`
		Text    string `json:"text"`
		Href    string `json:"href"`
		Target  bool   `json:"target"`
		Visible bool   `json:"visible"`
	}](t, ctx, `
		const a = document.activeElement;
		const hash = a && a.hash ? decodeURIComponent(a.hash.slice(1)) : '';
		return {tag: a ? a.tagName : '', text: text(a), href: a && a.getAttribute('href') || '',
			target: !!hash && !!document.getElementById(hash), visible: vis(a)};`)
	if !strings.Contains(a.Text, "Skip") {
		t.Fatalf("Tab from the top focuses <%s> %q, want the skip link (text containing \"Skip\")", a.Tag, a.Text)
	}
	if !a.Target {
		t.Errorf("skip link %q goes to %q, which is no element of the page", a.Text, a.Href)
	}
	if !a.Visible {
		t.Errorf("skip link %q is not visible when focused", a.Text)
	}
	if !a.Target {
		return
	}
	// Enter follows it: the focus moves to the main content.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatalf("press Enter: %v", err)
	}
	moved := eval[struct {
		Hash   string `json:"hash"`
		Active string `json:"active"`
		In     bool   `json:"in"`
	}](t, ctx, `
		const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		const a = document.activeElement;
		return {hash: location.hash, active: a ? a.tagName + (a.id ? '#' + a.id : '') : '',
			in: !!target && !!a && target.contains(a)};`)
	if moved.Hash != a.Href || !moved.In {
		t.Errorf("Enter on the skip link: location.hash %q, focus on %s; want %q and the focus in its target (tabindex=-1)", moved.Hash, moved.Active, a.Href)
	}
}

func testScreenshots(t *testing.T, ctx context.Context, base string) {
	dir := os.Getenv("HELPSITE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, url string }{{"home", "/"}, {"article", articleURL}, {"tabs", tabsURL}}
	// Classic scrollbars would take 15 px of the width, and the full-page
	// capture lays the page out again without them.
	if _, err := chromedp.Call(step(t, ctx), emulation.SetScrollbarsHidden, emulation.SetScrollbarsHiddenParams{Hidden: true}); err != nil {
		t.Fatalf("hide scrollbars: %v", err)
	}
	for _, width := range []int64{1280, 390} {
		for _, pg := range pages {
			sctx := step(t, ctx)
			viewport(t, sctx, width)
			navigate(t, sctx, base+pg.url)
			// Wait for the images, lazy ones included.
			eval[chromedp.Void](t, sctx, `
				for (const img of document.images) {
					img.loading = 'eager';
					await Promise.race([img.decode().catch(() => {}), new Promise(r => setTimeout(r, 3000))]);
				}
				return null;`)
			if width < 600 {
				wide := eval[[]string](t, sctx, `
					const w = document.documentElement.clientWidth;
					if (document.documentElement.scrollWidth <= w) return [];
					const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
						if (!['visible', 'clip'].includes(getComputedStyle(p).overflowX)) return true; return false; };
					return [...document.querySelectorAll('body *')]
						.filter(el => el.getBoundingClientRect().right > w + 1 && !scrolls(el))
						.filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= w + 1)
						.slice(0, 5)
						.map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') +
							' (right ' + Math.round(el.getBoundingClientRect().right) + ')');`)
				if len(wide) > 0 {
					t.Errorf("%s at %d px: the page scrolls sideways; too wide: %s", pg.name, width, strings.Join(wide, ", "))
				}
			}
			png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot of %s at %d px: %v", pg.name, width, err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", pg.name, width))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", file)
		}
	}
	rctx := step(t, ctx)
	if err := chromedp.Do(rctx, chromedp.ResetViewport()); err != nil {
		t.Errorf("reset viewport: %v", err)
	}
	if _, err := chromedp.Call(rctx, emulation.SetScrollbarsHidden, emulation.SetScrollbarsHiddenParams{Hidden: false}); err != nil {
		t.Errorf("show scrollbars: %v", err)
	}
}
