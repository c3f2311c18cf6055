package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field is one field of the index.
type Field struct {
	Name    string
	Boost   float64 // text fields: how much a match there counts
	Keyword bool    // one lower-cased token per value, no stemming
	Facet   bool    // counted per value for facets
}

// Fields are the fields of a Doc in the index, text fields first, in the
// order queries expand a bare word over them.
var Fields = []Field{
	{Name: "title", Boost: 3},
	{Name: "headings", Boost: 2},
	{Name: "description", Boost: 1.5},
	{Name: "body", Boost: 1},
	{Name: "docset", Keyword: true, Facet: true},
	{Name: "product", Keyword: true, Facet: true},
	{Name: "topic", Keyword: true, Facet: true},
	{Name: "cloud", Keyword: true, Facet: true},
	{Name: "appliesto", Keyword: true},
	{Name: "id", Keyword: true},
}

// Facets are the names of the facet fields.
var Facets = func() []string {
	var out []string
	for _, f := range Fields {
		if f.Facet {
			out = append(out, f.Name)
		}
	}
	return out
}()

// TextFields are the fields a bare word is looked for in.
var TextFields = func() []Field {
	var out []Field
	for _, f := range Fields {
		if !f.Keyword {
			out = append(out, f)
		}
	}
	return out
}()

// Analyzer names: the text analyzer is bleve's English one; keywords use
// idAnalyzer.
const (
	TextAnalyzer = en.AnalyzerName
	idAnalyzer   = "helpsite-id"
)

// Stored fields that are not indexed: what a hit shows.
const (
	storedURL  = "url"
	storedDate = "date"
)

// docType is the bleve document type of every Doc.
const docType = "article"

// newMapping is the explicit index mapping of a Doc.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(idAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	im.DefaultAnalyzer = TextAnalyzer
	im.DefaultType = docType
	im.TypeField = "_type"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()
	for _, f := range Fields {
		fm := bleve.NewTextFieldMapping()
		fm.IncludeInAll = false
		if f.Keyword {
			fm.Analyzer = idAnalyzer
			fm.IncludeTermVectors = false
			fm.Store = false
			fm.DocValues = f.Facet
		} else {
			fm.Analyzer = TextAnalyzer
			fm.IncludeTermVectors = true // phrases and highlighting
			fm.Store = true              // fragments for `helpsite search`
			fm.DocValues = false
		}
		dm.AddFieldMappingsAt(f.Name, fm)
	}
	for _, name := range []string{storedURL, storedDate} {
		fm := bleve.NewTextFieldMapping()
		fm.Index = false
		fm.Store = true
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(name, fm)
	}
	im.AddDocumentMapping(docType, dm)
	im.DefaultMapping = dm
	return im, nil
}
