package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/site"
)

// copyTree copies the Markdown, YAML and JSON files of src (and, when
// images is set, the rest) into a new temporary folder.
func copyTree(t testing.TB, src string, images bool) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".yml", ".yaml", ".json":
		default:
			if !images {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

type harness struct {
	srv  *Server
	http *httptest.Server
	live *site.Live
	root string
}

// start builds the tree at root, serves it and watches it.
func start(t testing.TB, root string) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	load := func(ctx context.Context) (*pipeline.Site, error) {
		return pipeline.LoadDir(ctx, root, pipeline.Options{})
	}
	out := filepath.Join(t.TempDir(), "site")
	index := filepath.Join(t.TempDir(), "index")
	live, _, err := site.NewLive(ctx, load, func(*pipeline.Site) site.Options { return site.Options{Out: out, IndexDir: index} })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	findings, err := pipeline.Lint(ctx, live.Site(), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := New(live, out, findings, pipeline.Options{}, nil)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	w, err := srv.Watch(root)
	if err != nil {
		t.Fatal(err)
	}
	go w.Run(ctx)
	return &harness{srv: srv, http: hs, live: live, root: root}
}

// events reads the server-sent change events.
func (h *harness) events(t testing.TB) <-chan Event {
	t.Helper()
	resp, err := http.Get(h.http.URL + Prefix + "events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan Event, 16)
	hello := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		kind := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				kind = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && kind == "hello":
				close(hello)
			case strings.HasPrefix(line, "data: ") && kind == "change":
				var e Event
				if json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e) == nil {
					out <- e
				}
			}
		}
	}()
	select {
	case <-hello:
	case <-time.After(5 * time.Second):
		t.Fatal("no hello event")
	}
	return out
}

func (h *harness) get(t testing.TB, href string) string {
	t.Helper()
	resp, err := http.Get(h.http.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return string(data)
}

// edit appends a paragraph to the article at rel and waits for the
// change event; it returns the event and the time from the write to the
// new HTML being served.
func (h *harness) edit(t testing.TB, ev <-chan Event, rel, href, marker string) (Event, time.Duration) {
	t.Helper()
	p := filepath.Join(h.root, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, []byte("\n\nAn edit that says "+marker+".\n")...)
	begin := time.Now()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A write can come as more than one event (truncate, then write):
	// wait for the one after which the page shows the edit.
	deadline := time.After(20 * time.Second)
	for {
		select {
		case e := <-ev:
			if strings.Contains(h.get(t, href), marker) {
				return e, time.Since(begin)
			}
		case <-deadline:
			t.Fatalf("no change event showing the edit of %s", rel)
			return Event{}, 0
		}
	}
}

func TestServeSample(t *testing.T) {
	root := copyTree(t, "../../articles", true)
	h := start(t, root)
	ev := h.events(t)
	const rel = "devops/pipelines-agent-offline.md"
	href := ""
	for _, p := range []string{"/azure/devops/troubleshoot/pipelines-agent-offline/"} {
		if h.live.Source(p) == rel {
			href = p
		}
	}
	if href == "" {
		t.Fatalf("no page shows %s", rel)
	}
	page := h.get(t, href)
	if !strings.Contains(page, `<script src="/_helpsite/live.js" defer></script></body>`) {
		t.Errorf("the page lacks the live script before </body>")
	}
	if js := h.get(t, Prefix+"live.js"); !strings.Contains(js, "EventSource") {
		t.Errorf("live.js is not served")
	}
	// As GitHub Pages does: a redirect page at its URL without .html, the
	// site's 404 page for what is not there.
	if body := h.get(t, "/azure/devops/troubleshoot/git-credential-manager-errors"); !strings.Contains(body, "git-authentication-fails") {
		t.Errorf("the redirect page is not served at its URL:\n%.300s", body)
	}
	for _, missing := range []string{"/no/such/page/", "/no/such/page", "/no/such.png"} {
		resp, err := http.Get(h.http.URL + missing)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "live.js") {
			t.Errorf("%s: status %d, want 404 with the site's 404 page", missing, resp.StatusCode)
		}
	}
	// Only loopback names: no DNS rebinding.
	req, _ := http.NewRequest("GET", h.http.URL+"/api/search?q=agent", nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a request for Host attacker.example: %v %v, want 403", resp.Status, err)
	} else {
		resp.Body.Close()
	}
	if body := h.get(t, "/api/search?q=agent&from=-3&limit=-1"); !strings.Contains(body, `"total"`) {
		t.Errorf("/api/search with a negative from: %s", body)
	}

	e, took := h.edit(t, ev, rel, href, "ZEBRAMARKER")
	if e.Full || !slices.Contains(e.Pages, href) || len(e.Pages) != 1 {
		t.Errorf("event %+v: want only %s written again", e, href)
	}
	t.Logf("sample: change to visible in %s (update %s)", took, e.Took)

	// The search API answers from the updated index.
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			File string `json:"file"`
		} `json:"hits"`
	}
	h.live.WaitSearch() // bleve learns of an edit after the page is written
	if err := json.Unmarshal([]byte(h.get(t, "/api/search?q=zebramarker")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].File != rel {
		t.Errorf("/api/search after the edit: %+v", res)
	}

	// A new finding shows in the overlay's data: a heading level skipped.
	p := filepath.Join(root, rel)
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append(data, []byte("\n###### Too deep\n")...), 0o644)
	var fr struct {
		File     string    `json:"file"`
		Findings []Finding `json:"findings"`
	}
	var rules []string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		json.Unmarshal([]byte(h.get(t, Prefix+"findings?page="+href)), &fr)
		rules = rules[:0]
		for _, f := range fr.Findings {
			rules = append(rules, f.Rule)
		}
		if slices.Contains(rules, "heading-level-skip") {
			break
		}
	}
	if fr.File != rel || !slices.Contains(rules, "heading-level-skip") {
		t.Errorf("findings after the edit: %s %v, want heading-level-skip", fr.File, rules)
	}
	drain(ev)

	// An include: the page that shows it is written again, and its
	// findings are the page's too.
	const inc, incPage = "devops/includes/pat-security-note.md", "/azure/devops/troubleshoot/git-authentication-fails/"
	incFile := filepath.Join(root, filepath.FromSlash(inc))
	data, _ = os.ReadFile(incFile)
	os.WriteFile(incFile, append(data, []byte("\nSee [a broken link](no-such-file.md).\n")...), 0o644)
	e, _ = h.edit(t, ev, inc, incPage, "INCLUDEMARK")
	if e.Full || !slices.Contains(e.Pages, incPage) {
		t.Errorf("editing an include: event %+v, want %s written again", e, incPage)
	}
	found := false
	for end := time.Now().Add(10 * time.Second); !found && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		json.Unmarshal([]byte(h.get(t, Prefix+"findings?page="+incPage)), &fr)
		for _, f := range fr.Findings {
			found = found || f.File == inc && f.Rule == "link-broken"
		}
	}
	if !found {
		t.Errorf("the findings of %s lack the include's broken link: %+v", incPage, fr.Findings)
	}
	drain(ev)

	// A new description shows in listings: the whole site is built again.
	data, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "description: Resolves", "description: Brings back", 1)), 0o644)
	e = waitFull(t, ev)
	if !e.Full {
		t.Errorf("a changed description: event %+v, want a full rebuild", e)
	}
	drain(ev)

	// A new article rebuilds the whole site.
	os.WriteFile(filepath.Join(root, "devops", "new-article.md"), data, 0o644)
	waitFull(t, ev)
}

// TestServeCorpus measures the change-to-visible time of an article edit
// on the shared corpus.
func TestServeCorpus(t *testing.T) {
	src := "../../../shared/corpus/office-support"
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared corpus not found at %s: skipping", src)
	}
	if testing.Short() {
		t.Skip("-short: the corpus build takes seconds")
	}
	root := copyTree(t, src, false)
	h := start(t, root)
	ev := h.events(t)
	const rel = "Outlook/Mobile/exchange-connectivity/activesync-v12.0-out-of-support.md"
	href := ""
	for _, p := range allPages(h) {
		if h.live.Source(p) == rel {
			href = p
			break
		}
	}
	if href == "" {
		t.Fatalf("no page shows %s", rel)
	}
	var worst time.Duration
	for i := range 5 {
		marker := "CORPUSMARK" + string(rune('A'+i))
		e, took := h.edit(t, ev, rel, href, marker)
		if e.Full || len(e.Pages) != 1 {
			t.Errorf("edit %d: event %+v, want one page", i, e)
		}
		worst = max(worst, took)
		t.Logf("corpus edit %d: change to visible in %s (update %s)", i, took.Round(time.Millisecond), e.Took)
	}
	t.Logf("corpus: worst change to visible %s", worst.Round(time.Millisecond))
}

// waitFull waits for a full rebuild's event (an edit can come as several
// events, the first of them incremental).
func waitFull(t *testing.T, ev <-chan Event) Event {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case e := <-ev:
			if e.Full {
				return e
			}
		case <-deadline:
			t.Fatal("no full rebuild")
			return Event{}
		}
	}
}

// drain empties ev of the events already sent.
func drain(ev <-chan Event) {
	for {
		select {
		case <-ev:
		case <-time.After(200 * time.Millisecond):
			return
		}
	}
}

// allPages lists the hrefs of the article pages in the served site.
func allPages(h *harness) []string {
	var out []string
	filepath.WalkDir(h.srv.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			rel, _ := filepath.Rel(h.srv.dir, filepath.Dir(p))
			out = append(out, "/"+filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	return out
}
