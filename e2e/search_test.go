package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// What the search test asks the sample site. "credentials" is in the three
// devops articles (product azure-devops) and in sign-in-issues-other.md
// (microsoft.visualstudio): a product chip narrows it.
const (
	searchQuery     = "credentials"
	searchTerm      = "credential" // what every marked word on the article starts with
	searchNoResults = "qwxzvy"     // in no article, and no word is one edit away
	searchPage      = "/search/"
)

const searchTestTimeout = 120 * time.Second

// TestSearch drives the search UI (templates/assets/search-ui.js over
// search.js and the static index in search-data/): the header box and its
// results as you type, the results page with its facets, the terms marked
// on an article opened from a result, "/" to focus the box, the no-results
// message, the page without JavaScript, and a 390 px screen.
func TestSearch(t *testing.T) {
	chrome := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), searchTestTimeout)
	defer cancel()

	out := buildSite(t, ctx)
	if _, err := os.Stat(filepath.Join(out, "search-data", "meta.json")); err != nil {
		t.Skipf("the site in %s has no static search index (search-data/meta.json: %v); search browser test skipped", out, err)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "assets", "search.*.js")); len(m) == 0 {
		t.Skipf("the site in %s has no search client (assets/search.*.js, from templates/assets/search.js); search browser test skipped", out)
	}
	bctx, base := browse(t, ctx, chrome, serve(out))

	t.Run("slash", func(t *testing.T) { testSearchSlash(t, bctx, base) })
	t.Run("suggest", func(t *testing.T) { testSearchSuggest(t, bctx, base) })
	t.Run("results", func(t *testing.T) { testSearchResults(t, bctx, base) })
	t.Run("no-results", func(t *testing.T) { testSearchNoResults(t, bctx, base) })
	t.Run("no-js", func(t *testing.T) { testSearchNoJS(t, bctx, base) })
	t.Run("narrow", func(t *testing.T) { testSearchNarrow(t, bctx, base) })
	t.Run("screenshots", func(t *testing.T) { testSearchScreenshots(t, bctx, base) })

}

// waitJS polls a script body (as eval takes it) until it returns true;
// it fails the test with what describe returns when ctx ends first.
func waitJS(t *testing.T, ctx context.Context, cond, describe string) {
	t.Helper()
	for {
		// While a page loads, the script may fail: try again.
		ok, err := tryEval[bool](ctx, cond)
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			t.Fatalf("timed out at %s waiting for: %s\nlast error: %v\n%s", location(dctx), strings.TrimSpace(cond), err, eval[string](t, dctx, describe))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// The header's search box, and the state of its listbox.
const searchPrelude = `
const box = document.querySelector('header form[role="search"] input[name="q"]');
const list = box && document.getElementById(box.getAttribute('aria-controls') || '');
const options = list ? [...list.querySelectorAll('[role="option"]')] : [];
`

type suggestState struct {
	Role        string   `json:"role"`
	Expanded    string   `json:"expanded"`
	ListRole    string   `json:"listRole"`
	Visible     bool     `json:"visible"`
	Options     []string `json:"options"`
	Marks       int      `json:"marks"`
	Active      string   `json:"active"`
	ActiveText  string   `json:"activeText"`
	Selected    []bool   `json:"selected"`
	AllHref     string   `json:"allHref"`
	Focused     bool     `json:"focused"`
	ListLeft    float64  `json:"listLeft"`
	ListRight   float64  `json:"listRight"`
	ClientWidth float64  `json:"clientWidth"`
}

const readSuggest = searchPrelude + `
const act = document.getElementById(box.getAttribute('aria-activedescendant') || '');
const all = options.find(o => /see all/i.test(text(o)));
const r = list ? list.getBoundingClientRect() : {left: 0, right: 0};
return {
	role: box.getAttribute('role') || '', expanded: box.getAttribute('aria-expanded') || '',
	listRole: list ? list.getAttribute('role') || '' : '', visible: vis(list),
	options: options.map(text), marks: list ? list.querySelectorAll('mark').length : 0,
	active: act ? act.id : '', activeText: text(act),
	selected: options.map(o => o.getAttribute('aria-selected') === 'true'),
	allHref: all ? all.getAttribute('href') : '', focused: document.activeElement === box,
	listLeft: r.left, listRight: r.right, clientWidth: document.documentElement.clientWidth,
};`

// typeQuery focuses the header box, types q and waits for the listbox to
// show results for it.
func typeQuery(t *testing.T, ctx context.Context, q string) suggestState {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`header form[role="search"] input[name="q"]`)),
		chromedp.SendKeys(chromedp.CSS(`header form[role="search"] input[name="q"]`), q)); err != nil {
		t.Fatalf("type %q into the search box: %v", q, err)
	}
	waitJS(t, ctx, searchPrelude+`return vis(list) && list.dataset.query === `+jsString(q)+`;`,
		searchPrelude+`return 'box role=' + (box && box.getAttribute('role')) + ', listbox: ' + (list ? list.outerHTML.slice(0, 500) : 'none');`)
	return eval[suggestState](t, ctx, readSuggest)
}

// press presses a key as a keyboard does: one keyDown that carries the
// text, so that a handler that prevents it stops the text and what it
// does (chromedp's KeyEvent sends the text in a separate char event,
// which a prevented keydown does not stop).
func press(t *testing.T, ctx context.Context, k, code, text string, vk int64) {
	t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: k, Code: code, Text: text, UnmodifiedText: text,
		WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	for _, e := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, e); err != nil {
			t.Fatalf("press %s: %v", k, err)
		}
	}
}

func slash(t *testing.T, ctx context.Context) { t.Helper(); press(t, ctx, "/", "Slash", "/", 191) }
func enter(t *testing.T, ctx context.Context) { t.Helper(); press(t, ctx, "Enter", "Enter", "\r", 13) }

func key(t *testing.T, ctx context.Context, k, name string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatalf("press %s: %v", name, err)
	}
}

func testSearchSlash(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+articleURL)
	slash(t, ctx)
	if !eval[bool](t, ctx, searchPrelude+`return document.activeElement === box;`) {
		t.Errorf("\"/\" on an article does not focus the header's search box (focus on %s)",
			eval[string](t, ctx, `return document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : 'nothing';`))
	}
	if v := eval[string](t, ctx, searchPrelude+`return box.value;`); v != "" {
		t.Errorf("\"/\" focused the box and was typed into it too: %q", v)
	}
	// In another field, "/" is a character.
	eval[chromedp.Void](t, ctx, `const f = document.createElement('textarea'); f.id = 'e2e-field';
		document.getElementById('main').prepend(f); f.focus(); return null;`)
	slash(t, ctx)
	got := eval[struct {
		Value  string `json:"value"`
		Stayed bool   `json:"stayed"`
	}](t, ctx, `const f = document.getElementById('e2e-field'); return {value: f.value, stayed: document.activeElement === f};`)
	if !got.Stayed || got.Value != "/" {
		t.Errorf("\"/\" typed in a textarea: focus stayed %v, value %q; want the \"/\" typed there", got.Stayed, got.Value)
	}
}

func testSearchSuggest(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+"/")
	st := typeQuery(t, ctx, searchQuery)
	if st.Role != "combobox" || st.Expanded != "true" || st.ListRole != "listbox" {
		t.Errorf("results as you type: box role=%q aria-expanded=%q, list role=%q; want combobox, true, listbox", st.Role, st.Expanded, st.ListRole)
	}
	if len(st.Options) < 3 { // two hits at least, and "See all results"
		t.Fatalf("results as you type for %q: options %q, want hits and \"See all results\"", searchQuery, st.Options)
	}
	if st.Marks == 0 {
		t.Errorf("results as you type for %q: no <mark> in the snippets: %q", searchQuery, st.Options)
	}
	if u, err := url.Parse(st.AllHref); err != nil || u.Path != searchPage || u.Query().Get("q") != searchQuery {
		t.Errorf("\"See all results\" goes to %q, want %s?q=%s", st.AllHref, searchPage, searchQuery)
	}

	// ArrowDown marks the first option, ArrowUp from it none; Escape closes.
	key(t, ctx, kb.ArrowDown, "ArrowDown")
	st = eval[suggestState](t, ctx, readSuggest)
	if st.Active == "" || len(st.Selected) == 0 || !st.Selected[0] || !st.Focused {
		t.Errorf("ArrowDown: aria-activedescendant %q, aria-selected %v, focus in the box %v; want the first option, the focus staying in the box", st.Active, st.Selected, st.Focused)
	}
	key(t, ctx, kb.ArrowDown, "ArrowDown")
	if st = eval[suggestState](t, ctx, readSuggest); len(st.Selected) < 2 || !st.Selected[1] {
		t.Errorf("ArrowDown twice: aria-selected %v, want the second option", st.Selected)
	}
	key(t, ctx, kb.ArrowUp, "ArrowUp")
	key(t, ctx, kb.ArrowUp, "ArrowUp")
	if st = eval[suggestState](t, ctx, readSuggest); st.Active != "" {
		t.Errorf("ArrowUp back past the first option: aria-activedescendant %q, want none (the box)", st.Active)
	}
	key(t, ctx, kb.Escape, "Escape")
	if st = eval[suggestState](t, ctx, readSuggest); st.Visible || st.Expanded != "false" {
		t.Errorf("Escape: listbox visible %v, aria-expanded %q; want it closed", st.Visible, st.Expanded)
	}

	// ArrowDown opens it again; Enter on an option opens that article,
	// with the query for highlighting.
	key(t, ctx, kb.ArrowDown, "ArrowDown")
	waitJS(t, ctx, searchPrelude+`return vis(list);`, `return 'ArrowDown after Escape does not open the list again';`)
	key(t, ctx, kb.ArrowDown, "ArrowDown")
	st = eval[suggestState](t, ctx, readSuggest)
	enter(t, ctx)
	waitJS(t, ctx, `return new URLSearchParams(location.search).get('hl') !== null && document.readyState === 'complete';`,
		`return 'Enter on option '+`+jsString(st.ActiveText)+`+' left the page at ' + location.href;`)
	h1 := eval[string](t, ctx, `return text(document.querySelector('main h1'));`)
	if title := strings.SplitN(st.ActiveText, " ", 2)[0]; !strings.HasPrefix(h1, title) {
		t.Errorf("Enter on the option %q opened a page whose H1 is %q", st.ActiveText, h1)
	}
	if hl := eval[string](t, ctx, `return new URLSearchParams(location.search).get('hl');`); hl != searchQuery {
		t.Errorf("the article opened from the list has ?hl=%q, want %q", hl, searchQuery)
	}

	// Enter with no option chosen goes to the results page.
	navigate(t, ctx, base+"/")
	typeQuery(t, ctx, searchQuery)
	enter(t, ctx)
	waitJS(t, ctx, `return location.pathname === `+jsString(searchPage)+`;`, `return 'Enter in the box left the page at ' + location.href;`)
	if q := eval[string](t, ctx, `return new URLSearchParams(location.search).get('q');`); q != searchQuery {
		t.Errorf("Enter in the box: the results page has ?q=%q, want %q", q, searchQuery)
	}
}

// The state of the results page.
type resultsState struct {
	Summary string   `json:"summary"`
	Titles  []string `json:"titles"`
	Hrefs   []string `json:"hrefs"`
	Marks   int      `json:"marks"`
	Chips   []struct {
		Field   string `json:"field"`
		Value   string `json:"value"`
		Label   string `json:"label"`
		Count   int    `json:"count"`
		Pressed bool   `json:"pressed"`
	} `json:"chips"`
	Box string `json:"box"`
}

const readResults = searchPrelude + `
const results = [...document.querySelectorAll('#search-results .search-result')];
return {
	summary: text(document.getElementById('search-summary')),
	titles: results.map(r => text(r.querySelector('h2, h3, a'))),
	hrefs: results.map(r => r.querySelector('a').getAttribute('href')),
	marks: document.querySelectorAll('#search-results mark').length,
	chips: [...document.querySelectorAll('#search-facets button[aria-pressed]')].filter(vis).map(b => ({
		field: b.dataset.field, value: b.dataset.value,
		label: text(b).replace(/\s*\(\d[\d,]*\)$/, ''),
		count: +((text(b).match(/\((\d[\d,]*)\)$/) || [0, '-1'])[1].replace(/,/g, '')),
		pressed: b.getAttribute('aria-pressed') === 'true',
	})),
	box: box ? box.value : '',
};`

// waitResults waits until the results page shows results (or says there
// are none) and reads it.
func waitResults(t *testing.T, ctx context.Context) resultsState {
	t.Helper()
	waitJS(t, ctx, `const s = document.getElementById('search-summary'); const r = document.getElementById('search-results');
		return !!s && !!r && r.getAttribute('aria-busy') !== 'true' && /result/i.test(text(s));`,
		`return 'summary: ' + text(document.getElementById('search-summary'));`)
	return eval[resultsState](t, ctx, readResults)
}

func testSearchResults(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+searchPage+"?q="+url.QueryEscape(searchQuery))
	checkStyled(t, ctx, "search page")
	if robots := eval[string](t, ctx, `const m = document.querySelector('meta[name="robots"]'); return m ? m.content : '';`); !strings.Contains(robots, "noindex") {
		t.Errorf("search page: meta robots %q, want noindex", robots)
	}
	st := waitResults(t, ctx)
	total := len(st.Titles)
	if total < 2 {
		t.Fatalf("results page for %q: %d results (%q), want 2 or more", searchQuery, total, st.Summary)
	}
	if !strings.Contains(st.Summary, fmt.Sprint(total)) || !strings.Contains(st.Summary, searchQuery) {
		t.Errorf("results page: summary %q does not give the total %d and the query %q", st.Summary, total, searchQuery)
	}
	if st.Box != searchQuery {
		t.Errorf("results page: the search box holds %q, want the query %q", st.Box, searchQuery)
	}
	if st.Marks == 0 {
		t.Errorf("results page: no <mark> in the snippets")
	}
	fields := map[string]bool{}
	for _, c := range st.Chips {
		fields[c.Field] = true
		if c.Label == "" || c.Count < 0 {
			t.Errorf("results page: facet chip %s=%s shows %q with count %d", c.Field, c.Value, c.Label, c.Count)
		}
		if c.Field == "product" && c.Value == "microsoft.visualstudio" && c.Label != "Visual Studio" {
			t.Errorf("results page: the product chip %s shows %q, want its label \"Visual Studio\"", c.Value, c.Label)
		}
	}
	for _, f := range []string{"docset", "product", "topic"} {
		if !fields[f] {
			t.Errorf("results page: no %s facet chips (chips: %+v)", f, st.Chips)
		}
	}

	// A chip that holds fewer than all results narrows them to its count.
	chip := -1
	for i, c := range st.Chips {
		if c.Count > 0 && c.Count < total {
			chip = i
			break
		}
	}
	if chip < 0 {
		t.Fatalf("results page: no facet chip narrows the %d results: %+v", total, st.Chips)
	}
	c := st.Chips[chip]
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#search-facets button[data-field=%q][data-value=%q]`, c.Field, c.Value)))); err != nil {
		t.Fatalf("click the chip %s=%s: %v", c.Field, c.Value, err)
	}
	waitJS(t, ctx, `return document.querySelectorAll('#search-results .search-result').length === `+fmt.Sprint(c.Count)+`;`,
		`return document.querySelectorAll('#search-results .search-result').length + ' results after the chip';`)
	narrowed := eval[resultsState](t, ctx, readResults)
	for _, nc := range narrowed.Chips {
		if nc.Field == c.Field && nc.Value == c.Value && !nc.Pressed {
			t.Errorf("the chip %s=%s is not aria-pressed after a click", c.Field, c.Value)
		}
	}
	// The other facets count the narrowed results: docset, product and
	// topic hold one value an article, so their counts add up to them.
	sums := map[string]int{}
	for _, nc := range narrowed.Chips {
		if nc.Field != c.Field {
			sums[nc.Field] += nc.Count
		}
	}
	for _, f := range []string{"docset", "product", "topic"} {
		if sums[f] > c.Count {
			t.Errorf("after the chip %s=%s (%d results) the %s chips count %d articles: the facets do not count the narrowed results (chips: %+v)",
				c.Field, c.Value, c.Count, f, sums[f], narrowed.Chips)
		}
	}
	u := eval[string](t, ctx, `return location.search;`)
	if q, _ := url.ParseQuery(strings.TrimPrefix(u, "?")); q.Get("q") != searchQuery || q.Get(c.Field) != c.Value {
		t.Errorf("after the chip %s=%s the address has %q, want q=%s&%s=%s", c.Field, c.Value, u, searchQuery, c.Field, c.Value)
	}
	// The address is shareable: loaded again, it shows the same.
	navigate(t, ctx, base+searchPage+u)
	if again := waitResults(t, ctx); !slices.Equal(again.Titles, narrowed.Titles) {
		t.Errorf("the results page at %s shows %q, the page before showed %q", u, again.Titles, narrowed.Titles)
	}

	// A result opens its article with the query's words marked, the first
	// in view, and a control clears them.
	href := narrowed.Hrefs[0]
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-results .search-result a`))); err != nil {
		t.Fatalf("click the first result: %v", err)
	}
	waitJS(t, ctx, `return document.body.classList.contains('kind-article') && document.readyState === 'complete';`,
		`return 'the first result ('+`+jsString(href)+`+') left the page at ' + location.href;`)
	marks := eval[struct {
		Marks   []string `json:"marks"`
		InView  bool     `json:"inView"`
		InBody  bool     `json:"inBody"`
		Clear   bool     `json:"clear"`
		HL      string   `json:"hl"`
		Summary string   `json:"summary"`
	}](t, ctx, `
		const ms = [...document.querySelectorAll('main article mark.search-hit')];
		const r = ms.length ? ms[0].getBoundingClientRect() : null;
		const bar = document.querySelector('.search-hits-bar');
		return {marks: ms.map(text), inView: !!r && r.top >= 0 && r.bottom <= innerHeight,
			inBody: ms.every(m => !!m.closest('article')), hl: new URLSearchParams(location.search).get('hl') || '',
			clear: !!bar && [...bar.querySelectorAll('button')].some(b => vis(b) && /clear/i.test(text(b))), summary: text(bar)};`)
	if marks.HL != searchQuery {
		t.Errorf("the result link %s carries ?hl=%q, want %q", href, marks.HL, searchQuery)
	}
	if len(marks.Marks) == 0 {
		t.Fatalf("the article opened from a result marks no word of %q (bar: %q)", searchQuery, marks.Summary)
	}
	for _, m := range marks.Marks {
		if !strings.HasPrefix(strings.ToLower(m), searchTerm) {
			t.Errorf("the article marks %q, which is no form of %q", m, searchQuery)
		}
	}
	if !marks.InView {
		t.Errorf("the first marked word is not scrolled into view")
	}
	if !marks.Clear {
		t.Errorf("the article with marked words offers no visible \"Clear highlights\" button (bar: %q)", marks.Summary)
	} else {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.search-hits-bar .search-hits-clear`))); err != nil {
			t.Fatalf("click \"Clear highlights\": %v", err)
		}
		left := eval[struct {
			Marks int    `json:"marks"`
			URL   string `json:"url"`
		}](t, ctx, `return {marks: document.querySelectorAll('mark.search-hit').length, url: location.search};`)
		if left.Marks != 0 || strings.Contains(left.URL, "hl=") {
			t.Errorf("after \"Clear highlights\": %d marks left, address query %q", left.Marks, left.URL)
		}
	}
}

func testSearchNoResults(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	navigate(t, ctx, base+searchPage+"?q="+searchNoResults)
	st := waitResults(t, ctx)
	if len(st.Titles) != 0 || !strings.Contains(st.Summary, "No results") || !strings.Contains(st.Summary, searchNoResults) {
		t.Errorf("results page for %q: %d results, summary %q; want none, and a message with the query", searchNoResults, len(st.Titles), st.Summary)
	}
	if tips := eval[string](t, ctx, `return text(document.getElementById('search-page'));`); !strings.Contains(strings.ToLower(tips), "spelling") {
		t.Errorf("results page without results gives no tips: %q", tips)
	}
	// In the list as you type, too.
	navigate(t, ctx, base+"/")
	if st := typeQuery(t, ctx, searchNoResults); !strings.Contains(strings.Join(st.Options, " ")+eval[string](t, ctx, searchPrelude+`return text(list);`), "No results") {
		t.Errorf("results as you type for %q say nothing of no results: %q", searchNoResults, eval[string](t, ctx, searchPrelude+`return text(list);`))
	}
}

func testSearchNoJS(t *testing.T, ctx context.Context, base string) {
	tctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	ctx = step(t, tctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	navigate(t, ctx, base+searchPage+"?q="+searchQuery)
	if msg := eval[string](t, ctx, `return text(document.querySelector('main'));`); !strings.Contains(msg, "JavaScript") {
		t.Errorf("the results page without JavaScript does not say it needs it: %q", msg)
	}
}

// testSearchNarrow checks a 390 px screen: no sideways scroll, the list as
// wide as the screen (less a margin).
func testSearchNarrow(t *testing.T, ctx context.Context, base string) {
	ctx = step(t, ctx)
	viewport(t, ctx, 390)
	defer chromedp.Do(context.WithoutCancel(ctx), chromedp.ResetViewport()) //nolint:errcheck
	navigate(t, ctx, base+articleURL)
	st := typeQuery(t, ctx, searchQuery)
	if st.ListRight-st.ListLeft < st.ClientWidth-40 || st.ListLeft < 0 || st.ListRight > st.ClientWidth {
		t.Errorf("390 px: the list spans %.0f-%.0f of %.0f px, want (nearly) the whole width", st.ListLeft, st.ListRight, st.ClientWidth)
	}
	checkNoSideways(t, ctx, "article with the list open")
	navigate(t, ctx, base+searchPage+"?q="+searchQuery)
	waitResults(t, ctx)
	checkNoSideways(t, ctx, "results page")
}

func checkNoSideways(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if w := eval[[]int](t, ctx, `return [document.documentElement.scrollWidth, document.documentElement.clientWidth];`); w[0] > w[1] {
		t.Errorf("390 px, %s: the page scrolls sideways (scrollWidth %d > %d)", what, w[0], w[1])
	}
}

// testSearchScreenshots takes screenshots of the list as you type, the
// results page and an article with marked words, at 1280 and 390 px, light
// and dark, when HELPSITE_SCREENSHOTS names a folder.
func testSearchScreenshots(t *testing.T, ctx context.Context, base string) {
	dir := os.Getenv("HELPSITE_SCREENSHOTS")
	if dir == "" {
		t.Skip("HELPSITE_SCREENSHOTS not set")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(step(t, ctx), emulation.SetScrollbarsHidden, emulation.SetScrollbarsHiddenParams{Hidden: true}); err != nil {
		t.Fatalf("hide scrollbars: %v", err)
	}
	shots := []struct {
		name string
		run  func(ctx context.Context)
	}{
		{"search-suggest", func(ctx context.Context) {
			navigate(t, ctx, base+articleURL)
			typeQuery(t, ctx, searchQuery)
			key(t, ctx, kb.ArrowDown, "ArrowDown") // the first option marked
		}},
		{"search-results", func(ctx context.Context) {
			navigate(t, ctx, base+searchPage+"?q="+searchQuery+"&product=azure-devops")
			waitResults(t, ctx)
		}},
		{"search-none", func(ctx context.Context) {
			navigate(t, ctx, base+searchPage+"?q="+searchNoResults)
			waitResults(t, ctx)
		}},
		{"search-hit", func(ctx context.Context) {
			navigate(t, ctx, base+articleURL+"?hl="+searchQuery)
			waitJS(t, ctx, `return !!document.querySelector('.search-hits-bar');`, `return 'no .search-hits-bar';`)
		}},
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{1280, 390} {
			for _, s := range shots {
				sctx := step(t, ctx)
				viewport(t, sctx, width)
				if _, err := chromedp.Call(sctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
					t.Fatalf("color scheme %s: %v", scheme, err)
				}
				s.run(sctx)
				png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatalf("screenshot %s: %v", s.name, err)
				}
				file := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", s.name, width, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", file)
			}
		}
	}
	rctx := step(t, ctx)
	chromedp.Call(rctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}) //nolint:errcheck
	if err := chromedp.Do(rctx, chromedp.ResetViewport()); err != nil {
		t.Errorf("reset viewport: %v", err)
	}
}
