#!/usr/bin/env bash
# Uptime Robot as code: two HTTP(s) monitors per environment, checked every MONITOR_INTERVAL seconds:
#   service  https://<host>/api/health          503 when the service is DOWN (database, event processors)
#   backups  https://<host>/api/health/backup   503 when backups are not healthy (stale or failed archive,
#            failed drill or retention, damaged archive), which /api/health reports as DEGRADED with 200
# Creates a monitor that is missing and edits one that exists (matched by URL or by friendly name), so
# running it again never makes a duplicate. An HTTP monitor reports any non-2xx answer as down.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: uptime-robot.sh [--dry-run] [--domain DOMAIN]

  --dry-run        print the requests it would send (API key redacted) and call nothing
  --domain DOMAIN  production is https://DOMAIN, staging https://staging.DOMAIN [CONTROL_PLANE_DOMAIN]

Environment (defaults in brackets):
  UPTIMEROBOT_API_KEY         main API key (not needed with --dry-run)
  UPTIMEROBOT_API_URL         [https://api.uptimerobot.com/v2]
  UPTIMEROBOT_ALERT_CONTACTS  alert contacts for new and edited monitors, Uptime Robot's
                              "id_threshold_recurrence-id_threshold_recurrence" form; empty: account default
  MONITOR_INTERVAL            [300] seconds between checks (the free plan's shortest is 300)
  MONITOR_ENVIRONMENTS        [production staging]
  MONITOR_CHECKS              [service backups] which monitors to keep per environment
EOF
}

API_URL="${UPTIMEROBOT_API_URL:-https://api.uptimerobot.com/v2}"
INTERVAL="${MONITOR_INTERVAL:-300}"
ENVIRONMENTS="${MONITOR_ENVIRONMENTS:-production staging}"
CHECKS="${MONITOR_CHECKS:-service backups}"
ALERT_CONTACTS="${UPTIMEROBOT_ALERT_CONTACTS:-}"
DOMAIN="${CONTROL_PLANE_DOMAIN:-}"
DRY_RUN=0
HTTP_MONITOR_TYPE=1

die() { printf 'uptime-robot: error: %s\n' "$*" >&2; exit 1; }
info() { printf 'uptime-robot: %s\n' "$*" >&2; }

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1; shift ;;
    --domain) DOMAIN="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 1 ;;
  esac
done

[[ "$DOMAIN" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || die "set CONTROL_PLANE_DOMAIN or --domain to a host name"
[[ "$INTERVAL" =~ ^[0-9]+$ ]] || die "MONITOR_INTERVAL must be a number of seconds"
if ((!DRY_RUN)); then
  [[ -n "${UPTIMEROBOT_API_KEY:-}" ]] || die "UPTIMEROBOT_API_KEY is not set"
  command -v jq >/dev/null || die "jq is required"
fi

# check_path CHECK: the health path a check monitors.
check_path() {
  case "$1" in
    service) printf '/api/health' ;;
    backups) printf '/api/health/backup' ;;
    *) die "unknown check '$1' in MONITOR_CHECKS (service, backups)" ;;
  esac
}

# monitor_url ENVIRONMENT CHECK
monitor_url() {
  case "$1" in
    production) printf 'https://%s%s' "$DOMAIN" "$(check_path "$2")" ;;
    *) printf 'https://%s.%s%s' "$1" "$DOMAIN" "$(check_path "$2")" ;;
  esac
}

# friendly_name ENVIRONMENT CHECK
friendly_name() {
  printf 'Control Plane %s %s' "$1" "$(check_path "$2")"
}

# call METHOD FIELD=VALUE... : POSTs a form to $API_URL/METHOD and prints the JSON answer; with
# --dry-run prints the request instead. api_key and format are always sent.
call() {
  local method="$1"; shift
  local field
  if ((DRY_RUN)); then
    printf 'POST %s/%s\n' "$API_URL" "$method"
    printf '  api_key=<redacted>\n  format=json\n'
    for field in "$@"; do printf '  %s\n' "$field"; done
    return 0
  fi
  local args=(--data-urlencode "api_key=$UPTIMEROBOT_API_KEY" --data-urlencode "format=json")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  local answer
  answer="$(curl -fsS --max-time 30 --retry 2 -H 'Cache-Control: no-cache' "${args[@]}" "$API_URL/$method")" \
    || die "$method: request failed"
  if [[ "$(jq -r '.stat // empty' <<<"$answer")" != "ok" ]]; then
    die "$method: $(jq -c '.error // .' <<<"$answer")"
  fi
  printf '%s\n' "$answer"
}

# Every monitor of the account as "id<TAB>url<TAB>friendly_name" lines, page by page.
list_monitors() {
  local offset=0 total=1 page
  while ((offset < total)); do
    page="$(call getMonitors "offset=$offset" "limit=50")"
    jq -r '.monitors[]? | [(.id | tostring), .url, .friendly_name] | @tsv' <<<"$page"
    total="$(jq -r '.pagination.total // 0' <<<"$page")"
    offset=$((offset + 50))
  done
}

monitor_fields() {
  local environment="$1" check="$2"
  printf '%s\n' "friendly_name=$(friendly_name "$environment" "$check")" \
    "url=$(monitor_url "$environment" "$check")" "interval=$INTERVAL"
  if [[ -n "$ALERT_CONTACTS" ]]; then
    printf '%s\n' "alert_contacts=$ALERT_CONTACTS"
  fi
}

main() {
  local environment check url monitors="" id fields
  for check in $CHECKS; do check_path "$check" >/dev/null; done
  if ((DRY_RUN)); then
    info "dry run: nothing is sent; a monitor that getMonitors finds is edited, any other is created"
    call getMonitors "offset=0" "limit=50"
  else
    monitors="$(list_monitors)"
  fi

  for environment in $ENVIRONMENTS; do
    for check in $CHECKS; do
      mapfile -t fields < <(monitor_fields "$environment" "$check")
      url="$(monitor_url "$environment" "$check")"
      if ((DRY_RUN)); then
        printf '# %s %s, if no monitor has this URL or name:\n' "$environment" "$check"
        call newMonitor "type=$HTTP_MONITOR_TYPE" "${fields[@]}"
        printf '# %s %s, if monitor <id> has this URL or name:\n' "$environment" "$check"
        call editMonitor "id=<id>" "${fields[@]}"
        continue
      fi
      id="$(awk -F'\t' -v url="$url" -v name="$(friendly_name "$environment" "$check")" \
        '$2 == url || $3 == name { print $1; exit }' <<<"$monitors")"
      if [[ -n "$id" ]]; then
        call editMonitor "id=$id" "${fields[@]}" >/dev/null
        info "$environment $check: updated monitor $id for $url"
      else
        id="$(call newMonitor "type=$HTTP_MONITOR_TYPE" "${fields[@]}" | jq -r '.monitor.id')"
        info "$environment $check: created monitor $id for $url"
      fi
    done
  done
}

main
