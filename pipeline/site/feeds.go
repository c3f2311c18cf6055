package site

import (
	"encoding/xml"
	"slices"
	"strings"
	"time"
)

// writeSpecial writes 404.html, sitemap.xml, feed.xml, robots.txt and
// .nojekyll.
// specialURLs are the files writeSpecial writes: no page or resource of
// the content tree may take them.
var specialURLs = []string{"/404.html", "/sitemap.xml", "/feed.xml", "/robots.txt", "/.nojekyll"}

func (b *builder) writeSpecial() error {
	pg := &Page{Kind: "404", Title: "Page not found", Description: "The page you asked for does not exist.", NoIndex: true}
	pg.Breadcrumbs = []Link{{Name: b.opt.Title, URL: b.href("/")}}
	if err := b.writeHTMLFile("/404.html", "404.html", "404.html", pg); err != nil {
		return err
	}
	if err := b.out.write("sitemap.xml", b.sitemap()); err != nil {
		return err
	}
	if err := b.out.write("feed.xml", b.feed()); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + b.abs("/sitemap.xml") + "\n"
	if err := b.out.write("robots.txt", []byte(robots)); err != nil {
		return err
	}
	return b.out.write(".nojekyll", nil)
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemap lists every page and listing, sorted by URL.
func (b *builder) sitemap() []byte {
	var us []sitemapURL
	for _, p := range b.pages {
		us = append(us, sitemapURL{Loc: b.abs(p.url), LastMod: p.meta.UpdatedISO})
	}
	for _, l := range b.listings {
		us = append(us, sitemapURL{Loc: b.abs(l.url)})
	}
	if b.home != nil {
		us = append(us, sitemapURL{Loc: b.abs("/")})
	}
	slices.SortFunc(us, func(x, y sitemapURL) int { return strings.Compare(x.Loc, y.Loc) })
	return marshalXML(urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: us})
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  string      `xml:"author>name"`
	Entries []atomEntry `xml:"entry"`
}

// feed is an Atom feed of the 50 most recently updated articles. Its
// updated time is the newest ms.date, never the clock, so builds repeat.
func (b *builder) feed() []byte {
	recent := b.recent(50)
	f := atomFeed{NS: "http://www.w3.org/2005/Atom", Title: b.opt.Title, ID: b.atomID("/"), Author: b.opt.Title,
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Links:   []atomLink{{Href: b.abs("/feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: b.abs("/"), Rel: "alternate", Type: "text/html"}}}
	if len(recent) > 0 {
		f.Updated = recent[0].date.UTC().Format(time.RFC3339)
	}
	for _, p := range recent {
		f.Entries = append(f.Entries, atomEntry{Title: p.title, Link: atomLink{Href: b.abs(p.url), Rel: "alternate", Type: "text/html"},
			ID: b.atomID(p.url), Updated: p.date.UTC().Format(time.RFC3339), Summary: p.desc})
	}
	return marshalXML(f)
}

// atomID is the id of a feed or entry: its absolute URL, or, when the
// base URL names no host, a tag: URI (Atom ids must be absolute).
func (b *builder) atomID(u string) string {
	if a := b.abs(u); strings.Contains(a, "://") {
		return a
	}
	return "tag:helpsite,2026:" + b.abs(u)
}

func marshalXML(v any) []byte {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // the types above always marshal
	}
	return append(append([]byte(xml.Header), out...), '\n')
}
