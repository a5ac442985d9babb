#!/usr/bin/env bash
# Benchmark harness (issue 6): builds the service if needed, starts it on a temporary database, runs the measures
# and prints a markdown table. Talks to 127.0.0.1 only; every loop is bounded in time.
#   bench/run.sh            full suite (~10 min)
#   bench/run.sh --quick    smoke run for CI (< 60 s): proves the harness works, its numbers mean nothing
#   bench/run.sh --postgres one node, then two, on a fresh database of the throw-away PostgreSQL
#                           (scripts/start-test-postgres.sh; fsync off there) or of --postgres-url URL
# Other options: --replay-1m, --synchronous NORMAL, --rounds N, --round-seconds S, --out FILE,
#   --jvm-opt OPT (repeatable, e.g. --jvm-opt -XX:StartFlightRecording=filename=/tmp/cp.jfr),
#   --service-arg ARG (repeatable, e.g. --service-arg --control-plane.storage.group-commit.enabled=false),
#   --only commands|replay, --keep, --postgres-url URL (a cluster to create the run's database on; implies --postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=application/target/control-plane.jar
if [ ! -f "$JAR" ] || [ -n "$(find ./pom.xml ./*/pom.xml ./*/src/main -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "bench: building the service" >&2
  # package, not install: ~/.m2 is shared with other work trees on this machine.
  ./mvnw -B -q package -DskipTests >&2
fi
LIB=$(mktemp -d)
trap 'rm -rf "$LIB"' EXIT
# The same SQLite and PostgreSQL drivers as the service: its own copies from the jar.
(cd "$LIB" && unzip -q -j "$OLDPWD/$JAR" 'BOOT-INF/lib/sqlite-jdbc-*.jar' 'BOOT-INF/lib/postgresql-*.jar' \
  'BOOT-INF/lib/slf4j-api-*.jar')
args=()
postgres=false
postgres_url=false
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=true ;;
    --postgres-url) postgres_url=true; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
if [ "$postgres" = true ] && [ "$postgres_url" = false ]; then
  # The cluster only; Bench creates a database of its own for the run and drops it at the end.
  args+=(--postgres-url "$(scripts/start-test-postgres.sh)")
fi
java -Dslf4j.internal.verbosity=ERROR -cp "$LIB/*" bench/Bench.java --jar "$JAR" "${args[@]}"
