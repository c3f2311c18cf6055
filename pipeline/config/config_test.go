package config

import (
	"strings"
	"testing"
	"time"

	"github.com/helpsite/helpsite/pipeline/diag"
)

func TestLoad(t *testing.T) {
	c, err := Load("helpsite.yaml", []byte(`
rules:
  meta-date-stale: off
  heading-level-skip: error
metadata:
  learn:
    knownKeys: [ms.contributors]
    requiredKeys: [ms.subservice]
  shc:
    recommendedKeys: [articleTags]
dates:
  staleAfterDays: 365
  referenceDate: 2026-01-31
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.SeverityOf("meta-date-stale"); got != diag.Off {
		t.Errorf("meta-date-stale severity %v; want off", got)
	}
	if got := c.SeverityOf("heading-level-skip"); got != diag.Error {
		t.Errorf("heading-level-skip severity %v; want error", got)
	}
	if got := c.SeverityOf("meta-key-case"); got != diag.Warning {
		t.Errorf("meta-key-case severity %v; want its default, warning", got)
	}
	if !contains(c.Learn.Known, "ms.contributors") || !contains(c.Learn.Known, "ms.subservice") || !contains(c.Learn.Required, "ms.subservice") {
		t.Errorf("learn schema not extended: known %v required %v", c.Learn.Known, c.Learn.Required)
	}
	if !contains(c.SHC.Recommended, "articleTags") {
		t.Errorf("shc recommended %v; want articleTags", c.SHC.Recommended)
	}
	if c.StaleDays != 365 || !c.ReferenceDate.Equal(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dates: stale %d, reference %v", c.StaleDays, c.ReferenceDate)
	}
	if !c.Today().Equal(c.ReferenceDate) {
		t.Errorf("Today() = %v; want the reference date", c.Today())
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		msg        string
	}{
		{"unknown top-level key", "rules: {}\nmetdata: {}\n", 2, "field metdata not found"},
		{"unknown nested key", "dates:\n  staleDays: 3\n", 2, "field staleDays not found"},
		{"unknown rule", "rules:\n  meta-date-stael: off\n", 2, `unknown rule "meta-date-stael"`},
		{"bad severity", "rules:\n  alert-case: loud\n", 2, `unknown severity "loud"`},
		{"bad date", "dates:\n  referenceDate: 11/22/2026\n", 2, "is not YYYY-MM-DD"},
		{"negative window", "dates:\n  staleAfterDays: -1\n", 2, "must not be negative"},
		{"not YAML", "rules: [\n", 1, "did not find expected node content"},
		{"wrong type", "metadata:\n  learn:\n    knownKeys: yes\n", 3, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("helpsite.yaml", []byte(tt.yaml))
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Load(%q) error = %v; want *Error", tt.yaml, err)
			}
			if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("Load(%q) = line %d %q; want line %d containing %q", tt.yaml, e.Line, e.Msg, tt.line, tt.msg)
			}
			if !strings.HasPrefix(e.Error(), "helpsite.yaml:") {
				t.Errorf("error %q does not start with the file name", e.Error())
			}
		})
	}
}

func TestEmptyConfig(t *testing.T) {
	c, err := Load("helpsite.yaml", []byte("# nothing yet\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.StaleDays != 730 || len(c.Learn.Required) != 7 {
		t.Errorf("empty config changed the defaults: %+v", c)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLoadSite(t *testing.T) {
	c, err := Load("helpsite.yaml", []byte("site:\n  title: Contoso Help\n  baseURL: https://org.github.io/repo\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.SiteTitle != "Contoso Help" || c.SiteBaseURL != "https://org.github.io/repo/" {
		t.Errorf("site: title %q, baseURL %q", c.SiteTitle, c.SiteBaseURL)
	}
	_, err = Load("helpsite.yaml", []byte("site:\n  baseURL: org.github.io\n"))
	if e, ok := err.(*Error); !ok || e.Line != 2 || !strings.Contains(e.Msg, "baseURL") {
		t.Errorf("bad baseURL: %v; want an error on line 2", err)
	}
}

func TestSiteVideoHosts(t *testing.T) {
	c, err := Load("helpsite.yaml", []byte("site:\n  videoHosts: [Videos.Contoso.com, www.youtube.com]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.SiteVideoHosts, ","); got != "videos.contoso.com,www.youtube.com" {
		t.Errorf("videoHosts %q", got)
	}
	if c, _ := Load("helpsite.yaml", []byte("site:\n  title: x\n")); c.SiteVideoHosts != nil {
		t.Errorf("videoHosts without the key: %q; want nil (the renderer's list)", c.SiteVideoHosts)
	}
	if c, _ := Load("helpsite.yaml", []byte("site:\n  videoHosts: []\n")); c == nil || c.SiteVideoHosts == nil || len(c.SiteVideoHosts) != 0 {
		t.Errorf("videoHosts: [] must embed no video at all")
	}
	_, err = Load("helpsite.yaml", []byte("site:\n  videoHosts: [https://www.youtube.com/]\n"))
	if e, ok := err.(*Error); !ok || e.Line != 2 || !strings.Contains(e.Msg, "not a host name") {
		t.Errorf("a URL as a video host: %v", err)
	}
}
