#!/usr/bin/env bash
# Preview latency benchmark (issue 4): from saving an event file to the new
# text being served, for `timeline serve` and `hugo server`, on corpora made
# by ../shared/bench/gencorpus. See bench/README.md.
#
#   bench/serve-latency.sh [SIZES...]      default sizes: 1000 10000
#
# Env: EDITS (20), GAP (1s: pause after each served edit, before waiting for
# the server to be idle again), SHARED (../shared from the repo root),
# BENCH_DIR (${TMPDIR:-/tmp}/timeline-bench), OURS (a binary to use instead of
# building ./cmd/timeline), SKIP_HUGO=1.
set -euo pipefail

NAME=serve-latency USAGE_LINES=2,11
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
EDITS=${EDITS:-20}
GAP=${GAP:-1s}

parse_sizes "$@"
[[ $EDITS =~ ^[1-9][0-9]*$ ]] || die "EDITS must be a positive integer, not '$EDITS'"
[[ -d $SHARED/bench/gencorpus ]] || die "no $SHARED/bench/gencorpus: set SHARED=path/to/shared"
SHARED=$(cd "$SHARED" && pwd)
if [[ $SKIP_HUGO != 1 ]] && ! command -v hugo >/dev/null; then
	die "hugo not found: apt-get install hugo, or SKIP_HUGO=1"
fi

# ------------------------------------------------------------------ binaries
build_tools
(cd "$ROOT" && go build -o "$WORK/servelatency" ./bench/servelatency) || die "building servelatency failed"

# ------------------------------------------------------------------ corpora
# The same cache as bench/build.sh (keyed by a hash of gencorpus's sources),
# so that either script reuses the corpora the other made. Each run edits a
# fresh copy.
# shellcheck source=bench/corpus.sh
source "$ROOT/bench/corpus.sh"

SCRATCH=$WORK/latency.$$
cleanup() { rm -rf "$SCRATCH"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ running
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
hugo_v=skipped
[[ $SKIP_HUGO == 1 ]] || hugo_v=$(hugo version 2>/dev/null | awk '{print $2}')
REPORT=$WORK/latency-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# timeline serve latency"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC') · nproc $(nproc) · ${cpu:-unknown CPU} · $mem RAM · load $(cut -d' ' -f1-3 /proc/loadavg) ·" \
		"$(go env GOVERSION) · hugo $hugo_v · $EDITS edits per tool and size, $GAP apart"
	echo
	echo "Latency from writing an event file to its page being served with the new text (ms)."
	echo
	echo "| events | tool | median | p90 | min | max | mean | ours/tool median | peak RSS (MiB) |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$REPORT"

for n in "${SIZES[@]}"; do
	tools=(ours)
	[[ $SKIP_HUGO == 1 ]] || tools+=(hugo)
	ours_median=
	for t in "${tools[@]}"; do
		case $t in
		ours) src=$(corpus timeline "$n") bin=$OURS ;;
		hugo) src=$(corpus hugo "$n") bin=hugo ;;
		esac
		site=$SCRATCH/$t-$n
		rm -rf "$site"
		mkdir -p "$SCRATCH"
		cp -r "$src" "$site"
		log "$n events: $t"
		line=$("$WORK/servelatency" -tool "$t" -bin "$bin" -site "$site" -edits "$EDITS" -gap "$GAP" \
			-log "$WORK/log/serve-$t-$n.log") || die "$t at $n events failed; see $WORK/log/serve-$t-$n.log"
		read -r _ _ median p90 lo hi mean rss each <<<"$line"
		[[ $t == ours ]] && ours_median=$median
		echo "$n $t $each" >>"$WORK/log/latency-raw.txt"
		awk -v n="$n" -v t="$t" -v m="$median" -v p="$p90" -v lo="$lo" -v hi="$hi" -v mean="$mean" -v o="$ours_median" -v rss="$rss" 'BEGIN {
			printf "| %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %d |\n", n, t, m, p, lo, hi, mean, (m > 0 ? sprintf("%.3f", o/m) : "–"), rss }' |
			tee -a "$REPORT"
		rm -rf "$site"
	done
done
echo | tee -a "$REPORT"
log "report saved to $REPORT; every latency in $WORK/log/latency-raw.txt"
