package site

import (
	"html"
	"html/template"
	"path"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/toc"
)

// NavItem is one entry of the navigation sidebar.
type NavItem struct {
	Name    string
	URL     string // href; "" for a heading without a page
	Current bool   // the page shown
	Open    bool   // the page shown is below it
	// Group is set for a closed entry with entries below it: they are not
	// listed, and URL is the entry's page or its first one below.
	Group bool
	Items []*NavItem

	node *navNode // the entry it shows, for its closed HTML
}

// firstHref returns the href of the first entry with a page, depth first.
func firstHref(ns []*navNode) string {
	for _, n := range ns {
		if n.href != "" {
			return n.href
		}
		if h := firstHref(n.items); h != "" {
			return h
		}
	}
	return ""
}

// navNode is an entry of a resolved table of contents.
type navNode struct {
	name  string
	href  string // with the base path; "" for none
	page  string // the site URL of the page it names, if any
	items []*navNode
	// closedItem and closed are the entry, and its sidebar HTML, when it
	// is shown closed (not on the way to the page): the same on every page,
	// so made once (navTree.index).
	closedItem *NavItem
	closed     string
}

// navTree is a table of contents (or folder tree) resolved to URLs.
type navTree struct {
	roots []*navNode
	order []*navNode     // the pages, in order, once each
	at    map[string]int // page URL -> its place in order
}

// index readies what every page of the tree shares: each entry's closed
// form and its HTML, and the order of the pages.
func (t *navTree) index() {
	t.at = map[string]int{}
	var walk func([]*navNode)
	walk = func(ns []*navNode) {
		for _, n := range ns {
			n.closedItem = closedItem(n)
			var sb strings.Builder
			writeNavItem(&sb, n.closedItem)
			n.closed = sb.String()
			if _, seen := t.at[n.page]; n.page != "" && !seen {
				t.at[n.page] = len(t.order)
				t.order = append(t.order, n)
			}
			walk(n.items)
		}
	}
	walk(t.roots)
}

// navigation holds every page's table of contents; it is filled before
// pages are written and only read afterwards.
type navigation struct {
	b      *builder
	byPage map[string]*navTree // page URL -> its tree
}

func newNavigation(b *builder) *navigation {
	nv := &navigation{b: b, byPage: map[string]*navTree{}}
	tocs := map[string]*navTree{} // toc.yml path -> tree
	var dirs []string             // toc folders, by depth then name
	for _, t := range b.s.TOCs(b.workers, ".") {
		tree := &navTree{roots: nv.resolve(t, []string{t.Path})}
		tree.index()
		tocs[t.Path] = tree
		dirs = append(dirs, t.Path)
	}
	slices.SortFunc(dirs, func(x, y string) int {
		if dx, dy := strings.Count(x, "/"), strings.Count(y, "/"); dx != dy {
			return dx - dy
		}
		return strings.Compare(x, y)
	})
	// A page takes the first toc of its docset (shallowest folder first)
	// that lists it, wherever that toc lies; else the nearest toc.yml above
	// it in the docset; else the folder navigation of its section.
	listed := map[string]*navTree{}
	for _, tp := range dirs {
		d := b.s.Docsets.For(tp)
		for _, n := range tocs[tp].order {
			if p := b.byURL[docfx.URLKey(n.page)]; p != nil && p.docset == d && listed[n.page] == nil {
				listed[n.page] = tocs[tp]
			}
		}
	}
	folders := map[string]*navTree{}
	for _, p := range b.pages {
		dir := path.Dir(p.a.Path)
		outer := listed[p.url]
		var nearest *navTree
		for _, tp := range dirs { // shallow first: the last match is the nearest
			td := path.Dir(tp)
			if (td == "." || dir == td || strings.HasPrefix(dir, td+"/")) && b.s.Docsets.For(tp) == p.docset {
				nearest = tocs[tp]
			}
		}
		switch {
		case outer != nil:
			nv.byPage[p.url] = outer
		case nearest != nil:
			nv.byPage[p.url] = nearest
		default:
			sec := nv.section(p)
			if folders[sec] == nil {
				folders[sec] = nv.folderTree(sec)
			}
			nv.byPage[p.url] = folders[sec]
		}
	}
	return nv
}

// section is the folder whose pages share a folder navigation: the
// docset's, else the top folder of the path.
func (nv *navigation) section(p *pageInfo) string {
	if p.docset != nil {
		return p.docset.Dir
	}
	if top, _, ok := strings.Cut(p.a.Path, "/"); ok {
		return top
	}
	return "."
}

// resolve turns the entries of a toc into nodes; stack holds the tocs being
// expanded, so a toc that includes itself stops.
func (nv *navigation) resolve(t *toc.TOC, stack []string) []*navNode {
	b := nv.b
	var conv func(es []*toc.Entry) []*navNode
	conv = func(es []*toc.Entry) []*navNode {
		var out []*navNode
		for _, e := range es {
			n := &navNode{name: e.Name}
			var sub string // a toc this entry pulls in
			for _, l := range e.Links {
				switch l.Key {
				case "href", "topicHref":
				default:
					continue
				}
				lt := links.Parse(l.Href)
				if lt.Kind == links.Relative && l.Key == "href" {
					if target, ok := b.target(t.Path, lt); ok {
						lower := strings.ToLower(target)
						if strings.HasSuffix(lower, "/toc.yml") || strings.HasSuffix(lower, "/toc.yaml") || lower == "toc.yml" {
							sub = target
							continue
						}
						if strings.HasSuffix(l.Href, "/") && b.s.TOC(path.Join(target, "toc.yml")) != nil {
							sub = path.Join(target, "toc.yml")
							continue
						}
					}
				}
				if n.href != "" && l.Key == "href" {
					continue // topicHref wins
				}
				switch lt.Kind {
				case links.Relative, links.DocsetRoot:
					target, ok := b.target(t.Path, lt)
					if !ok {
						continue
					}
					// An entry whose file is missing (toc-link-broken)
					// shows as text: a link that 404s on every page
					// helps no reader.
					href, ok := b.fileTarget(target, lt, true)
					if !ok {
						continue
					}
					n.href = href
					if f := b.find(target, true); f != "" {
						if p := b.byPath[f]; p != nil {
							n.page = p.url
						}
					}
				case links.SiteRelative:
					n.href = b.siteHref(lt)
					if u, ok := b.known[docfx.URLKey(lt.Path)]; ok && b.byURL[docfx.URLKey(u)] != nil {
						n.page = u
					}
				case links.External:
					switch lt.Scheme {
					case "http", "https", "mailto", "": // nothing that runs script
						n.href = strings.TrimSpace(l.Href)
					}
				}
			}
			n.items = conv(e.Items)
			if sub != "" && !slices.Contains(stack, sub) {
				if st := b.s.TOC(sub); st != nil {
					n.items = append(n.items, nv.resolve(st, append(stack, sub))...)
				}
			}
			out = append(out, n)
		}
		return out
	}
	return conv(t.Items)
}

// folderTree builds the navigation of a section without toc.yml: its pages
// by title, then its folders by name.
func (nv *navigation) folderTree(sec string) *navTree {
	b := nv.b
	type folder struct {
		pages []*pageInfo
		subs  map[string]bool
	}
	folders := map[string]*folder{}
	get := func(d string) *folder {
		if folders[d] == nil {
			folders[d] = &folder{subs: map[string]bool{}}
		}
		return folders[d]
	}
	in := func(p string) bool { return sec == "." || strings.HasPrefix(p, sec+"/") }
	for _, p := range b.pages {
		if p.yaml || !in(p.a.Path) || nv.section(p) != sec {
			continue
		}
		d := path.Dir(p.a.Path)
		get(d).pages = append(get(d).pages, p)
		for d != sec && d != "." {
			parent := path.Dir(d)
			get(parent).subs[d] = true
			d = parent
		}
	}
	var build func(d string) []*navNode
	build = func(d string) []*navNode {
		f := folders[d]
		if f == nil {
			return nil
		}
		sortPages(f.pages)
		var out []*navNode
		for _, p := range f.pages {
			out = append(out, &navNode{name: p.title, href: b.href(p.url), page: p.url})
		}
		subs := make([]string, 0, len(f.subs))
		for s := range f.subs {
			subs = append(subs, s)
		}
		slices.Sort(subs)
		for _, s := range subs {
			out = append(out, &navNode{name: path.Base(s), items: build(s)})
		}
		return out
	}
	t := &navTree{roots: build(sec)}
	t.index()
	return t
}

// fill sets the navigation, breadcrumbs and previous/next links of a page.
func (nv *navigation) fill(pg *Page, p *pageInfo) {
	b := nv.b
	pg.Breadcrumbs = []Link{{Name: b.opt.Title, URL: b.href("/")}}
	if l := b.sectionLink(p); l != nil {
		pg.Breadcrumbs = append(pg.Breadcrumbs, *l)
	}
	t := nv.byPage[p.url]
	if t == nil {
		return
	}
	var trail []*navNode // from the root to the current entry
	var find func(ns []*navNode, stack []*navNode) bool
	find = func(ns []*navNode, stack []*navNode) bool {
		for _, n := range ns {
			s := append(stack[:len(stack):len(stack)], n)
			if n.page == p.url {
				trail = s
				return true
			}
			if find(n.items, s) {
				return true
			}
		}
		return false
	}
	find(t.roots, nil)
	// The sidebar shows the top level, and the entries below each entry on
	// the way to the page (its ancestors, its siblings, its children); a
	// closed group links to its first page, where it opens. A docset's
	// toc may hold thousands of entries: written whole into every page,
	// it made most of the site's bytes.
	open := map[*navNode]bool{}
	for _, n := range trail {
		open[n] = true
	}
	if len(trail) == 0 && len(t.roots) == 1 {
		open[t.roots[0]] = true
	}
	var conv func(ns []*navNode) []*NavItem
	conv = func(ns []*navNode) []*NavItem {
		out := make([]*NavItem, 0, len(ns))
		for _, n := range ns {
			if !open[n] {
				out = append(out, n.closedItem)
				continue
			}
			out = append(out, &NavItem{Name: n.name, URL: n.href, Current: len(trail) > 0 && n == trail[len(trail)-1], Open: true,
				Items: conv(n.items), node: n})
		}
		return out
	}
	pg.Nav = conv(t.roots)
	pg.NavHTML = navHTML(pg.Nav)
	if len(trail) > 1 {
		for _, n := range trail[:len(trail)-1] {
			if n.name == "" {
				continue
			}
			pg.Breadcrumbs = append(pg.Breadcrumbs, Link{Name: n.name, URL: n.href})
		}
	}
	if i, ok := t.at[p.url]; ok {
		if i > 0 {
			pg.Prev = &Link{Name: t.order[i-1].name, URL: t.order[i-1].href}
		}
		if i+1 < len(t.order) {
			pg.Next = &Link{Name: t.order[i+1].name, URL: t.order[i+1].href}
		}
	}
}

// closedItem is the sidebar entry of n when it is not on the way to the
// page shown: a closed group links to its first page.
func closedItem(n *navNode) *NavItem {
	it := &NavItem{Name: n.name, URL: n.href, node: n}
	if len(n.items) > 0 {
		it.Group = true
		if it.URL == "" {
			it.URL = firstHref(n.items)
		}
	}
	return it
}

// navHTML writes the navigation as nested lists: <details> for an entry
// shown open with its entries, a link (class nav-group for a closed
// group), or a <span> for an entry without a page. A closed entry is the
// same on every page and comes written from its node (navTree.index).
func navHTML(items []*NavItem) template.HTML {
	var sb strings.Builder
	sb.Grow(8 << 10) // a sidebar is a few KB: grow once, not by doubling
	writeNavList(&sb, items)
	return template.HTML(sb.String())
}

func writeNavList(sb *strings.Builder, items []*NavItem) {
	sb.WriteString("<ul>")
	for _, n := range items {
		if n.node != nil && n.node.closed != "" && !n.Open && !n.Current {
			sb.WriteString(n.node.closed)
			continue
		}
		writeNavItem(sb, n)
	}
	sb.WriteString("\n</ul>")
}

// writeNavItem writes one entry, "\n<li>...</li>".
func writeNavItem(sb *strings.Builder, n *NavItem) {
	link := func(n *NavItem) {
		sb.WriteString(`<a href="`)
		sb.WriteString(html.EscapeString(n.URL))
		sb.WriteString(`"`)
		if n.Current {
			sb.WriteString(` aria-current="page"`)
		}
		if n.Group {
			sb.WriteString(` class="nav-group"`)
		}
		sb.WriteString(`>`)
		sb.WriteString(html.EscapeString(n.Name))
		sb.WriteString(`</a>`)
	}
	sb.WriteString("\n<li>")
	switch {
	case len(n.Items) > 0:
		sb.WriteString("<details")
		if n.Open || n.Current {
			sb.WriteString(" open")
		}
		sb.WriteString("><summary>")
		if n.URL != "" {
			link(n)
		} else {
			sb.WriteString(html.EscapeString(n.Name))
		}
		sb.WriteString("</summary>")
		writeNavList(sb, n.Items)
		sb.WriteString("</details>")
	case n.URL != "":
		link(n)
	default:
		sb.WriteString("<span>")
		sb.WriteString(html.EscapeString(n.Name))
		sb.WriteString("</span>")
	}
	sb.WriteString("</li>")
}
