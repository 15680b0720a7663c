#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the
# browser tests need (Debian's chromium, axe-core from npm) when it is
# missing, then runs the Go tests with the race detector.
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/local/go/bin:$PATH

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -f testdata/browser/package.json ] && [ ! -d testdata/browser/node_modules/axe-core ]; then
  echo "test.sh: installing axe-core for the accessibility audit" >&2
  (cd testdata/browser && npm ci --silent --no-audit --no-fund)
fi

go vet ./...
go test -race -count=1 "$@" ./...
