package site

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Resolve tells which file of a site built into out GitHub Pages serves
// for the URL path urlPath (base path removed), and with what status:
//
//   - a file: itself (200);
//   - a folder with an index.html: that file (200), or, when urlPath lacks
//     its trailing slash, a redirect to the path with one (301, file "");
//   - a path without a trailing slash whose .html file exists (the redirect
//     pages, old/path.html at /old/path): that file (200);
//   - anything else: the site's 404.html (404; file "" when there is none).
//
// The servers that show a built site (helpsite serve, the browser tests)
// all answer as Pages does through it.
func Resolve(out, urlPath string) (file string, status int) {
	p := path.Clean("/" + urlPath)
	name := filepath.Join(out, filepath.FromSlash(p))
	isFile := func(n string) bool {
		st, err := os.Stat(n)
		return err == nil && st.Mode().IsRegular()
	}
	if st, err := os.Stat(name); err == nil {
		switch {
		case st.Mode().IsRegular():
			return name, http.StatusOK
		case st.IsDir() && isFile(filepath.Join(name, "index.html")):
			if !strings.HasSuffix(urlPath, "/") {
				return "", http.StatusMovedPermanently
			}
			return filepath.Join(name, "index.html"), http.StatusOK
		}
	}
	if !strings.HasSuffix(urlPath, "/") && isFile(name+".html") {
		return name + ".html", http.StatusOK
	}
	if nf := filepath.Join(out, "404.html"); isFile(nf) {
		return nf, http.StatusNotFound
	}
	return "", http.StatusNotFound
}
