package check

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/internal/levenshtein"
)

// Enumerations of RULES.md "Schemas".
var (
	learnTopics = []string{
		"troubleshooting", "how-to", "conceptual", "article", "overview", "reference", "tutorial",
		"landing-page", "troubleshooting-general", "troubleshooting-problem-resolution",
	}
	selfHelpTypes = []string{
		"generic", "resource", "diagnostics", "problemScopingQuestions", "TSG_Content", "TSG_Description",
		"TSG_Questions", "advisorRecommendationMetadata", "rca", "servicehealthinsights",
		"supportTopicDescription", "Apollo", "diagnoseandsolve", "tools", "health", "PartnerCenterQuickStart",
	}
	clouds = []string{"public", "fairfax", "mooncake", "blackforest", "usnat", "ussec"}
)

var (
	appverID  = regexp.MustCompile(`^[A-Z]{3}[0-9]{3}$`)
	msDate    = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	articleID = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	numericID = regexp.MustCompile(`^[0-9]+$`)
	guid      = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	integer   = regexp.MustCompile(`^[+-]?[0-9]+$`)
)

// metadataLearn checks the group "Metadata" for a Learn article.
func metadataLearn(c *Context) {
	a := c.Article
	fm := a.FrontMatter
	switch {
	case fm == nil:
		c.reportFile("frontmatter-missing", "article has no YAML front matter (--- lines at the top)")
	case fm.Err != nil:
		// The keys cannot be read: reporting them missing would be false.
		c.report("frontmatter-invalid", fm.Err.Offset, fm.Err.Offset, "%s", fm.Err.Message)
		return
	}
	for _, f := range a.Duplicates {
		first := a.Lookup(f.Key)
		c.report("frontmatter-duplicate-key", f.KeyStart, f.KeyEnd,
			"key %q is given again (first at line %d)", f.Key, a.Pos(first.KeyStart).Line)
	}
	keys(c, &c.Config.Learn)
	presence(c, &c.Config.Learn)

	if f := a.Lookup("ms.date"); f != nil && !f.Value.Empty() {
		msDateRules(c, f)
	}
	if f := a.Lookup("ms.topic"); f != nil && !f.Value.Empty() {
		for _, it := range f.Value.Scalars() {
			if !slices.Contains(learnTopics, it.Text) {
				c.reportValue("meta-topic-invalid", f, it, "ms.topic %q is not one of %s", it.Text, strings.Join(learnTopics, ", "))
			}
		}
	}
	if f := a.Lookup("search.appverid"); f != nil {
		for _, it := range f.Value.Scalars() {
			if strings.TrimSpace(it.Text) != "" && !appverID.MatchString(it.Text) {
				c.reportValue("meta-appverid-format", f, it, "search.appverid %q is not three capital letters and three digits, like MET150", it.Text)
			}
		}
	}
}

// metadataSHC checks the group "Metadata" for a self-help article.
func metadataSHC(c *Context) {
	a := c.Article
	if a.Properties == nil {
		return
	}
	keys(c, &c.Config.SHC)
	presence(c, &c.Config.SHC)

	if f := a.Lookup("articleId"); f != nil && !f.Value.Empty() {
		v := f.Value.Text
		if strings.TrimSpace(v) != v || !articleID.MatchString(strings.TrimSpace(v)) {
			d := c.reportValue("meta-articleid-format", f, item(f), "articleId %q has white space around it or characters other than A-Z, a-z, 0-9, '.', '_' and '-'", v)
			if t := strings.TrimSpace(v); t != v && articleID.MatchString(t) {
				fix(d, "trim the white space", diag.Edit{Start: f.Value.Start, End: f.Value.End, New: t})
			}
		}
	}
	for _, key := range []string{"cloudEnvironments", "disableClouds"} {
		f := a.Lookup(key)
		if f == nil {
			continue
		}
		for _, tok := range tokens(f.Value) {
			if !containsFold(clouds, tok.Text) {
				c.report("meta-cloud-invalid", tok.Start, tok.End, "%s value %q is not one of %s", f.Key, tok.Text, strings.Join(clouds, ", "))
			}
		}
	}
	if f := a.Lookup("displayOrder"); f != nil {
		if v := strings.TrimSpace(f.Value.Text); v != "" && !integer.MatchString(v) {
			c.reportValue("meta-displayorder-format", f, item(f), "displayOrder %q is neither empty nor an integer", f.Value.Text)
		}
	}
	for _, key := range []string{"supportTopicIds", "productPesIds"} {
		f := a.Lookup(key)
		if f == nil {
			continue
		}
		seen := map[string]bool{}
		for _, tok := range tokens(f.Value) {
			if !numericID.MatchString(tok.Text) && !guid.MatchString(tok.Text) {
				c.report("meta-id-format", tok.Start, tok.End, "%s value %q is neither a number nor a GUID", f.Key, tok.Text)
			}
			k := strings.ToLower(tok.Text)
			if seen[k] {
				c.report("meta-id-duplicate-token", tok.Start, tok.End, "%s lists %q more than once", f.Key, tok.Text)
			}
			seen[k] = true
		}
	}
	if f := a.Lookup("schemaVersion"); f != nil && strings.TrimSpace(f.Value.Text) != "1" {
		c.reportValue("meta-schemaversion-invalid", f, item(f), "schemaVersion %q is not \"1\"", f.Value.Text)
	}
	if f := a.Lookup("selfHelpType"); f != nil && !f.Value.Empty() {
		if !containsFold(selfHelpTypes, strings.TrimSpace(f.Value.Text)) {
			c.reportValue("meta-selfhelptype-invalid", f, item(f), "selfHelpType %q is not a known type%s", f.Value.Text, suggest(f.Value.Text, selfHelpTypes))
		}
	}
}

// keys reports keys that are not in the schema (meta-key-unknown) or are
// written with other letter case (meta-key-case), once per occurrence.
func keys(c *Context, s *config.Schema) {
	a := c.Article
	for _, f := range slices.Concat(a.Fields, a.Duplicates) {
		if slices.Contains(s.Known, f.Key) {
			continue
		}
		if k, ok := findFold(s.Known, f.Key); ok {
			d := c.report("meta-key-case", f.KeyStart, f.KeyEnd, "key %q is written %q", k, f.Key)
			if keyTaken(a, f, k) {
				// Front-matter keys are case-sensitive: renaming would
				// give the key twice.
				fix(d, "write the key as "+k+" (it is given too: keep one)")
				continue
			}
			c.safeFix(d, "write the key as "+k, f.KeyStart, f.Key, k)
			continue
		}
		c.report("meta-key-unknown", f.KeyStart, f.KeyEnd, "unknown key %q%s", f.Key, suggest(f.Key, s.Known))
	}
}

// keyTaken reports whether another key of the article, other than f, is
// written exactly k.
func keyTaken(a *article.Article, f article.Field, k string) bool {
	return slices.ContainsFunc(slices.Concat(a.Fields, a.Duplicates), func(g article.Field) bool {
		return g.Key == k && g.KeyStart != f.KeyStart && g.From == nil
	})
}

// presence reports required and recommended keys that are missing or empty
// after inheritance.
func presence(c *Context, s *config.Schema) {
	for _, key := range s.Required {
		missing(c, "meta-required", key, "required")
	}
	if len(s.AuthorKeys) > 0 {
		ok := false
		for _, k := range s.AuthorKeys {
			if f := c.Article.Lookup(k); f != nil && !f.Value.Empty() {
				ok = true
			}
		}
		if !ok {
			c.reportFile("meta-required", "an author is required: set one of %s", strings.Join(s.AuthorKeys, ", "))
		}
	}
	for _, key := range s.Recommended {
		missing(c, "meta-recommended", key, "recommended")
	}
}

func missing(c *Context, rule, key, what string) {
	f := c.Article.Lookup(key)
	switch {
	case f == nil:
		c.reportFile(rule, "%s key %s is missing", what, key)
	case f.Value.Empty():
		// "the key is empty": at the key, its range reaching the value.
		if f.From == nil {
			c.report(rule, f.KeyStart, max(f.Value.End, f.KeyEnd), "%s key %s is empty", what, key)
			return
		}
		c.reportValue(rule, f, item(f), "%s key %s is empty", what, key)
	}
}

// reportValue reports a finding about a value. A value inherited from
// docfx.json is reported at the top of the article, with the docfx.json
// entry as related location.
func (c *Context) reportValue(rule string, f *article.Field, it article.Item, format string, args ...any) *diag.Diagnostic {
	if f.From == nil {
		start, end := it.Start, it.End
		switch {
		case f.Value.Null:
			start, end = f.KeyStart, f.KeyEnd
		case c.Article.Pos(start).Line != c.Article.Pos(f.KeyStart).Line:
			// A list item below its key: the finding starts at the key, as
			// findings about metadata values do, and its range reaches the
			// item.
			start = f.KeyStart
		}
		return c.report(rule, start, end, format, args...)
	}
	o := f.From
	d := c.report(rule, 0, 0, format+" (inherited from %s:%d:%d, %s)", append(args, o.File, o.Pos.Line, o.Pos.Column, o.Describe())...)
	if d != nil {
		d.Related = append(d.Related, diag.Location{File: o.File, Pos: o.Pos, End: o.End, Message: "value set here"})
	}
	return d
}

func msDateRules(c *Context, f *article.Field) {
	it := item(f)
	v := strings.TrimSpace(it.Text)
	var y, m, d int
	if g := msDate.FindStringSubmatch(v); g != nil {
		m, _ = strconv.Atoi(g[1])
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
		if len(g[1]) != 2 || len(g[2]) != 2 {
			want := fmt.Sprintf("%02d/%02d/%04d", m, d, y)
			dg := c.reportValue("meta-date-format", f, it, "ms.date %q is not zero-padded MM/DD/YYYY; write %s", v, want)
			if f.From == nil {
				c.safeFix(dg, "write "+want, valueAt(c, it, v), v, want)
			}
		}
	} else if g := isoDate.FindStringSubmatch(v); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
		c.reportValue("meta-date-format", f, it, "ms.date %q is not MM/DD/YYYY; write %02d/%02d/%04d", v, m, d, y)
	} else {
		c.reportValue("meta-date-format", f, it, "ms.date %q is not MM/DD/YYYY", v)
		return
	}
	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || date.Day() != d {
		c.reportValue("meta-date-invalid", f, it, "ms.date %q is not a calendar date", v)
		return
	}
	today := c.Config.Today()
	switch {
	case date.After(today):
		c.reportValue("meta-date-future", f, it, "ms.date %s is after today (%s)", v, today.Format("01/02/2006"))
	case int(today.Sub(date).Hours()/24) > c.Config.StaleDays:
		c.reportValue("meta-date-stale", f, it, "ms.date %s is %d days old (more than %d): review the article and update the date",
			v, int(today.Sub(date).Hours()/24), c.Config.StaleDays)
	}
}

// valueAt returns where the text v stands inside the item's range (which
// may include quotes and white space), or -1.
func valueAt(c *Context, it article.Item, v string) int {
	if it.Start < 0 || it.End > len(c.Text.Bytes) || it.Start > it.End {
		return -1
	}
	i := strings.Index(string(c.Text.Bytes[it.Start:it.End]), v)
	if i < 0 {
		return -1
	}
	return it.Start + i
}

// item returns a field's scalar value as an item.
func item(f *article.Field) article.Item {
	return article.Item{Text: f.Value.Text, Start: f.Value.Start, End: f.Value.End}
}

// tokens splits a comma-separated value into trimmed, non-empty tokens with
// their offsets.
func tokens(v article.Value) []article.Item {
	var out []article.Item
	off := v.Start
	for part := range strings.SplitSeq(v.Text, ",") {
		start := off + len(part) - len(strings.TrimLeft(part, " \t\r\n"))
		t := strings.TrimSpace(part)
		if t != "" {
			out = append(out, article.Item{Text: t, Start: start, End: start + len(t)})
		}
		off += len(part) + 1
	}
	return out
}

func containsFold(list []string, s string) bool {
	_, ok := findFold(list, s)
	return ok
}

func findFold(list []string, s string) (string, bool) {
	for _, k := range list {
		if strings.EqualFold(k, s) {
			return k, true
		}
	}
	return "", false
}

// suggest returns "; did you mean X?" for the closest known word within two
// edits, or "".
func suggest(s string, known []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, k := range known {
		if d := levenshtein.Distance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
