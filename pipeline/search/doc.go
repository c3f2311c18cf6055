// Package search indexes a built site's articles with bleve and answers
// queries over that index: `helpsite search`, `helpsite serve`'s
// /api/search, and, exported at build time from what bleve analysed, the
// static index that the site's JavaScript client (templates/assets/search.js)
// reads on GitHub Pages.
//
// # Documents and fields
//
// One Doc per article page; its bleve id is the article's source path
// relative to the content root ("Outlook/Mobile/x.md"). Text fields are
// analysed with bleve's English analyzer ("en": unicode words, English
// possessives, lower case, English stop words, Porter stemmer) and keep term
// vectors (positions, for phrases and highlighting):
//
//	title        boost 3
//	headings     boost 2    every heading below the H1, one per line
//	description  boost 1.5
//	body         boost 1    the article's text as a reader sees it
//
// Keyword fields hold one lower-cased token per value and are not boosted:
// docset, product, topic, cloud, appliesto (facets and field queries) and id
// (support topic ids, product ids, the article id, the "CI 123456" content
// id of a Learn article) for exact lookups.
//
// # Queries
//
// A query is bleve's query-string syntax (words, "phrases", +required,
// -excluded, field:value, word~N, prefix*, ^boost), rewritten by Parse
// before bleve runs it. The static client implements the same rewriting, so
// both give the same hits:
//
//   - A bare word is analysed with the English analyzer. A stop word alone
//     drops out of the query. Each term it gives becomes a disjunction of
//     term queries, one per text field (with the field's boost) plus one on
//     id for the word lower-cased. A word of several terms ("wi-fi") is the
//     disjunction of its terms.
//   - Typo tolerance: a term found in no text field of the index, when it
//     has at least 4 letters, becomes fuzzy (edit distance 1, or 2 from 8
//     letters, the first letter fixed) on each text field instead.
//   - A bare "phrase" becomes a disjunction of match-phrase queries, one per
//     text field with its boost.
//   - A bare prefix* (a trailing star only) becomes a disjunction of prefix
//     queries on the text fields, lower-cased; word~N a disjunction of fuzzy
//     queries; other wildcards stay wildcards, per text field.
//   - field:value queries are left as they are (bleve analyses value with the
//     field's analyzer).
//   - Facet filters (Options.Filters) never change scores: they are the
//     boolean query's non-scoring filter.
//
// Scoring is bleve's default TF-IDF; hits are sorted by score, then id.
package search
