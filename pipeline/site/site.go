// Package site builds a loaded content tree into a static help site: one
// page per article at its pretty URL, listings, navigation from toc.yml (or
// folders), redirect pages, sitemap, Atom feed, 404 page and hashed assets,
// written atomically into the output folder (GitHub Pages ready).
package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/helpsite/helpsite/pipeline"
	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/render"
	"github.com/helpsite/helpsite/pipeline/search"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Options configure a build.
type Options struct {
	Out string // output folder, e.g. "public"
	// BaseURL is where the site is published: "https://org.github.io/repo/"
	// or "/" (the default). Every link and asset is prefixed with its path;
	// absolute URLs (sitemap, feed, canonical, og:url) use it whole.
	BaseURL string
	// Templates override the embedded templates file by file (nil: the
	// embedded ones only).
	Templates fs.FS
	Workers   int
	Title     string                // site title (default "Help")
	Footer    string                // a line of text at the foot of every page ("" for none)
	Progress  func(done, total int) // may be nil
	// Strict leaves the output as it was when the build itself finds an
	// error (a page that cannot be rendered, two files with one URL):
	// Build returns the summary and ErrFindings.
	Strict bool
	// IndexDir is where the bleve index of the pages is kept for
	// `helpsite search` and `serve` (the CLI uses the user cache folder);
	// "" keeps it in memory for the build alone.
	IndexDir string
	// NoSearch leaves search out: no bleve index, no static index.
	NoSearch bool

	keepIndex bool // Live: keep the bleve index open in builder.index
}

// Summary tells what a build wrote.
type Summary struct {
	Pages, Listings, Redirects, Resources int
	// Searchable counts the pages in the search index.
	Searchable int
	// RedirectsSkipped counts redirect entries whose URL a real page holds.
	RedirectsSkipped int
	Findings         diag.List
	Stages           []Stage
}

// Stage is the time one stage of the build took.
type Stage struct {
	Name     string
	Duration time.Duration
}

// TemplatesDir is the folder of a content tree whose files override the
// embedded templates (the CLI passes it as Options.Templates); its files are
// not copied into the site.
const TemplatesDir = "templates"

// pageInfo is one article page.
type pageInfo struct {
	a      *article.Article
	url    string // site URL, without the base path
	docset *docfx.Docset
	listed
	key  string // the title in lower case, to sort by
	yaml bool   // a YAML landing page: no article to render
}

// listed is what listings, navigation, feeds and the home page show of a
// page, from its article's metadata: when it changes, they must be built
// again (Live).
type listed struct {
	meta   Meta
	title  string
	desc   string
	date   time.Time
	suffix string // titleSuffix (docfx.json globalMetadata, front matter)
}

func listedOf(a *article.Article) listed {
	var l listed
	l.meta, l.title, l.desc, l.date = metadata(a)
	l.suffix = titleSuffix(a)
	return l
}

// Meta is the metadata line of a page.
type Meta struct {
	Updated       string // "April 22, 2020"
	UpdatedISO    string // "2020-04-22"
	AppliesTo     []string
	Product       string // ms.service or service
	ProductLabel  string // Product for people: "Compute" for microsoft.compute
	Resource      string // self-help resource
	ResourceLabel string // "Virtual machines" for virtualmachines
	SupportTopics []string
	TopicType     string // ms.topic or selfHelpType
	TopicLabel    string // "Problem scoping questions", "How-to guide"
	Clouds        []string
	CloudTerms    []Term // Clouds with their labels: {"Azure Government", "fairfax"}
	Format        string // learn or shc
}

// Any reports whether there is anything to show.
func (m Meta) Any() bool {
	return m.Updated != "" || m.Product != "" || m.TopicType != "" || len(m.Clouds) > 0 || len(m.SupportTopics) > 0 || len(m.AppliesTo) > 0
}

// Link is a named URL (already prefixed with the base path).
type Link struct {
	Name  string
	URL   string
	ID    string // the raw metadata value behind Name, for a tooltip (when it differs)
	Count int
	Desc  string
	Date  string
}

// Page is what a template sees.
type Page struct {
	Site   SiteInfo
	Kind   string // article, listing, home, redirect, 404
	URL    string // the page's href (base path included)
	AbsURL string // canonical URL
	Title  string
	// HeadTitle is what <title> shows before the site title: the title and
	// the docset's titleSuffix ("Title - Azure DevOps"); "-" for the site
	// title alone; empty for Title.
	HeadTitle   string
	Crumb       string // the breadcrumbs' last item: the article's H1, else Title
	RawID       string // a product, type or cloud listing: the metadata value
	Description string
	Body        template.HTML
	H1          template.HTML // the article's own H1, cut from the start of Body
	HasH1       bool          // H1 is set
	Meta        Meta
	Headings    []render.Heading // "In this article": H2 and H3
	Nav         []*NavItem
	NavHTML     template.HTML // Nav as nested lists (navHTML)
	Breadcrumbs []Link
	Prev, Next  *Link
	// Listing pages and the home page.
	Items    []Link
	Sections []Section
	// Redirect pages.
	Target    string // href
	TargetAbs string // absolute URL, for the canonical link
	NoIndex   bool
}

// Section is a titled list of links on a listing or the home page.
type Section struct {
	Title string
	Links []Link
}

// SiteInfo is what every page knows about the site.
type SiteInfo struct {
	Title  string
	Footer string
	Base   string // base path, "/" or "/repo/"
	Home   string // = Base
	Search string // the search page
	CSS    string // href of the stylesheet
	Feed   string
	Assets map[string]string // asset name -> href
}

type builder struct {
	s        *pipeline.Site
	opt      Options
	ctx      context.Context
	basePath string // "/" or "/repo/"
	absBase  string // "https://org.github.io/repo/", or basePath when BaseURL has no host
	workers  int

	pages  []*pageInfo
	byPath map[string]*pageInfo
	byURL  map[string]*pageInfo

	known            map[string]string // docfx.URLKey -> URL of every page, listing, redirect and resource
	resources        map[string]string // tree path -> URL
	redirects        []redirectPage
	redirectsSkipped int
	listings         []*listing
	home             *listing

	docsetLanding  map[*docfx.Docset]*listing
	productListing map[string]*listing    // product id -> its listing
	folderListing  map[*pageInfo]*listing // pages outside docset landings -> their folder's listing

	nav  *navigation
	tmpl *template.Template
	info SiteInfo
	out  *writer

	mu       sync.Mutex
	findings diag.List
	docs     []search.Doc  // what search indexes, a doc per rendered article
	index    *search.Index // the bleve index, kept open for Live
}

// plan returns a builder with every page, resource, listing and redirect
// URL planned, nothing rendered or written.
func plan(ctx context.Context, s *pipeline.Site, opt Options) (*builder, error) {
	b := &builder{s: s, opt: opt, ctx: ctx, workers: opt.Workers, byPath: map[string]*pageInfo{}, byURL: map[string]*pageInfo{},
		known: map[string]string{}, resources: map[string]string{}}
	if b.workers <= 0 {
		b.workers = runtime.GOMAXPROCS(0)
	}
	if b.opt.Title == "" {
		b.opt.Title = "Help"
	}
	if err := b.setBase(opt.BaseURL); err != nil {
		return nil, err
	}
	articles, err := s.Articles(ctx, b.workers)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	for _, u := range specialURLs { // before any page or resource takes one
		b.claim(u)
	}
	b.planPages(articles)
	b.planResources()
	b.planListings()
	b.planRedirects()
	return b, nil
}

// Build renders every article of s and writes the site to opt.Out.
func Build(ctx context.Context, s *pipeline.Site, opt Options) (*Summary, error) {
	_, sum, err := build(ctx, s, opt)
	return sum, err
}

// build is Build; it returns the builder too, with the search index open
// when opt.keepIndex, for a preview server's updates (Live).
func build(ctx context.Context, s *pipeline.Site, opt Options) (*builder, *Summary, error) {
	if opt.Out == "" {
		return nil, nil, fmt.Errorf("site: no output folder")
	}
	b, err := plan(ctx, s, opt)
	if err != nil {
		return nil, nil, err
	}
	sum := &Summary{}
	stage := func(name string, start time.Time) {
		sum.Stages = append(sum.Stages, Stage{name, time.Since(start)})
	}
	b.nav = newNavigation(b)
	if err := b.loadTemplates(); err != nil {
		return nil, nil, err
	}

	w, err := newWriter(opt.Out)
	if err != nil {
		return nil, nil, err
	}
	b.out = w
	ok := false
	defer func() {
		if !ok {
			w.discard()
			if b.index != nil { // a Live build that failed after indexing
				b.index.Close()
				b.index = nil
			}
		}
	}()
	if err := b.writeAssets(); err != nil {
		return nil, nil, err
	}

	// Resources are copied while pages render: copying is mostly making
	// folders and links, which waits on the file system, not the CPU.
	// Each background stage is waited for on every path (the deferred Wait;
	// Wait again returns the same error).
	var copied int
	var copyTime time.Duration
	var copying errgroup.Group
	copying.Go(func() (err error) {
		t := time.Now()
		copied, err = b.copyResources()
		copyTime = time.Since(t)
		return err
	})
	defer copying.Wait() //nolint:errcheck // the error paths below return their own error

	t := time.Now()
	if err := b.writePages(); err != nil {
		return nil, nil, err
	}
	stage("render", t)

	// Search indexes while the rest is written: bleve is CPU work, the
	// writes below mostly wait on the disk.
	var searchTimes [2]time.Duration // bleve's indexing, the export
	var searching errgroup.Group
	if !opt.NoSearch {
		searching.Go(func() error {
			ix, took, err := b.writeSearch(b.docs)
			searchTimes = took
			if err != nil {
				return err
			}
			if opt.keepIndex {
				b.index, err = ix.Updatable()
				return err
			}
			return ix.Close()
		})
	}
	defer searching.Wait() //nolint:errcheck // the error paths below return their own error

	t = time.Now()
	if err := b.writeListings(); err != nil {
		return nil, nil, err
	}
	if sum.Redirects, sum.RedirectsSkipped, err = b.writeRedirects(); err != nil {
		return nil, nil, err
	}
	if err := errors.Join(b.writeSpecial(), b.writeSearchPage()); err != nil {
		return nil, nil, err
	}
	stage("write", t)

	if err := copying.Wait(); err != nil {
		return nil, nil, err
	}
	sum.Resources = copied
	sum.Stages = append(sum.Stages, Stage{"copy (during render)", copyTime})

	if err := searching.Wait(); err != nil {
		return nil, nil, err
	}
	if !opt.NoSearch {
		sum.Stages = append(sum.Stages, Stage{"bleve index", searchTimes[0]}, Stage{"search export", searchTimes[1]})
		sum.Searchable = len(b.docs)
	}

	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("site: %w", err)
	}
	sum.Pages = len(b.pages)
	sum.Listings = len(b.listings)
	if b.home != nil {
		sum.Listings++
	}
	b.findings.Sort()
	sum.Findings = b.findings
	if opt.Strict && sum.Findings.Count(diag.Error) > 0 {
		return b, sum, ErrFindings // the deferred discard keeps the old output
	}
	if err := w.commit(); err != nil {
		return nil, nil, err
	}
	ok = true
	return b, sum, nil
}

// ErrFindings is returned by a Strict build whose own findings include an
// error: nothing was written.
var ErrFindings = errors.New("site: the build found errors; nothing written")

func (b *builder) setBase(base string) error {
	if base == "" {
		base = "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("site: base URL %q: %w", base, err)
	}
	p := slash(u.Path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	b.basePath = p
	if u.Host != "" {
		u.Path, u.RawPath, u.RawQuery, u.Fragment = p, "", "", ""
		b.absBase = u.String()
	} else {
		b.absBase = p
	}
	return nil
}

// href is the link to a site URL: the base path prepended, the path
// percent-encoded.
func (b *builder) href(u string) string {
	return escapePath(b.basePath + strings.TrimPrefix(u, "/"))
}

// abs is the absolute URL of a site URL.
func (b *builder) abs(u string) string {
	return b.absBase + escapePath(strings.TrimPrefix(u, "/"))
}

func (b *builder) finding(file, rule, format string, args ...any) {
	sev := diag.Error // the catalog's default for the build's own rules
	if b.s.Config != nil {
		sev = b.s.Config.SeverityOf(rule)
	}
	if sev == diag.Off {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.findings = append(b.findings, diag.Diagnostic{File: file, Pos: diag.Pos{Line: 1, Column: 1, Column16: 1}, End: diag.Pos{Line: 1, Column: 1, Column16: 1},
		Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// claim records a generated URL; it reports false when one is there.
func (b *builder) claim(u string) bool {
	k := docfx.URLKey(u)
	if _, ok := b.known[k]; ok {
		return false
	}
	b.known[k] = u
	return true
}

// planPages gives every article that is a page its URL and metadata.
func (b *builder) planPages(articles []*article.Article) {
	for _, a := range articles {
		if a.Include {
			continue
		}
		u, ok := pageURL(b.s.Docsets, a.Path)
		if !ok {
			continue
		}
		if !b.claim(u) {
			b.finding(a.Path, "page-url-conflict", "its URL %s is taken by %s; the page is not built", u, b.byURL[docfx.URLKey(u)].a.Path)
			continue
		}
		p := &pageInfo{a: a, url: u, docset: b.s.Docsets.For(a.Path), listed: listedOf(a)}
		p.key = strings.ToLower(p.title)
		b.pages = append(b.pages, p)
		b.byPath[a.Path] = p
		b.byURL[docfx.URLKey(u)] = p
	}
	// YAML landing pages are linked to like articles: give each a page
	// listing the articles of its folder, unless a Markdown page is there.
	for _, f := range b.s.Tree.Of(source.YAMLPage) {
		u, ok := pageURL(b.s.Docsets, f.Path)
		if !ok || !b.claim(u) {
			continue
		}
		p := &pageInfo{url: u, docset: b.s.Docsets.For(f.Path), yaml: true, a: &article.Article{Path: f.Path}}
		p.title = yamlTitle(b.s, f.Path)
		p.key = strings.ToLower(p.title)
		b.pages = append(b.pages, p)
		b.byPath[f.Path] = p
		b.byURL[docfx.URLKey(u)] = p
	}
	slices.SortFunc(b.pages, func(x, y *pageInfo) int { return strings.Compare(x.url, y.url) })
}

// titleSuffix is what the page's <title> adds after its title (docfx.json
// globalMetadata or front matter).
func titleSuffix(a *article.Article) string {
	if f := a.Lookup("titleSuffix"); f != nil && !f.Value.List && !f.Value.Map && !f.Value.Null {
		return strings.TrimSpace(f.Value.Text)
	}
	return ""
}

// planResources gives every image and other file its URL.
func (b *builder) planResources() {
	for _, f := range b.s.Tree.Files {
		if f.Kind != source.Image && f.Kind != source.Other || strings.HasPrefix(f.Path, TemplatesDir+"/") {
			continue
		}
		u := resourceURL(b.s.Docsets, f.Path)
		if !b.claim(u) {
			continue
		}
		b.resources[f.Path] = u
	}
}

// metaList is a list-valued metadata key of a: its items, and the
// comma-separated values of each, trimmed, each once.
func metaList(a *article.Article, key string) []string {
	f := a.Lookup(key)
	if f == nil {
		return nil
	}
	var out []string
	for _, it := range f.Value.Scalars() {
		for _, s := range strings.Split(it.Text, ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// metadata reads what the templates show of an article.
func metadata(a *article.Article) (m Meta, title, desc string, date time.Time) {
	get := func(key string) string {
		if f := a.Lookup(key); f != nil && !f.Value.List && !f.Value.Map && !f.Value.Null {
			return strings.TrimSpace(f.Value.Text)
		}
		return ""
	}
	list := func(key string) []string { return metaList(a, key) }
	m.Format = a.Format.String()
	desc = get("description")
	if a.Format == article.SHC {
		title = get("pageTitle")
		m.Product, m.Resource = get("service"), get("resource")
		m.TopicType = get("selfHelpType")
		m.SupportTopics = list("supportTopicIds")
		m.Clouds = list("cloudEnvironments")
	} else {
		title = get("title")
		m.Product = get("ms.service")
		m.TopicType = get("ms.topic")
		if f := a.Lookup("appliesto"); f != nil {
			for _, it := range f.Value.Scalars() {
				if s := strings.TrimSpace(it.Text); s != "" {
					m.AppliesTo = append(m.AppliesTo, s)
				}
			}
		}
		m.Clouds = list("cloudEnvironments")
	}
	if m.Product != "" {
		m.ProductLabel = termLabel("product", m.Product)
	}
	if m.Resource != "" {
		m.ResourceLabel = humanize(m.Resource)
	}
	if m.TopicType != "" {
		m.TopicLabel = termLabel("type", m.TopicType)
	}
	for _, c := range m.Clouds {
		m.CloudTerms = append(m.CloudTerms, Term{Label: termLabel("cloud", c), ID: c})
	}
	if d := get("ms.date"); d != "" {
		if t, err := time.Parse("1/2/2006", d); err == nil {
			date = t
			m.Updated = t.Format("January 2, 2006")
			m.UpdatedISO = t.Format(time.DateOnly)
		}
	}
	if title == "" && a.Doc != nil {
		for _, h := range a.Doc.Headings() {
			if h.Level == 1 {
				title = strings.TrimSpace(h.Text)
				break
			}
		}
	}
	if title == "" {
		title = strings.TrimSuffix(path.Base(a.Path), path.Ext(a.Path))
	}
	return m, title, desc, date
}

// writePages renders and writes the article pages in parallel.
func (b *builder) writePages() error {
	r := b.renderer()
	var mu sync.Mutex
	done := 0
	return b.each(len(b.pages), func(i int) error {
		if err := b.writePage(r, b.pages[i]); err != nil {
			return err
		}
		if b.opt.Progress != nil {
			mu.Lock()
			done++
			b.opt.Progress(done, len(b.pages))
			mu.Unlock()
		}
		return nil
	})
}

// renderer renders the articles of the site, links rewritten to page URLs.
func (b *builder) renderer() *render.Renderer {
	var hosts []string
	if b.s.Config != nil {
		hosts = b.s.Config.SiteVideoHosts
	}
	return render.New(render.Options{Load: b.s.Article, Link: b.link, VideoHosts: hosts})
}

// each runs fn for 0..n-1 on a bounded number of goroutines and stops at
// the first error or when the build is cancelled. The bound is a few times
// the CPU workers: the work is rendering and creating files, and file
// creation waits on the disk (about a millisecond a file on the machines
// measured) while another goroutine can render.
func (b *builder) each(n int, fn func(i int) error) error {
	g, ctx := errgroup.WithContext(b.ctx)
	g.SetLimit(4 * b.workers)
	for i := range n {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return fn(i)
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	return nil
}

// renderSafe renders an article, turning a panic into an error.
func renderSafe(r *render.Renderer, a *article.Article) (pg *render.Page, err error) {
	defer func() {
		if v := recover(); v != nil {
			pg, err = nil, fmt.Errorf("renderer panicked: %v", v)
		}
	}()
	return r.Render(a)
}

func (b *builder) writePage(r *render.Renderer, p *pageInfo) error {
	pg := Page{Kind: "article", Title: p.title, Description: p.desc, Meta: p.meta}
	if p.suffix != "" && !strings.HasSuffix(p.title, p.suffix) {
		pg.HeadTitle = p.title + " - " + p.suffix
	}
	if p.yaml {
		pg.Kind = "listing"
		pg.Items = b.links(b.folderPages(p))
	} else {
		rp, err := renderSafe(r, p.a)
		if err != nil || rp == nil {
			b.finding(p.a.Path, "render-failed", "the article could not be rendered: %v", err)
			rp = &render.Page{Body: []byte("<p>This article could not be rendered.</p>")}
		}
		var doc search.Doc
		if !b.opt.NoSearch {
			doc = b.searchDoc(p, rp)
		}
		b.mu.Lock()
		b.findings = append(b.findings, rp.Findings...)
		if !b.opt.NoSearch {
			b.docs = append(b.docs, doc)
		}
		b.mu.Unlock()
		for _, h := range rp.Headings {
			if h.Level == 2 || h.Level == 3 {
				pg.Headings = append(pg.Headings, h)
			}
		}
		for _, h := range rp.Headings {
			if h.Level == 1 {
				pg.Crumb = strings.TrimSpace(h.Text)
				break
			}
		}
		// The article's own H1 leads the page, before the metadata line.
		body := rp.Body
		if lead := bytes.TrimLeft(body, " \t\r\n"); bytes.HasPrefix(lead, []byte("<h1")) {
			if i := bytes.Index(lead, []byte("</h1>")); i >= 0 {
				pg.H1 = template.HTML(lead[:i+len("</h1>")])
				body = lead[i+len("</h1>"):]
			}
		}
		pg.Body = template.HTML(body)
		pg.HasH1 = pg.H1 != ""
	}
	b.nav.fill(&pg, p)
	return b.writeHTML(p.url, "page.html", &pg)
}

// folderPages are the article pages a YAML page lists: for the landing
// page at a docset's base, the docset's; else those under its folder.
func (b *builder) folderPages(y *pageInfo) []*pageInfo {
	dir := path.Dir(y.a.Path)
	whole := y.docset != nil && docfx.URLKey(y.url) == docfx.URLKey(y.docset.Base)
	var out []*pageInfo
	for _, p := range b.pages {
		if p.yaml {
			continue
		}
		if whole && p.docset == y.docset || !whole && (dir == "." || strings.HasPrefix(p.a.Path, dir+"/")) {
			out = append(out, p)
		}
	}
	sortPages(out)
	return out
}

// writeHTML executes a template for a page at a site URL.
func (b *builder) writeHTML(u, name string, pg *Page) error {
	return b.writeHTMLFile(u, outPath(u), name, pg)
}

// writeHTMLFile is writeHTML into a given file (a slash path relative to
// the output), for pages not at outPath(u).
func (b *builder) writeHTMLFile(u, file, name string, pg *Page) error {
	return b.writeTemplate(u, file, name, pg, pg)
}

// writeTemplate writes file, template name executed with data, which
// holds pg, the page at u: pg is given the site, its URL and its absolute
// URL first.
func (b *builder) writeTemplate(u, file, name string, pg *Page, data any) error {
	pg.Site = b.info
	pg.URL = b.href(u)
	pg.AbsURL = b.abs(u)
	buf := pagePool.Get().(*bytes.Buffer)
	defer pagePool.Put(buf)
	buf.Reset()
	buf.Grow(len(pg.Body) + len(pg.NavHTML) + 8<<10) // the layout around them is a few KB
	if err := b.tmpl.ExecuteTemplate(buf, name, data); err != nil {
		return fmt.Errorf("site: template %s for %s: %w", name, u, err)
	}
	return b.out.write(file, buf.Bytes())
}

// pagePool holds the buffers pages are executed into.
var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// links turns pages into listing links.
func (b *builder) links(ps []*pageInfo) []Link {
	out := make([]Link, 0, len(ps))
	for _, p := range ps {
		out = append(out, Link{Name: p.title, URL: b.href(p.url), Desc: p.desc, Date: p.meta.Updated})
	}
	return out
}

// sortPages orders pages by title, then URL.
func sortPages(ps []*pageInfo) {
	slices.SortFunc(ps, func(x, y *pageInfo) int {
		return cmp.Or(strings.Compare(x.key, y.key), strings.Compare(x.url, y.url))
	})
}
