#!/usr/bin/env bash
# Benchmark harness (issue 6): builds the service if needed, starts it on a temporary database, runs the measures
# and prints a markdown table. Talks to 127.0.0.1 only; every loop is bounded in time.
#   bench/run.sh            full suite (~10 min)
#   bench/run.sh --quick    smoke run for CI (< 60 s): proves the harness works, its numbers mean nothing
# Other options: --replay-1m, --synchronous NORMAL, --rounds N, --round-seconds S, --out FILE,
#   --jvm-opt OPT (repeatable, e.g. --jvm-opt -XX:StartFlightRecording=filename=/tmp/cp.jfr),
#   --service-arg ARG (repeatable, e.g. --service-arg --control-plane.storage.group-commit.enabled=false),
#   --only commands|replay, --keep
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
# The same SQLite driver as the service: its own copy from the jar.
(cd "$LIB" && unzip -q -j "$OLDPWD/$JAR" 'BOOT-INF/lib/sqlite-jdbc-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar')
java -Dslf4j.internal.verbosity=ERROR -cp "$LIB/*" bench/Bench.java --jar "$JAR" "$@"
