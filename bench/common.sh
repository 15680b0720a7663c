# Sourced first by bench/build.sh and bench/serve-latency.sh: the setup they
# share. Needs NAME (the script's name in messages) and USAGE_LINES (the
# lines of the script's opening comment that --help prints, like 2,9).

# Debian's hugo package pulls in an old Go under /usr/bin: keep ours first.
if [[ -d /usr/local/go/bin ]]; then
	PATH=/usr/local/go/bin:$PATH
fi
export PATH

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/timeline-bench}
SKIP_HUGO=${SKIP_HUGO:-0}
OURS=${OURS:-}

log() { printf '%s\n' "$NAME: $*" >&2; }
die() {
	printf '%s\n' "$NAME: error: $*" >&2
	exit 1
}

# parse_sizes ARGS...: the event counts to run, into SIZES (default 1000
# 10000); --help prints the script's usage.
parse_sizes() {
	SIZES=()
	local a
	for a in "$@"; do
		case $a in
		-h | --help)
			sed -n "${USAGE_LINES}p" "$0" | sed 's/^# \{0,1\}//' >&2
			exit 2
			;;
		*[!0-9]* | '' | 0) die "size must be a positive integer, not '$a'" ;;
		*) SIZES+=("$a") ;;
		esac
	done
	((${#SIZES[@]})) || SIZES=(1000 10000)
}

# build_tools: makes WORK absolute, builds gencorpus into it, and sets OURS
# to an absolute path: the binary given, or ./cmd/timeline built there.
build_tools() {
	mkdir -p "$WORK/log"
	WORK=$(cd "$WORK" && pwd)
	log "work dir $WORK"
	(cd "$SHARED/bench/gencorpus" && go build -o "$WORK/gencorpus" .) || die "building gencorpus failed"
	if [[ -n $OURS ]]; then
		[[ -x $OURS ]] || die "OURS=$OURS is not an executable"
		OURS=$(cd "$(dirname "$OURS")" && pwd)/$(basename "$OURS")
		log "ours = $OURS (OURS override)"
	else
		[[ -d $ROOT/cmd/timeline ]] || die "no $ROOT/cmd/timeline yet: set OURS=path/to/binary"
		(cd "$ROOT" && go build -o "$WORK/timeline" ./cmd/timeline) || die "building ./cmd/timeline failed"
		OURS=$WORK/timeline
	fi
}
