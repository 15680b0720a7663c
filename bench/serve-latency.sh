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

# Debian's hugo package pulls in an old Go under /usr/bin: keep ours first.
if [[ -d /usr/local/go/bin ]]; then
	PATH=/usr/local/go/bin:$PATH
fi
export PATH

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/timeline-bench}
EDITS=${EDITS:-20}
GAP=${GAP:-1s}
SKIP_HUGO=${SKIP_HUGO:-0}
OURS=${OURS:-}

log() { printf '%s\n' "serve-latency: $*" >&2; }
die() {
	printf '%s\n' "serve-latency: error: $*" >&2
	exit 1
}

SIZES=()
for a in "$@"; do
	case $a in
	-h | --help)
		sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
		exit 2
		;;
	*[!0-9]* | '' | 0) die "size must be a positive integer, not '$a'" ;;
	*) SIZES+=("$a") ;;
	esac
done
((${#SIZES[@]})) || SIZES=(1000 10000)
[[ $EDITS =~ ^[1-9][0-9]*$ ]] || die "EDITS must be a positive integer, not '$EDITS'"
[[ -d $SHARED/bench/gencorpus ]] || die "no $SHARED/bench/gencorpus: set SHARED=path/to/shared"
SHARED=$(cd "$SHARED" && pwd)
if [[ $SKIP_HUGO != 1 ]] && ! command -v hugo >/dev/null; then
	die "hugo not found: apt-get install hugo, or SKIP_HUGO=1"
fi

# ------------------------------------------------------------------ binaries
mkdir -p "$WORK/log"
WORK=$(cd "$WORK" && pwd)
log "work dir $WORK"
(cd "$SHARED/bench/gencorpus" && go build -o "$WORK/gencorpus" .) || die "building gencorpus failed"
(cd "$ROOT" && go build -o "$WORK/servelatency" ./bench/servelatency) || die "building servelatency failed"
if [[ -n $OURS ]]; then
	[[ -x $OURS ]] || die "OURS=$OURS is not an executable"
else
	(cd "$ROOT" && go build -o "$WORK/timeline" ./cmd/timeline) || die "building ./cmd/timeline failed"
	OURS=$WORK/timeline
fi

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
