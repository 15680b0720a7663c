# Sourced by bench/build.sh and bench/serve-latency.sh: the corpora of
# ../shared/bench/gencorpus, made once and cached under $WORK/corpus, keyed
# by a hash of the generator's sources so that a changed generator makes new
# ones. Needs SHARED, WORK (with WORK/gencorpus built), log and die.

gen_id=$(cat "$SHARED"/bench/gencorpus/*.go "$SHARED"/bench/gencorpus/go.mod | sha256sum | cut -c1-12)
CORPORA=$WORK/corpus/$gen_id
# gencorpus's laterDate can move an end date to the next month without
# clamping its day, writing impossible dates such as "1938-11-31" (3 files in
# 10,000). timeline rejects those, as it should; clamp them to the month's
# last day so that every tool builds the same events.
clamp_days() {
	local fixed
	fixed=$(grep -rlE '^end = "[0-9]{4}-(02-(29|30|31)|(04|06|09|11)-31)"' "$1/content" || true)
	[[ -z $fixed ]] && return 0
	log "clamping impossible end dates (a gencorpus bug) in $(wc -l <<<"$fixed") files"
	xargs perl -i -pe '
		if (/^end = "(\d{4})-(\d\d)-(\d\d)"/) {
			my ($y, $m, $d) = ($1, $2, $3);
			my $leap = ($y % 4 == 0 && $y % 100 != 0) || $y % 400 == 0;
			my $n = (31, $leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[$m - 1];
			$_ = sprintf("end = \"%s-%s-%02d\"\n", $y, $m, $n) if $d > $n;
		}' <<<"$fixed"
}

corpus() { # format size -> path, generated if missing
	local dir=$CORPORA/$1-$2
	if [[ ! -f $dir/.complete ]]; then
		log "generating $1 corpus of $2 events"
		rm -rf "$dir" "$dir.tmp"
		mkdir -p "$CORPORA"
		"$WORK/gencorpus" -n "$2" -format "$1" -out "$dir.tmp" 2>"$WORK/log/gencorpus.err" || {
			tail -n 20 "$WORK/log/gencorpus.err" >&2
			die "gencorpus -n $2 -format $1 failed"
		}
		[[ $1 == timeline ]] && clamp_days "$dir.tmp"
		touch "$dir.tmp/.complete"
		mv "$dir.tmp" "$dir"
	fi
	printf '%s\n' "$dir"
}
