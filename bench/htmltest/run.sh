#!/usr/bin/env bash
# Checks a built site with htmltest v0.17.0: internal links, images, #fragments, scripts,
# doctype and meta; no external links. Builds htmltest on first use. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/htmltest/run.sh [SITE_DIR]

  SITE_DIR   the built site to check (default: public/ in the project root)

env:
  HTMLTEST_CONF  an .htmltest.yml of your own, used instead of the generated one
                 (its DirectoryPath is replaced by SITE_DIR)
  BENCH_CACHE    where htmltest is installed (default: bench/.cache)

Prints htmltest's report (every issue, by document), then a count per kind of issue.
Exit status: htmltest's own, 0 no issues, 1 issues found; 2 this script failed.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${BENCH_CACHE:-$ROOT/bench/.cache}
HTMLTEST_VERSION=v0.17.0

case ${1:-} in -h | --help) usage; exit 0 ;; esac
[ $# -le 1 ] || { usage >&2; exit 2; }
SITE_DIR=${1:-$ROOT/public}
die() { echo "htmltest/run.sh: $*" >&2; exit 2; }
[ -d "$SITE_DIR" ] || die "site folder not found: $SITE_DIR"
SITE_DIR=$(cd "$SITE_DIR" && pwd -P)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/helpsite-htmltest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- install: `go install` fails here (the proxy refuses the version list), so build
# the downloaded module in a writable copy.
HTMLTEST=$CACHE/bin/htmltest
if ! [ -x "$HTMLTEST" ] || [ "$("$HTMLTEST" --version 2>/dev/null)" != "htmltest $HTMLTEST_VERSION" ]; then
	echo "htmltest/run.sh: building htmltest $HTMLTEST_VERSION into $CACHE/bin" >&2
	command -v go >/dev/null || die "needs go"
	dir=$(cd "$WORK" && go mod download -json "github.com/wjdp/htmltest@$HTMLTEST_VERSION" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
	[ -n "$dir" ] && [ -d "$dir" ] || die "go mod download gave no Dir for htmltest $HTMLTEST_VERSION"
	mkdir -p "$WORK/src" "$CACHE/bin"
	cp -R "$dir/." "$WORK/src/"
	chmod -R u+w "$WORK/src"
	(cd "$WORK/src" && GOFLAGS=-mod=mod go build -ldflags "-X main.version=$HTMLTEST_VERSION" -o "$HTMLTEST.tmp" .)
	mv "$HTMLTEST.tmp" "$HTMLTEST"
fi

# --- configuration: everything internal, nothing over the network. htmltest needs its
# OutputDir to exist; it goes to the temporary folder, not the current one.
mkdir -p "$WORK/out"
CONF=$WORK/htmltest.yml
{
	printf 'DirectoryPath: "%s"\n' "$SITE_DIR"
	if [ -n "${HTMLTEST_CONF:-}" ]; then
		[ -f "$HTMLTEST_CONF" ] || die "HTMLTEST_CONF not found: $HTMLTEST_CONF"
		grep -v -E '^(DirectoryPath|OutputDir):' "$HTMLTEST_CONF"
	else
		cat <<'EOF'
CheckDoctype: true
CheckAnchors: true
CheckLinks: true
CheckImages: true
CheckScripts: true
CheckMeta: true
CheckGeneric: true
CheckInternal: true
CheckInternalHash: true        # #fragments, within a page and across pages
CheckExternal: false           # no network
CheckMailto: true              # format only, no lookup
CheckTel: true
CheckFavicon: false
CheckMetaRefresh: true
# A link to /folder (no slash) that has folder/index.html is fine: servers redirect.
IgnoreDirectoryMissingTrailingSlash: true
IgnoreCanonicalBrokenLinks: true
IgnoreAltMissing: false
# :::image type="icon"::: is decorative: it is written alt="" role="presentation", as on
# Learn (WCAG: decorative images have an empty alt). A missing alt is still reported, and
# the linter's image-alt-missing covers content images.
IgnoreAltEmpty: true
EnableCache: false
LogLevel: 2                    # warnings and errors
LogSort: document
EOF
	fi
	printf 'OutputDir: "%s"\n' "$WORK/out"
} >"$CONF"

status=0
NO_COLOR=1 "$HTMLTEST" --conf "$CONF" | tee "$WORK/report.txt" || status=${PIPESTATUS[0]}

echo
echo "issues by kind:"
grep -E '^  [^ ]' "$WORK/report.txt" | sed -E 's/^  //; s/ --- .*//; s/:.*//' | sort | uniq -c | sort -rn || echo "  none"
echo "config used:"
sed 's/^/  /' "$CONF"
exit "$status"
