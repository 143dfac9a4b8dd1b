#!/usr/bin/env bash
# `npm test`: every check, from a fresh clone: dependencies, test hosts (Chromium, code-server),
# lint, typecheck, build, unit tests, CLI tests, integration tests (in VS Code's Node extension host) and UI
# tests (the real workbench in Chromium). Runs every check even after a failure, prints a summary
# and exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

summary=()
failed=0
total_passed=0
total_failed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# step NAME COMMAND...: runs COMMAND, records its status, time and any "N passed, N failed" line.
step() {
  local name=$1 start=$SECONDS status=0
  shift
  echo
  echo "==> $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log" || status=$?
  local totals passed=0 fails=0
  totals=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$name.log" | tail -n 1 || true)
  if [ -n "$totals" ]; then
    passed=$(echo "$totals" | cut -d' ' -f1)
    fails=$(echo "$totals" | cut -d' ' -f3)
  else
    # mocha's own reporter: "N passing", "N failing".
    passed=$(grep -oE '^ +[0-9]+ passing' "$logs/$name.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
    fails=$(grep -oE '^ +[0-9]+ failing' "$logs/$name.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
    [ "$passed$fails" != "00" ] && totals="$passed passed, $fails failed"
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + fails))
  if [ "$status" -eq 0 ]; then
    summary+=("ok    $name ($((SECONDS - start)) s)${totals:+: $totals}")
  else
    summary+=("FAIL  $name ($((SECONDS - start)) s, exit $status)${totals:+: $totals}")
    failed=1
  fi
  return "$status"
}

finish() {
  echo
  echo "==> npm test summary"
  printf '  %s\n' "${summary[@]}"
  echo "$total_passed passed, $total_failed failed"
  if [ "$failed" -ne 0 ]; then
    echo "npm test: FAILED"
    exit 1
  fi
  echo "npm test: all checks passed"
  exit 0
}

# Later steps need these three: stop at their first failure.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step install env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || finish
fi
step test-hosts bash scripts/install-test-hosts.sh || finish
step lint npm run lint || true
step typecheck npm run typecheck || true
step build npm run build || finish
step unit npm run test:unit || true
step cli npm run test:cli || true
# Called directly: their npm pre-scripts would install the hosts and build a second time.
step integration node test/hosts/run-integration.mjs || true
step ui node test/hosts/run-ui.mjs || true
step web node test/hosts/run-web.mjs || true
finish
