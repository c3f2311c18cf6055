#!/usr/bin/env bash
# Hugo baseline for `helpsite build`: builds a content tree with Hugo (and, with
# --pagefind, indexes Hugo's output with Pagefind), timing each as a whole process
# (wall time and peak RSS), and, when HELPSITE names a binary that has `build`, times
# `helpsite build` on the same tree in the same run, interleaved run by run, and prints
# the ratio Hugo / helpsite pair by pair. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/hugo/run.sh [--src DIR] [--runs N] [--warmup N] [--pagefind] [--pretty]
                        [--no-clean | --rm-between] [--keep]

  --src DIR     content tree (default: ../shared/corpus/office-support from the project root)
  --runs N      counted runs of each command (default 5; env RUNS)
  --warmup N    extra uncounted runs of each command after the check run (default 0; env WARMUP)
  --pagefind    also run Pagefind 1.6.0 over Hugo's output, and report Hugo + Pagefind
  --pretty      Hugo with its default pretty URLs (a folder and an index.html per page, the
                layout helpsite writes) instead of hugo.toml's uglyURLs (page.html files,
                so relative image links resolve); relative images then 404 in Hugo's
                output, which does not change what Hugo renders
  --no-clean    keep each tool's output folder between runs (a rebuild: Hugo then skips
                copying images it already copied); default: every run writes a new,
                empty folder, and the folders are removed only at the end (TMPDIR needs
                room for all of them)
  --rm-between  every run reuses one folder per tool, removed just before the run (the
                old default): on ext4 without a journal, files created within a minute
                of deleting thousands of others cost several times more (see README)
  --keep        keep the temporary folder (outputs, logs, raw timings) and print its path

env:
  HELPSITE       path to a helpsite binary; paired against Hugo when it has `build`
  HELPSITE_ARGS  helpsite's arguments; {src} and {out} are replaced by the content tree and
                 a fresh output folder (default: 'build --src {src} --out {out} --keep-going
                 --format json=/dev/null'); split on spaces, no shell quoting
  BENCH_CACHE    where Hugo, htmltest and Pagefind are installed (default: bench/.cache)
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SITE=$ROOT/bench/hugo/site
CACHE=${BENCH_CACHE:-$ROOT/bench/.cache}
HUGO_VERSION=v0.165.0
# shellcheck source=../pagefind.sh
. "$ROOT/bench/pagefind.sh"
# The content path hugo.toml mounts by default (relative to bench/hugo/site).
DEFAULT_MOUNT='../../../../shared/corpus/office-support'

SRC=$ROOT/../shared/corpus/office-support
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-0}
WITH_PAGEFIND=0
PRETTY=0
KEEP=0
CLEAN=1 # 1: a new folder per run; rm: one folder, removed before each run; 0: kept
HELPSITE=${HELPSITE:-}
HELPSITE_ARGS=${HELPSITE_ARGS:-'build --src {src} --out {out} --keep-going --format json=/dev/null'}

while [ $# -gt 0 ]; do
	case $1 in
	--src) SRC=${2:?--src needs a folder}; shift 2 ;;
	--src=*) SRC=${1#*=}; shift ;;
	--runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
	--runs=*) RUNS=${1#*=}; shift ;;
	--warmup) WARMUP=${2:?--warmup needs a number}; shift 2 ;;
	--warmup=*) WARMUP=${1#*=}; shift ;;
	--pagefind) WITH_PAGEFIND=1; shift ;;
	--pretty) PRETTY=1; shift ;;
	--keep) KEEP=1; shift ;;
	--no-clean) CLEAN=0; shift ;;
	--rm-between) CLEAN='rm'; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
	esac
done

die() { echo "run.sh: $*" >&2; exit 2; }
case $RUNS in '' | *[!0-9]*) die "--runs must be a number" ;; esac
case $WARMUP in '' | *[!0-9]*) die "--warmup must be a number" ;; esac
[ "$RUNS" -ge 1 ] || die "--runs must be at least 1"
[ -d "$SRC" ] || die "content tree not found: $SRC"
SRC=$(cd "$SRC" && pwd -P)
case $SRC in *'"'* | *'\'*) die "content path must not contain \" or \\: $SRC" ;; esac
[ "${BASH_VERSINFO[0]}" -ge 5 ] || die "needs bash 5 (EPOCHREALTIME)"

GNU_TIME=/usr/bin/time
if ! [ -x "$GNU_TIME" ] || ! "$GNU_TIME" -f %M true >/dev/null 2>&1; then
	echo "run.sh: GNU time not found (apt-get install -y time): peak RSS is not measured" >&2
	GNU_TIME=
fi

# --- tools -------------------------------------------------------------------------

hugo_ok() { [ -x "$1" ] && "$1" version 2>/dev/null | grep -Eq "^hugo ${HUGO_VERSION//./\\.}([+ -]|$)"; }
HUGO=
for c in "$CACHE/bin/hugo" "${HOME:-/nonexistent}/go/bin/hugo"; do
	if hugo_ok "$c"; then HUGO=$c; break; fi
done
if [ -z "$HUGO" ]; then
	echo "run.sh: installing Hugo $HUGO_VERSION into $CACHE/bin (go install)" >&2
	mkdir -p "$CACHE/bin"
	(cd "$CACHE" && GOBIN="$CACHE/bin" go install "github.com/gohugoio/hugo@$HUGO_VERSION")
	HUGO=$CACHE/bin/hugo
	hugo_ok "$HUGO" || die "installed Hugo does not report $HUGO_VERSION"
fi

PAGEFIND=
if [ "$WITH_PAGEFIND" = 1 ]; then
	install_pagefind "$CACHE"
fi

HAVE_HELPSITE=0
if [ -n "$HELPSITE" ]; then
	if ! [ -x "$HELPSITE" ]; then
		echo "run.sh: HELPSITE=$HELPSITE is not an executable: Hugo only" >&2
	elif ! "$HELPSITE" --help 2>&1 | grep -Eq '^[[:space:]]+build([[:space:]]|$)'; then
		echo "run.sh: $HELPSITE has no 'build' command yet: Hugo only" >&2
	else
		HAVE_HELPSITE=1
	fi
fi

# --- work folder -------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/helpsite-bench-hugo.XXXXXX")
if [ "$KEEP" = 1 ]; then
	trap 'echo "kept: $WORK" >&2' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi

# The committed hugo.toml with its content mounts pointed at SRC (absolute). Hugo's own
# files (lock, caches) go to WORK: nothing is written into bench/hugo/site or SRC.
grep -qF "\"$DEFAULT_MOUNT\"" "$SITE/hugo.toml" || die "hugo.toml no longer mounts $DEFAULT_MOUNT"
sed "s|\"$DEFAULT_MOUNT\"|\"$SRC\"|g" "$SITE/hugo.toml" >"$WORK/hugo.toml"
if [ "$PRETTY" = 1 ]; then
	sed -i 's/^uglyURLs = true$/uglyURLs = false/' "$WORK/hugo.toml"
	grep -q '^uglyURLs = false$' "$WORK/hugo.toml" || die "hugo.toml has no 'uglyURLs = true' line to turn off"
fi

# outdir TOOL ROUND: where TOOL writes in ROUND. By default each run starts from a new,
# empty folder, so Hugo copies every image each time rather than syncing what is already
# there, and nothing is deleted until the end: on ext4 without a journal (the machines
# this was measured on) the inode allocator skips every inode freed in the last 60 s (5
# min while its block is unwritten), testing each one, so a run right after `rm -rf` of
# the previous run's 5,000 files spent 3-4 s more in the kernel (perf: ext4_create and
# ext4_mkdir in recently_deleted). --rm-between reproduces that; --no-clean keeps one
# folder per tool (Pagefind's bundle is still removed before each of its runs).
outdir() {
	if [ "$CLEAN" = 1 ]; then echo "$WORK/$1-out.$2"; else echo "$WORK/$1-out"; fi
}
HUGO_OUT=$(outdir hugo 0)
HELPSITE_OUT=$(outdir helpsite 0)

# cmd_for TOOL ROUND: sets cmd to TOOL's command line for ROUND.
cmd_for() {
	local out w
	local -a words
	out=$(outdir "${1/pagefind/hugo}" "$2")
	case $1 in
	hugo) cmd=("$HUGO" --source "$SITE" --config "$WORK/hugo.toml" --destination "$out"
		--cacheDir "$out.cache" --noBuildLock --quiet) ;;
	pagefind) cmd=("$PAGEFIND" --site "$out" --silent) ;;
	helpsite)
		read -r -a words <<<"$HELPSITE_ARGS"
		cmd=("$HELPSITE")
		for w in "${words[@]}"; do
			w=${w//\{src\}/$SRC}
			w=${w//\{out\}/$out}
			cmd+=("$w")
		done ;;
	esac
}

prepare() {
	local out
	out=$(outdir "${1/pagefind/hugo}" "$2")
	case $1 in
	pagefind) rm -rf "$out/pagefind" ;;
	*) [ "$CLEAN" != rm ] || rm -rf "$out" "$out.cache" ;;
	esac
}

# run NAME ROUND: one whole-process run; appends "name round wall_s rss_kb status cpu_s"
# to runs.tsv (round 0 = the check run, negative = warm-up, not counted; cpu_s is user +
# sys seconds).
run() {
	local name=$1 round=$2 t0 t1 rss=NA cpu=NA status=0 user sys
	local -a cmd
	cmd_for "$name" "$round"
	prepare "$name" "$round"
	echo "== $name round $round" >>"$WORK/$name.log"
	t0=$EPOCHREALTIME
	if [ -n "$GNU_TIME" ]; then
		"$GNU_TIME" -f '%M %U %S %x' -o "$WORK/time.out" "${cmd[@]}" >>"$WORK/$name.log" 2>&1 || true
	else
		"${cmd[@]}" >>"$WORK/$name.log" 2>&1 || status=$?
	fi
	t1=$EPOCHREALTIME
	if [ -n "$GNU_TIME" ]; then
		read -r rss user sys status < <(tail -n 1 "$WORK/time.out")
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	fi
	echo "$name $round $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $rss $status $cpu" >>"$WORK/runs.tsv"
	return "$status"
}

# --- check run (also the first warm-up) --------------------------------------------

md_count=$(find "$SRC" -name '*.md' -type f | wc -l)
img_count=$(find "$SRC" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.gif' -o -iname '*.svg' \) | wc -l)

: >"$WORK/runs.tsv"
prepare hugo 0
if ! "$HUGO" --source "$SITE" --config "$WORK/hugo.toml" --destination "$HUGO_OUT" \
	--cacheDir "$HUGO_OUT.cache" --noBuildLock --printPathWarnings >"$WORK/hugo-check.log" 2>&1; then
	cat "$WORK/hugo-check.log" >&2
	die "Hugo failed on $SRC (output above)"
fi
hugo_pages=$(sed -n 's/^ *Pages *│ *\([0-9]*\).*/\1/p' "$WORK/hugo-check.log" | head -n 1)
hugo_static=$(sed -n 's/^ *Static files *│ *\([0-9]*\).*/\1/p' "$WORK/hugo-check.log" | head -n 1)
hugo_html=$(find "$HUGO_OUT" -name '*.html' -type f | wc -l)
hugo_size=$(du -sh "$HUGO_OUT" | cut -f1)
hugo_warnings=$(grep -c -E '^(WARN|ERROR)' "$WORK/hugo-check.log" || true)

if [ -n "$PAGEFIND" ]; then
	if ! "$PAGEFIND" --site "$HUGO_OUT" >"$WORK/pagefind-check.log" 2>&1; then
		cat "$WORK/pagefind-check.log" >&2
		die "Pagefind failed on Hugo's output (output above)"
	fi
	pagefind_pages=$(sed -n 's/.*Indexed \([0-9]*\) page.*/\1/p' "$WORK/pagefind-check.log" | head -n 1)
	pagefind_words=$(sed -n 's/.*Indexed \([0-9]*\) word.*/\1/p' "$WORK/pagefind-check.log" | head -n 1)
	pagefind_size=$(du -sh "$HUGO_OUT/pagefind" | cut -f1)
fi

if [ "$HAVE_HELPSITE" = 1 ]; then
	hs_status=0
	run helpsite 0 || hs_status=$?
	if [ "$hs_status" -ge 2 ]; then
		tail -n 20 "$WORK/helpsite.log" >&2
		echo "run.sh: helpsite exited with status $hs_status on its check run (log above): Hugo only" >&2
		HAVE_HELPSITE=0
	else
		hs_html=$(find "$HELPSITE_OUT" -name '*.html' -type f 2>/dev/null | wc -l)
		hs_size=$(du -sh "$HELPSITE_OUT" 2>/dev/null | cut -f1)
	fi
fi

# --- timed runs: A B A B ... -------------------------------------------------------

names=(hugo)
[ -n "$PAGEFIND" ] && names+=(pagefind)
[ "$HAVE_HELPSITE" = 1 ] && names+=(helpsite)

total=$((WARMUP + RUNS))
for ((i = 1; i <= total; i++)); do
	round=$((i - WARMUP))
	[ "$round" -le 0 ] && round=$((round - 1)) # warm-ups: -1, -2, ...
	for n in "${names[@]}"; do
		run "$n" "$round" || true # non-zero exits are counted in the report
	done
	printf '.' >&2
done
echo >&2

# --- report ------------------------------------------------------------------------

# spread: "min median max" of the numbers on standard input, one per line ("NA NA NA"
# for none).
spread() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "NA NA NA"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print v[1], m, v[NR] }'
}
# stats NAME FIELD: the spread of field 3 (wall s), 4 (RSS kB) or 6 (user+sys s) over
# counted runs.
stats() {
	awk -v n="$1" -v f="$2" '$1 == n && $2 > 0 && $f != "NA" { print $f }' "$WORK/runs.tsv" | spread
}
# pairs: per counted round, hugo wall, pagefind wall (0 without), helpsite wall (or,
# with PAIR_FIELD=6, user+sys CPU seconds).
pairs() {
	awk -v f="${PAIR_FIELD:-3}" '$2 > 0 { w[$1, $2] = $f; if ($2 > r) r = $2 }
		END { for (i = 1; i <= r; i++) print w["hugo", i] + 0, w["pagefind", i] + 0, w["helpsite", i] + 0 }' "$WORK/runs.tsv"
}
# ratio EXPR: min median max of a per-round ratio ($1 hugo, $2 pagefind, $3 helpsite).
ratio() {
	pairs | awk "\$3 > 0 { print $1 }" | spread
}
fmt_wall() { awk '{ if ($1 == "NA") print "n/a"; else printf "%7.3f %7.3f %7.3f", $1, $2, $3 }'; }
fmt_rss() { awk '{ if ($1 == "NA") print "n/a"; else printf "%7.1f %7.1f %7.1f", $1 / 1024, $2 / 1024, $3 / 1024 }'; }
fmt_ratio() { awk '{ if ($1 == "NA") print "n/a"; else printf "%7.2f %7.2f %7.2f", $1, $2, $3 }'; }
failed() { awk -v n="$1" '$1 == n && $2 > 0 && $5 != 0 { c++ } END { if (c) printf "  (%d run(s) exited non-zero)", c }' "$WORK/runs.tsv"; }
quote() { local s; printf -v s '%q ' "$@"; echo "${s% }"; }

echo "$("$HUGO" version)"
echo "content: $SRC ($md_count .md files, $img_count images)"
echo "Hugo wrote $hugo_pages pages ($hugo_html .html files), $hugo_static static files, $hugo_size; $hugo_warnings WARN/ERROR line(s) in its log"
if [ -n "$PAGEFIND" ]; then
	echo "Pagefind $PAGEFIND_VERSION indexed ${pagefind_pages:-?} pages, ${pagefind_words:-?} words; bundle $pagefind_size"
fi
if [ "$HAVE_HELPSITE" = 1 ]; then
	echo "helpsite wrote $hs_html .html files, ${hs_size:-?} (check run exit status $hs_status)"
fi
echo "runs: $RUNS counted per command after 1 check run + $WARMUP warm-up(s), in turn: ${names[*]}; $(nproc) CPUs"
echo
printf '%-22s %-25s %-27s %s\n' "" "wall s (min med max)" "user+sys s (min med max)" "peak RSS MB (min med max)"
for n in "${names[@]}"; do
	label=$n
	[ "$n" = helpsite ] && label="helpsite build"
	printf '%-22s %-25s %-27s %s%s\n' "$label" "$(stats "$n" 3 | fmt_wall)" "$(stats "$n" 6 | fmt_wall)" "$(stats "$n" 4 | fmt_rss)" "$(failed "$n")"
done
if [ -n "$PAGEFIND" ]; then
	hp=$(pairs | awk '{ print $1 + $2 }' | spread)
	hp_cpu=NA
	[ -z "$GNU_TIME" ] || hp_cpu=$(PAIR_FIELD=6 pairs | awk '{ print $1 + $2 }' | spread)
	hp_rss=$(printf '%s\n%s\n' "$(stats hugo 4)" "$(stats pagefind 4)" | awk '$1 != "NA" {
		for (i = 1; i <= 3; i++) if ($i > m[i]) m[i] = $i; n++ }
		END { if (n < 2) print "NA NA NA"; else print m[1], m[2], m[3] }')
	printf '%-22s %-25s %-27s %s  (wall, CPU: sum per round; peak: the larger)\n' "hugo + pagefind" "$(echo "$hp" | fmt_wall)" "$(echo "$hp_cpu" | fmt_wall)" "$(echo "$hp_rss" | fmt_rss)"
fi
if [ "$HAVE_HELPSITE" = 1 ]; then
	echo
	printf '%-40s %s\n' "ratio, pair by pair" "min     med     max"
	printf '%-40s %s\n' "hugo / helpsite (wall)" "$(ratio '$1 / $3' | fmt_ratio)"
	if [ -n "$PAGEFIND" ]; then
		printf '%-40s %s\n' "(hugo + pagefind) / helpsite (wall)" "$(ratio '($1 + $2) / $3' | fmt_ratio)"
	fi
	if [ -n "$GNU_TIME" ]; then
		printf '%-40s %s\n' "hugo / helpsite (user+sys)" "$(PAIR_FIELD=6 ratio '$1 / $3' | fmt_ratio)"
		if [ -n "$PAGEFIND" ]; then
			printf '%-40s %s\n' "(hugo + pagefind) / helpsite (user+sys)" "$(PAIR_FIELD=6 ratio '($1 + $2) / $3' | fmt_ratio)"
		fi
	fi
	h=$(stats hugo 4 | awk '{ print $2 }')
	s=$(stats helpsite 4 | awk '{ print $2 }')
	if [ "$h" != NA ] && [ "$s" != NA ]; then
		printf '%-40s %7.2f\n' "hugo / helpsite (median peak RSS)" "$(awk -v a="$h" -v b="$s" 'BEGIN { print a / b }')"
	fi
fi
echo
case $CLEAN in
1) echo "commands (each run into a new, empty output folder; all removed at the end), round 1:" ;;
rm) echo "commands (--rm-between: each run's output folder removed just before it):" ;;
*) echo "commands (--no-clean: output folders kept between runs):" ;;
esac
cmd_for hugo 1
echo "  hugo:     $(quote "${cmd[@]}")"
if [ -n "$PAGEFIND" ]; then cmd_for pagefind 1; echo "  pagefind: $(quote "${cmd[@]}")"; fi
if [ "$HAVE_HELPSITE" = 1 ]; then cmd_for helpsite 1; echo "  helpsite: $(quote "${cmd[@]}")"; fi
echo "  ($WORK/hugo.toml is bench/hugo/site/hugo.toml with the content mounts set to $SRC)"
if [ "$KEEP" = 1 ]; then
	echo "raw runs (name round wall_s rss_kB status cpu_s; round 0 = check, < 0 = warm-up): $WORK/runs.tsv"
fi
