#!/usr/bin/env bash
# First-time setup of a Debian 12 VPS for the control plane, run as root from a checkout of this
# repository. Idempotent: running it again changes nothing that is already right, and never
# overwrites an environment file that holds secrets.
#
#   setup-host.sh --domain example.org --acme-email ops@example.org \
#                 --deploy-key "ssh-ed25519 AAAA... github-actions" [--environments "staging production"]
#   setup-host.sh ... --dry-run     print every command instead of running it
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOMAIN=""
ACME_EMAIL=""
DEPLOY_KEY=""
ENVIRONMENTS="staging production"
DRY_RUN=0

die() { printf 'setup-host: error: %s\n' "$*" >&2; exit 1; }

while (($#)); do
  case "$1" in
    --domain) DOMAIN="${2:-}"; shift 2 ;;
    --acme-email) ACME_EMAIL="${2:-}"; shift 2 ;;
    --deploy-key) DEPLOY_KEY="${2:-}"; shift 2 ;;
    --environments) ENVIRONMENTS="${2:-}"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done

[[ "$DOMAIN" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || die "--domain must be a host name"
[[ "$ACME_EMAIL" == *@* ]] || die "--acme-email must be an e-mail address (certificate expiry notices)"
[[ "$DEPLOY_KEY" == ssh-* || "$DEPLOY_KEY" == ecdsa-* ]] || die "--deploy-key must be an SSH public key line"
for environment in $ENVIRONMENTS; do
  [[ "$environment" == staging || "$environment" == production ]] || die "unknown environment $environment"
done
((DRY_RUN)) || ((EUID == 0)) || die "run as root (or with --dry-run)"

run() {
  if ((DRY_RUN)); then
    printf '%q ' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# write_file PATH MODE OWNER:GROUP: stdin becomes PATH (printed instead with --dry-run).
write_file() {
  local path="$1" mode="$2" owner="$3" content
  content="$(cat)"
  if ((DRY_RUN)); then
    printf '# %s (%s %s):\n%s\n' "$path" "$mode" "$owner" "$content"
    return
  fi
  install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" /dev/stdin "$path" <<<"$content"
}

run apt-get update -qq
run apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless caddy curl util-linux sudo \
  jq sqlite3 psmisc

if ! id control-plane >/dev/null 2>&1; then
  run useradd --system --home-dir /var/lib/control-plane --no-create-home --shell /usr/sbin/nologin control-plane
fi
if ! id deploy >/dev/null 2>&1; then
  run useradd --create-home --shell /bin/bash deploy
fi
run install -d -m 700 -o deploy -g deploy /home/deploy/.ssh
printf '%s\n' "$DEPLOY_KEY" | write_file /home/deploy/.ssh/authorized_keys 600 deploy:deploy

run install -d -m 755 -o root -g root /opt/control-plane
run install -d -m 750 -o root -g control-plane /etc/control-plane
for environment in $ENVIRONMENTS; do
  run install -d -m 755 -o deploy -g deploy "/opt/control-plane/$environment"
  env_file="/etc/control-plane/$environment.env"
  if [[ ! -e "$env_file" ]]; then
    port=8080
    [[ "$environment" == staging ]] && port=8081
    sed -e "s/^SERVER_PORT=.*/SERVER_PORT=$port/" -e "s#_PREFIX=staging/#_PREFIX=$environment/#" \
      "$here/control-plane.env.example" | write_file "$env_file" 640 root:control-plane
  fi
done

run install -m 644 "$here/control-plane@.service" /etc/systemd/system/control-plane@.service
run visudo -cf "$here/control-plane-deploy.sudoers"
run install -m 440 "$here/control-plane-deploy.sudoers" /etc/sudoers.d/control-plane-deploy
run install -m 644 "$here/Caddyfile" /etc/caddy/Caddyfile
printf '[Service]\nEnvironment=CONTROL_PLANE_DOMAIN=%s\nEnvironment=ACME_EMAIL=%s\n' "$DOMAIN" "$ACME_EMAIL" \
  | write_file /etc/systemd/system/caddy.service.d/control-plane.conf 644 root:root
run install -d -m 755 -o caddy -g caddy /var/log/caddy

run systemctl daemon-reload
for environment in $ENVIRONMENTS; do
  run systemctl enable "control-plane@$environment"
done
run systemctl enable caddy
run systemctl restart caddy
printf 'setup-host: done. Next: fill /etc/control-plane/*.env, then deploy (see docs/production-runbook.md).\n'
