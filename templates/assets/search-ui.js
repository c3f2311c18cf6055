/* helpsite search UI: progressive enhancement over the header's search form
   (which, without JavaScript, submits to the results page).
   - every page: "/" focuses the search box; results as you type in a
     listbox under it (the ARIA combobox pattern);
   - the results page (/search/?q=...&docset=...): total, facet chips,
     results with highlighted snippets, more results; the URL follows;
   - an article opened from a result (?hl=query): the words of the query
     marked in the article, the first scrolled to, a bar to step through
     them or clear them.
   It reads the static index through search.js (window.HelpsiteSearch). */
(() => {
  "use strict";

  const FACETS = [
    ["docset", "Documentation set"],
    ["product", "Product"],
    ["topic", "Topic type"],
    ["cloud", "Cloud"],
  ];
  const SUGGEST_LIMIT = 6;
  const PAGE_SIZE = 10;
  const FACET_VALUES = 6; // values a facet shows before "+N more"

  const form = document.querySelector("form.search[role='search']");
  const input = form && form.querySelector("input[name='q']");
  const dataScript = document.querySelector("script[data-search-base]");
  const dataURL = dataScript ? dataScript.dataset.searchBase
    : form ? new URL("../search-data/", form.action).pathname : "/search-data/";
  const onSearchPage = !!document.getElementById("search-page");

  /* ---------- the index, opened once, on first use ---------- */

  let opened = null;
  const index = () => {
    if (!opened) {
      const S = window.HelpsiteSearch;
      opened = S ? S.open(dataURL) : Promise.reject(new Error("the search script did not load"));
      opened.catch(() => { opened = null; }); // the next search tries again
    }
    return opened;
  };
  const fragments = new Map();
  const fragment = (s, doc) => {
    if (!fragments.has(doc)) {
      const p = s.fragment(doc);
      p.catch(() => fragments.delete(doc));
      fragments.set(doc, p);
    }
    return fragments.get(doc);
  };

  /* ---------- helpers ---------- */

  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k === "class") e.className = v;
      else if (k === "html") e.innerHTML = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };
  const quoted = q => "\u201c" + q + "\u201d";
  const plural = (n, one, many) => n.toLocaleString("en") + " " + (n === 1 ? one : many);
  const debounce = (fn, ms) => {
    let t = 0;
    const d = (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
    d.cancel = () => clearTimeout(t);
    return d;
  };
  const escapeHTML = s => s.replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
  // The article link of a hit, carrying the query for highlighting.
  const hitHref = (url, q) => {
    const u = new URL(url, location.href);
    u.searchParams.set("hl", q.trim());
    return u.origin === location.origin ? u.pathname + u.search + u.hash : u.href;
  };
  const pageHref = (q, filters) => {
    const u = new URL(form ? form.action : dataURL.replace(/search-data\/$/, "search/"), location.href);
    u.search = "";
    if (q) u.searchParams.set("q", q);
    for (const [f] of FACETS) for (const v of (filters && filters[f]) || []) u.searchParams.append(f, v);
    return u.pathname + u.search;
  };
  const home = () => {
    const a = document.querySelector(".site-title");
    return a ? a.getAttribute("href") : "/";
  };
  const snippetHTML = (s, f, terms, max) => {
    const text = f.text || f.description || "";
    try {
      return s.snippet(text, terms || [], {maxChars: max});
    } catch (e) {
      return escapeHTML(text.slice(0, max));
    }
  };

  /* ---------- "/" focuses the search box ---------- */

  const editable = t => t instanceof Element &&
    (t.isContentEditable || !!t.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  document.addEventListener("keydown", e => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || !input || editable(e.target)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  /* ---------- results as you type: the combobox ---------- */

  function combobox() {
    const list = el("div", {id: "search-suggest", class: "search-suggest", role: "listbox", "aria-label": "Search results", hidden: true});
    const status = el("div", {class: "visually-hidden", role: "status"});
    form.append(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    let options = [], active = -1, seq = 0, shown = "";

    const setActive = i => {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      const o = options[active];
      if (o) {
        o.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", o.id);
        o.scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    const open = () => {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const close = () => {
      seq++; // drop answers still on their way
      run.cancel();
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    };
    const show = (q, children, message) => {
      list.replaceChildren(...children);
      options = [...list.querySelectorAll("[role='option']")];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      shown = q;
      list.dataset.query = q;
      status.textContent = message;
      open();
    };

    const run = debounce(async q => {
      const my = ++seq;
      let s, r, frags;
      try {
        s = await index();
        r = await s.search(q, {limit: SUGGEST_LIMIT, prefix: true});
        if (!r.error) frags = await Promise.all(r.hits.map(h => fragment(s, h.doc)));
      } catch (e) {
        r = {error: String(e && e.message || e)};
      }
      if (my !== seq || input.value.trim() !== q) return;
      if (r.error) {
        show(q, [el("p", {class: "search-suggest-note"}, "Search is unavailable: " + r.error)], "Search is unavailable.");
        return;
      }
      const kids = frags.map((f, i) => el("a", {role: "option", id: "search-opt-" + i, class: "search-option",
        href: hitHref(f.url, q), tabindex: "-1", "aria-selected": "false"},
      el("span", {class: "search-option-title"}, f.title || f.url),
      el("span", {class: "search-option-snippet", html: snippetHTML(s, f, r.terms, 120)})));
      if (!r.total) kids.push(el("p", {class: "search-suggest-note"}, "No results for " + quoted(q) + "."));
      kids.push(el("a", {role: "option", id: "search-opt-all", class: "search-option search-all", href: pageHref(q), tabindex: "-1", "aria-selected": "false"},
        r.total ? "See all results for " + quoted(q) : "Search tips"));
      show(q, kids, r.total ? plural(r.total, "result", "results") + "; the arrow keys go through the first ones." : "No results.");
    }, 120);

    const changed = () => {
      const q = input.value.trim();
      if (q.length < 2) { close(); return; }
      if (q === shown && !list.hidden) return;
      run(q);
    };
    input.addEventListener("input", changed);
    input.addEventListener("focus", () => index().catch(() => {}), {once: true}); // load while the reader types
    input.addEventListener("focus", () => { if (input.value.trim().length >= 2 && shown === input.value.trim() && options.length) open(); });
    input.addEventListener("keydown", e => {
      if (e.isComposing) return;
      const n = options.length;
      switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (list.hidden) { if (shown === input.value.trim() && n) open(); else changed(); return; }
        if (n) setActive(active + 1 >= n ? 0 : active + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (!list.hidden && n) setActive(active <= 0 ? (active === 0 ? -1 : n - 1) : active - 1);
        break;
      case "Enter":
        if (!list.hidden && options[active]) {
          e.preventDefault();
          location.assign(options[active].href);
        }
        break; // else the form goes to the results page
      case "Escape":
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
        break;
      case "Tab":
        close();
        break;
      }
    });
    // Enter on an option opens it (a keyboard whose keydown cannot be
    // prevented may still submit the form).
    form.addEventListener("submit", e => {
      if (!list.hidden && options[active]) {
        e.preventDefault();
        location.assign(options[active].href);
      }
    });
    // A click on an option follows its link; the box keeps the focus.
    list.addEventListener("mousedown", e => e.preventDefault());
    list.addEventListener("mousemove", e => {
      const o = e.target.closest("[role='option']");
      const i = options.indexOf(o);
      if (o && i !== active) setActive(i);
    });
    form.addEventListener("focusout", e => { if (!form.contains(e.relatedTarget)) close(); });
    document.addEventListener("pointerdown", e => { if (!form.contains(e.target)) close(); });
    window.addEventListener("pageshow", e => { if (e.persisted) close(); }); // back from a result
  }

  /* ---------- the results page ---------- */

  function resultsPage() {
    const $ = id => document.getElementById(id);
    const summary = $("search-summary"), results = $("search-results"), facetsBox = $("search-facets"),
      groups = $("search-facet-groups"), more = $("search-more");
    let labels = {};
    try { labels = JSON.parse($("search-labels").textContent) || {}; } catch (e) { /* raw values then */ }
    const label = (field, v) => (labels[field] && labels[field][v]) || v;

    const params = new URLSearchParams(location.search);
    const state = {q: (params.get("q") || "").trim(), filters: {}, limit: PAGE_SIZE};
    for (const [f] of FACETS) state.filters[f] = [...new Set(params.getAll(f).filter(Boolean))];
    const expanded = new Set(); // facets showing all their values
    const anyFilter = () => FACETS.some(([f]) => state.filters[f].length);
    const without = field => Object.fromEntries(FACETS.filter(([f]) => f !== field && state.filters[f].length).map(([f]) => [f, state.filters[f]]));
    const filters = () => without("");

    if (input) input.value = state.q;
    const setURL = () => history.replaceState(history.state, "", pageHref(state.q, state.filters) + location.hash);
    const setTitle = () => {
      document.title = document.title.replace(/^(.*?)( \| )/, (state.q ? "Search: " + state.q : "Search") + "$2");
    };

    let seq = 0;
    async function render(focus) {
      const my = ++seq;
      setTitle();
      if (!state.q) {
        summary.textContent = "Type a word or phrase in the search box above to search the articles.";
        const oldTips = document.getElementById("search-tips");
        if (oldTips) oldTips.remove();
        results.replaceChildren();
        facetsBox.hidden = true;
        more.hidden = true;
        return;
      }
      results.setAttribute("aria-busy", "true");
      const slow = setTimeout(() => { if (my === seq) summary.textContent = "Searching\u2026"; }, 400);
      let s, r, frags, counts = {};
      try {
        s = await index();
        r = await s.search(state.q, {limit: state.limit, filters: filters()});
        if (!r.error) {
          frags = await Promise.all(r.hits.map(h => fragment(s, h.doc)));
          // A chosen facet counts its values as if it were not chosen, so
          // its other values can be added (values of one facet are "or").
          for (const [f] of FACETS) {
            if (!state.filters[f].length) counts[f] = (r.facets && r.facets[f]) || [];
            else counts[f] = ((await s.search(state.q, {limit: 1, filters: without(f)})).facets || {})[f] || [];
          }
        }
      } catch (e) {
        r = {error: String(e && e.message || e)};
      }
      clearTimeout(slow);
      if (my !== seq) return;
      results.removeAttribute("aria-busy");
      const oldTips = document.getElementById("search-tips");
      if (oldTips) oldTips.remove();
      if (r.error) {
        summary.replaceChildren(el("span", {class: "search-error"}, "Search is unavailable: " + r.error + ". ",
          "Try again later, or find the article from the ", el("a", {href: home()}, "home page"), "."));
        results.replaceChildren();
        facetsBox.hidden = true;
        more.hidden = true;
        return;
      }
      renderFacets(counts, r.total);
      if (!r.total) {
        summary.replaceChildren(el("strong", null, "No results for " + quoted(state.q)), anyFilter() ? " with the filters you chose." : ".");
        const tips = el("div", {class: "search-empty", id: "search-tips"},
          el("p", null, "Some things to try:"),
          el("ul", null,
            anyFilter() ? el("li", null, el("button", {type: "button", class: "search-clear-filters"}, "Remove the filters")) : null,
            el("li", null, "Check the spelling, or use another word for the same thing."),
            el("li", null, "Use fewer words, or more general ones."),
            el("li", null, "Search for the start of a word with a star: ", el("code", null, "authent*"), "."),
            el("li", null, "Put an exact phrase in quotes: ", el("code", null, "\"sign in\""), ".")));
        results.replaceChildren();
        results.before(tips);
        more.hidden = true;
        return;
      }
      const shownN = r.hits.length;
      summary.replaceChildren(plural(r.total, "result", "results") + " for ", el("strong", null, quoted(state.q)),
        anyFilter() ? " with the filters you chose" : "", shownN < r.total ? " (showing " + shownN + ")." : ".");
      const before = results.children.length;
      results.replaceChildren(...frags.map(f => el("li", {class: "search-result"},
        el("h2", {class: "search-result-title"}, el("a", {href: hitHref(f.url, state.q)}, f.title || f.url)),
        el("p", {class: "search-result-url"}, decodeURI(new URL(f.url, location.href).pathname)),
        el("p", {class: "search-result-snippet", html: snippetHTML(s, f, r.terms, 240)}))));
      more.hidden = shownN >= r.total;
      if (focus === "more") {
        const a = results.children[before] && results.children[before].querySelector("a");
        if (a) a.focus();
      } else if (Array.isArray(focus) && focus[0]) {
        const chip = groups.querySelector(`.search-chip[data-field="${focus[0]}"][data-value="${CSS.escape(focus[1])}"]`);
        (chip || summary).focus();
      } else if (focus === true) {
        summary.focus();
      }
    }

    function renderFacets(counts, total) {
      const kids = [];
      for (const [f, title] of FACETS) {
        let vals = (counts[f] || []).map(([v, n]) => [v, n]);
        for (const v of state.filters[f]) if (!vals.some(([x]) => x === v)) vals.push([v, 0]);
        if (!vals.length) continue;
        // The first few values, and the chosen ones; the rest on request.
        const hidden = expanded.has(f) ? 0 : vals.filter(([v], i) => i >= FACET_VALUES && !state.filters[f].includes(v)).length;
        if (hidden) vals = vals.filter(([v], i) => i < FACET_VALUES || state.filters[f].includes(v));
        // Two values with one label (generic and troubleshooting are both
        // "Troubleshooting") show their values too.
        const seen = new Map();
        for (const [v] of vals) seen.set(label(f, v), (seen.get(label(f, v)) || 0) + 1);
        const name = v => seen.get(label(f, v)) > 1 && label(f, v).toLowerCase() !== v.toLowerCase() ? label(f, v) + " \u00b7 " + v : label(f, v);
        const id = "search-facet-" + f;
        kids.push(el("div", {class: "search-facet", role: "group", "aria-labelledby": id},
          el("h3", {id, class: "search-facet-title"}, title),
          el("ul", {class: "search-chips"}, ...vals.map(([v, n]) => el("li", null,
            el("button", {type: "button", class: "search-chip", "aria-pressed": state.filters[f].includes(v) ? "true" : "false",
              "data-field": f, "data-value": v, title: v},
            name(v), " ", el("span", {class: "search-chip-count"}, "(" + n.toLocaleString("en") + ")")))),
          hidden ? el("li", null, el("button", {type: "button", class: "search-facet-more", "data-field": f,
            "aria-label": hidden + " more " + title.toLowerCase() + " values"}, "+" + hidden + " more")) : null)));
      }
      if (anyFilter()) kids.push(el("p", null, el("button", {type: "button", class: "search-clear-filters"}, "Clear filters")));
      groups.replaceChildren(...kids);
      facetsBox.hidden = !kids.length || !total && !anyFilter();
    }

    document.getElementById("search-page").addEventListener("click", e => {
      const chip = e.target.closest(".search-chip");
      if (chip) {
        const {field, value} = chip.dataset;
        const list = state.filters[field];
        state.filters[field] = list.includes(value) ? list.filter(v => v !== value) : [...list, value];
        state.limit = PAGE_SIZE;
        setURL();
        render([field, value]);
        return;
      }
      const moreValues = e.target.closest(".search-facet-more");
      if (moreValues) {
        const f = moreValues.dataset.field;
        expanded.add(f);
        render(["", ""]).then(() => {
          const chips = groups.querySelectorAll(`.search-chip[data-field="${f}"]`);
          if (chips[FACET_VALUES]) chips[FACET_VALUES].focus();
        });
        return;
      }
      if (e.target.closest(".search-clear-filters")) {
        for (const [f] of FACETS) state.filters[f] = [];
        state.limit = PAGE_SIZE;
        setURL();
        render(true);
      }
    });
    more.addEventListener("click", () => {
      state.limit += PAGE_SIZE;
      render("more");
    });

    // The header box is this page's query: results follow as you type.
    if (input) {
      const retype = debounce(() => {
        const q = input.value.trim();
        if (q === state.q) return;
        state.q = q;
        state.limit = PAGE_SIZE;
        setURL();
        render();
      }, 250);
      input.addEventListener("input", retype);
      form.addEventListener("submit", e => {
        e.preventDefault();
        retype.cancel();
        if (input.value.trim() !== state.q) {
          state.q = input.value.trim();
          state.limit = PAGE_SIZE;
          setURL();
          render();
        }
      });
    }
    summary.tabIndex = -1;
    render();
  }

  /* ---------- an article opened from a result: ?hl=query ---------- */

  function highlight(q) {
    const S = window.HelpsiteSearch;
    const article = document.querySelector("main article");
    if (!S || !S.analyze || !article || !q.trim()) return;
    const terms = new Set(S.analyze(q).map(t => t.term));
    // The last word as typed is also a prefix (results as you type).
    const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    const last = /[\p{L}\p{N}]$/u.test(q) && words.length ? words[words.length - 1] : "";
    const prefix = last.length >= 3 ? last : "";
    if (!terms.size && !prefix) return;

    const roots = [article.querySelector("h1"), article.querySelector(".content")].filter(Boolean);
    const nodes = [];
    for (const root of roots) {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: n => !n.data.trim() || n.parentElement.closest("script, style, mark, .toc-inline, svg")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n);
    }
    const marks = [];
    for (const n of nodes) {
      const text = n.data;
      const hits = S.analyze(text).filter(t => terms.has(t.term) ||
        prefix && text.slice(t.start, t.end).toLowerCase().startsWith(prefix));
      if (!hits.length) continue;
      const frag = document.createDocumentFragment();
      let at = 0;
      for (const t of hits) {
        if (t.start < at) continue;
        frag.append(text.slice(at, t.start));
        const m = el("mark", {class: "search-hit"}, text.slice(t.start, t.end));
        marks.push(m);
        frag.append(m);
        at = t.end;
      }
      frag.append(text.slice(at));
      n.replaceWith(frag);
    }

    const count = el("span", {class: "search-hits-count"});
    const bar = el("div", {class: "search-hits-bar", role: "region", "aria-label": "Search matches"}, count);
    let cur = -1;
    const go = i => {
      if (marks[cur]) marks[cur].classList.remove("search-hit-current");
      cur = (i + marks.length) % marks.length;
      marks[cur].classList.add("search-hit-current");
      marks[cur].scrollIntoView({block: "center"});
      count.textContent = plural(marks.length, "match", "matches") + " for " + quoted(q.trim()) + " (" + (cur + 1) + " of " + marks.length + ")";
    };
    const clear = () => {
      for (const m of marks) {
        const p = m.parentNode;
        if (!p) continue;
        m.replaceWith(m.textContent);
        p.normalize();
      }
      bar.remove();
      const u = new URL(location.href);
      u.searchParams.delete("hl");
      history.replaceState(history.state, "", u.pathname + u.search + u.hash);
      document.getElementById("main").focus({preventScroll: true});
    };
    const actions = el("span", {class: "search-hits-actions"});
    if (marks.length) {
      actions.append(
        el("button", {type: "button", class: "search-hits-prev", "aria-label": "Previous match"}, "\u2191 Previous"),
        el("button", {type: "button", class: "search-hits-next", "aria-label": "Next match"}, "\u2193 Next"));
    } else {
      count.textContent = "The words of " + quoted(q.trim()) + " are not on this page as such (the match may be a similar word).";
    }
    actions.append(el("button", {type: "button", class: "search-hits-clear"}, "Clear highlights"));
    bar.append(actions);
    bar.addEventListener("click", e => {
      const b = e.target.closest("button");
      if (!b) return;
      if (b.classList.contains("search-hits-prev")) go(cur - 1);
      else if (b.classList.contains("search-hits-next")) go(cur + 1);
      else clear();
    });
    article.before(bar);
    if (marks.length) {
      if (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) {
        cur = -1;
        count.textContent = plural(marks.length, "match", "matches") + " for " + quoted(q.trim());
      } else {
        go(0);
      }
    }
  }

  /* ---------- start ---------- */

  if (onSearchPage) resultsPage();
  else if (form && input) combobox();
  const hl = new URLSearchParams(location.search).get("hl");
  if (hl && document.body.classList.contains("kind-article")) highlight(hl);
})();
