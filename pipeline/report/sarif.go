package report

import (
	"encoding/json"
	"io"
	"path"
	"strings"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/rule"
)

// The subset of SARIF 2.1.0 that code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
		Properties         map[string]any              `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		HelpURI              string             `json:"helpUri"`
		Help                 sarifHelp          `json:"help"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           sarifRuleProps     `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags      []string `json:"tags"`
		Precision string   `json:"precision"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	}
	sarifLocation struct {
		ID               int                   `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log with the metadata of every rule, so GitHub
// code scanning can show each finding with its rule's help. Columns are in
// UTF-16 code units, SARIF's default.
func SARIF(w io.Writer, l diag.List, opt Options) error {
	rules := rule.All()
	index := make(map[string]int, len(rules))
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "helpsite",
			InformationURI: "https://github.com/helpsite/helpsite",
			Version:        opt.Version,
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               r.ID,
			Name:             ruleName(r.ID),
			ShortDescription: sarifText{r.Summary},
			FullDescription:  sarifText{r.Summary + " (one finding per " + r.Per + ")."},
			HelpURI:          r.HelpURI(),
			Help: sarifHelp{
				Text: r.Summary + ".\n\nWhy: " + r.Why + "\n\nHow to fix: " + r.Fix + "\n\nSee " + r.HelpURI(),
				Markdown: rule.Prose("**"+r.ID+"**: "+r.Summary+".\n\n**Why:** "+r.Why+"\n\n**How to fix:** "+r.Fix) +
					"\n\n[Rule reference](" + r.HelpURI() + ")",
			},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
			Properties:           sarifRuleProps{Tags: []string{"documentation", string(r.Group), r.Applies.String()}, Precision: "high"},
		})
	}
	loc := func(file string, p, e diag.Pos) sarifPhysicalLocation {
		art := sarifArtifactLoc{URI: file}
		if d := opt.Display(file); d != file && !strings.HasPrefix(d, "../") && !path.IsAbs(d) {
			art.URI = d // relative to the working directory, as code scanning expects
		} else if opt.RootURI != "" {
			art.URIBaseID = "SRCROOT"
		}
		return sarifPhysicalLocation{ArtifactLocation: art, Region: sarifRegion{
			StartLine: max(p.Line, 1), StartColumn: max(p.Column16, 1),
			EndLine: max(e.Line, p.Line, 1), EndColumn: max(e.Column16, 1),
		}}
	}
	usesBase := false
	for _, d := range sorted(l) {
		res := sarifResult{
			RuleID:    d.Rule,
			RuleIndex: index[d.Rule],
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc(d.File, d.Pos, d.End)}},
		}
		if res.Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID != "" {
			usesBase = true
		}
		for i, r := range d.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: i + 1, PhysicalLocation: loc(r.File, r.Pos, r.End), Message: &sarifText{r.Message},
			})
		}
		run.Results = append(run.Results, res)
	}
	if usesBase {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"SRCROOT": {URI: strings.TrimSuffix(opt.RootURI, "/") + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// ruleName turns "meta-key-unknown" into "MetaKeyUnknown", the PascalCase
// name SARIF viewers show.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
