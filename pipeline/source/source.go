// Package source walks a content tree and sorts its files by what they are:
// Markdown articles, docfx.json, toc.yml, redirection files, images and other
// resources. It skips the junk a real content repository carries.
package source

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Kind is what a file in the content tree is.
type Kind int

const (
	Other     Kind = iota // a resource copied as is (PDF, ZIP, ...)
	Markdown              // .md: an article or an include
	DocFX                 // docfx.json
	TOC                   // toc.yml
	Redirects             // .openpublishing.redirection*.json
	Image                 // png, jpg, gif, svg, ...
	YAMLPage              // another .yml (a landing page)
	Config                // helpsite.yaml at the root
)

var kindNames = [...]string{"other", "markdown", "docfx", "toc", "redirects", "image", "yaml-page", "config"}

func (k Kind) String() string { return kindNames[k] }

// ConfigName is the name of the optional configuration file at the root.
const ConfigName = "helpsite.yaml"

// File is one file of the tree.
type File struct {
	Path string // slash path relative to the root
	Kind Kind
}

// Tree is the list of files under a root, sorted by path.
type Tree struct {
	FS      fs.FS
	Files   []File
	Skipped []string // symlinks that leave the root, unreadable folders
	index   map[string]int
	folded  map[string][]string // lower-case path -> paths
}

// Walk lists the files of fsys. Errors reading a folder are recorded in
// Skipped, not returned; only an unreadable root is an error. The folders
// named in skip (slash paths relative to the root, such as the site's own
// output folder) are left out.
func Walk(fsys fs.FS, skip ...string) (*Tree, error) {
	if _, err := fs.Stat(fsys, "."); err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	t := &Tree{FS: fsys}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			t.Skipped = append(t.Skipped, p)
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (skipDir(name) || slices.Contains(skip, p)) {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Links are kept only when they name a file: a link to a folder
			// is not followed (WalkDir never does), and under an os.Root file
			// system a link that leaves the root does not resolve at all.
			if fi, err := fs.Stat(fsys, p); err != nil || !fi.Mode().IsRegular() {
				t.Skipped = append(t.Skipped, p)
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if junk(name) {
			return nil
		}
		t.Files = append(t.Files, File{Path: p, Kind: kindOf(p)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	slices.SortFunc(t.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	t.index = make(map[string]int, len(t.Files))
	t.folded = make(map[string][]string, len(t.Files))
	for i, f := range t.Files {
		t.index[f.Path] = i
		k := strings.ToLower(f.Path)
		t.folded[k] = append(t.folded[k], f.Path)
	}
	return t, nil
}

// Lookup returns the file at the exact (case-sensitive) path.
func (t *Tree) Lookup(p string) (File, bool) {
	i, ok := t.index[p]
	if !ok {
		return File{}, false
	}
	return t.Files[i], true
}

// LookupFold returns the paths that equal p apart from letter case.
func (t *Tree) LookupFold(p string) []string { return t.folded[strings.ToLower(p)] }

// PageForms are what a page link "x" may name but x itself: x.md, x.yml, a
// folder's index page.
var PageForms = []string{".md", ".yml", "/index.md", "/index.yml"}

// Find looks up the file a link names, as links are judged: exactly
// (letter case counts); a page link may leave out .md/.yml or name a folder
// with an index page. It returns the file, or "" and the files that match
// but for letter case.
func (t *Tree) Find(p string, page bool) (string, []string) {
	cands := []string{p}
	if page && (strings.HasSuffix(p, "/") || path.Ext(p) == "") {
		base := strings.TrimSuffix(p, "/")
		for _, f := range PageForms {
			cands = append(cands, base+f)
		}
	}
	var fold []string
	for _, cand := range cands {
		cand = strings.TrimSuffix(cand, "/")
		if _, ok := t.Lookup(cand); ok {
			return cand, nil
		}
		if fold == nil {
			fold = t.LookupFold(cand)
		}
	}
	return "", fold
}

// Of returns the files of one kind, in path order.
func (t *Tree) Of(k Kind) []File {
	var out []File
	for _, f := range t.Files {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// ReadFile reads a file of the tree.
func (t *Tree) ReadFile(p string) ([]byte, error) {
	b, err := fs.ReadFile(t.FS, p)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	return b, nil
}

func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules" || name == "_site"
}

func junk(name string) bool {
	switch strings.ToLower(name) {
	case "desktop.ini", "thumbs.db", "ehthumbs.db", ".ds_store":
		return true
	}
	if strings.HasPrefix(name, ".") {
		return !isRedirects(name)
	}
	return strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~")
}

func isRedirects(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, ".openpublishing.redirection") && strings.HasSuffix(l, ".json")
}

var imageExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".bmp": true, ".ico": true, ".avif": true, ".tif": true, ".tiff": true,
}

func kindOf(p string) Kind {
	name := path.Base(p)
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	switch {
	case p == ConfigName:
		return Config
	case isRedirects(name):
		return Redirects
	case lower == "docfx.json":
		return DocFX
	case lower == "toc.yml" || lower == "toc.yaml":
		return TOC
	case ext == ".md" || ext == ".markdown":
		return Markdown
	case ext == ".yml" || ext == ".yaml":
		return YAMLPage
	case imageExts[ext]:
		return Image
	}
	return Other
}

// Ignored reports whether Walk leaves out the file or folder at the slash
// path rel (relative to the tree's root): hidden and tool folders, editor
// and system junk. A watcher of the tree uses it to tell content from the
// rest.
func Ignored(rel string, dir bool) bool {
	for _, seg := range strings.Split(rel, "/") {
		if seg == "." || seg == "" {
			continue
		}
		if skipDir(seg) && (dir || seg != path.Base(rel)) {
			return true
		}
	}
	name := path.Base(rel)
	return !dir && junk(name)
}
