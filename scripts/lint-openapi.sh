#!/usr/bin/env bash
# Lints the committed API contract (docs/openapi.json, kept equal to what the service serves by ContractTest)
# with Redocly's OpenAPI linter and the rules in redocly.yaml. Errors fail; warnings are listed.
# Usage: scripts/lint-openapi.sh    (install the linter with scripts/install-ci-tools.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redocly >/dev/null; then
  printf 'redocly is not installed: run scripts/install-ci-tools.sh\n' >&2
  exit 1
fi
# No telemetry and no update check: CI has no business calling out.
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
redocly lint --config redocly.yaml --format=stylish docs/openapi.json
