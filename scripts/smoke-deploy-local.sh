#!/usr/bin/env bash
# Deploys the real application/target/control-plane.jar with ops/deploy/deploy.sh into a scratch
# DEPLOY_ROOT on this machine, the way the VPS runs it: one data folder across releases, a restart
# that stops the old JVM with SIGTERM (as systemd does) and starts the new one, health polled on the
# real /api/health. Then deploys a broken release and checks that it is rolled back, and finally
# rolls back by hand. Needs a built jar (./mvnw -B verify or package).
#
#   scripts/smoke-deploy-local.sh [JAR]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$root/application/target/control-plane.jar}"
[[ -f "$jar" ]] || { printf 'smoke-deploy-local: %s not found: build it first (./mvnw -B verify)\n' "$jar" >&2; exit 1; }

work="$(mktemp -d)"
export DEPLOY_ROOT="$work/opt/control-plane/smoke"
data="$work/var/lib/control-plane/smoke"
mkdir -p "$DEPLOY_ROOT" "$data"

free_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    if ! (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      printf '%s' "$port"
      return 0
    fi
  done
  return 1
}
port="$(free_port)"

# The stand-in for `systemctl restart control-plane@smoke`: SIGTERM, wait for the graceful stop (as
# TimeoutStopSec would), then start the release that `current` points to.
cat >"$work/restart.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
pidfile="\$DEPLOY_ROOT/service.pid"
if [[ -f "\$pidfile" ]] && kill -0 "\$(cat "\$pidfile")" 2>/dev/null; then
  pid="\$(cat "\$pidfile")"
  kill -TERM "\$pid"
  for _ in \$(seq 1 240); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "\$pid" 2>/dev/null; then
    echo "graceful stop took longer than 120 s: killing \$pid" >>"\$DEPLOY_ROOT/service.log"
    kill -KILL "\$pid"
  fi
fi
cd '$data'
SERVER_PORT='$port' CONTROL_PLANE_DATA_DIR='$data' AXONIQ_UPDATE_CHECKER_DISABLED=true \
  nohup java -jar "\$DEPLOY_ROOT/current/control-plane.jar" >>"\$DEPLOY_ROOT/service.log" 2>&1 </dev/null &
echo \$! >"\$pidfile"
EOF
chmod +x "$work/restart.sh"

export RESTART_COMMAND="$work/restart.sh"
export HEALTH_URL="http://127.0.0.1:$port/api/health"
export HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-180}"
export HEALTH_INTERVAL=1
export KEEP_RELEASES=3

stop_service() {
  local pidfile="$DEPLOY_ROOT/service.pid"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill -TERM "$(cat "$pidfile")" || true
    sleep 2
  fi
}
cleanup() {
  stop_service
  if [[ "${KEEP_SMOKE_DIR:-}" == 1 ]]; then
    printf 'smoke-deploy-local: kept %s\n' "$work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

failures=0
check() {
  local description="$1"; shift
  if "$@"; then
    printf 'PASS  %s\n' "$description"
  else
    printf 'FAIL  %s\n' "$description"
    failures=$((failures + 1))
  fi
}
current_is() { [[ "$(readlink "$DEPLOY_ROOT/current")" == "releases/$1" ]]; }
healthy() { curl -fsS --max-time 5 "$HEALTH_URL" | grep -q '^{"status":"UP"'; }

deploy() { "$root/ops/deploy/deploy.sh" "$@"; }

printf 'smoke-deploy-local: %s on port %s, DEPLOY_ROOT %s\n' "$jar" "$port" "$DEPLOY_ROOT"

rc=0; deploy deploy --jar "$jar" --release smoke-a || rc=$?
check "release smoke-a deploys and answers UP (exit $rc)" test "$rc" -eq 0
check "current -> releases/smoke-a" current_is smoke-a

printf 'this is not a jar\n' >"$work/broken.jar"
rc=0; HEALTH_TIMEOUT=20 ROLLBACK_HEALTH_TIMEOUT=180 deploy deploy --jar "$work/broken.jar" --release smoke-broken || rc=$?
check "a broken release is rolled back (exit 2, got $rc)" test "$rc" -eq 2
check "current -> releases/smoke-a again" current_is smoke-a
check "smoke-a answers UP after the rollback" healthy

rc=0; deploy deploy --jar "$jar" --release smoke-c || rc=$?
check "release smoke-c deploys over the same data folder (exit $rc)" test "$rc" -eq 0

rc=0; deploy rollback || rc=$?
check "a manual rollback returns to the previous release (exit $rc)" test "$rc" -eq 0
check "current -> releases/smoke-a after the manual rollback" current_is smoke-a
check "the service log shows no forced kill" bash -c "! grep -q 'graceful stop took longer' '$DEPLOY_ROOT/service.log'"

deploy status
if ((failures)); then
  printf '\n--- service log (last 60 lines) ---\n'
  tail -n 60 "$DEPLOY_ROOT/service.log" || true
  printf '\nsmoke-deploy-local: %d check(s) FAILED\n' "$failures"
  exit 1
fi
printf '\nsmoke-deploy-local: all checks passed\n'
