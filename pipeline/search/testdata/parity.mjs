// Node harness of the static search client (templates/assets/search.js) for
// the Go parity tests of pipeline/search. It reads a JSON request on stdin
// and writes a JSON answer on stdout:
//
//   node parity.mjs analyze < {"texts": [...]}
//     -> [[[term, start, end, position], ...], ...]   (offsets in UTF-16 units)
//   node parity.mjs search DATA_DIR < {"queries": [...], "repeat": 5, "limit": 100000, "prefix": false,
//                                      "filters": [{facet: [values]} or null per query]}
//     -> {"results": [{"total", "hits": [[doc, score], ...], "facets", "error"?}],
//         "coldBytes": [...], "warm": {"p50", "p95"}, "files": [[file, url], ...]}
//
// The search mode serves DATA_DIR (a site's search-data/ folder) through a
// fetch shim; coldBytes is, per query, what a browser with an empty cache
// downloads for it after gzip (GitHub Pages gzips .js and .json):
// search.js, meta.json, the docs table, the shards the query reads and the
// fragments of its first 5 hits.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import {createRequire} from "node:module";
import {fileURLToPath} from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const scriptPath = path.join(here, "../../../templates/assets/search.js");
const require = createRequire(import.meta.url);
const S = require(scriptPath);

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const mode = process.argv[2];

const gzipSize = (buf) => zlib.gzipSync(buf, {level: 6}).length;

if (mode === "analyze") {
  const out = input.texts.map((t) => S.analyze(t).map((x) => [x.term, x.start, x.end, x.position]));
  process.stdout.write(JSON.stringify(out));
} else if (mode === "search") {
  const dir = process.argv[3];
  const gz = new Map();
  // fetchShim serves dir; it counts the gzipped bytes of each file fetched.
  const fetchShim = (counter) => async (url) => {
    const name = url.slice("data/".length);
    let buf;
    try {
      buf = fs.readFileSync(path.join(dir, name));
    } catch {
      return {ok: false, status: 404, json: async () => { throw new Error("404 " + name); }};
    }
    if (counter) {
      if (!gz.has(name)) gz.set(name, gzipSize(buf));
      counter.bytes += gz.get(name);
      counter.files.push(name);
    }
    return {ok: true, status: 200, json: async () => JSON.parse(buf.toString("utf8"))};
  };
  const scriptGz = gzipSize(fs.readFileSync(scriptPath));
  const limit = input.limit || 100000;

  const results = [], coldBytes = [];
  for (const [i, q] of input.queries.entries()) {
    const counter = {bytes: scriptGz, files: []};
    const s = await S.open("data/", {fetch: fetchShim(counter)});
    const filters = (input.filters && input.filters[i]) || undefined;
    const r = await s.search(q, {limit, prefix: !!input.prefix, filters});
    await Promise.all(r.hits.slice(0, 5).map((h) => s.fragment(h.doc)));
    coldBytes.push(counter.bytes);
    const res = {total: r.total, hits: r.hits.map((h) => [h.doc, h.score]), facets: r.facets};
    if (r.error) res.error = r.error;
    results.push(res);
  }

  // warm: one client, every query once to fill the caches, then timed
  const s = await S.open("data/", {fetch: fetchShim(null)});
  for (const q of input.queries) await s.search(q, {limit: 10});
  const times = [];
  for (let k = 0; k < (input.repeat || 5); k++) {
    for (const q of input.queries) {
      const t0 = performance.now();
      await s.search(q, {limit: 10});
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0;
  const files = JSON.parse(fs.readFileSync(path.join(dir, "files.json"), "utf8"));
  process.stdout.write(JSON.stringify({results, coldBytes, warm: {p50: pct(0.5), p95: pct(0.95)}, files}));
} else {
  console.error("usage: node parity.mjs analyze|search [DATA_DIR]");
  process.exit(2);
}
