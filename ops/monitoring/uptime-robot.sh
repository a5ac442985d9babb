#!/usr/bin/env bash
# Uptime Robot as code: one HTTP(s) monitor per environment on https://<host>/api/health, checked
# every MONITOR_INTERVAL seconds. Creates a monitor that is missing and edits one that exists (matched
# by URL or by friendly name), so running it again never makes a duplicate. /api/health answers 503
# when the service is unfit, which an HTTP monitor reports as down.
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
EOF
}

API_URL="${UPTIMEROBOT_API_URL:-https://api.uptimerobot.com/v2}"
INTERVAL="${MONITOR_INTERVAL:-300}"
ENVIRONMENTS="${MONITOR_ENVIRONMENTS:-production staging}"
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

monitor_url() {
  case "$1" in
    production) printf 'https://%s/api/health' "$DOMAIN" ;;
    *) printf 'https://%s.%s/api/health' "$1" "$DOMAIN" ;;
  esac
}

friendly_name() {
  printf 'Control Plane %s /api/health' "$1"
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
  local environment="$1"
  printf '%s\n' "friendly_name=$(friendly_name "$environment")" "url=$(monitor_url "$environment")" \
    "interval=$INTERVAL"
  if [[ -n "$ALERT_CONTACTS" ]]; then
    printf '%s\n' "alert_contacts=$ALERT_CONTACTS"
  fi
}

main() {
  local environment monitors="" id fields
  if ((DRY_RUN)); then
    info "dry run: nothing is sent; a monitor that getMonitors finds is edited, any other is created"
    call getMonitors "offset=0" "limit=50"
  else
    monitors="$(list_monitors)"
  fi

  for environment in $ENVIRONMENTS; do
    mapfile -t fields < <(monitor_fields "$environment")
    if ((DRY_RUN)); then
      printf '# %s, if no monitor has this URL or name:\n' "$environment"
      call newMonitor "type=$HTTP_MONITOR_TYPE" "${fields[@]}"
      printf '# %s, if monitor <id> has this URL or name:\n' "$environment"
      call editMonitor "id=<id>" "${fields[@]}"
      continue
    fi
    id="$(awk -F'\t' -v url="$(monitor_url "$environment")" -v name="$(friendly_name "$environment")" \
      '$2 == url || $3 == name { print $1; exit }' <<<"$monitors")"
    if [[ -n "$id" ]]; then
      call editMonitor "id=$id" "${fields[@]}" >/dev/null
      info "$environment: updated monitor $id for $(monitor_url "$environment")"
    else
      id="$(call newMonitor "type=$HTTP_MONITOR_TYPE" "${fields[@]}" | jq -r '.monitor.id')"
      info "$environment: created monitor $id for $(monitor_url "$environment")"
    fi
  done
}

main
