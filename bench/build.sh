#!/usr/bin/env bash
# Build-time benchmark (issue 8): our `timeline build` against the floor and Hugo
# on generated corpora. See bench/README.md.
#
#   bench/build.sh [SIZES...]        default sizes: 1000 10000
#
# Env: RUNS (5), SHARED (../shared from the repo root), BENCH_DIR
# (${TMPDIR:-/tmp}/timeline-bench), OURS (a binary to use instead of building
# ./cmd/timeline), SKIP_HUGO=1, SKIP_HUGO_ABOVE (10000), OUT_BASE (tmpfs dir).
set -euo pipefail

NAME=bench USAGE_LINES=2,9
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS=${RUNS:-5}
SKIP_HUGO_ABOVE=${SKIP_HUGO_ABOVE:-10000}
TIME=/usr/bin/time

# ------------------------------------------------------------------ arguments
parse_sizes "$@"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
[[ $SKIP_HUGO_ABOVE =~ ^[0-9]+$ ]] || die "SKIP_HUGO_ABOVE must be an integer"

hugo_at() { [[ $SKIP_HUGO != 1 ]] && (($1 <= SKIP_HUGO_ABOVE)); }
need_hugo=0
for n in "${SIZES[@]}"; do hugo_at "$n" && need_hugo=1; done

[[ -d $SHARED/bench/gencorpus && -d $SHARED/bench/floor ]] ||
	die "no $SHARED/bench/{gencorpus,floor}: set SHARED=path/to/shared"
SHARED=$(cd "$SHARED" && pwd)
command -v go >/dev/null || die "go not found (expected in /usr/local/go/bin)"

# ------------------------------------------------------------------ packages
apt_install() {
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null || die "need root (or sudo) to apt-get install $*"
		sudo=(sudo -n)
	fi
	log "installing $* (apt-get)"
	"${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >&2 ||
		die "apt-get install $* failed"
}
pkgs=()
[[ -x $TIME ]] || pkgs+=(time)
if ((need_hugo)) && ! command -v hugo >/dev/null; then pkgs+=(hugo); fi
((${#pkgs[@]} == 0)) || apt_install "${pkgs[@]}"
hash -r

# ------------------------------------------------------------------ binaries
build_tools
(cd "$SHARED/bench/floor" && go build -o "$WORK/floor" .) || die "building floor failed"

# ------------------------------------------------------------------ corpora
# Cached per version of gencorpus's sources, so a changed generator regenerates.
# shellcheck source=bench/corpus.sh
source "$ROOT/bench/corpus.sh"

# ------------------------------------------------------------------ output on tmpfs
if [[ -z ${OUT_BASE:-} ]]; then
	if [[ -d /dev/shm && -w /dev/shm ]]; then
		OUT_BASE=/dev/shm/timeline-bench.$$
	else
		OUT_BASE=$WORK/out.$$
		log "warning: no /dev/shm; output goes to $OUT_BASE (not tmpfs)"
	fi
fi
mkdir -p "$OUT_BASE"
out_fs=$(stat -f -c %T "$OUT_BASE" 2>/dev/null || echo unknown)
cleanup() { rm -rf "$OUT_BASE"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ running
# run TOOL SIZE RECORD: one timed build into a fresh output dir. With RECORD=1
# the "wall rss user sys" line is appended to $RES/TOOL; otherwise (warm-up) the output is
# checked and its file count kept.
run() {
	local tool=$1 size=$2 record=$3 out=$OUT_BASE/$1
	local cmd
	case $tool in
	ours) cmd=("$OURS" build -s "$TL_CORPUS" -d "$out") ;;
	floor) cmd=("$WORK/floor" build -s "$TL_CORPUS" -d "$out") ;;
	hugo) cmd=(hugo --quiet -s "$HUGO_CORPUS" -d "$out") ;;
	esac
	rm -rf "$out"
	local tf=$WORK/log/$tool-$size.time ef=$WORK/log/$tool-$size.stderr
	if ! "$TIME" -f '%e %M %U %S' -o "$tf" "${cmd[@]}" >"$WORK/log/$tool-$size.stdout" 2>"$ef"; then
		{
			echo "bench: error: $tool failed at $size events: ${cmd[*]}"
			sed "s/^/  time: /" "$tf" 2>/dev/null || true
			echo "--- stderr (last 30 lines) ---"
			tail -n 30 "$ef"
		} >&2
		exit 1
	fi
	if ((record)); then
		tail -n 1 "$tf" >>"$RES/$tool"
	else
		[[ -s $out/index.html ]] || {
			echo "bench: error: $tool wrote no $out/index.html at $size events" >&2
			tail -n 30 "$ef" >&2
			exit 1
		}
		find "$out" -type f | wc -l >"$RES/$tool.files"
	fi
	rm -rf "$out"
}

# stats FILE -> "median_wall min_wall max_wall median_rss_kib median_cpu"
# (CPU time is user + system: steadier than wall time on a shared machine)
stats() {
	local w r c
	w=$(cut -d' ' -f1 "$1" | sort -g | awk '{a[NR]=$1} END {
		m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print m, a[1], a[NR] }')
	r=$(cut -d' ' -f2 "$1" | sort -g | awk '{a[NR]=$1} END {
		print NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }')
	c=$(awk '{print $3 + $4}' "$1" | sort -g | awk '{a[NR]=$1} END {
		print NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }')
	echo "$w $r $c"
}

mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
hugo_v=skipped
if ((need_hugo)); then hugo_v=$(hugo version 2>/dev/null | awk '{print $2}' || true); fi
REPORT=$WORK/report-$(date -u +%Y%m%dT%H%M%SZ).md
{
	echo "# timeline build benchmark"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC') · nproc $(nproc) · ${cpu:-unknown CPU} · $mem RAM ·" \
		"$(go env GOVERSION) · hugo $hugo_v · RUNS=$RUNS · output on $out_fs ($OUT_BASE)"
	[[ $OURS == "$WORK/timeline" ]] || echo "(ours = $OURS)"
} | tee "$REPORT"

declare -A scale_ours scale_floor # SIZE -> "median_wall median_cpu"
for n in "${SIZES[@]}"; do
	TL_CORPUS=$(corpus timeline "$n")
	tools=(ours floor)
	HUGO_CORPUS=
	if hugo_at "$n"; then
		HUGO_CORPUS=$(corpus hugo "$n")
		tools+=(hugo)
	fi
	RES=$OUT_BASE/results-$n
	rm -rf "$RES"
	mkdir -p "$RES"

	log "$n events: warm-up (${tools[*]})"
	for t in "${tools[@]}"; do run "$t" "$n" 0; done
	for ((i = 1; i <= RUNS; i++)); do
		log "$n events: run $i/$RUNS"
		for t in "${tools[@]}"; do run "$t" "$n" 1; done
	done

	read -r ours_w _ _ ours_r ours_c < <(stats "$RES/ours")
	read -r floor_w _ _ _ floor_c < <(stats "$RES/floor")
	scale_ours[$n]="$ours_w $ours_c" scale_floor[$n]="$floor_w $floor_c"
	{
		echo
		echo "## $n events"
		echo
		echo "| tool | median wall (s) | min–max wall (s) | median CPU (s) | median peak RSS (MiB) | ours/tool wall | ours/tool CPU | ours/tool RSS | files written |"
		echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
		for t in "${tools[@]}"; do
			read -r w lo hi r c < <(stats "$RES/$t")
			awk -v t="$t" -v w="$w" -v lo="$lo" -v hi="$hi" -v r="$r" -v c="$c" -v ow="$ours_w" -v orss="$ours_r" \
				-v oc="$ours_c" -v f="$(cat "$RES/$t.files")" 'BEGIN {
				printf "| %s | %.2f | %.2f–%.2f | %.2f | %.0f | %s | %s | %s | %d |\n", t, w, lo, hi, c, r/1024,
					(w > 0 ? sprintf("%.2f", ow/w) : "–"), (c > 0 ? sprintf("%.2f", oc/c) : "–"),
					(r > 0 ? sprintf("%.2f", orss/r) : "–"), f }'
		done
	} | tee -a "$REPORT"
	rm -rf "$RES"
done
# How each size's time grows from the one before, ours and the floor's, by the
# medians above. The sizes run one after the other, so the machine's load may
# differ between them: repeat the run before reading much into one ratio.
if ((${#SIZES[@]} > 1)); then
	{
		echo
		echo "## Scaling"
		echo
		echo "| from | to | ours wall | ours CPU | floor wall | floor CPU |"
		echo "|---:|---:|---:|---:|---:|---:|"
		prev=
		for n in "${SIZES[@]}"; do
			if [[ -n $prev ]]; then
				awk -v a="$prev" -v b="$n" -v o1="${scale_ours[$prev]}" -v o2="${scale_ours[$n]}" \
					-v f1="${scale_floor[$prev]}" -v f2="${scale_floor[$n]}" 'BEGIN {
					split(o1, x); split(o2, y); split(f1, u); split(f2, v)
					printf "| %d | %d | %.2f× | %.2f× | %.2f× | %.2f× |\n", a, b, y[1]/x[1], y[2]/x[2], v[1]/u[1], v[2]/u[2] }'
			fi
			prev=$n
		done
	} | tee -a "$REPORT"
fi
echo | tee -a "$REPORT"
log "report saved to $REPORT"
