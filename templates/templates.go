// Package templates holds the default templates and assets of the built
// site. A content tree may override any of them by name in its own
// templates/ folder.
//
// Files: base.html (the shared parts: head, header, navigation,
// breadcrumbs, footer), page.html (an article), listing.html (a list of
// articles), home.html, redirect.html, 404.html, and assets/ (written with
// a content hash in their names; templates refer to them through
// .Site.Assets, e.g. {{index .Site.Assets "site.css"}}). assets/site.js is
// progressive enhancement only (tab roles, aria-selected and arrow keys, no
// scroll jump on a tab click); every page works with JavaScript off.
package templates

import "embed"

// FS holds the templates (*.html) and assets (assets/*).
//
//go:embed *.html assets/*
var FS embed.FS
