package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/rule"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample is one list fed to every printer: unsorted, with a related
// location, a fix, characters that need escaping, and a non-ASCII line.
func sample() diag.List {
	return diag.List{
		{
			File: "Office/word/b.md", Pos: diag.Pos{Line: 12, Column: 5, Column16: 5}, End: diag.Pos{Line: 12, Column: 17, Column16: 17},
			Rule: "heading-level-skip", Severity: diag.Warning, Message: "heading level jumps from H2 to H4",
		},
		{
			File: "Office/word/a.md", Pos: diag.Pos{Line: 1, Column: 1, Column16: 1}, End: diag.Pos{Line: 1, Column: 1, Column16: 1},
			Rule: "meta-required", Severity: diag.Error,
			Message: "required key ms.service is empty (inherited from Office/docfx.json:63:7, fileMetadata \"**/*.md\")",
			Related: []diag.Location{{File: "Office/docfx.json", Pos: diag.Pos{Line: 63, Column: 7, Column16: 7}, End: diag.Pos{Line: 63, Column: 9, Column16: 9}, Message: "value set here"}},
		},
		{
			File: "azure/ünïcode, 100%.md", Pos: diag.Pos{Line: 3, Column: 12, Column16: 8}, End: diag.Pos{Line: 3, Column: 20, Column16: 14},
			Rule: "meta-key-case", Severity: diag.Warning, Message: "key \"articleId\" is written \"articleid\"\nsecond line | pipe <b>",
			Fix: &diag.Fix{Description: "write the key as articleId"},
		},
	}
}

func TestPrinters(t *testing.T) {
	opt := Options{Root: "docs", RootURI: "file:///work/docs", Version: "v0.0.0-test"}
	cases := map[string]func(*bytes.Buffer) error{
		"text":    func(b *bytes.Buffer) error { return Text(b, sample(), opt) },
		"json":    func(b *bytes.Buffer) error { return JSON(b, sample(), opt) },
		"sarif":   func(b *bytes.Buffer) error { return SARIF(b, sample(), opt) },
		"github":  func(b *bytes.Buffer) error { return GitHub(b, sample(), opt) },
		"summary": func(b *bytes.Buffer) error { return Summary(b, sample(), opt) },
	}
	for name, print := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := print(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden."+name)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				got, exp := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
				i := 0
				for i < len(got) && i < len(exp) && got[i] == exp[i] {
					i++
				}
				line := func(l []string) string {
					if i < len(l) {
						return l[i]
					}
					return "(end)"
				}
				t.Errorf("%s output differs from %s at line %d (go test -update rewrites it):\n got %s\nwant %s",
					name, golden, i+1, line(got), line(exp))
			}
		})
	}
}

// TestSARIFShape checks what GitHub code scanning needs from a SARIF log.
func TestSARIFShape(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, sample(), Options{Root: "../elsewhere", RootURI: "file:///elsewhere"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs; want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if n := len(run.Tool.Driver.Rules); n != len(rule.All()) {
		t.Errorf("%d rules in the driver; want %d", n, len(rule.All()))
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results; want 3", len(run.Results))
	}
	for _, r := range run.Results {
		if got := run.Tool.Driver.Rules[r.RuleIndex].ID; got != r.RuleID {
			t.Errorf("ruleIndex %d names %s; want %s", r.RuleIndex, got, r.RuleID)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "SRCROOT" {
			t.Errorf("%s: uriBaseId %q; want SRCROOT for a root outside the working folder", r.RuleID, loc.ArtifactLocation.URIBaseID)
		}
	}
	if run.OriginalURIBaseIDs["SRCROOT"].URI != "file:///elsewhere/" {
		t.Errorf("SRCROOT = %q; want file:///elsewhere/", run.OriginalURIBaseIDs["SRCROOT"].URI)
	}
	// The non-ASCII finding: UTF-16 columns.
	for _, r := range run.Results {
		if r.RuleID == "meta-key-case" && r.Locations[0].PhysicalLocation.Region.StartColumn != 8 {
			t.Errorf("meta-key-case startColumn %d; want 8 (UTF-16)", r.Locations[0].PhysicalLocation.Region.StartColumn)
		}
	}
}
