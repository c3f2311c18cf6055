package external

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// server answers by path; it counts requests per path and method.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request)) *server {
	s := &server{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

// noSleep records pauses instead of sleeping.
type noSleep struct {
	mu     sync.Mutex
	pauses []time.Duration
}

func (n *noSleep) sleep(_ context.Context, d time.Duration) error {
	n.mu.Lock()
	n.pauses = append(n.pauses, d)
	n.mu.Unlock()
	return nil
}

func TestStatuses(t *testing.T) {
	var throttled atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/moved-twice":
			http.Redirect(w, r, "/moved", http.StatusPermanentRedirect)
		case "/temporary":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/gone":
			http.NotFound(w, r)
		case "/broken-redirect":
			http.Redirect(w, r, "/gone", http.StatusMovedPermanently)
		case "/throttled":
			if throttled.Add(1) == 1 {
				w.Header().Set("Retry-After", "3")
				w.WriteHeader(http.StatusTooManyRequests)
			}
		case "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/server-error":
			w.WriteHeader(http.StatusInternalServerError)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	})
	ns := &noSleep{}
	urls := []string{"/ok", "/moved", "/moved-twice", "/temporary", "/gone", "/broken-redirect", "/throttled", "/no-head", "/server-error", "/loop"}
	for i, u := range urls {
		urls[i] = s.URL + u
	}
	got := Check(context.Background(), urls, Options{Sleep: ns.sleep, MaxRedirects: 5})
	want := map[string]struct {
		ok     bool
		status int
		final  string
	}{
		"/ok":              {true, 200, ""},
		"/moved":           {true, 200, "/ok"},
		"/moved-twice":     {true, 200, "/ok"},
		"/temporary":       {true, 200, ""},
		"/gone":            {false, 404, ""},
		"/broken-redirect": {false, 404, ""},
		"/throttled":       {true, 200, ""},
		"/no-head":         {true, 200, ""},
		"/server-error":    {false, 500, ""},
		"/loop":            {false, 302, ""},
	}
	for p, w := range want {
		r := got[s.URL+p]
		final := ""
		if r.Final != "" {
			final = r.Final[len(s.URL):]
		}
		if r.OK() != w.ok || r.Status != w.status || final != w.final {
			t.Errorf("%s: ok=%v status=%d final=%q err=%q; want ok=%v status=%d final=%q", p, r.OK(), r.Status, final, r.Err, w.ok, w.status, w.final)
		}
	}
	// The 429 pauses the whole host (every request to it that follows),
	// for the 3 seconds of Retry-After: the stub sleeps without the clock
	// moving, so each later request waits once.
	if len(ns.pauses) == 0 {
		t.Error("no pause after 429 with Retry-After")
	}
	for _, p := range ns.pauses {
		if p < 2*time.Second || p > 3*time.Second {
			t.Errorf("pause %v; want about 3s (Retry-After)", p)
		}
	}
	if n := s.count("GET /no-head"); n != 1 {
		t.Errorf("GET /no-head sent %d times; want 1 after HEAD was refused", n)
	}
	if n := s.count("GET /ok") + s.count("HEAD /ok"); n == 0 {
		t.Error("/ok was never requested")
	}
}

// TestRetryAfterTooLong: a host that asks for a longer pause than allowed
// is a failure, not a long wait.
func TestRetryAfterTooLong(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	ns := &noSleep{}
	r := Check(context.Background(), []string{s.URL + "/x"}, Options{Sleep: ns.sleep, MaxRetryAfter: time.Minute})[s.URL+"/x"]
	if r.OK() || r.Status != 429 || len(ns.pauses) != 0 {
		t.Errorf("result %+v, pauses %v; want a 429 failure without waiting", r, ns.pauses)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	start := time.Now()
	r := Check(context.Background(), []string{s.URL + "/slow"}, Options{Timeout: 100 * time.Millisecond, Retries: 1})[s.URL+"/slow"]
	if r.OK() || r.Err != "no answer before the timeout" {
		t.Errorf("result %+v; want a timeout", r)
	}
	if n := s.count("HEAD /slow"); n != 2 {
		t.Errorf("%d attempts; want 2 (one retry)", n)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestPerHostLimit: a slow host never has more requests under way than
// the limit, while other hosts go on.
func TestPerHostLimit(t *testing.T) {
	var inFlight, peak atomic.Int32
	slow := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
	})
	fast := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	var urls []string
	for i := range 12 {
		urls = append(urls, fmt.Sprintf("%s/page/%d", slow.URL, i), fmt.Sprintf("%s/page/%d", fast.URL, i))
	}
	got := Check(context.Background(), urls, Options{Workers: 8, PerHost: 2})
	for _, u := range urls {
		if !got[u].OK() {
			t.Errorf("%s: %+v", u, got[u])
		}
	}
	if p := peak.Load(); p > 2 || p < 1 {
		t.Errorf("peak of %d requests at once on the slow host; want at most 2", p)
	}
}

func TestCacheAndIgnore(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
		}
	})
	cache := filepath.Join(t.TempDir(), "links.json")
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	opt := Options{CacheFile: cache, CacheMaxAge: time.Hour, Now: func() time.Time { return now },
		Ignore: append([]string{s.URL + "/private/*"}, DefaultIgnore[3:]...)} // loopback is where the test server lives
	urls := []string{s.URL + "/ok", s.URL + "/gone", s.URL + "/private/x", "https://www.contoso.com/placeholder"}

	first := Check(context.Background(), urls, opt)
	if !first[s.URL+"/ok"].OK() || first[s.URL+"/gone"].OK() {
		t.Fatalf("first run: %+v", first)
	}
	if !first[s.URL+"/private/x"].Ignored || !first["https://www.contoso.com/placeholder"].Ignored {
		t.Errorf("ignored URLs were checked: %+v", first)
	}
	if n := s.count("HEAD /private/x") + s.count("GET /private/x"); n != 0 {
		t.Errorf("an ignored URL was requested %d times", n)
	}

	// Within the cache's age: the success is not asked again, the failure is.
	second := Check(context.Background(), urls, opt)
	if !second[s.URL+"/ok"].Cached || second[s.URL+"/gone"].Cached {
		t.Errorf("second run: %+v", second)
	}
	if n := s.count("HEAD /ok"); n != 1 {
		t.Errorf("/ok asked %d times; want once (then cached)", n)
	}
	// Past the cache's age: asked again.
	now = now.Add(2 * time.Hour)
	third := Check(context.Background(), urls, opt)
	if third[s.URL+"/ok"].Cached || s.count("HEAD /ok") != 2 {
		t.Errorf("an expired cache entry was used: %+v", third[s.URL+"/ok"])
	}
}
