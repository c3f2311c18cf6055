// Package render turns one loaded article into the HTML of its page body,
// the way DocFX/Microsoft Learn renders it: goldmark with GFM (tables,
// strikethrough, autolinks, strict task lists), footnotes, no typographer,
// and the DocFX/Learn and self-help syntax written as goldmark extenders
// (one file each: alert.go and div.go's markers, image.go, include.go,
// tabs.go, video.go, shc.go, links.go). Headings get the DocFX ids the
// anchor checks use (headings.go, render.go: one markdown.IDs per page,
// shared with included files in document order, exactly as links.Anchors
// hands them out), includes are expanded, links go through Options.Link,
// and the whole body is sanitized with bluemonday (sanitize.go).
//
// # Markup contract
//
// The template and its CSS can rely on this markup; every class below is
// emitted by this package and kept by the sanitizer.
//
// Headings: <hN id="slug">…</hN>. Page.Headings lists them (not tab
// headings) for an "In this article" list.
//
// Alerts (> [!NOTE], TIP, IMPORTANT, WARNING, CAUTION):
//
//	<div class="alert alert-note" role="note">
//	<p class="alert-title">Note</p>
//	…content…
//	</div>
//
// > [!div class="nextstepaction"]: <div class="nextstepaction">…</div>
// (only class names of [A-Za-z0-9_-] are kept).
//
// Images (:::image:::): a div (block) or span (inline in a paragraph)
//
//	<div class="docfx-image docfx-image-content docfx-image-border">
//	  <a class="docfx-image-lightbox" href="…">   (with lightbox="…")
//	  <img src="…" alt="…"></a>
//	</div>
//
// type="icon" gives docfx-image-icon, alt="" and role="presentation", and
// no border class unless border="true"; border="false" drops
// docfx-image-border. type="complex" gives docfx-image-complex and, after
// the img, <details class="docfx-image-description"><summary>Description
// </summary>…long description…</details>.
//
// Tabs (# [Title](#tab/id) groups). The panels are all in the DOM, one
// after the other, so the page reads well without CSS or JavaScript:
//
//	<div class="tabs">
//	<ul class="tab-list">
//	<li><a class="tab-link" id="tab/windows-tab" href="#tab/windows">Windows</a></li>
//	<li><a class="tab-link" id="tab/linux-tab" href="#tab/linux">Linux</a></li>
//	</ul>
//	<section class="tab-panel" id="tab/windows" aria-labelledby="tab/windows-tab">
//	<p class="tab-title"><a href="#tab/windows">Windows</a></p>
//	…content…
//	</section>
//	<section class="tab-panel" id="tab/linux" …>…</section>
//	</div>
//
// Switching needs CSS only (:target): a link to #tab/linux selects that
// tab. Suggested CSS:
//
//	.tabs .tab-title { display: none }              /* the tab-list names them */
//	.tabs:not(:has(.tab-panel:target)) .tab-panel:not(:first-of-type),
//	.tabs:has(.tab-panel:target) .tab-panel:not(:target) { display: none }
//
// A page that repeats a tab id gets "tab/x-1", "tab/x-2" for the later
// ones so that ids stay unique; the first keeps "tab/x".
//
// Videos ([!VIDEO url]): <div class="video"><iframe src="…" title="Video"
// allowfullscreen></iframe></div> for an https URL of an allowed host
// (Options.VideoHosts, default DefaultVideoHosts), else <p
// class="video-link"><a href="…" rel="noopener">Watch the video</a></p>.
//
// Includes: expanded in place (inline ones without their paragraph). An
// include not shown (cycle, nested too deep) is <p class="include-error"
// role="note">Include not shown: path</p> (span when inline) and a
// Page.Findings entry (rules include-cycle, include-depth); a missing one
// is an empty <span class="include-missing"></span>.
//
// Links: external (http, https, //) links get rel="noopener".
//
// Self-help: <section class="issue-description">…</section>; replacement
// tokens <span class="token-placeholder" title="Filled in by the Azure
// portal">name</span>; data-blade: links <span class="portal-link">label
// <small>(Open in Azure portal: Blade)</small></span>; the problem-scoping
// JSON block, after the body:
//
//	<section class="scoping-questions" aria-label="Questions">
//	<p class="scoping-title">…</p>
//	<ol class="scoping-question-list">
//	<li class="scoping-question"><p class="question-label">… <span class="question-required">(required)</span></p>
//	<p class="question-type">Answer: Choose one</p><p class="question-hint">…</p>
//	<ul class="question-options"><li>…</li></ul></li>
//	</ol>
//	</section>
//
// Footnotes are goldmark's: sup.footnote-ref, div.footnotes.
package render
