#!/usr/bin/env bash
# Search quality, size and speed of a built help site: Pagefind 1.6.0 over
# helpsite's output vs helpsite's own client (search.js + search-data/), in
# headless Chromium, and `helpsite search` (bleve) on the same judged queries.
# See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/search/run.sh [options] [-- eval flags...]

Builds the site of a content tree with helpsite, runs Pagefind over it, serves it on a
loopback port (gzip as GitHub Pages does) and measures each search engine in Chromium.

options:
  --src DIR       content tree (default: ../shared/corpus/office-support)
  --json FILE     also write the report as JSON
  --rounds N      warm latency: timed rounds over all queries (default 5)
  --engines LIST  pagefind,helpsite (default: those the built site has files for)
  --no-bleve      do not score `helpsite search` (default: scored when the binary has it)
  -v              every judged query's rank and every cold query's bytes
  --keep          keep the temporary folder (the site, logs) and print its path

env:
  HELPSITE    the helpsite binary (default: bin/helpsite)
  BENCH_CACHE where Pagefind is installed (default: bench/.cache, shared with bench/hugo)
  CHROMIUM    the browser (default: /usr/bin/chromium)
  TMPDIR      where the temporary folder goes
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${BENCH_CACHE:-$ROOT/bench/.cache}
# shellcheck source=../pagefind.sh
. "$ROOT/bench/pagefind.sh"
SRC=$ROOT/../shared/corpus/office-support
HELPSITE=${HELPSITE:-$ROOT/bin/helpsite}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TESTDATA=$ROOT/pipeline/search/testdata
JSON=
ROUNDS=5
ENGINES=auto
BLEVE=1
VERBOSE=
KEEP=0
EXTRA=()

while [ $# -gt 0 ]; do
	case $1 in
	--src) SRC=${2:?--src needs a folder}; shift 2 ;;
	--src=*) SRC=${1#*=}; shift ;;
	--json) JSON=${2:?--json needs a file}; shift 2 ;;
	--json=*) JSON=${1#*=}; shift ;;
	--rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
	--rounds=*) ROUNDS=${1#*=}; shift ;;
	--engines) ENGINES=${2:?--engines needs a list}; shift 2 ;;
	--engines=*) ENGINES=${1#*=}; shift ;;
	--no-bleve) BLEVE=0; shift ;;
	-v) VERBOSE=-v; shift ;;
	--keep) KEEP=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; EXTRA=("$@"); break ;;
	*) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
	esac
done

die() { echo "run.sh: $*" >&2; exit 2; }
case $ROUNDS in '' | *[!0-9]*) die "--rounds must be a number" ;; esac
[ -d "$SRC" ] || die "content tree not found: $SRC"
SRC=$(cd "$SRC" && pwd -P)
[ -x "$HELPSITE" ] || die "no helpsite binary at $HELPSITE (go build -o bin/helpsite ./cmd/helpsite, or set HELPSITE)"
[ -x "$CHROMIUM" ] || die "no browser at $CHROMIUM (apt-get install chromium, or set CHROMIUM)"
[ -n "$JSON" ] && case $JSON in /*) ;; *) JSON=$PWD/$JSON ;; esac
[ "${BASH_VERSINFO[0]}" -ge 5 ] || die "needs bash 5 (EPOCHREALTIME)"

install_pagefind "$CACHE"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/helpsite-bench-search.XXXXXX")
if [ "$KEEP" = 1 ]; then
	trap 'echo "kept: $WORK" >&2' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi
OUT=$WORK/site

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "run.sh: helpsite build --src $SRC" >&2
t0=$EPOCHREALTIME
status=0
"$HELPSITE" build --src "$SRC" --out "$OUT" --keep-going --format json=/dev/null >"$WORK/build.log" 2>&1 || status=$?
t1=$EPOCHREALTIME
if [ "$status" -ge 2 ] || ! [ -f "$OUT/index.html" ]; then
	tail -n 20 "$WORK/build.log" >&2
	die "helpsite build failed (status $status, log above)"
fi
build_s=$(secs "$t0" "$t1")
grep -rqs --include=index.html 'data-pagefind-body' "$OUT" ||
	echo "run.sh: warning: no page marks data-pagefind-body; Pagefind indexes every page whole" >&2

echo "run.sh: pagefind --site $OUT --output-subdir pagefind" >&2
t0=$EPOCHREALTIME
"$PAGEFIND" --site "$OUT" --output-subdir pagefind >"$WORK/pagefind.log" 2>&1 || {
	cat "$WORK/pagefind.log" >&2
	die "Pagefind failed (output above)"
}
t1=$EPOCHREALTIME
pf_s=$(secs "$t0" "$t1")
pf_pages=$(sed -n 's/.*Indexed \([0-9]*\) page.*/\1/p' "$WORK/pagefind.log" | head -n 1)
pf_words=$(sed -n 's/.*Indexed \([0-9]*\) word.*/\1/p' "$WORK/pagefind.log" | head -n 1)

echo "run.sh: building the harness (bench/search/eval)" >&2
(cd "$ROOT" && go build -o "$WORK/eval" ./bench/search/eval)

args=(--site "$OUT" --src "$SRC" --relevance "$TESTDATA/relevance.tsv"
	--queries "$TESTDATA/relevance.tsv" --queries "$TESTDATA/parity.txt"
	--rounds "$ROUNDS" --engines "$ENGINES" --chromium "$CHROMIUM"
	--build-seconds "$build_s" --pagefind-seconds "$pf_s")
[ -n "$JSON" ] && args+=(--json "$JSON")
[ -n "$VERBOSE" ] && args+=("$VERBOSE")
if [ "$BLEVE" = 1 ]; then
	if "$HELPSITE" --help 2>&1 | grep -Eq '^[[:space:]]+search([[:space:]]|$)'; then
		args+=(--helpsite "$HELPSITE")
	else
		echo "run.sh: $HELPSITE has no 'search' command yet: bleve not scored" >&2
	fi
fi

echo "helpsite build: $build_s s (exit status $status); Pagefind $PAGEFIND_VERSION: ${pf_pages:-?} pages, ${pf_words:-?} words in $pf_s s"
(cd "$ROOT" && "$WORK/eval" "${args[@]}" "${EXTRA[@]}")
