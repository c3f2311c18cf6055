package main

import (
	"compress/gzip"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// wireLog records what the server sent: for each request, the response
// headers and body as they went on the wire (gzip'd when compressed). It is
// how transfer sizes are counted: Pagefind 1.6 fetches its index from a Web
// Worker, whose requests the DevTools protocol reports on the worker's own
// target, not on the page's; counting at the server sees every request.
type wireLog struct {
	mu       sync.Mutex
	inflight int
	sent     []transfer
}

func (l *wireLog) begin() {
	l.mu.Lock()
	l.inflight++
	l.mu.Unlock()
}

func (l *wireLog) end(u string, n int64) {
	l.mu.Lock()
	l.inflight--
	l.sent = append(l.sent, transfer{URL: u, Bytes: n})
	l.mu.Unlock()
}

// take waits until no request is in flight (at most 5 s) and returns and
// forgets what was sent since the last take.
func (l *wireLog) take() []transfer {
	deadline := time.Now().Add(5 * time.Second)
	for {
		l.mu.Lock()
		if l.inflight == 0 || time.Now().After(deadline) {
			out := l.sent
			l.sent = nil
			l.mu.Unlock()
			return out
		}
		l.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
}

// countingWriter counts the bytes of a response: the status line and
// headers as net/http writes them (Date included; chunk framing not), and
// the body.
type countingWriter struct {
	http.ResponseWriter
	n           int64
	wroteHeader bool
}

func (w *countingWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		n := len(fmt.Sprintf("HTTP/1.1 %d %s\r\n", code, http.StatusText(code)))
		n += len("Date: Mon, 02 Jan 2006 15:04:05 GMT\r\n")
		for k, vs := range w.Header() {
			for _, v := range vs {
				n += len(k) + 2 + len(v) + 2
			}
		}
		if w.Header().Get("Content-Length") == "" {
			n += len("Transfer-Encoding: chunked\r\n")
		}
		w.n += int64(n + 2)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// serve serves dir under basePath on a loopback port, the way GitHub Pages
// does as far as transfer sizes go: gzip for text types (text/*,
// application/json, application/javascript, image/svg+xml) when the client
// accepts it, nothing else compressed (Pagefind's .pf_* files are already
// gzip data, its .wasm goes as it is), unknown extensions as
// application/octet-stream, Cache-Control: max-age=600, no ranges.
// It returns the site's base URL (ending in "/") and a func that stops it.
func serve(dir, basePath string, log *wireLog) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	files := http.FileServer(http.Dir(dir))
	var h http.Handler = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		log.begin()
		cw := &countingWriter{ResponseWriter: rw}
		defer func() { log.end("http://"+r.Host+basePath+strings.TrimPrefix(r.URL.Path, "/"), cw.n) }()
		var w http.ResponseWriter = cw
		r.Header.Del("Range")
		w.Header().Set("Cache-Control", "max-age=600")
		if ext := path.Ext(r.URL.Path); ext != "" && mime.TypeByExtension(ext) == "" {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		files.ServeHTTP(gw, r)
	})
	if basePath != "/" {
		h = http.StripPrefix(strings.TrimSuffix(basePath, "/"), h)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	return "http://" + ln.Addr().String() + basePath, func() { srv.Close() }, nil
}

// compressible reports whether GitHub Pages would gzip a response of this
// Content-Type.
func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch {
	case strings.HasPrefix(ct, "text/"):
		return true
	case ct == "application/json", ct == "application/javascript", ct == "image/svg+xml":
		return true
	}
	return false
}

// gzipWriter compresses the body when the response is a 200 of a
// compressible type; the choice is made at WriteHeader.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (w *gzipWriter) WriteHeader(code int) {
	if !w.decided {
		w.decided = true
		h := w.Header()
		if code == http.StatusOK && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			h.Add("Vary", "Accept-Encoding")
			w.gz = gzip.NewWriter(w.ResponseWriter)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	if !w.decided {
		w.WriteHeader(http.StatusOK)
	}
	if w.gz != nil {
		return w.gz.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

func (w *gzipWriter) close() {
	if w.gz != nil {
		w.gz.Close()
	}
}
