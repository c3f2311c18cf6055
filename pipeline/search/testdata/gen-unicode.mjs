// Generates the Unicode tables of templates/assets/search.js from the Ragel
// sources of github.com/blevesearch/segment (Unicode 8.0 word-break and
// script properties), so the JS tokenizer classifies code points exactly as
// bleve's unicode tokenizer does.
//
//   node gen-unicode.mjs "$(go env GOMODCACHE)/github.com/blevesearch/segment@v0.9.1/ragel"
//
// It prints the `WB_MASKS` and `WB_RUNS` constants to paste into search.js.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node gen-unicode.mjs RAGEL_DIR");

// Bits of a code point's class, as search.js names them.
const BITS = {
  Double_Quote: 1 << 0, Single_Quote: 1 << 1, Hebrew_Letter: 1 << 2,
  Extend: 1 << 3, Format: 1 << 3, Katakana: 1 << 4, ALetter: 1 << 5,
  MidLetter: 1 << 6, MidNum: 1 << 7, MidNumLet: 1 << 8, Numeric: 1 << 9,
  ExtendNumLet: 1 << 10, Hangul: 1 << 11, Han: 1 << 12, Hiragana: 1 << 13,
};

const mask = new Uint16Array(0x110000);

// decode returns the code point of a valid UTF-8 byte sequence, or -1.
function decode(b) {
  const s = Buffer.from(b).toString("utf8");
  const cp = s.codePointAt(0);
  if (cp === 0xfffd || String.fromCodePoint(cp).length !== s.length) return -1;
  if (Buffer.from(String.fromCodePoint(cp), "utf8").length !== b.length) return -1;
  return cp;
}

function parse(file) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const re = /^\s{4}(\w+) = \n([\s\S]*?)^\s*;\s*$/gm;
  let m;
  while ((m = re.exec(text))) {
    const bit = BITS[m[1]];
    if (!bit) continue;
    for (const line of m[2].split("\n")) {
      const code = line.replace(/#.*/, "").replace(/^\s*\|?/, "").trim();
      if (!code) continue;
      // Each element is a byte or a byte range; bytes after the first are
      // continuation bytes, so ranges are clipped to 0x80..0xBF.
      const sets = code.split(/\s+/).map((tok, i) => {
        const [a, b] = tok.split("..").map((x) => parseInt(x, 16));
        let lo = a, hi = b === undefined ? a : b;
        if (i > 0) { lo = Math.max(lo, 0x80); hi = Math.min(hi, 0xbf); }
        return [lo, hi];
      });
      const walk = (i, acc) => {
        if (i === sets.length) {
          const cp = decode(acc);
          if (cp >= 0) mask[cp] |= bit;
          return;
        }
        for (let x = sets[i][0]; x <= sets[i][1]; x++) walk(i + 1, [...acc, x]);
      };
      walk(0, []);
    }
  }
}
parse("uwb.rl");
parse("uscript.rl");

// Run-length encode the whole code point space.
const masks = [0];
const runs = [];
let start = 0;
for (let cp = 1; cp <= 0x110000; cp++) {
  if (cp === 0x110000 || mask[cp] !== mask[start]) {
    let idx = masks.indexOf(mask[start]);
    if (idx < 0) { idx = masks.length; masks.push(mask[start]); }
    runs.push([cp - start, idx]);
    start = cp;
  }
}
if (masks.length > 32) throw new Error("too many classes: " + masks.length);
// A run is its length in base-32 VLQ digits (A-Z a-f terminal 0..31 ... see
// search.js) and its class index as one character.
const DIG = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
let out = "";
for (const [n, idx] of runs) {
  let v = n;
  do {
    let d = v & 31;
    v >>>= 5;
    if (v) d |= 32;
    out += DIG[d];
  } while (v);
  out += DIG[idx];
}
console.log(`const WB_MASKS = [${masks.join(",")}];`);
console.log(`const WB_RUNS = "${out}";`);
