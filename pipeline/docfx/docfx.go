// Package docfx reads the docfx.json of a Learn docset: which files the
// docset builds (build.content), and the metadata its articles inherit
// (build.globalMetadata, build.fileMetadata), with the place of every value
// so a finding about an inherited value can say where it came from.
package docfx

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/internal/jsonpos"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Docset is one docfx.json and the folder it governs.
type Docset struct {
	Dir     string // slash path of the folder holding docfx.json; "." for the root
	File    string // slash path of docfx.json
	Content []Group
	// Global is build.globalMetadata in file order.
	Global []Value
	// FileMeta is build.fileMetadata flattened to (key, glob) pairs in file
	// order: for one key, a later glob that matches wins.
	FileMeta []Value
	// Err is set when docfx.json is not valid JSON; the docset then has no
	// content groups and no metadata.
	Err  *jsonpos.Error
	text *source.Text
	// Base is the URL path the docset is published under, such as
	// "/office/troubleshoot/". By default it is read from
	// globalMetadata.breadcrumb_path ("<base>breadcrumb/toc.json"); the
	// configuration may set it. "" when unknown.
	Base string
}

// baseFromBreadcrumb turns "/office/troubleshoot/breadcrumb/toc.json" into
// "/office/troubleshoot/".
func baseFromBreadcrumb(p string) string {
	p = strings.TrimSpace(p)
	if !strings.HasPrefix(p, "/") {
		return ""
	}
	dir := path.Dir(p) // .../breadcrumb
	if strings.EqualFold(path.Base(dir), "breadcrumb") {
		dir = path.Dir(dir)
	}
	if dir == "/" {
		return "/"
	}
	return dir + "/"
}

// URL returns the URL path a file of the docset is published at (rel is
// relative to Dir): the base, the content group's dest, and the path under
// its src without the extension; "index" maps to its folder. It reports
// false when the docset has no base or does not build the file.
func (d *Docset) URL(rel string) (string, bool) {
	if d.Base == "" {
		return "", false
	}
	for _, g := range d.groups() {
		r, ok := g.under(rel)
		if !ok {
			continue
		}
		if g.Files != nil && (!matchAny(g.Files, r) || matchAny(g.Exclude, r)) {
			continue
		}
		r = strings.TrimSuffix(r, path.Ext(r))
		if r == "index" {
			r = ""
		} else if strings.HasSuffix(r, "/index") {
			r = strings.TrimSuffix(r, "index")
		}
		return path.Join(d.Base, g.Dest) + "/" + r, true
	}
	return "", false
}

// ResourceURL returns the URL path a resource of the docset (an image, a
// PDF; rel is relative to Dir) is published at: its place under the first
// content group's src that holds it, below the base and the group's dest,
// the file name kept. It reports false when the docset has no base.
func (d *Docset) ResourceURL(rel string) (string, bool) {
	if d.Base == "" {
		return "", false
	}
	for _, g := range d.groups() {
		if r, ok := g.under(rel); ok {
			return path.Join(d.Base, g.Dest, r), true
		}
	}
	return "", false
}

// under returns rel relative to the group's src, if it lies there.
func (g Group) under(rel string) (string, bool) {
	if g.Src == "" {
		return rel, true
	}
	return strings.CutPrefix(rel, g.Src+"/")
}

// groups returns the content groups, or one group for the whole folder.
func (d *Docset) groups() []Group {
	if len(d.Content) == 0 {
		return []Group{{}}
	}
	return d.Content
}

// Lines indexes docfx.json, to turn value offsets into positions.
func (d *Docset) Lines() *diag.Lines { return d.text.Lines() }

// Group is one entry of build.content.
type Group struct {
	Src     string // slash path relative to Dir; "" for Dir itself
	Dest    string // the URL folder its files are published under; "" for the base
	Files   []string
	Exclude []string
}

// Value is one metadata value from docfx.json.
type Value struct {
	Key      string
	Glob     string // fileMetadata only
	KeyStart int    // offsets into docfx.json
	Node     *jsonpos.Node
}

// Parse reads docfx.json found at file (a slash path in the content tree).
func Parse(file string, text *source.Text) *Docset {
	d := &Docset{Dir: path.Dir(file), File: file, text: text}
	root, err := jsonpos.Parse(text.Bytes)
	if err != nil {
		d.Err = err.(*jsonpos.Error)
		return d
	}
	build := root.Get("build")
	if build == nil {
		return d
	}
	if content := build.Get("content"); content != nil {
		for _, item := range content.Items {
			g := Group{Src: cleanSrc(str(item.Get("src"))), Dest: cleanSrc(str(item.Get("dest")))}
			g.Files = strs(item.Get("files"))
			g.Exclude = strs(item.Get("exclude"))
			d.Content = append(d.Content, g)
		}
	}
	if gm := build.Get("globalMetadata"); gm != nil {
		for _, f := range gm.Fields {
			d.Global = append(d.Global, Value{Key: f.Key, KeyStart: f.KeyStart, Node: f.Value})
		}
		if bc := gm.Get("breadcrumb_path"); bc != nil && bc.Kind == jsonpos.String {
			d.Base = baseFromBreadcrumb(bc.Str)
		}
	}
	if fm := build.Get("fileMetadata"); fm != nil {
		for _, f := range fm.Fields {
			for _, g := range f.Value.Fields {
				d.FileMeta = append(d.FileMeta, Value{Key: f.Key, Glob: g.Key, KeyStart: g.KeyStart, Node: g.Value})
			}
		}
	}
	return d
}

func cleanSrc(s string) string {
	s = strings.Trim(strings.ReplaceAll(s, `\`, "/"), "/")
	if s == "." {
		return ""
	}
	return path.Clean("/" + s)[1:]
}

func str(n *jsonpos.Node) string {
	if n == nil || n.Kind != jsonpos.String {
		return ""
	}
	return n.Str
}

func strs(n *jsonpos.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == jsonpos.String {
		return []string{n.Str}
	}
	var out []string
	for _, it := range n.Items {
		if it.Kind == jsonpos.String {
			out = append(out, it.Str)
		}
	}
	return out
}

// Rel returns p relative to the docset folder, and whether p lies inside it.
func (d *Docset) Rel(p string) (string, bool) {
	if d.Dir == "." {
		return p, true
	}
	if rest, ok := strings.CutPrefix(p, d.Dir+"/"); ok {
		return rest, true
	}
	return "", false
}

// Builds reports whether the docset builds the file at rel (relative to
// Dir): some content group's files match it and none of its excludes do.
// A docset without content groups builds everything.
func (d *Docset) Builds(rel string) bool {
	if len(d.Content) == 0 {
		return true
	}
	for _, g := range d.Content {
		r := rel
		if g.Src != "" {
			var ok bool
			if r, ok = strings.CutPrefix(rel, g.Src+"/"); !ok {
				continue
			}
		}
		if matchAny(g.Files, r) && !matchAny(g.Exclude, r) {
			return true
		}
	}
	return false
}

func matchAny(globs []string, p string) bool {
	for _, g := range globs {
		if Match(g, p) {
			return true
		}
	}
	return false
}

// Match reports whether a DocFX glob matches a slash path. DocFX globs are
// matched without regard to letter case; "**" spans any number of folders,
// none included.
func Match(glob, p string) bool {
	glob = strings.TrimPrefix(strings.ReplaceAll(glob, `\`, "/"), "./")
	ok, err := doublestar.Match(strings.ToLower(glob), strings.ToLower(p))
	return err == nil && ok
}

// Set is every docset of a content tree.
type Set []*Docset

// For returns the docset governing p: the one whose folder is the deepest
// ancestor of p, or nil.
func (s Set) For(p string) *Docset {
	var best *Docset
	for _, d := range s {
		if _, ok := d.Rel(p); ok && (best == nil || depth(d.Dir) > depth(best.Dir)) {
			best = d
		}
	}
	return best
}

func depth(dir string) int {
	if dir == "." {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

// URLKey is how site URLs compare, as on Learn: without query, fragment,
// trailing slash or letter case.
func URLKey(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return strings.ToLower(strings.TrimSuffix(u, "/"))
}

// Root returns the folder that "~/" links of the file p start from: the
// folder of its docset, or "." outside any.
func (s Set) Root(p string) string {
	if d := s.For(p); d != nil {
		return d.Dir
	}
	return "."
}

// Within reports whether a site-relative URL path lies under the base of a
// docset of the set (URLs compare without regard to letter case).
func (s Set) Within(urlPath string) bool {
	l := strings.ToLower(urlPath)
	for _, d := range s {
		if d.Base != "" && d.Base != "/" && strings.HasPrefix(l+"/", strings.ToLower(d.Base)) {
			return true
		}
	}
	return false
}

// URLOf returns the URL path of a file of the content tree, through the
// docset that governs it.
func (s Set) URLOf(p string) (string, bool) {
	d := s.For(p)
	if d == nil {
		return "", false
	}
	rel, _ := d.Rel(p)
	return d.URL(rel)
}
