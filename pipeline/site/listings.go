package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/helpsite/helpsite/pipeline/docfx"
	"github.com/helpsite/helpsite/pipeline/internal/jsonpos"
)

// listing is a generated page that lists articles or other listings.
type listing struct {
	url, title, desc string
	id               string // the raw metadata value a product, type or cloud listing is for
	kind             string // docset, folder, product, type, cloud, index, home
	pages            []*pageInfo
	sections         []Section
}

// planListings lays out the docset landing pages, the product, topic type
// and cloud listings and their index pages, and the home page.
func (b *builder) planListings() {
	b.docsetLanding = map[*docfx.Docset]*listing{}
	byDocset := map[*docfx.Docset][]*pageInfo{}
	for _, p := range b.pages {
		if p.docset != nil && !p.yaml {
			byDocset[p.docset] = append(byDocset[p.docset], p)
		}
	}
	var homeSecs []Section
	var docsets []Link
	for _, d := range b.s.Docsets { // in docfx.json path order
		if d.Base == "" || len(byDocset[d]) == 0 {
			continue
		}
		u := d.Base
		if _, taken := b.known[docfx.URLKey(u)]; taken {
			u = d.Base + "all/"
		}
		if !b.claim(u) {
			continue
		}
		l := &listing{url: u, title: docsetTitle(d), kind: "docset", pages: byDocset[d]}
		l.desc = "Troubleshooting articles for " + l.title + "."
		sortPages(l.pages)
		b.listings = append(b.listings, l)
		b.docsetLanding[d] = l
		docsets = append(docsets, Link{Name: l.title, URL: b.href(l.url), Count: len(l.pages)})
	}
	docsets = append(docsets, b.planFolders()...)
	if len(docsets) > 0 {
		homeSecs = append(homeSecs, Section{Title: "Documentation sets", Links: docsets})
	}

	groups := []struct {
		dir, title, kind string
		values           func(p *pageInfo) []string
	}{
		{"products", "Products", "product", func(p *pageInfo) []string { return nonEmpty(p.meta.Product) }},
		{"types", "Topic types", "type", func(p *pageInfo) []string { return nonEmpty(p.meta.TopicType) }},
		{"clouds", "Clouds", "cloud", func(p *pageInfo) []string { return p.meta.Clouds }},
	}
	b.productListing = map[string]*listing{}
	for _, g := range groups {
		bySlug := map[string]*listing{}
		for _, p := range b.pages {
			if p.yaml {
				continue
			}
			for _, v := range g.values(p) {
				s := slug(v)
				l := bySlug[s]
				if l == nil {
					l = &listing{url: "/" + g.dir + "/" + s + "/", id: v, kind: g.kind}
					bySlug[s] = l
				}
				if v < l.id {
					l.id = v
				}
				if !slices.Contains(l.pages, p) {
					l.pages = append(l.pages, p)
				}
			}
		}
		if len(bySlug) == 0 {
			continue
		}
		var sec Section
		sec.Title = g.title
		slugs := make([]string, 0, len(bySlug))
		for s := range bySlug {
			slugs = append(slugs, s)
		}
		// Labels for people, told apart where two ids read the same
		// (generic and troubleshooting are both "Troubleshooting").
		seen := map[string]int{}
		for _, s := range slugs {
			l := bySlug[s]
			l.title = termLabel(g.kind, l.id)
			seen[strings.ToLower(l.title)]++
		}
		for _, s := range slugs {
			if l := bySlug[s]; seen[strings.ToLower(l.title)] > 1 {
				if g.kind == "type" && slices.ContainsFunc(selfHelpTypeIDs, func(t string) bool { return strings.EqualFold(t, l.id) }) {
					l.title += " (self-help)"
				} else if !strings.EqualFold(l.title, l.id) {
					l.title += " (" + l.id + ")"
				}
			}
		}
		slices.SortFunc(slugs, func(x, y string) int {
			return cmp.Or(strings.Compare(strings.ToLower(bySlug[x].title), strings.ToLower(bySlug[y].title)), strings.Compare(x, y))
		})
		for _, s := range slugs {
			l := bySlug[s]
			if !b.claim(l.url) {
				continue
			}
			sortPages(l.pages)
			switch g.kind {
			case "product":
				l.desc = "Articles about " + l.title + "."
			case "type":
				l.desc = "Articles of the type " + l.title + "."
			default:
				l.desc = "Articles for " + l.title + "."
			}
			b.listings = append(b.listings, l)
			lk := Link{Name: l.title, URL: b.href(l.url), Count: len(l.pages)}
			if l.title != l.id {
				lk.ID = l.id
			}
			sec.Links = append(sec.Links, lk)
			if g.kind == "product" {
				b.productListing[l.id] = l
				for _, p := range l.pages {
					b.productListing[p.meta.Product] = l
				}
			}
		}
		idx := &listing{url: "/" + g.dir + "/", title: g.title, kind: "index", sections: []Section{sec}}
		idx.desc = "Articles by " + strings.ToLower(g.title[:len(g.title)-1]) + "."
		if b.claim(idx.url) {
			b.listings = append(b.listings, idx)
		}
		homeSecs = append(homeSecs, Section{Title: g.title, Links: sec.Links})
	}

	recent := b.recent(10)
	if len(recent) > 0 {
		homeSecs = append(homeSecs, Section{Title: "Recently updated", Links: b.links(recent)})
	}
	b.home = &listing{url: "/", title: "How can we help?", kind: "home", sections: homeSecs}
	b.home.desc = b.opt.Title + ": troubleshooting and support articles."
	if !b.claim("/") {
		b.home = nil // an index.md at the root is the home page
	}
}

// recent returns the n most recently updated articles (by ms.date, ties by
// URL).
func (b *builder) recent(n int) []*pageInfo {
	var dated []*pageInfo
	for _, p := range b.pages {
		if !p.yaml && !p.date.IsZero() {
			dated = append(dated, p)
		}
	}
	slices.SortFunc(dated, func(x, y *pageInfo) int {
		return cmp.Or(y.date.Compare(x.date), strings.Compare(x.url, y.url))
	})
	return dated[:min(n, len(dated))]
}

// sectionLink is the listing a page belongs to, for its breadcrumbs.
func (b *builder) sectionLink(p *pageInfo) *Link {
	if l := b.docsetLanding[p.docset]; l != nil && p.docset != nil {
		return &Link{Name: l.title, URL: b.href(l.url)}
	}
	if l := b.productListing[p.meta.Product]; l != nil && p.meta.Product != "" {
		return &Link{Name: l.title, URL: b.href(l.url)}
	}
	if l := b.folderListing[p]; l != nil {
		return &Link{Name: l.title, URL: b.href(l.url)}
	}
	return nil
}

// writeListings writes the listing pages and the home page.
func (b *builder) writeListings() error {
	for _, l := range b.listings {
		pg := &Page{Kind: "listing", Title: l.title, Description: l.desc, Items: b.links(l.pages), Sections: l.sections}
		if l.id != l.title {
			pg.RawID = l.id
		}
		pg.Breadcrumbs = []Link{{Name: b.opt.Title, URL: b.href("/")}}
		if l.kind != "docset" && l.kind != "folder" && l.kind != "index" {
			dir, _, _ := strings.Cut(strings.TrimPrefix(l.url, "/"), "/")
			for _, idx := range b.listings {
				if idx.kind == "index" && idx.url == "/"+dir+"/" {
					pg.Breadcrumbs = append(pg.Breadcrumbs, Link{Name: idx.title, URL: b.href(idx.url)})
				}
			}
		}
		if err := b.writeHTML(l.url, "listing.html", pg); err != nil {
			return err
		}
	}
	if b.home != nil {
		pg := &Page{Kind: "home", Title: b.home.title, HeadTitle: "-", Description: b.home.desc, Sections: b.home.sections}
		if err := b.writeHTML("/", "home.html", pg); err != nil {
			return err
		}
	}
	return nil
}

// docsetTitle names a docset: its titleSuffix, else its folder.
func docsetTitle(d *docfx.Docset) string {
	for _, v := range d.Global {
		if v.Key == "titleSuffix" && v.Node != nil && v.Node.Kind == jsonpos.String && strings.TrimSpace(v.Node.Str) != "" {
			return strings.TrimSpace(v.Node.Str)
		}
	}
	if d.Dir == "." {
		return "Articles"
	}
	return d.Dir
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// planFolders gives the article pages outside docset landings (self-help
// articles, plain folders) a listing per top-level URL folder, so the home
// page's "Documentation sets" covers every article. It returns the links.
func (b *builder) planFolders() []Link {
	b.folderListing = map[*pageInfo]*listing{}
	byDir := map[string][]*pageInfo{}
	var dirs []string
	for _, p := range b.pages {
		if p.yaml || p.docset != nil && b.docsetLanding[p.docset] != nil {
			continue
		}
		dir, _, _ := strings.Cut(strings.Trim(p.url, "/"), "/")
		if !strings.Contains(strings.Trim(p.url, "/"), "/") {
			dir = "" // a page at the top: "Other articles"
		}
		if byDir[dir] == nil {
			dirs = append(dirs, dir)
		}
		byDir[dir] = append(byDir[dir], p)
	}
	slices.Sort(dirs)
	var out []Link
	for _, dir := range dirs {
		ps := byDir[dir]
		shc := true
		for _, p := range ps {
			shc = shc && p.meta.Format == "shc"
		}
		u, title := "/"+dir+"/", humanize(dir)
		if dir == "" {
			u, title = "/articles/", "Other articles"
			if shc {
				u, title = "/self-help/", "Self-help articles"
			}
		} else if shc {
			title += " self-help"
		}
		if !b.claim(u) {
			continue
		}
		l := &listing{url: u, title: title, kind: "folder", pages: ps}
		l.desc = "Articles in " + title + "."
		if shc {
			l.desc = title + " articles, as the Azure portal shows them."
			if dir == "" {
				l.desc = "Self-help articles, as the Azure portal shows them."
			}
		}
		sortPages(l.pages)
		b.listings = append(b.listings, l)
		for _, p := range ps {
			b.folderListing[p] = l
		}
		out = append(out, Link{Name: l.title, URL: b.href(l.url), Count: len(l.pages)})
	}
	return out
}

// Term is a metadata value with its human label.
type Term struct{ Label, ID string }

var cloudLabels = map[string]string{
	"public": "Azure (global)", "fairfax": "Azure Government", "mooncake": "Azure China (21Vianet)",
	"blackforest": "Azure Germany", "usnat": "Azure US Nat", "ussec": "Azure US Sec",
}

// selfHelpTypeIDs are the selfHelpType values of RULES.md.
var selfHelpTypeIDs = []string{
	"generic", "resource", "diagnostics", "problemScopingQuestions", "TSG_Content", "TSG_Description",
	"TSG_Questions", "advisorRecommendationMetadata", "rca", "servicehealthinsights",
	"supportTopicDescription", "Apollo", "diagnoseandsolve", "tools", "health", "PartnerCenterQuickStart",
}

var topicLabels = map[string]string{
	// self-help types (RULES.md)
	"generic": "Troubleshooting", "resource": "Resource", "diagnostics": "Diagnostics",
	"problemscopingquestions": "Problem scoping questions", "tsg_content": "Troubleshooting guide",
	"tsg_description": "Troubleshooting guide description", "tsg_questions": "Troubleshooting guide questions",
	"advisorrecommendationmetadata": "Advisor recommendation", "rca": "Root cause analysis",
	"servicehealthinsights": "Service health insights", "supporttopicdescription": "Support topic description",
	"apollo": "Apollo", "diagnoseandsolve": "Diagnose and solve", "tools": "Tools", "health": "Health",
	"partnercenterquickstart": "Partner Center quickstart",
	// ms.topic values
	"troubleshooting": "Troubleshooting", "how-to": "How-to guide", "conceptual": "Concept", "article": "Article",
	"overview": "Overview", "reference": "Reference", "tutorial": "Tutorial", "landing-page": "Landing page",
	"troubleshooting-general": "Troubleshooting", "troubleshooting-problem-resolution": "Problem resolution",
	"quickstart": "Quickstart", "include": "Include",
}

// words spelled in a special way in product names.
var knownWords = map[string]string{
	"azure": "Azure", "devops": "DevOps", "sql": "SQL", "vm": "VM", "vms": "VMs", "api": "API", "apis": "APIs",
	"ad": "AD", "id": "ID", "iis": "IIS", "dns": "DNS", "aks": "AKS", "vpn": "VPN", "ip": "IP", "os": "OS",
	"ai": "AI", "cdn": "CDN", "iot": "IoT", "hdinsight": "HDInsight", "cosmosdb": "Cosmos DB",
	"visualstudio": "Visual Studio", "powershell": "PowerShell", "sharepoint": "SharePoint",
	"onedrive": "OneDrive", "msteams": "Microsoft Teams", "itpro": "IT Pro", "m365": "Microsoft 365",
	"o365": "Office 365", "ews": "EWS", "mfa": "MFA", "sso": "SSO", "ui": "UI", "url": "URL", "ssl": "SSL",
	"tls": "TLS", "http": "HTTP", "https": "HTTPS", "pstn": "PSTN", "sbc": "SBC", "exo": "Exchange Online",
	"entra": "Entra", "intune": "Intune", "macos": "macOS", "ios": "iOS", "webapps": "Web Apps",
	"appservice": "App Service", "virtualmachines": "Virtual machines", "virtualmachinescalesets": "Virtual machine scale sets", "and": "and", "for": "for", "of": "of", "the": "the", "on": "on",
}

// humanize turns an id (microsoft.compute, azure-devops, one-drive) into
// a label: "microsoft." dropped, split on dots, hyphens and underscores,
// known words spelled their way, the others title-cased.
func humanize(id string) string {
	s := strings.TrimSpace(id)
	if low := strings.ToLower(s); strings.HasPrefix(low, "microsoft.") {
		s = s[len("microsoft."):]
	}
	// one-drive -> OneDrive before splitting
	if low := strings.ToLower(s); low == "one-drive" {
		return "OneDrive"
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == ' ' || r == '/' })
	for i, w := range parts {
		if k, ok := knownWords[strings.ToLower(w)]; ok && (i > 0 || k != strings.ToLower(k)) {
			parts[i] = k
			continue
		}
		if w == strings.ToLower(w) || w == strings.ToUpper(w) && len(w) > 4 {
			w = strings.ToLower(w)
			parts[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	if len(parts) == 0 {
		return id
	}
	return strings.Join(parts, " ")
}

// termLabel is the label of a product, topic type or cloud value.
func termLabel(kind, id string) string {
	low := strings.ToLower(strings.TrimSpace(id))
	switch kind {
	case "cloud":
		if l, ok := cloudLabels[low]; ok {
			return l
		}
	case "type":
		if l, ok := topicLabels[low]; ok {
			return l
		}
		h := humanize(id)
		return strings.ToUpper(h[:1]) + strings.ToLower(h[1:])
	}
	return humanize(id)
}
