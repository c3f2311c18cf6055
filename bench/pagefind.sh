# shellcheck shell=bash
# Sourced by the bench scripts: the one Pagefind version they measure, and
# its install. Needs die (the script's own).

PAGEFIND_VERSION=1.6.0

# install_pagefind CACHE: sets PAGEFIND to what `npx pagefind` runs, the npm
# package's Node wrapper (it runs the native binary), installing Pagefind
# into CACHE/node_modules when it is missing or another version.
install_pagefind() {
	local CACHE=$1
	PAGEFIND=$CACHE/node_modules/.bin/pagefind
	if ! [ -x "$PAGEFIND" ] || [ "$("$PAGEFIND" --version 2>/dev/null)" != "pagefind $PAGEFIND_VERSION" ]; then
		echo "run.sh: installing Pagefind $PAGEFIND_VERSION into $CACHE/node_modules (npm)" >&2
		mkdir -p "$CACHE"
		npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error "pagefind@$PAGEFIND_VERSION" >&2
	fi
	[ "$("$PAGEFIND" --version 2>/dev/null)" = "pagefind $PAGEFIND_VERSION" ] || die "Pagefind $PAGEFIND_VERSION did not install"
}
