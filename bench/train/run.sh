#!/usr/bin/env bash
# The strategy experiment of issue 7: every row trained on the same pairs.positive, same seed/steps/batch.
#
#   bench/train/run.sh --bootstrap HOST:PORT --registry URL [--topic pairs.positive] [--steps 300] [--batch 128] [--seed 42]
#
# Needs a build (mvn -B -pl bench -am package -DskipTests), a topic filled by the curation pipeline
# with inline images, and Debian's dataset-fashion-mnist for the probe. PyTorch runs on one thread.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/train
mkdir -p "$out"
# -am: the reactor resolves trainer-bridge and its dependencies (micrometer) without an install.
mvn -B -q -pl bench -am dependency:build-classpath -Dmdep.outputFile="$PWD/$out/classpath.txt" >/dev/null
# Reactor modules from their build folders, never from ~/.m2.
cp="bench/target/classes:trainer-bridge/target/classes:curator/target/classes:topology/target/classes:schemas/target/classes"
cp="$cp:$(tr ':' '\n' < "$out/classpath.txt" | grep -v '/io/pairstream/' | paste -sd:)"
exec java "-Xmx${HEAP:-4g}" -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" io.pairstream.bench.train.StrategyExperiment "$@"
