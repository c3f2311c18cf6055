// Package serve is the preview server of `helpsite serve`: it serves a
// live site (site.Live) on loopback, watches the content tree, updates the
// site when a file changes, and tells the open pages: each page loads a
// small script that listens for changes (server-sent events), reloads when
// its page was written again, and shows the findings of its article in an
// overlay. /api/search answers from the bleve index.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/report"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/site"
)

// Prefix is where the server's own endpoints live.
const Prefix = "/_helpsite/"

//go:embed live.js
var liveJS []byte

// Event is what the open pages are told of a change.
type Event struct {
	Version int      `json:"version"`
	Full    bool     `json:"full"`
	Pages   []string `json:"pages"` // hrefs written again
	Files   []string `json:"files"` // the files that changed
	Took    string   `json:"took"`
	// Findings marks the second event of a change: the files have been
	// checked again (Pages is empty).
	Findings bool `json:"findings,omitempty"`
}

// Server serves a live site.
type Server struct {
	live *site.Live
	dir  string // the folder the site is written to
	opt  pipeline.Options
	log  io.Writer

	mu       sync.Mutex
	findings map[string]diag.List // by article path
	version  int
	subs     map[chan Event]bool
}

// New returns a server for live, whose site is written to dir; findings
// are those of the first check of the whole tree, opt the options it was
// loaded with (the checks of later edits use them too).
func New(live *site.Live, dir string, findings diag.List, opt pipeline.Options, log io.Writer) *Server {
	s := &Server{live: live, dir: dir, opt: opt, log: log, subs: map[chan Event]bool{}}
	s.setFindings(findings, nil)
	return s
}

// setFindings replaces the findings of files (all of them when files is
// nil) with l.
func (s *Server) setFindings(l diag.List, files []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if files == nil {
		s.findings = map[string]diag.List{}
	}
	for _, f := range files {
		delete(s.findings, f)
	}
	for _, d := range l {
		s.findings[d.File] = append(s.findings[d.File], d)
	}
}

// Findings are the findings of the article at file.
func (s *Server) Findings(file string) diag.List {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.findings[file])
}

// Subscribe returns a channel that receives every change until cancel.
func (s *Server) Subscribe() (<-chan Event, func()) {
	ch := make(chan Event, 16)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.subs[ch] {
			delete(s.subs, ch)
			close(ch)
		}
	}
}

func (s *Server) publish(e Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- e:
		default: // a client that does not read misses events, not the server
		}
	}
}

// Changed updates the site after the files at paths (slash paths relative
// to the content root) changed, checks them again and tells the pages.
func (s *Server) Changed(ctx context.Context, paths []string) (Event, error) {
	ch, err := s.live.Update(ctx, paths)
	if err != nil {
		return Event{}, err
	}
	if paths = ch.Files; len(paths) == 0 {
		return Event{}, nil
	}
	// The pages first (they reload at once), then the checks: a
	// "findings" event tells the pages to ask for theirs again.
	s.mu.Lock()
	s.version++
	e := Event{Version: s.version, Full: ch.Full, Pages: ch.Pages, Files: ch.Files, Took: ch.Took.Round(time.Millisecond).String()}
	s.mu.Unlock()
	s.publish(e)
	if ch.Full {
		l, err := pipeline.Lint(ctx, s.live.Site(), s.opt)
		if err != nil {
			return e, err
		}
		s.setFindings(diag.Merge(l, ch.Findings), nil)
	} else {
		l, err := pipeline.LintFiles(ctx, s.live.Site(), paths, s.opt)
		if err != nil {
			return e, err
		}
		s.setFindings(diag.Merge(l, ch.Findings), paths)
	}
	s.publish(Event{Version: e.Version, Findings: true, Files: ch.Files})
	if s.log != nil {
		fmt.Fprintf(s.log, "helpsite: %s: %s\n", strings.Join(paths, ", "), ch)
		var l diag.List
		for _, f := range paths {
			l = append(l, s.Findings(f)...)
		}
		report.Text(s.log, l, report.Options{})
	}
	return e, nil
}

// Handler serves the site, the live script, the events, the findings
// and /api/search.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix+"live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
	})
	mux.HandleFunc("GET "+Prefix+"events", s.events)
	mux.HandleFunc("GET "+Prefix+"findings", s.pageFindings)
	mux.HandleFunc("GET /api/search", s.search)
	mux.HandleFunc("GET /", s.file)
	return loopbackOnly(mux)
}

// loopbackOnly refuses requests whose Host names another machine: a page
// elsewhere cannot reach the preview through DNS rebinding.
func loopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(host, "[]")
		if ip := net.ParseIP(host); !(host == "localhost" || strings.HasSuffix(host, ".localhost") || ip != nil && ip.IsLoopback()) {
			http.Error(w, "helpsite serve answers on loopback names only", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// events streams changes as server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, cancel := s.Subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	fmt.Fprintf(w, "event: hello\ndata: {\"version\":%d}\n\n", v)
	fl.Flush()
	keep := time.NewTicker(25 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-keep.C:
			io.WriteString(w, ": keep-alive\n\n")
			fl.Flush()
		case e, ok := <-ch:
			if !ok {
				return
			}
			data, _ := json.Marshal(e)
			kind := "change"
			if e.Findings {
				kind = "findings"
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", kind, data)
			fl.Flush()
		}
	}
}

// Finding is a finding as the overlay shows it.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// pageFindings answers ?page=HREF with the findings of the article it
// shows.
func (s *Server) pageFindings(w http.ResponseWriter, r *http.Request) {
	file, includes := s.live.Shown(r.URL.Query().Get("page"))
	out := struct {
		File     string    `json:"file"`
		Findings []Finding `json:"findings"`
	}{File: file, Findings: []Finding{}}
	if file != "" {
		// The page shows its includes too: their findings are its own.
		for _, f := range append([]string{file}, includes...) {
			for _, d := range s.Findings(f) {
				out.Findings = append(out.Findings, Finding{d.File, d.Pos.Line, d.Pos.Column, d.Severity.String(), d.Rule, d.Message})
			}
		}
	}
	writeJSON(w, out)
}

// search answers /api/search?q=QUERY[&limit=N][&from=N][&facets=1][&docset=V...].
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opt := search.Options{Snippet: true, Facets: q.Get("facets") != "", Filters: map[string][]string{}}
	opt.Limit, _ = strconv.Atoi(q.Get("limit"))
	opt.From, _ = strconv.Atoi(q.Get("from"))
	for _, f := range search.Facets {
		for _, v := range q[f] {
			opt.Filters[f] = append(opt.Filters[f], v)
		}
	}
	res, err := s.live.Search(r.Context(), q.Get("q"), opt)
	if err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, res)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// liveTag is what every served HTML page gets before </body>.
var liveTag = []byte(`<script src="` + Prefix + `live.js" defer></script>`)

// file serves the site's files; HTML pages get the live script.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	name, status := site.Resolve(s.dir, r.URL.Path)
	if status == http.StatusMovedPermanently {
		to := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusFound) // not cached: the preview changes
		return
	}
	if strings.HasPrefix(path.Clean("/"+r.URL.Path), "/assets/") {
		// Named by their content (site.1a2b3c4d.css): a reload need not
		// fetch them again.
		w.Header().Set("Cache-Control", "max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	if name == "" {
		http.NotFound(w, r)
		return
	}
	if status == http.StatusOK && !strings.HasSuffix(name, ".html") {
		http.ServeFile(w, r, name)
		return
	}
	data, err := os.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
		data = slices.Concat(data[:i], liveTag, data[i:])
	} else {
		data = append(data, liveTag...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(data)
}
