#!/usr/bin/env bash
# Runs a bench main class on the reactor's build folders (never ~/.m2) and the bench's dependencies.
#   bench/run-java.sh io.pairstream.bench.curation.AlignmentCalibration [args...]
# Needs a build first: mvn -B -pl bench -am package -DskipTests. Environment: HEAP (default 4g).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
if [[ ! -f bench/out/classpath.txt || bench/pom.xml -nt bench/out/classpath.txt ]]; then
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/out/classpath.txt" >/dev/null
fi
cp="bench/target/classes:curator/target/classes:topology/target/classes:schemas/target/classes"
cp="$cp:$(tr ':' '\n' < bench/out/classpath.txt | grep -v '/io/pairstream/' | paste -sd:)"
exec java "-Xmx${HEAP:-4g}" --add-modules jdk.incubator.vector -cp "$cp" "$@"
