#!/usr/bin/env bash
# The consumer test: the packed packages as a user outside the repository gets them (README.md
# here). Needs `pnpm build` first and the npm registry (or a warm npm cache) for `npm install`.
#
#   bash e2e/consumer/run.sh              # from the repository root (pnpm test:consumer)
#   SIPKIT_CONSUMER_KEEP=1 bash e2e/consumer/run.sh   # keep the temporary folder to look at
set -euo pipefail
cd "$(dirname "$0")/.."

# Outside the workspace: npm must see no pnpm workspace (or node_modules) above the apps.
SIPKIT_CONSUMER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sipkit-consumer.XXXXXX")
export SIPKIT_CONSUMER_DIR
cleanup() {
  if [[ -n "${SIPKIT_CONSUMER_KEEP:-}" ]]; then echo "consumer test folder kept: $SIPKIT_CONSUMER_DIR"
  else rm -rf "$SIPKIT_CONSUMER_DIR"; fi
}
trap cleanup EXIT

# SIPKIT_CONSUMER_REPORT=<dir>: also write each half's results as JSON there (for .ci/run).
report() {
  if [[ -n "${SIPKIT_CONSUMER_REPORT:-}" ]]; then
    echo --reporter=default --reporter=json "--outputFile.json=$SIPKIT_CONSUMER_REPORT/consumer-$1.json"
  fi
}

# Pack and install with the registry reachable; then the call, in the loopback-only namespace.
# shellcheck disable=SC2046
pnpm exec vitest run --config consumer/vitest.config.ts prepare.test.ts $(report prepare)
# shellcheck disable=SC2046
bash scripts/netns.sh pnpm exec vitest run --config consumer/vitest.config.ts call.test.ts $(report call)
