package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/source"
)

// URLs here are site paths: they start and, for pages, end with "/", and do
// not carry the base path of Options.BaseURL; href adds it.

// pageURL returns the URL of the page built from the Markdown (or YAML)
// file at p: its docset URL with a trailing slash; outside any docset (or
// in one without a base) "/" + the path less its extension, index mapping
// to its folder. It reports false for a file its docset does not build.
func pageURL(ds docfx.Set, p string) (string, bool) {
	if d := ds.For(p); d != nil && d.Base != "" {
		rel, _ := d.Rel(p)
		u, ok := d.URL(rel)
		if !ok {
			return "", false
		}
		return slash(u), true
	}
	r := strings.TrimSuffix(p, path.Ext(p))
	switch {
	case r == "index":
		r = ""
	case strings.HasSuffix(r, "/index"):
		r = strings.TrimSuffix(r, "index")
	}
	return slash("/" + r), true
}

// resourceURL returns the URL of a resource file (an image, a PDF): the
// docset mapping of its folder (the content group's src dropped, its dest
// and the docset base added), the file name kept; outside docsets its own
// path.
func resourceURL(ds docfx.Set, p string) string {
	if d := ds.For(p); d != nil {
		rel, _ := d.Rel(p)
		if u, ok := d.ResourceURL(rel); ok {
			return u
		}
	}
	return "/" + p
}

// slash makes a URL path end with "/".
func slash(u string) string {
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// outPath returns the file (slash path relative to the output folder) a
// site URL is written to.
func outPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// escapePath percent-encodes a URL path for an href.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// isPageFile reports whether a file of the tree is built into a page.
func isPageFile(k source.Kind) bool { return k == source.Markdown }

// slug turns a metadata value into a URL segment: lower case, letters and
// digits, runs of anything else as one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
