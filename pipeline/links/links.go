// Package links gathers every reference an article makes (Markdown and
// HTML links and images, DocFX :::image and [!INCLUDE], toc.yml hrefs),
// tells what each destination is, resolves relative ones to files of the
// content tree, and keeps the link graph: who links to whom. The checks and
// the site builder share it, so a link that lints clean also works in the
// built site.
package links

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/markdown"
)

// Kind is what a reference is for.
type Kind int

const (
	Link     Kind = iota // a link to a page or a resource
	Image                // an image shown in the page
	Lightbox             // the full-size image of a :::image
	Include              // [!INCLUDE]: content pulled into the page
	TOC                  // an href of a toc.yml
)

func (k Kind) String() string {
	return [...]string{"link", "image", "lightbox", "include", "toc"}[k]
}

// Ref is one reference.
type Ref struct {
	From   string // the referring file, relative to the content root
	Kind   Kind
	Syntax markdown.RefKind // for Link and Image: how it was written
	DocFX  bool             // a :::image source or lightbox
	Dest   string           // the destination as written
	// Start and End are the destination's byte range in the referring
	// file's text; Start is the construct's start when the destination
	// could not be found.
	Start, End int
	Alt        string // images: the alternative text
	HasAlt     bool
	// Image is the whole tag of a DocFX image (its offsets relative to the
	// body); TagStart and TagEnd are its range in the file.
	Image            *markdown.Image
	TagStart, TagEnd int
}

// Collect returns the references of an article's body in document order.
func Collect(a *article.Article) []Ref {
	doc := a.Doc
	base := a.BodyStart
	includes := doc.Includes()
	// goldmark reads the [title](path) inside [!INCLUDE [title](path)] as a
	// link of its own; it is the include.
	inInclude := func(off int) bool {
		return slices.ContainsFunc(includes, func(in markdown.Include) bool { return off >= in.Start && off < in.End })
	}
	var out []Ref
	for _, r := range doc.Refs() {
		if r.Kind == markdown.RefLink && inInclude(r.DestStart) {
			continue
		}
		kind := Link
		if r.Kind == markdown.RefImage || r.Kind == markdown.RefHTMLImage {
			kind = Image
		}
		out = append(out, Ref{
			From: a.Path, Kind: kind, Syntax: r.Kind, Dest: r.Dest,
			Start: base + r.DestStart, End: base + r.DestEnd, Alt: r.Alt, HasAlt: r.HasAlt,
		})
	}
	for _, im := range doc.Images() {
		img := im
		ref := Ref{From: a.Path, Kind: Image, DocFX: true, Start: base + im.Start, End: base + im.End,
			Image: &img, TagStart: base + im.Start, TagEnd: base + im.End}
		if src, ok := im.Get("source"); ok {
			ref.Dest, ref.Start, ref.End = src.Value, base+src.ValueStart, base+src.ValueEnd
		}
		if alt, ok := im.Get("alt-text"); ok {
			ref.Alt, ref.HasAlt = alt.Value, true
		}
		out = append(out, ref)
		if lb, ok := im.Get("lightbox"); ok {
			out = append(out, Ref{From: a.Path, Kind: Lightbox, DocFX: true, Dest: lb.Value,
				Start: base + lb.ValueStart, End: base + lb.ValueEnd, Image: &img, TagStart: base + im.Start, TagEnd: base + im.End})
		}
	}
	for _, in := range includes {
		out = append(out, Ref{From: a.Path, Kind: Include, Dest: in.Path, Start: base + in.PathStart, End: base + in.PathEnd})
	}
	slices.SortStableFunc(out, func(x, y Ref) int { return x.Start - y.Start })
	return out
}

// TargetKind classifies a destination.
type TargetKind int

const (
	Empty        TargetKind = iota // "" or "#"
	Fragment                       // "#heading" in the same page
	Relative                       // a path relative to the referring file
	SiteRelative                   // "/office/troubleshoot/x": a URL of the published site
	External                       // scheme:...
	DocsetRoot                     // "~/x.md": relative to the docset root
)

// Target is a parsed destination.
type Target struct {
	Kind     TargetKind
	Scheme   string // lower case, for External
	Path     string // the path part, percent-decoded (Relative, SiteRelative, DocsetRoot)
	Query    string
	Fragment string // as written, a text directive (":~:text=...") included
	Raw      string
}

// Anchor is the id the fragment names: the fragment without a text
// directive. "#:~:text=Some%20words" asks the browser to scroll to those
// words and names no id (""); "#step-2:~:text=Restart" names step-2
// (the URL Fragment Text Directives draft, which browsers follow).
func (t Target) Anchor() string {
	if i := strings.Index(t.Fragment, ":~:"); i >= 0 {
		return t.Fragment[:i]
	}
	return t.Fragment
}

var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// ImagePath matches what looks like the path of an image in any text: a
// YAML value, or an old version of an article.
var ImagePath = regexp.MustCompile(`(?i)[^\s"'()\[\]<>=]+\.(png|jpe?g|gif|svg|webp|bmp|ico)\b`)

// Parse tells what a destination is.
func Parse(dest string) Target {
	raw := dest
	dest = strings.TrimSpace(dest)
	dest = strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
	t := Target{Raw: raw}
	if dest == "" || dest == "#" {
		return t
	}
	if m := schemeRE.FindStringSubmatch(dest); m != nil && len(m[1]) > 1 { // "C:" is a drive, not a scheme
		t.Kind, t.Scheme = External, strings.ToLower(m[1])
		return t
	}
	rest := dest
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, t.Fragment = rest[:i], rest[i+1:]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, t.Query = rest[:i], rest[i+1:]
	}
	if p, err := url.PathUnescape(rest); err == nil {
		rest = p
	}
	t.Path = rest
	switch {
	case rest == "":
		t.Kind = Fragment
	case strings.HasPrefix(rest, "~/"):
		t.Kind, t.Path = DocsetRoot, rest[2:]
	case strings.HasPrefix(rest, "//"):
		t.Kind, t.Scheme = External, ""
	case strings.HasPrefix(rest, "/"):
		t.Kind = SiteRelative
	default:
		t.Kind = Relative
	}
	return t
}

// Resolve resolves a Relative destination against the file from, and a
// DocsetRoot one ("~/x.md") against root, the folder of the docset that
// governs from ("." when none). It reports false for a path that leaves
// the content root and for other kinds.
func (t Target) Resolve(from, root string) (string, bool) {
	switch t.Kind {
	case DocsetRoot:
		if root == "." {
			return path.Clean(t.Path), true
		}
		return path.Join(root, t.Path), true
	case Relative:
		return Resolve(from, t.Path)
	}
	return "", false
}

// ResolveInclude is the file an [!INCLUDE](written) of the file from pulls
// in: the path written, its query and fragment dropped, resolved as Resolve
// does.
func ResolveInclude(from, written string) (string, bool) { return Resolve(from, Parse(written).Path) }

// Resolve joins a relative path to the folder of the referring file and
// reports false when the result leaves the content root. Backslashes are
// kept: on the published site they are not folder separators.
func Resolve(from, p string) (string, bool) {
	j := path.Join(path.Dir(from), p)
	if j == ".." || strings.HasPrefix(j, "../") || path.IsAbs(j) {
		return "", false
	}
	return j, true
}

// Edge is one reference between two files.
type Edge struct {
	From, To string // content-root paths
	Ref      Ref
}

// Graph is who links to whom among the files of the content tree:
// articles, includes, images, toc files.
type Graph struct {
	out map[string][]Edge
	in  map[string][]Edge
}

// NewGraph returns an empty graph.
func NewGraph() *Graph { return &Graph{out: map[string][]Edge{}, in: map[string][]Edge{}} }

// Add records an edge.
func (g *Graph) Add(e Edge) {
	g.out[e.From] = append(g.out[e.From], e)
	g.in[e.To] = append(g.in[e.To], e)
}

// Out returns the edges from a file, in document order.
func (g *Graph) Out(p string) []Edge { return g.out[p] }

// In returns the edges into a file.
func (g *Graph) In(p string) []Edge { return g.in[p] }

// Targets returns every file something links to, sorted.
func (g *Graph) Targets() []string {
	out := make([]string, 0, len(g.in))
	for p := range g.in {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
