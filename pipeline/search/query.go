package search

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Fuzzy matching of a term that is in no text field (see the package doc).
const (
	FuzzyMinLen  = 4 // shorter unknown terms are not made fuzzy
	Fuzzy2MinLen = 8 // from this many letters, edit distance 2
	FuzzyPrefix  = 1 // leading letters a fuzzy match keeps
)

// dictionary tells whether a field of the index holds a term.
type dictionary interface {
	has(field, term string) bool
}

// readerDict answers from an open index reader.
type readerDict struct {
	r index.IndexReader
}

func (d readerDict) has(field, term string) bool {
	tfr, err := d.r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return false
	}
	defer tfr.Close()
	return tfr.Count() > 0
}

// rewriter turns a parsed query string into the query the index runs.
type rewriter struct {
	text   analysis.Analyzer
	dict   dictionary
	prefix string // the word Options.Prefix makes a prefix too, or ""
}

// Parse parses a query string and rewrites it as the package doc says.
func (ix *Index) Parse(q string) (query.Query, error) {
	return ix.parse(q, false)
}

// parse is Parse, with the last word also a prefix when prefix is set
// (Options.Prefix).
func (ix *Index) parse(q string, prefix bool) (query.Query, error) {
	r, err := ix.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	rd, err := r.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rd.Close()
	text := ix.Mapping().AnalyzerNamed(TextAnalyzer)
	if text == nil {
		return nil, fmt.Errorf("search: no analyzer %q", TextAnalyzer)
	}
	rw := rewriter{text: text, dict: readerDict{rd}}
	if prefix {
		rw.prefix = prefixWord(q)
	}
	return rewrite(q, rw)
}

// prefixWord is the word of q that Options.Prefix makes a prefix too: the
// text after its last space, when q does not end with white space and that
// text is a bare word (see the package doc); "" when there is none.
func prefixWord(q string) string {
	if r, _ := utf8.DecodeLastRuneInString(q); q == "" || unicode.IsSpace(r) {
		return ""
	}
	w := q[strings.LastIndexByte(q, ' ')+1:]
	if strings.ContainsAny(w, `"\:^~*?`) || strings.ContainsFunc(w, unicode.IsSpace) ||
		strings.ContainsAny(w[:1], "+-=<>/") {
		return ""
	}
	return w
}

// rewrite parses q with bleve's query-string parser and rewrites what it
// gives.
func rewrite(q string, rw rewriter) (query.Query, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return query.NewMatchNoneQuery(), nil
	}
	parsed, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", q, err)
	}
	b, ok := parsed.(*query.BooleanQuery)
	if !ok {
		return nil, fmt.Errorf("search: query %q: unexpected %T", q, parsed)
	}
	must, err := rw.clauses(b.Must, false)
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", q, err)
	}
	should, err := rw.clauses(b.Should, rw.prefix != "")
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", q, err)
	}
	mustNot, err := rw.clauses(b.MustNot, false)
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", q, err)
	}
	if len(must) == 0 && len(should) == 0 {
		return query.NewMatchNoneQuery(), nil
	}
	out := query.NewBooleanQuery(must, should, mustNot)
	if len(must) > 0 && len(should) > 0 {
		// should clauses only add to the score of what must matches
		out.Should.(*query.DisjunctionQuery).SetMin(0)
	}
	return out, nil
}

// clauses rewrites each clause of a conjunction or disjunction; clauses
// that come to nothing (a stop word) drop out. With prefix, the last clause
// is the one Options.Prefix extends, if it is rw.prefix as a bare word.
func (rw rewriter) clauses(q query.Query, prefix bool) ([]query.Query, error) {
	var in []query.Query
	switch q := q.(type) {
	case nil:
		return nil, nil
	case *query.ConjunctionQuery:
		in = q.Conjuncts
	case *query.DisjunctionQuery:
		in = q.Disjuncts
	default:
		in = []query.Query{q}
	}
	var out []query.Query
	for i, c := range in {
		r, err := rw.clause(c)
		if err != nil {
			return nil, err
		}
		if prefix && i == len(in)-1 && bareWord(c) == rw.prefix {
			r = rw.withPrefix(r)
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// bareWord is the word of a bare-word clause (a word or a number with no
// field, fuzziness or boost), or "".
func bareWord(q query.Query) string {
	if d, ok := q.(*query.DisjunctionQuery); ok && len(d.Disjuncts) == 2 && d.BoostVal == nil {
		if _, ok := d.Disjuncts[1].(*query.NumericRangeQuery); ok {
			q = d.Disjuncts[0]
		}
	}
	if m, ok := q.(*query.MatchQuery); ok && m.FieldVal == "" && m.Fuzziness == 0 && m.BoostVal == nil {
		return m.Match
	}
	return ""
}

// withPrefix is the clause r of the word rw.prefix, extended to the terms of
// the text fields that start with the word lower-cased.
func (rw rewriter) withPrefix(r query.Query) query.Query {
	pre := strings.ToLower(rw.prefix)
	prefixes := overText(1, func() fieldQuery { return query.NewPrefixQuery(pre) })
	if r == nil {
		return prefixes
	}
	return query.NewDisjunctionQuery([]query.Query{r, prefixes})
}

// fieldQuery is a query of one field, with a boost.
type fieldQuery interface {
	query.Query
	SetField(string)
	SetBoost(float64)
}

// overText is the disjunction of one query per text field, each made by mk
// and boosted by boost times the field's boost.
func overText(boost float64, mk func() fieldQuery) *query.DisjunctionQuery {
	alts := make([]query.Query, 0, len(TextFields))
	for _, f := range TextFields {
		q := mk()
		q.SetField(f.Name)
		q.SetBoost(boost * f.Boost)
		alts = append(alts, q)
	}
	return query.NewDisjunctionQuery(alts)
}

// clause rewrites one clause of the query string; nil when it matches
// nothing by construction (stop words only). Regular expressions and
// numeric or date ranges are not supported (the static client has no
// numeric fields and no regexp engine over bleve's syntax).
func (rw rewriter) clause(q query.Query) (query.Query, error) {
	switch q := q.(type) {
	case *query.RegexpQuery:
		return nil, fmt.Errorf("regular expressions are not supported")
	case *query.NumericRangeQuery, *query.DateRangeStringQuery, *query.DateRangeQuery:
		return nil, fmt.Errorf("ranges are not supported")
	case *query.DisjunctionQuery:
		// A bare number is parsed as "match it or equal it numerically";
		// articles have no numeric fields, so it is a word.
		if len(q.Disjuncts) == 2 {
			if m, ok := q.Disjuncts[0].(*query.MatchQuery); ok && m.FieldVal == "" {
				if _, ok := q.Disjuncts[1].(*query.NumericRangeQuery); ok {
					return rw.word(m.Match, m.Boost(), 0), nil
				}
			}
		}
		if m, ok := q.Disjuncts[0].(*query.MatchQuery); ok && len(q.Disjuncts) == 2 && m.FieldVal != "" {
			// field:123: the match alone
			return m, nil
		}
		return q, nil
	case *query.MatchQuery:
		if q.FieldVal != "" {
			return q, nil
		}
		return rw.word(q.Match, q.Boost(), q.Fuzziness), nil
	case *query.MatchPhraseQuery:
		if q.FieldVal != "" {
			return q, nil
		}
		return overText(q.Boost(), func() fieldQuery { return query.NewMatchPhraseQuery(q.MatchPhrase) }), nil
	case *query.WildcardQuery:
		if q.FieldVal != "" {
			return q, nil
		}
		pat := strings.ToLower(q.Wildcard)
		if pre, ok := strings.CutSuffix(pat, "*"); ok && pre != "" && !strings.ContainsAny(pre, "*?") {
			return overText(q.Boost(), func() fieldQuery { return query.NewPrefixQuery(pre) }), nil
		}
		return overText(q.Boost(), func() fieldQuery { return query.NewWildcardQuery(pat) }), nil
	}
	return q, nil
}

// word is a bare word: its terms over the text fields, plus an exact id
// lookup; fuzzy > 0 is an explicit word~N.
func (rw rewriter) word(w string, boost float64, fuzzy int) query.Query {
	var terms []query.Query
	for _, tok := range rw.text.Analyze([]byte(w)) {
		t := string(tok.Term)
		f := fuzzy
		if f == 0 && !rw.known(t) {
			f = autoFuzziness(t)
		}
		terms = append(terms, overText(boost, func() fieldQuery {
			if f > 0 {
				fq := query.NewFuzzyQuery(t)
				fq.SetFuzziness(f)
				fq.SetPrefix(FuzzyPrefix)
				return fq
			}
			return query.NewTermQuery(t)
		}))
	}
	id := query.NewTermQuery(strings.ToLower(w))
	id.SetField("id")
	id.SetBoost(boost)
	if len(terms) == 0 {
		if rw.dict.has("id", strings.ToLower(w)) {
			return id
		}
		return nil // a stop word
	}
	if len(terms) == 1 {
		return query.NewDisjunctionQuery(append(terms[0].(*query.DisjunctionQuery).Disjuncts, id))
	}
	return query.NewDisjunctionQuery(append(terms, id))
}

// known reports whether any text field holds t.
func (rw rewriter) known(t string) bool {
	for _, f := range TextFields {
		if rw.dict.has(f.Name, t) {
			return true
		}
	}
	return false
}

// autoFuzziness is the edit distance allowed for an unknown term.
func autoFuzziness(t string) int {
	switch n := utf8.RuneCountInString(t); {
	case n >= Fuzzy2MinLen:
		return 2
	case n >= FuzzyMinLen:
		return 1
	}
	return 0
}
