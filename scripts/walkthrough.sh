#!/usr/bin/env bash
# The README walk-through: create wi-BF-276 with the seed's fields, move it to Done, and show its page.
# Usage: TOKEN=<admin token> [BASE_URL=http://localhost:8080] scripts/walkthrough.sh
set -euo pipefail

BASE_URL="${BASE_URL:-http://localhost:8080}"
: "${TOKEN:?set TOKEN to the admin token the service printed on its first start}"
AUTH="Authorization: Bearer ${TOKEN}"
TEXT="Establish the staging environment and production backup/recovery strategy to complete the production operations lifecycle. Staging: configure a staging subdomain (staging.domain.com) on the same or a separate VPS, configure the GitHub Actions staging deploy pipeline (triggers on PR merge to a staging branch, deploys to staging VPS, runs health check). Backup: implement SQLite backup strategy — nightly cron job copies SQLite file to a remote storage bucket (S3-compatible: Backblaze B2 or DigitalOcean Spaces), backup retention policy (30 days), restore procedure tested and documented. Monitoring: configure Uptime Robot (free tier) to check /api/health every 5 minutes and alert on downtime. All setup documented in production-runbook.md."

criteria=""
for i in $(seq 1 32); do
  criteria="${criteria}${criteria:+,}{\"name\":\"criterion ${i}\",\"met\":true}"
done

echo "== create wi-BF-276"
curl -sS -X POST "${BASE_URL}/api/control-plane/items" -H "${AUTH}" -H 'Content-Type: application/json' \
  -o /dev/null -w '%{http_code} %{redirect_url}\n' -d @- <<JSON
{"key": "BF-276",
 "title": "Staging environment topology + branch-based deploy pipeline and backup/recovery strategy",
 "description": "${TEXT}",
 "workType": "operations",
 "branch": "bf/BF-276-staging-environment-backup-recovery",
 "validationCommand": "./scripts/validate-local.ps1",
 "pullRequest": {"url": "https://github.com/SingletonTheory/build-factory-bootstrap/pull/323", "state": "merged"},
 "doneCriteria": [${criteria}],
 "promptContext": {"path": "./work-items/prompts/wi-BF-276.prompt.md", "text": "${TEXT}"}}
JSON

for action in mark-ready start-execution request-review complete; do
  echo "== ${action}"
  curl -sS -X POST "${BASE_URL}/api/control-plane/items/wi-BF-276/actions/${action}" -H "${AUTH}" \
    -o /dev/null -w '%{http_code}\n'
done

echo "== start-execution on the Done item (blocked, 409)"
curl -sS -X POST "${BASE_URL}/api/control-plane/items/wi-BF-276/actions/start-execution" -H "${AUTH}"
echo

echo "== the page"
for _ in $(seq 1 50); do
  page=$(curl -sS "${BASE_URL}/api/control-plane/items/wi-BF-276" -H "${AUTH}")
  case "${page}" in *'"lane":"Done"'*) break ;; esac
  sleep 0.1
done
echo "${page}"
