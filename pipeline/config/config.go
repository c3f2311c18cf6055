// Package config holds what configures a run: the metadata schemas of both
// article formats, rule severities, the date rules' window and reference
// date. Defaults come from DefaultConfig; a helpsite.yaml at the content root
// extends them and is decoded strictly, so a misspelt key is an error.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/external"
	"github.com/helpsite/helpsite/pipeline/rule"
)

// Config is the configuration of a run.
type Config struct {
	// Severity overrides the default severity of rules; diag.Off turns a
	// rule off.
	Severity map[string]diag.Severity
	Learn    Schema
	SHC      Schema
	// StaleDays is the age in days after which ms.date is stale.
	StaleDays int
	// ReferenceDate is "today" for the date rules. The zero value means
	// the real today.
	ReferenceDate time.Time
	// URLBases maps a docset folder (where its docfx.json is) to the URL
	// path it is published under, overriding the base read from its
	// breadcrumb_path.
	URLBases map[string]string
	// External configures lint --external.
	External External
	// SiteTitle and SiteBaseURL are site.title and site.baseURL: the title
	// of the built site and the URL it is published at ("" for the
	// builder's defaults).
	SiteTitle   string
	SiteBaseURL string
	// SiteFallbackOrigin is site.fallbackOrigin: where the built site
	// sends a site-relative link (/azure/...) to a page it does not hold,
	// e.g. "https://learn.microsoft.com" (the default). "" keeps such
	// links as local paths under the base path.
	SiteFallbackOrigin string
	// SiteFooter is site.footer: a line of text at the foot of every page
	// (a licence, a copyright), "" for none.
	SiteFooter string
	// SiteVideoHosts is site.videoHosts: the hosts a [!VIDEO] may embed as
	// an iframe (nil: the renderer's default list).
	SiteVideoHosts []string
}

// DefaultFallbackOrigin is the public site that site-relative links of
// Learn articles point into.
const DefaultFallbackOrigin = "https://learn.microsoft.com"

// External configures the checking of http(s) links.
type External struct {
	Ignore      []string      // URL patterns never checked (globs with *, or re:regexp), after the defaults
	Workers     int           // requests at once (0: the checker's default)
	PerHost     int           // requests at once to one host
	Timeout     time.Duration // for one request
	CacheFile   string        // relative to the content root unless absolute
	CacheMaxAge time.Duration
}

// Schema is the metadata schema of one article format.
type Schema struct {
	Known       []string // every key the format knows
	Required    []string // keys that must be present and not empty
	Recommended []string
	// AuthorKeys: at least one must be present and not empty (shc).
	AuthorKeys []string
}

// DefaultConfig returns the configuration of RULES.md.
func DefaultConfig() *Config {
	return &Config{
		Severity:           map[string]diag.Severity{},
		URLBases:           map[string]string{},
		SiteFallbackOrigin: DefaultFallbackOrigin,
		External:           External{Ignore: slices.Clone(external.DefaultIgnore), CacheMaxAge: 7 * 24 * time.Hour},
		Learn: Schema{
			Known: []string{
				"title", "description", "author", "ms.author", "manager", "ms.reviewer", "ms.topic",
				"ms.custom", "appliesto", "search.appverid", "audience", "ms.date", "ms.service",
				"ms.subservice", "ms.collection", "ms.assetid", "f1.keywords", "f1_keywords", "keywords",
				"editor", "ms.editor", "ROBOTS", "adobe-target", "ms.localizationpriority", "titleSuffix",
				"ms.prod", "ms.technology", "ms.devlang", "zone_pivot_groups", "monikerRange", "no-loc",
				"feedback_system", "feedback_product_url", "recommendations", "hideEdit",
				"breadcrumb_path", "layout", "uid", "ms.subject", "ms.suite",
			},
			Required:    []string{"title", "description", "ms.date", "ms.topic", "author", "ms.author", "ms.service"},
			Recommended: []string{"appliesto", "audience", "search.appverid", "ms.custom"},
		},
		SHC: Schema{
			Known: []string{
				"pageTitle", "description", "service", "resource", "authors", "ms.author", "displayOrder",
				"selfHelpType", "supportTopicIds", "resourceTags", "productPesIds", "cloudEnvironments",
				"articleId", "ownershipId", "infoBubbleText", "diagnosticScenario", "schemaVersion",
				"resourceRequired", "productFamilyId", "icmTeam", "icmService", "feedbackEmail", "clientIds",
				"articleTags", "disableClouds", "authorAlias", "category", "ms.service", "symptomID",
				"issueNotListed", "searchTags", "mappedToBucket", "editor", "documentationCenter",
			},
			Required:   []string{"pageTitle", "description", "articleId", "selfHelpType", "cloudEnvironments", "ownershipId"},
			AuthorKeys: []string{"ms.author", "authors", "authorAlias"},
		},
		StaleDays: 730,
	}
}

// SeverityOf returns the severity of a rule in this run.
func (c *Config) SeverityOf(id string) diag.Severity {
	if s, ok := c.Severity[id]; ok {
		return s
	}
	if r := rule.Lookup(id); r != nil {
		return r.Severity
	}
	return diag.Warning
}

// Today returns the reference date of the date rules.
func (c *Config) Today() time.Time {
	if !c.ReferenceDate.IsZero() {
		return c.ReferenceDate
	}
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// File is the form of helpsite.yaml.
type File struct {
	Rules    map[string]string `yaml:"rules"`
	Metadata struct {
		Learn FileSchema `yaml:"learn"`
		SHC   FileSchema `yaml:"shc"`
	} `yaml:"metadata"`
	Dates struct {
		StaleAfterDays *int   `yaml:"staleAfterDays"`
		ReferenceDate  string `yaml:"referenceDate"`
	} `yaml:"dates"`
	Site struct {
		URLBases map[string]string `yaml:"urlBases"`
		Title    string            `yaml:"title"`
		BaseURL  string            `yaml:"baseURL"`
		Footer   string            `yaml:"footer"`
		// VideoHosts: nil when not set (the renderer's list).
		VideoHosts []string `yaml:"videoHosts"`
		// FallbackOrigin: nil when not set (the default), "" to keep
		// site-relative links local.
		FallbackOrigin *string `yaml:"fallbackOrigin"`
	} `yaml:"site"`
	External struct {
		Ignore      []string `yaml:"ignore"`
		Workers     int      `yaml:"workers"`
		PerHost     int      `yaml:"perHost"`
		Timeout     string   `yaml:"timeout"`
		CacheFile   string   `yaml:"cacheFile"`
		CacheMaxAge string   `yaml:"cacheMaxAge"`
	} `yaml:"external"`
}

// FileSchema extends a format's schema.
type FileSchema struct {
	KnownKeys       []string `yaml:"knownKeys"`
	RequiredKeys    []string `yaml:"requiredKeys"`
	RecommendedKeys []string `yaml:"recommendedKeys"`
}

// Error is a configuration error with its line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load applies the helpsite.yaml held in data (named name in messages) to
// the defaults.
func Load(name string, data []byte) (*Config, error) {
	c := DefaultConfig()
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}
	rulesNode := lookup(&doc, "rules")
	for _, id := range slices.Sorted(maps.Keys(f.Rules)) {
		sev, line := f.Rules[id], keyLine(rulesNode, id)
		if rule.Lookup(id) == nil {
			return nil, &Error{name, line, fmt.Sprintf("unknown rule %q (helpsite rules lists them)", id)}
		}
		s, err := diag.ParseSeverity(sev)
		if err != nil {
			return nil, &Error{name, line, err.Error()}
		}
		c.Severity[id] = s
	}
	extend(&c.Learn, f.Metadata.Learn)
	extend(&c.SHC, f.Metadata.SHC)
	if d := f.Dates.StaleAfterDays; d != nil {
		if *d < 0 {
			return nil, &Error{name, keyLine(lookup(&doc, "dates"), "staleAfterDays"), "staleAfterDays must not be negative"}
		}
		c.StaleDays = *d
	}
	if s := f.Dates.ReferenceDate; s != "" {
		t, err := ParseDate(s)
		if err != nil {
			return nil, &Error{name, keyLine(lookup(&doc, "dates"), "referenceDate"), err.Error()}
		}
		c.ReferenceDate = t
	}
	ext := f.External
	c.External.Ignore = append(c.External.Ignore, ext.Ignore...)
	c.External.Workers, c.External.PerHost, c.External.CacheFile = ext.Workers, ext.PerHost, ext.CacheFile
	duration := func(key, v string, d *time.Duration) error {
		if v == "" {
			return nil
		}
		t, err := time.ParseDuration(v)
		if err != nil || t < 0 {
			return &Error{name, keyLine(lookup(&doc, "external"), key), fmt.Sprintf("%s %q is not a duration such as 10s or 24h", key, v)}
		}
		*d = t
		return nil
	}
	if err := duration("timeout", ext.Timeout, &c.External.Timeout); err != nil {
		return nil, err
	}
	if err := duration("cacheMaxAge", ext.CacheMaxAge, &c.External.CacheMaxAge); err != nil {
		return nil, err
	}
	for dir, base := range f.Site.URLBases {
		if !strings.HasPrefix(base, "/") {
			return nil, &Error{name, keyLine(lookup(lookup(&doc, "site"), "urlBases"), dir),
				fmt.Sprintf("URL base %q of %s must start with /", base, dir)}
		}
		c.URLBases[strings.Trim(dir, "/")] = strings.TrimSuffix(base, "/") + "/"
	}
	c.SiteTitle = strings.TrimSpace(f.Site.Title)
	c.SiteFooter = strings.TrimSpace(f.Site.Footer)
	if f.Site.VideoHosts != nil {
		c.SiteVideoHosts = []string{}
		for _, h := range f.Site.VideoHosts {
			h = strings.ToLower(strings.TrimSpace(h))
			if h == "" || strings.ContainsAny(h, "/: ") {
				return nil, &Error{name, keyLine(lookup(&doc, "site"), "videoHosts"),
					fmt.Sprintf("videoHosts: %q is not a host name (write www.youtube.com, not a URL)", h)}
			}
			c.SiteVideoHosts = append(c.SiteVideoHosts, h)
		}
	}
	if u := strings.TrimSpace(f.Site.BaseURL); u != "" {
		if !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return nil, &Error{name, keyLine(lookup(&doc, "site"), "baseURL"),
				fmt.Sprintf("baseURL %q must start with / or https://", u)}
		}
		c.SiteBaseURL = strings.TrimSuffix(u, "/") + "/"
	}
	if o := f.Site.FallbackOrigin; o != nil {
		u := strings.TrimSuffix(strings.TrimSpace(*o), "/")
		if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return nil, &Error{name, keyLine(lookup(&doc, "site"), "fallbackOrigin"),
				fmt.Sprintf("fallbackOrigin %q must start with https:// (or be \"\" to keep links local)", u)}
		}
		c.SiteFallbackOrigin = u
	}
	return c, nil
}

// ParseDate reads a YYYY-MM-DD reference date.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("reference date %q is not YYYY-MM-DD", s)
	}
	return t, nil
}

func extend(s *Schema, f FileSchema) {
	add := func(list []string, keys []string) []string {
		for _, k := range keys {
			if !slices.Contains(list, k) {
				list = append(list, k)
			}
		}
		return list
	}
	s.Known = add(s.Known, f.KnownKeys)
	s.Known = add(s.Known, f.RequiredKeys)
	s.Known = add(s.Known, f.RecommendedKeys)
	s.Required = add(s.Required, f.RequiredKeys)
	s.Recommended = add(s.Recommended, f.RecommendedKeys)
}

// yamlError turns a yaml.v3 error into an Error. yaml.v3 gives lines only
// inside its message text ("line 3: field x not found in type ...").
func yamlError(name string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	msg = strings.Replace(msg, "in type config.File", "", 1)
	msg = strings.Replace(msg, "in type config.FileSchema", "", 1)
	return &Error{File: name, Line: line, Msg: strings.TrimSpace(msg)}
}

func lookup(doc *yaml.Node, key string) *yaml.Node {
	if doc == nil || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func keyLine(m *yaml.Node, key string) int {
	if m == nil {
		return 0
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}
