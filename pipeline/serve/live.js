// helpsite serve: shows this page again when the preview server writes it
// again (the new article in place of the old, or a reload when the whole
// site was built again), and the findings of its article in an overlay.
(() => {
  "use strict";
  const prefix = "/_helpsite/";
  // As the server names pages: percent-encoded, as location has it.
  const here = () => location.pathname;
  const key = "helpsite-scroll:" + location.pathname;

  // Back where the reader was after a reload.
  const y = sessionStorage.getItem(key);
  if (y !== null) {
    sessionStorage.removeItem(key);
    addEventListener("load", () => scrollTo(0, Number(y)));
  }

  let box = null;
  function overlay(data) {
    const list = (data && data.findings) || [];
    if (box) box.remove();
    box = null;
    if (!list.length) return;
    box = document.createElement("aside");
    box.className = "helpsite-overlay";
    box.setAttribute("role", "status");
    box.setAttribute("aria-label", "Findings in this article");
    box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(36rem,calc(100vw - 2rem));" +
      "max-height:40vh;overflow:auto;background:#1e1e1e;color:#f3f3f3;font:13px/1.45 ui-monospace,monospace;" +
      "border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.4);padding:.6rem .8rem";
    const errors = list.filter((f) => f.severity === "error").length;
    const head = document.createElement("div");
    head.style.cssText = "display:flex;gap:1rem;justify-content:space-between;font-weight:bold;margin-bottom:.3rem";
    head.textContent = `${data.file}: ${errors} error(s), ${list.length - errors} warning(s)`;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close the findings");
    close.style.cssText = "background:none;border:0;color:inherit;font-size:16px;cursor:pointer";
    close.onclick = () => { box.remove(); box = null; };
    head.append(close);
    box.append(head);
    for (const f of list) {
      const row = document.createElement("div");
      row.className = "helpsite-finding " + f.severity;
      row.style.color = f.severity === "error" ? "#ff8f8f" : "#ffd37a";
      const where = f.file === data.file ? "" : f.file + ":";
      row.textContent = `${where}${f.line}:${f.column} ${f.severity}: ${f.message} [${f.rule}]`;
      box.append(row);
    }
    document.body.append(box);
  }

  function reload() {
    sessionStorage.setItem(key, String(scrollY));
    location.reload();
  }

  // swap puts the page's new <main> in place of the old one: quicker than
  // a reload, and the reader stays where they were. What is outside it
  // (navigation, listings) only changes in a whole build, which reloads.
  async function swap() {
    try {
      const r = await fetch(location.href, {cache: "no-store"});
      if (!r.ok) throw new Error(String(r.status));
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const now = document.querySelector("main"), next = doc.querySelector("main");
      if (!now || !next) throw new Error("no <main>");
      document.title = doc.title;
      now.replaceWith(document.adoptNode(next));
      window.helpsiteSwapped = performance.timeOrigin + performance.now();
      findings();
    } catch (err) {
      reload();
    }
  }

  function findings() {
    fetch(prefix + "findings?page=" + encodeURIComponent(here()))
      .then((r) => r.json()).then(overlay).catch(() => {});
  }

  const es = new EventSource(prefix + "events");
  // The files of a change are checked: ask for this page's findings.
  es.addEventListener("findings", () => findings());
  es.addEventListener("change", (ev) => {
    const e = JSON.parse(ev.data);
    seen = e.version;
    document.documentElement.dataset.helpsiteVersion = e.version;
    if (e.full) reload();
    else if ((e.pages || []).includes(here())) swap();
  });
  // The first hello tells the site's version; a later one (the
  // connection came back, perhaps to a restarted server) with another
  // version means changes were missed.
  let seen = null;
  es.addEventListener("hello", (ev) => {
    const v = JSON.parse(ev.data).version;
    if (seen !== null && v !== seen) {
      reload();
      return;
    }
    seen = v;
    document.documentElement.dataset.helpsiteVersion = v;
  });
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", findings);
  else findings();
})();
