#!/usr/bin/env bash
# Deploys one control-plane.jar as releases/<release>, switches the `current` link atomically,
# restarts the service, waits for /api/health to say UP and rolls back to the previous release if it
# never does. Runs on the target host (`deploy`, `rollback`, `status`) or from a workstation or CI
# runner, over SSH, against a VPS (`remote-deploy`, `remote-rollback`).
#
# Layout under DEPLOY_ROOT:
#   releases/<release>/control-plane.jar        one folder per deployed commit
#   releases/<release>/control-plane.jar.sha256 its checksum, re-checked before every switch
#   current  -> releases/<release>              what the systemd unit starts
#   previous -> releases/<release>              where a rollback goes
#   deploy.log                                  one line per deploy, rollback and outcome
set -euo pipefail

usage() {
  cat <<'EOF'
Usage:
  deploy.sh deploy   --jar FILE --release ID [--sha256 HEX]   on the target host
  deploy.sh rollback                                          on the target host: back to `previous`
  deploy.sh status                                            on the target host
  deploy.sh remote-deploy   --host [USER@]HOST --jar FILE --release ID
  deploy.sh remote-rollback --host [USER@]HOST
  deploy.sh remote-status   --host [USER@]HOST

Environment (defaults in brackets):
  DEPLOY_ROOT       (required) where releases/, current and previous live: /opt/control-plane/<env>
  RESTART_COMMAND   [sudo systemctl restart control-plane]  run with bash -c after each switch
  HEALTH_URL        [http://127.0.0.1:8080/api/health]  polled until it answers "status":"UP"
  HEALTH_TIMEOUT    [180]  seconds to wait for UP after a restart (Spring Boot + Flyway + Axon start)
  ROLLBACK_HEALTH_TIMEOUT [HEALTH_TIMEOUT]  the same wait for the release a rollback restarts
  HEALTH_INTERVAL   [3]    seconds between polls
  KEEP_RELEASES     [5]    release folders kept; current and previous are never deleted
  SSH_PORT          [22]   remote-* only
  SSH_KNOWN_HOSTS   []     remote-* only: a known_hosts file; when set, only its keys are trusted
  SSH_IDENTITY      []     remote-* only: a private key file
  SSH_COMMAND, SCP_COMMAND [ssh, scp]  remote-* only: replaced by stubs in tests

Exit codes: 0 deployed and healthy; 1 usage or precondition error; 2 new release unhealthy, rolled
back and the previous release is healthy; 3 unhealthy and the rollback is unhealthy too (or there was
nothing to roll back to).
EOF
}

DEPLOY_ROOT="${DEPLOY_ROOT:-}"
RESTART_COMMAND="${RESTART_COMMAND:-sudo systemctl restart control-plane}"
HEALTH_URL="${HEALTH_URL:-http://127.0.0.1:8080/api/health}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-180}"
ROLLBACK_HEALTH_TIMEOUT="${ROLLBACK_HEALTH_TIMEOUT:-$HEALTH_TIMEOUT}"
HEALTH_INTERVAL="${HEALTH_INTERVAL:-3}"
KEEP_RELEASES="${KEEP_RELEASES:-5}"
JAR_NAME="control-plane.jar"

log() { printf '%s deploy: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

record() {
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$DEPLOY_ROOT/deploy.log" \
    || log "cannot append to $DEPLOY_ROOT/deploy.log"
}

valid_release_id() {
  [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$ ]]
}

sha256_of() {
  sha256sum "$1" | cut -d' ' -f1
}

link_target() {
  local link="$DEPLOY_ROOT/$1"
  if [[ -L "$link" ]]; then
    basename "$(readlink "$link")"
  fi
}

# ln -s to a temporary name, then rename over the old link: readers see the old or the new target,
# never a missing link.
switch_link() {
  local name="$1" release="$2"
  local tmp="$DEPLOY_ROOT/.$name.$$"
  ln -sfn "releases/$release" "$tmp"
  mv -T "$tmp" "$DEPLOY_ROOT/$name"
}

verify_release() {
  local dir="$DEPLOY_ROOT/releases/$1"
  [[ -f "$dir/$JAR_NAME" ]] || { log "release $1 has no $JAR_NAME"; return 1; }
  [[ -f "$dir/$JAR_NAME.sha256" ]] || { log "release $1 has no checksum file"; return 1; }
  local expected actual
  expected="$(cat "$dir/$JAR_NAME.sha256")"
  actual="$(sha256_of "$dir/$JAR_NAME")"
  [[ "$expected" == "$actual" ]] || { log "release $1: checksum mismatch ($actual, expected $expected)"; return 1; }
}

restart_service() {
  log "restarting with: $RESTART_COMMAND (current -> $(link_target current))"
  # 9>&- : a service started by the command must not inherit (and so keep holding) the deploy lock.
  CURRENT_RELEASE="$(link_target current)" DEPLOY_ROOT="$DEPLOY_ROOT" bash -c "$RESTART_COMMAND" </dev/null 9>&-
}

# Succeeds once HEALTH_URL answers 2xx with the overall "status" UP, or DEGRADED (serving, but backups need
# attention: a stale backup must not block a fix from shipping); fails after TIMEOUT seconds.
wait_healthy() {
  local timeout="$1" deadline=$((SECONDS + $1)) answer code body=""
  while true; do
    answer="$(curl -sS --max-time 5 -w '\n%{http_code}' "$HEALTH_URL" 2>/dev/null </dev/null)" || answer=$'\n000'
    code="${answer##*$'\n'}"
    body="$(tr -d '\r\n' <<<"${answer%$'\n'*}")"
    # Spring writes the overall status first; a component's "UP" inside a 200 "UNKNOWN" is not enough.
    if [[ "$code" == 2?? ]] \
      && grep -Eq '^[[:space:]]*\{[[:space:]]*"status"[[:space:]]*:[[:space:]]*"(UP|DEGRADED)"' <<<"$body"; then
      log "healthy: $HEALTH_URL"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      log "not healthy after ${timeout}s: $HEALTH_URL (last answer: HTTP $code ${body:0:500})"
      return 1
    fi
    sleep "$HEALTH_INTERVAL"
  done
}

# Keeps KEEP_RELEASES release folders: current and previous always, then the most recently deployed.
prune_releases() {
  local current previous kept=0 release
  current="$(link_target current)"
  previous="$(link_target previous)"
  [[ -n "$current" ]] && kept=$((kept + 1))
  [[ -n "$previous" && "$previous" != "$current" ]] && kept=$((kept + 1))
  while IFS= read -r release; do
    [[ -n "$release" ]] || continue
    if [[ "$release" == "$current" || "$release" == "$previous" ]]; then
      continue
    fi
    if ((kept < KEEP_RELEASES)); then
      kept=$((kept + 1))
    else
      log "pruning release $release"
      rm -rf -- "${DEPLOY_ROOT:?}/releases/$release" || log "could not prune release $release"
    fi
  done < <(find "$DEPLOY_ROOT/releases" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %f\n' \
    | sort -rn | cut -d' ' -f2-)
}

# Opened read-only, so a lock file that someone else created still works for everyone.
take_lock() {
  local lock="$DEPLOY_ROOT/.deploy.lock"
  mkdir -p "$DEPLOY_ROOT/releases"
  [[ -e "$lock" ]] || : >"$lock"
  exec 9<"$lock"
  flock -n 9 || die "another deploy is running on $DEPLOY_ROOT"
}

# Switches back to `previous` and restarts it. Returns 0 when the previous release is healthy again.
roll_back_to_previous() {
  local failed="$1" previous
  previous="$(link_target previous)"
  if [[ -z "$previous" || "$previous" == "$failed" || ! -d "$DEPLOY_ROOT/releases/$previous" ]]; then
    log "no previous release to roll back to"
    record "rollback-impossible from=$failed"
    return 1
  fi
  if ! verify_release "$previous"; then
    record "rollback-impossible from=$failed to=$previous reason=checksum"
    return 1
  fi
  log "rolling back: $failed -> $previous"
  switch_link current "$previous"
  switch_link previous "$failed"
  restart_service || log "restart command failed during rollback"
  if wait_healthy "$ROLLBACK_HEALTH_TIMEOUT"; then
    record "rolled-back from=$failed to=$previous healthy"
    return 0
  fi
  record "rolled-back from=$failed to=$previous unhealthy"
  return 1
}

cmd_deploy() {
  local jar="" release="" sha=""
  while (($#)); do
    case "$1" in
      --jar) jar="${2:-}"; shift 2 ;;
      --release) release="${2:-}"; shift 2 ;;
      --sha256) sha="${2:-}"; shift 2 ;;
      *) die "deploy: unknown argument $1" ;;
    esac
  done
  [[ -f "$jar" ]] || die "deploy: --jar must name an existing file"
  valid_release_id "$release" || die "deploy: --release must be a commit id or tag ([A-Za-z0-9._-])"
  take_lock

  local dir="$DEPLOY_ROOT/releases/$release" actual
  actual="$(sha256_of "$jar")"
  if [[ -n "$sha" && "$sha" != "$actual" ]]; then
    die "deploy: $jar has sha256 $actual, expected $sha (upload damaged?)"
  fi
  if [[ "$(link_target current)" == "$release" ]]; then
    log "release $release is already current: restarting it"
  fi
  mkdir -p "$dir"
  if [[ "$(realpath "$jar")" == "$(realpath -m "$dir/$JAR_NAME")" && -f "$dir/$JAR_NAME.sha256" ]]; then
    log "redeploying the jar already in releases/$release"
  else
    cp -- "$jar" "$dir/.$JAR_NAME.part"
    mv -f -- "$dir/.$JAR_NAME.part" "$dir/$JAR_NAME"
    printf '%s\n' "$actual" >"$dir/$JAR_NAME.sha256"
  fi
  touch "$dir"
  verify_release "$release" || die "deploy: release $release failed verification; deploy it from a build"

  local old
  old="$(link_target current)"
  switch_link current "$release"
  if [[ -n "$old" && "$old" != "$release" ]]; then
    switch_link previous "$old"
  fi
  record "switched to=$release from=${old:-none}"
  log "current -> releases/$release (was ${old:-none})"

  local restarted=1
  if ! restart_service; then
    restarted=0
    log "restart command failed"
  fi
  if ((restarted)) && wait_healthy "$HEALTH_TIMEOUT"; then
    record "healthy release=$release"
    prune_releases
    log "deployed $release"
    return 0
  fi

  record "unhealthy release=$release"
  if roll_back_to_previous "$release"; then
    log "deploy of $release failed; rolled back to $(link_target current), which is healthy"
    exit 2
  fi
  log "deploy of $release failed and no healthy release could be restored; current -> $(link_target current)"
  exit 3
}

cmd_rollback() {
  (($# == 0)) || die "rollback takes no arguments"
  take_lock
  local current
  current="$(link_target current)"
  [[ -n "$current" ]] || die "rollback: nothing is deployed under $DEPLOY_ROOT"
  record "manual-rollback from=$current"
  if roll_back_to_previous "$current"; then
    log "rolled back to $(link_target current)"
    return 0
  fi
  exit 3
}

cmd_status() {
  printf 'deploy_root=%s\ncurrent=%s\nprevious=%s\nreleases=%s\n' \
    "$DEPLOY_ROOT" "$(link_target current)" "$(link_target previous)" \
    "$(find "$DEPLOY_ROOT/releases" -mindepth 1 -maxdepth 1 -type d -printf '%f ' 2>/dev/null)"
}

# --- remote mode: runs this same script on the host over SSH ---------------------------------------

SSH_PORT="${SSH_PORT:-22}"
SSH_KNOWN_HOSTS="${SSH_KNOWN_HOSTS:-}"
SSH_IDENTITY="${SSH_IDENTITY:-}"
SSH_COMMAND="${SSH_COMMAND:-ssh}"
SCP_COMMAND="${SCP_COMMAND:-scp}"

ssh_options() {
  SSH_OPTS=(-o BatchMode=yes -o ConnectTimeout=20)
  if [[ -n "$SSH_KNOWN_HOSTS" ]]; then
    SSH_OPTS+=(-o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$SSH_KNOWN_HOSTS")
  fi
  if [[ -n "$SSH_IDENTITY" ]]; then
    SSH_OPTS+=(-i "$SSH_IDENTITY" -o IdentitiesOnly=yes)
  fi
}

# The settings a remote run needs, quoted for the remote shell.
remote_env() {
  local name out=""
  for name in DEPLOY_ROOT RESTART_COMMAND HEALTH_URL HEALTH_TIMEOUT ROLLBACK_HEALTH_TIMEOUT HEALTH_INTERVAL \
    KEEP_RELEASES; do
    out+="$name=$(printf '%q' "${!name}") "
  done
  printf '%s' "$out"
}

run_remote() {
  local host="$1"; shift
  local args="" arg
  for arg in "$@"; do args+=" $(printf '%q' "$arg")"; done
  "$SSH_COMMAND" "${SSH_OPTS[@]}" -p "$SSH_PORT" "$host" "$(remote_env)bash -s --$args" <"$0"
}

cmd_remote() {
  local action="$1"; shift
  local host="" jar="" release=""
  while (($#)); do
    case "$1" in
      --host) host="${2:-}"; shift 2 ;;
      --jar) jar="${2:-}"; shift 2 ;;
      --release) release="${2:-}"; shift 2 ;;
      *) die "remote-$action: unknown argument $1" ;;
    esac
  done
  [[ -n "$host" ]] || die "remote-$action: --host is required"
  ssh_options
  case "$action" in
    deploy)
      [[ -f "$jar" ]] || die "remote-deploy: --jar must name an existing file"
      valid_release_id "$release" || die "remote-deploy: --release must be a commit id or tag"
      local sha incoming
      sha="$(sha256_of "$jar")"
      incoming="$DEPLOY_ROOT/incoming/$release.jar"
      log "uploading $jar ($sha) to $host:$incoming"
      "$SSH_COMMAND" "${SSH_OPTS[@]}" -p "$SSH_PORT" "$host" "mkdir -p $(printf '%q' "$DEPLOY_ROOT/incoming")"
      "$SCP_COMMAND" "${SSH_OPTS[@]}" -P "$SSH_PORT" -q "$jar" "$host:$incoming"
      local rc=0
      run_remote "$host" deploy --jar "$incoming" --release "$release" --sha256 "$sha" || rc=$?
      "$SSH_COMMAND" "${SSH_OPTS[@]}" -p "$SSH_PORT" "$host" "rm -f $(printf '%q' "$incoming")" || true
      return "$rc"
      ;;
    rollback) run_remote "$host" rollback ;;
    status) run_remote "$host" status ;;
  esac
}

main() {
  local command="${1:-}"
  (($#)) && shift
  case "$command" in
    "" | -h | --help | help) ;;
    *) [[ "$DEPLOY_ROOT" == /* ]] || die "set DEPLOY_ROOT to an absolute path, e.g. /opt/control-plane/staging" ;;
  esac
  case "$command" in
    deploy) cmd_deploy "$@" ;;
    rollback) cmd_rollback "$@" ;;
    status) cmd_status "$@" ;;
    remote-deploy) cmd_remote deploy "$@" ;;
    remote-rollback) cmd_remote rollback "$@" ;;
    remote-status) cmd_remote status "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 1 ;;
  esac
}

main "$@"
