#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the
# browser and import tests need (Debian's chromium; axe-core, TimelineJS
# and its examples from npm) when it is missing, then runs the Go tests
# with the race detector.
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/local/go/bin:$PATH

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# axe-core for the accessibility audit, TimelineJS to show the site's
# timeline.json, and the TimelineJS examples that the importer is tested on.
if [ -f testdata/browser/package.json ] &&
  { [ ! -d testdata/browser/node_modules/axe-core ] ||
    [ ! -d testdata/browser/node_modules/@knight-lab/timelinejs ] ||
    [ ! -d testdata/browser/node_modules/timelinejs3 ]; }; then
  echo "test.sh: installing axe-core, TimelineJS and its examples (npm ci)" >&2
  (cd testdata/browser && npm ci --silent --no-audit --no-fund --ignore-scripts)
fi

go vet ./...
# The packages, where the concurrency is (parallel rendering, publishing,
# the watcher and the preview server), run under the race detector. The
# root package's tests build whole sites in a browser and against page
# budgets (a 10,000-event site): the race detector would make them ten
# times slower and check no code of theirs, so they run without it.
go test -race -count=1 "$@" $(go list ./... | grep -vx "$(go list -m)")
go test -count=1 "$@" .
# Every Go benchmark once, so that none rots between the times someone
# measures with them (a few seconds: -benchtime=1x runs each body once).
if ! bench=$(go test -count=1 -run '^$' -bench . -benchtime=1x ./internal/... 2>&1); then
  echo "$bench" >&2
  exit 1
fi
