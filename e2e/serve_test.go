package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	preview "github.com/helpsite/helpsite/pipeline/serve"
	"github.com/helpsite/helpsite/pipeline/site"
)

// TestServeReload drives the preview server's page script (pipeline/serve
// live.js) in Chromium: an article open in the browser shows its edits by
// itself (its new <main> in place, the scroll position kept) and the
// findings of the edit in the overlay, and reloads after a whole build;
// on the sample site and on the shared corpus, where it logs the time from
// an edit to the new article on screen.
func TestServeReload(t *testing.T) {
	chrome := chromium(t)
	t.Run("sample", func(t *testing.T) {
		serveReload(t, chrome, "../articles", "devops/pipelines-agent-offline.md", "/azure/devops/troubleshoot/pipelines-agent-offline/",
			"devops/git-authentication-fails.md")
	})
	t.Run("corpus", func(t *testing.T) {
		src := "../../shared/corpus/office-support"
		if _, err := os.Stat(src); err != nil {
			t.Skipf("shared corpus not found at %s: skipping", src)
		}
		serveReload(t, chrome, src, "Outlook/Mobile/exchange-connectivity/activesync-v12.0-out-of-support.md",
			"/outlook/troubleshoot/exchange-connectivity/activesync-v12.0-out-of-support/", "Outlook/Mobile/exchange-connectivity/outlook-for-ios-and-android-with-abq-rules-are-quarantined.md")
	})
}

// logShown logs the time from begin to when the page in the tab showed
// the new article, by the browser's clock (the same machine's).
func logShown(t *testing.T, ctx context.Context, src string, begin time.Time) {
	t.Helper()
	shown := eval[float64](t, ctx, `return window.helpsiteSwapped || 0;`)
	if shown == 0 {
		t.Logf("%s: the page was reloaded, not swapped (a whole build, or a lost event stream)", src)
		return
	}
	t.Logf("%s: edit to the new article on screen in Chromium: %.0f ms", src, shown-float64(begin.UnixNano())/1e6)
}

func serveReload(t *testing.T, chrome, src, rel, href, other string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*testTimeout)
	defer cancel()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	load := func(ctx context.Context) (*pipeline.Site, error) {
		return pipeline.LoadDir(ctx, root, pipeline.Options{})
	}
	out, index := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "index")
	live, _, err := site.NewLive(ctx, load, func(*pipeline.Site) site.Options { return site.Options{Out: out, IndexDir: index} })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	findings, err := pipeline.Lint(ctx, live.Site(), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := preview.New(live, out, findings, pipeline.Options{}, nil)
	w, err := srv.Watch(root)
	if err != nil {
		t.Fatal(err)
	}
	go w.Run(ctx)
	if live.Source(href) != rel {
		t.Fatalf("%s does not show %s", href, rel)
	}
	bctx, base := browse(t, ctx, chrome, srv.Handler())
	sctx := step(t, bctx)
	navigate(t, sctx, base+href)
	// The script is connected: it knows the site's version.
	waitJS(t, sctx, `return document.documentElement.dataset.helpsiteVersion === "0";`, `return document.title;`)
	if clean := len(srv.Findings(rel)) == 0; clean {
		if n := eval[int](t, sctx, `return document.querySelectorAll(".helpsite-overlay").length;`); n != 0 {
			t.Errorf("a clean article shows %d overlays", n)
		}
	}
	eval[bool](t, sctx, `scrollTo(0, 300); return true;`)

	// Mark the page: a reload would drop the mark.
	eval[bool](t, sctx, `window.helpsiteMark = 1; return true;`)
	p := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	// The edit adds a paragraph and a heading that skips levels.
	if err := os.WriteFile(p, append(data, []byte("\n\nRELOADMARK paragraph.\n\n###### Too deep\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, sctx, `const m = document.querySelector("main"); return m && m.textContent.includes("RELOADMARK");`,
		`return "mark " + window.helpsiteMark + ", version " + document.documentElement.dataset.helpsiteVersion;`)
	if mark := eval[int](t, sctx, `return window.helpsiteMark || 0;`); mark != 1 {
		t.Errorf("the page was reloaded for an edit of its article; want its <main> swapped")
	}
	logShown(t, sctx, src, begin)
	waitJS(t, sctx, `return Math.abs(scrollY - 300) < 2;`, `return "scrollY " + scrollY;`)

	waitJS(t, sctx, `const o = document.querySelector(".helpsite-overlay");
		return !!o && o.textContent.includes("heading-level-skip") && o.textContent.includes("`+rel+`");`,
		`const o = document.querySelector(".helpsite-overlay"); return o ? o.textContent : "no overlay";`)
	// The overlay can be closed.
	eval[bool](t, sctx, `document.querySelector(".helpsite-overlay button").click(); return true;`)
	if n := eval[int](t, sctx, `return document.querySelectorAll(".helpsite-overlay").length;`); n != 0 {
		t.Errorf("the overlay is still there after its close button")
	}

	// An edit to another article does not reload this one.
	eval[bool](t, sctx, `window.helpsiteMark = 2; return true;`)
	otherPath := filepath.Join(root, filepath.FromSlash(other))
	data, _ = os.ReadFile(otherPath)
	os.WriteFile(otherPath, append(data, []byte("\n\nOTHERMARK.\n")...), 0o644)
	waitJS(t, sctx, `return Number(document.documentElement.dataset.helpsiteVersion) >= 2;`,
		`return "version " + document.documentElement.dataset.helpsiteVersion;`)
	if mark := eval[int](t, sctx, `return window.helpsiteMark || 0;`); mark != 2 {
		t.Errorf("editing another article reloaded this page")
	}
	// More edits, timed: when the server told the page, and when the
	// page showed the new article.
	events, stop := srv.Subscribe()
	defer stop()
	for i := range 3 {
		data, _ = os.ReadFile(p)
		marker := fmt.Sprintf("TIMEDMARK%d", i)
		begin := time.Now()
		os.WriteFile(p, append(data, []byte("\n\n"+marker+".\n")...), 0o644)
		for e := range events {
			if !e.Findings {
				t.Logf("change event after %s (update %s, whole site %v, files %v)", time.Since(begin).Round(time.Millisecond), e.Took, e.Full, e.Files)
				break
			}
		}
		waitJS(t, sctx, `const m = document.querySelector("main"); return m && m.textContent.includes("`+marker+`");`, `return document.title;`)
		logShown(t, sctx, src, begin)
	}
	// A new title shows in navigation and listings: a whole build, and the
	// page reloads.
	stop()
	eval[bool](t, bctx, `window.helpsiteMark = 3; return true;`)
	data, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "\ntitle: ", "\ntitle: RETITLED ", 1)), 0o644)
	// (A whole build of the corpus takes a while, more under -race.)
	rctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()
	waitJS(t, rctx, `return !window.helpsiteMark && document.title.includes("RETITLED");`,
		`return "mark " + window.helpsiteMark + ", title " + document.title;`)
}
