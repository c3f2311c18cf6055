/* helpsite: progressive enhancement only; every page works without it.
   Tabs (see pipeline/render/doc.go): the CSS shows the panel the address
   names (:target). This script adds the ARIA tab roles, aria-selected and
   arrow keys, and keeps the page from jumping when a tab is clicked. */
(function () {
  "use strict";
  var groups = [];

  function panelOf(a) {
    var id = a.getAttribute("href") || "";
    return id.charAt(0) === "#" ? document.getElementById(decodeURIComponent(id.slice(1))) : null;
  }

  // sync marks the shown tab of every group: the targeted panel's, else the first.
  function sync() {
    groups.forEach(function (links) {
      var sel = 0;
      links.forEach(function (a, i) {
        var p = panelOf(a);
        if (p && p.matches(":target")) sel = i;
      });
      links.forEach(function (a, i) {
        a.setAttribute("aria-selected", i === sel ? "true" : "false");
        a.tabIndex = i === sel ? 0 : -1;
      });
    });
  }

  function select(a) {
    var x = window.scrollX, y = window.scrollY;
    if (location.hash !== a.hash) location.hash = a.hash; // :target shows the panel
    window.scrollTo(x, y); // no jump: the tab list stays where it was
    sync();
  }

  function setup(tabs) {
    var list = tabs.querySelector(".tab-list");
    if (!list) return;
    var links = Array.prototype.filter.call(list.querySelectorAll(".tab-link"), function (a) { return panelOf(a); });
    if (!links.length) return;
    list.setAttribute("role", "tablist");
    links.forEach(function (a, i) {
      var p = panelOf(a);
      a.parentNode.setAttribute("role", "presentation");
      a.setAttribute("role", "tab");
      a.setAttribute("aria-controls", p.id);
      p.setAttribute("role", "tabpanel");
      a.addEventListener("click", function (e) {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        select(a);
      });
      a.addEventListener("keydown", function (e) {
        var j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[e.key];
        if (j === undefined) return;
        e.preventDefault();
        var b = links[(j + links.length) % links.length];
        select(b);
        b.focus();
      });
    });
    groups.push(links);
  }

  function init() {
    // Wide screens show the table of contents (CSS, with ::details-content);
    // where that selector is unknown, open it here instead.
    var nav = document.querySelector(".site-nav > .nav-toggle");
    if (nav && window.CSS && CSS.supports && !CSS.supports("selector(::details-content)") &&
        window.matchMedia("(min-width: 60em)").matches) nav.open = true;
    Array.prototype.forEach.call(document.querySelectorAll(".tabs"), setup);
    sync();
    window.addEventListener("hashchange", sync);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
