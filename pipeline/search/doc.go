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
//   - Search as you type (Options.Prefix, the client's prefix option): when
//     the query does not end with white space, the text after its last
//     space W is a bare word (it starts with none of + - = < > /, holds
//     none of " \ : ^ ~ * ? nor white space), and the query's last should
//     clause is W as a bare word (a word or number with no field,
//     fuzziness or boost), that clause becomes the disjunction of its
//     rewriting (left out when W is a stop word) and of prefix queries for
//     strings.ToLower(W) on each text field with the field's boost.
//   - Not supported (an error, here and in the client): regular
//     expressions (/re/), numeric and date ranges (field:>5), fuzziness
//     over 2 (bleve's limit). The client also rejects field queries on
//     _id and _all.
//
// Scoring is bleve's default TF-IDF; hits are sorted by score, then id.
//
// # FORMAT
//
// Index.Export writes the static index the client reads (version
// ExportVersion). Documents are numbered in id order (SortDocs). Numbers
// in strings are VLQ: characters of A-Za-z0-9-_ worth 0..63, 5 bits each,
// low bits first, values from 32 meaning more digits follow. Every file
// but meta.json and files.json carries a content hash in its name.
//
//	meta.json            version, docs (count), fields [{name, boost, kind
//	                     text|keyword, facet}], facets, scoring (model
//	                     tf-idf, fuzzyMinLen, fuzzy2MinLen, fuzzyPrefix,
//	                     maxFuzziness, heapTakeover), shards (first term of
//	                     each postings shard, terms in byte order), dict
//	                     (first letter of each dictionary chunk), files
//	                     (names; {i} is a shard, chunk or document number)
//	docs-H.json          {lengths: per field, the VLQ token count of the
//	                     field in each document (0: none), from which
//	                     norm = float32(1/sqrt(length)) exactly as bleve
//	                     stores it; facets: {field: {values, docs: per
//	                     document the VLQ count of its values, then their
//	                     indexes}}}
//	p-H-i.json           {terms, postings}: per term, per field holding it,
//	                     VLQ field index, document frequency, then per
//	                     document the gap from the previous number minus
//	                     one (the first from -1) and the frequency minus one
//	x-H-i.json           {terms, positions}: the terms of p-H-i; per text
//	                     field in the postings' order, per posting, its
//	                     token positions as VLQ gaps (the first from 0);
//	                     fetched for phrases only
//	d-H-i.json           {terms, fields}: every term starting with one
//	                     letter (fuzzy queries keep the first one), and the
//	                     VLQ bit set of the fields holding each (bit = field
//	                     index); for fuzzy, prefix and wildcard expansion
//	f-H-i.json           [{file, url, title, description, text}, ...]:
//	                     the fragments of documents i*k to i*k+k-1 (k =
//	                     files.fragmentsPerFile in meta.json), for the
//	                     hits shown
//	files.json           [[file, url], ...] by document number (tooling)
//
// Postings shards close at about 6 KB of postings, a term never split.
package search
