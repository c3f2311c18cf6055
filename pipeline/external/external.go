// Package external checks that http(s) links answer: concurrently, with a
// limit per host, honouring 429 Too Many Requests and Retry-After, with
// timeouts, HEAD first and GET when a server refuses HEAD, and a cache of
// the links that worked.
package external

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Options configures a check.
type Options struct {
	Workers       int           // requests under way at once, all hosts (default 8)
	PerHost       int           // requests under way at once to one host (default 2)
	Timeout       time.Duration // for one request (default 15s)
	Retries       int           // retries after 429/503 or a timeout (default 2)
	MaxRetryAfter time.Duration // longest Retry-After honoured (default 60s); longer is a failure
	MaxRedirects  int           // redirects followed (default 10)
	// CacheFile keeps the links that worked, with when; CacheMaxAge is how
	// long such a result is trusted (default 7 days).
	CacheFile   string
	CacheMaxAge time.Duration
	Ignore      []string // URL patterns never checked: globs with *, or "re:" regular expressions
	UserAgent   string
	Client      *http.Client // default: one with Timeout and no automatic redirects
	Now         func() time.Time
	Sleep       func(ctx context.Context, d time.Duration) error // for tests
}

// DefaultIgnore are the placeholder hosts of documentation examples; the
// configuration adds them to its ignore list.
var DefaultIgnore = []string{
	"http*://localhost*", "http*://127.0.0.1*", "http*://[::1]*",
	"http*://contoso.com*", "http*://*.contoso.com*", "http*://fabrikam.com*", "http*://*.fabrikam.com*",
	"http*://example.com*", "http*://*.example.com*", "http*://example.org*", "http*://example.net*",
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.Retries < 0 {
		o.Retries = 0
	} else if o.Retries == 0 {
		o.Retries = 2
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 60 * time.Second
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.CacheMaxAge <= 0 {
		o.CacheMaxAge = 7 * 24 * time.Hour
	}
	if o.UserAgent == "" {
		o.UserAgent = "helpsite-linkcheck/1 (+https://github.com/helpsite/helpsite)"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Client == nil {
		o.Client = &http.Client{
			Timeout:       o.Timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Result is what one URL answered.
type Result struct {
	URL     string
	Status  int    // the last HTTP status; 0 when there was no answer
	Err     string // why there was no usable answer
	Final   string // where a permanent redirect leads ("" when none)
	Cached  bool
	Ignored bool
}

// OK reports whether the link works.
func (r Result) OK() bool { return r.Ignored || r.Err == "" && r.Status >= 200 && r.Status < 400 }

// Check checks every URL once and returns the results by URL.
func Check(ctx context.Context, urls []string, opt Options) map[string]Result {
	opt.defaults()
	c := &checker{opt: opt, hosts: map[string]*host{}, cache: loadCache(opt.CacheFile)}
	ignore := compile(opt.Ignore)
	out := make(map[string]Result, len(urls))
	var mu sync.Mutex // out is written by this loop and by the workers
	put := func(u string, r Result) {
		mu.Lock()
		out[u] = r
		mu.Unlock()
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	seen := map[string]bool{}
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		if ignore(u) {
			put(u, Result{URL: u, Ignored: true})
			continue
		}
		if e, ok := c.cache[u]; ok && opt.Now().Sub(e.Checked) < opt.CacheMaxAge {
			put(u, Result{URL: u, Status: e.Status, Cached: true})
			continue
		}
		g.Go(func() error {
			put(u, c.check(gctx, u))
			return nil
		})
	}
	g.Wait()
	if opt.CacheFile != "" {
		c.saveCache(out)
	}
	return out
}

type checker struct {
	opt   Options
	mu    sync.Mutex
	hosts map[string]*host
	cache map[string]cacheEntry
}

// host limits the requests to one host and remembers a Retry-After pause.
type host struct {
	slots chan struct{}
	mu    sync.Mutex
	until time.Time // no request before this
}

func (c *checker) host(u *url.URL) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[u.Host]
	if h == nil {
		h = &host{slots: make(chan struct{}, c.opt.PerHost)}
		c.hosts[u.Host] = h
	}
	return h
}

// check follows a URL through its redirects.
func (c *checker) check(ctx context.Context, raw string) Result {
	res := Result{URL: raw}
	cur := raw
	permanent := true
	for hop := 0; ; hop++ {
		status, loc, err := c.fetch(ctx, cur)
		res.Status = status
		if err != nil {
			res.Err = err.Error()
			return res
		}
		switch status {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			if hop >= c.opt.MaxRedirects {
				res.Err = "too many redirects"
				return res
			}
			next, err := url.Parse(cur)
			if err == nil {
				next, err = next.Parse(loc)
			}
			if err != nil || loc == "" {
				res.Err = "redirect without a valid Location"
				return res
			}
			if status != http.StatusMovedPermanently && status != http.StatusPermanentRedirect {
				permanent = false
			}
			cur = next.String()
			continue
		}
		if cur != raw && permanent && status < 400 {
			res.Final = cur
		}
		if status >= 400 {
			res.Err = fmt.Sprintf("%d %s", status, http.StatusText(status))
		}
		return res
	}
}

// fetch asks for one URL: HEAD, then GET when HEAD is refused; it waits
// out 429/503 Retry-After pauses and retries timeouts.
func (c *checker) fetch(ctx context.Context, raw string) (int, string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return 0, "", fmt.Errorf("not a URL: %w", err)
	}
	h := c.host(u)
	method := http.MethodHead
	for attempt := 0; ; attempt++ {
		if err := c.wait(ctx, h); err != nil {
			return 0, "", err
		}
		status, loc, retryAfter, err := c.do(ctx, h, method, raw)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return 0, "", ctx.Err()
			}
			if attempt < c.opt.Retries && isTimeout(err) {
				continue
			}
			return 0, "", err
		case method == http.MethodHead && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented ||
			status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusBadRequest):
			// Some servers answer HEAD wrongly; GET decides.
			method = http.MethodGet
			attempt--
			continue
		case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
			if attempt >= c.opt.Retries {
				return status, "", nil
			}
			if retryAfter > c.opt.MaxRetryAfter {
				return status, "", fmt.Errorf("%d %s, retry after %v", status, http.StatusText(status), retryAfter)
			}
			if retryAfter <= 0 {
				retryAfter = time.Second << attempt
			}
			h.mu.Lock()
			if t := c.opt.Now().Add(retryAfter); t.After(h.until) {
				h.until = t // the whole host pauses, not just this link
			}
			h.mu.Unlock()
			continue
		}
		return status, loc, nil
	}
}

// wait sleeps until the host's pause is over.
func (c *checker) wait(ctx context.Context, h *host) error {
	h.mu.Lock()
	d := h.until.Sub(c.opt.Now())
	h.mu.Unlock()
	if d > 0 {
		return c.opt.Sleep(ctx, d)
	}
	return nil
}

// do sends one request while holding one of the host's slots.
func (c *checker) do(ctx context.Context, h *host, method, raw string) (status int, loc string, retryAfter time.Duration, err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, "", 0, ctx.Err()
	}
	defer func() { <-h.slots }()
	req, err := http.NewRequestWithContext(ctx, method, raw, nil)
	if err != nil {
		return 0, "", 0, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := c.opt.Client.Do(req)
	if err != nil {
		return 0, "", 0, simplify(err)
	}
	defer resp.Body.Close()
	io.CopyN(io.Discard, resp.Body, 64<<10) // let the connection be reused
	return resp.StatusCode, resp.Header.Get("Location"), parseRetryAfter(resp.Header.Get("Retry-After"), c.opt.Now()), nil
}

// parseRetryAfter reads seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// simplify turns a client error into a short reason.
func simplify(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errTimeout{}
		}
		return ue.Err
	}
	return err
}

type errTimeout struct{}

func (errTimeout) Error() string   { return "no answer before the timeout" }
func (errTimeout) Timeout() bool   { return true }
func (errTimeout) Temporary() bool { return true }

// compile turns ignore patterns into a matcher.
func compile(patterns []string) func(string) bool {
	var res []*regexp.Regexp
	for _, p := range patterns {
		if rest, ok := strings.CutPrefix(p, "re:"); ok {
			if re, err := regexp.Compile(rest); err == nil {
				res = append(res, re)
			}
			continue
		}
		q := regexp.QuoteMeta(p)
		res = append(res, regexp.MustCompile("(?i)^"+strings.ReplaceAll(q, `\*`, ".*")+"$"))
	}
	return func(u string) bool {
		return slices.ContainsFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(u) })
	}
}

type cacheEntry struct {
	Status  int       `json:"status"`
	Checked time.Time `json:"checked"`
}

func loadCache(file string) map[string]cacheEntry {
	m := map[string]cacheEntry{}
	if file == "" {
		return m
	}
	if b, err := os.ReadFile(file); err == nil {
		_ = json.Unmarshal(b, &m) // a damaged cache is an empty one
	}
	return m
}

// saveCache writes the successes, old and new (never failures: a link that
// failed is checked again next time).
func (c *checker) saveCache(results map[string]Result) {
	for u, r := range results {
		if !r.Cached && !r.Ignored && r.OK() && r.Final == "" {
			c.cache[u] = cacheEntry{Status: r.Status, Checked: c.opt.Now()}
		}
	}
	for u, e := range c.cache {
		if c.opt.Now().Sub(e.Checked) >= c.opt.CacheMaxAge {
			delete(c.cache, u)
		}
	}
	b, err := json.MarshalIndent(c.cache, "", "  ")
	if err != nil {
		return
	}
	tmp := c.opt.CacheFile + ".tmp"
	if os.WriteFile(tmp, b, 0o644) == nil {
		os.Rename(tmp, c.opt.CacheFile)
	}
}
