package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/templates"
)

// layered reads a file from the override file system first, then from
// the embedded templates.
type layered struct{ over, base fs.FS }

func (l layered) read(name string) ([]byte, error) {
	if l.over != nil {
		b, err := fs.ReadFile(l.over, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return fs.ReadFile(l.base, name)
}

// names lists the files matching a glob in either layer, sorted.
func (l layered) names(glob string) []string {
	var out []string
	for _, f := range []fs.FS{l.base, l.over} {
		if f == nil {
			continue
		}
		m, _ := fs.Glob(f, glob)
		for _, n := range m {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (b *builder) layers() layered { return layered{over: b.opt.Templates, base: templates.FS} }

// loadTemplates parses every *.html template (overrides win by name) and
// names the hashed assets.
func (b *builder) loadTemplates() error {
	l := b.layers()
	b.info = SiteInfo{Title: b.opt.Title, Footer: b.opt.Footer, Base: b.basePath, Home: b.href("/"), Search: b.href("/search/"),
		Feed: b.href("/feed.xml"), Assets: map[string]string{}}
	for _, n := range l.names("assets/*") {
		data, err := l.read(n)
		if err != nil {
			return fmt.Errorf("site: asset %s: %w", n, err)
		}
		name := path.Base(n)
		b.info.Assets[name] = b.href("/" + hashedName(name, data))
	}
	b.info.CSS = b.info.Assets["site.css"]
	t := template.New("site")
	for _, n := range l.names("*.html") {
		data, err := l.read(n)
		if err != nil {
			return fmt.Errorf("site: template %s: %w", n, err)
		}
		if _, err := t.New(n).Parse(string(data)); err != nil {
			return fmt.Errorf("site: template %w", err)
		}
	}
	for _, need := range []string{"page.html", "listing.html", "home.html", "redirect.html", "404.html"} {
		if t.Lookup(need) == nil {
			return fmt.Errorf("site: template %s is missing", need)
		}
	}
	b.tmpl = t
	return nil
}

// hashedName puts the first 8 hex digits of the content's SHA-256 before
// the extension: site.css -> assets/site.1a2b3c4d.css.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// writeAssets writes the assets under their hashed names.
func (b *builder) writeAssets() error {
	l := b.layers()
	for _, n := range l.names("assets/*") {
		data, err := l.read(n)
		if err != nil {
			return fmt.Errorf("site: asset %s: %w", n, err)
		}
		if err := b.out.write(hashedName(path.Base(n), data), data); err != nil {
			return err
		}
	}
	return nil
}
