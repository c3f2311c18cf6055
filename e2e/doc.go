// Package e2e holds the end-to-end tests of helpsite. It has no code of its
// own, only tests.
//
// TestBrowser builds the sample site in ../articles (pipeline.Load,
// pipeline.Lint, site.Build into a temporary folder), serves it with
// net/http.FileServer on 127.0.0.1 and drives Debian's Chromium
// (/usr/bin/chromium, or chromium on PATH) through chromedp: the home page,
// an article (title, H1, the NOTE alert, images that really load, "In this
// article"), DocFX tabs with and without JavaScript, a redirect page, the
// 404 page, the skip link, and full-page screenshots at 1280 and 390 px.
// It skips when Chromium is missing and in -short mode, and every step is
// bounded by a timeout so that it cannot hang CI.
//
// The screenshots go to a temporary folder that is removed at the end,
// unless HELPSITE_SCREENSHOTS names a folder to keep them in:
//
//	HELPSITE_SCREENSHOTS=/tmp/shots go test ./e2e -run TestBrowser -v
//
// HELPSITE_SITE tests a site already built instead, such as the public/ of
// "make site" (CI does both):
//
//	make site && HELPSITE_SITE=$PWD/public go test ./e2e -run TestBrowser -v
package e2e
