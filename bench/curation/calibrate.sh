#!/usr/bin/env bash
# The measurements behind the curation topology's alignment and selection defaults: the mini-CLIP on
# the Fashion-MNIST test split with a fraction of mismatched captions (default 0.1).
#   bench/curation/calibrate.sh [noise-fraction]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package -DskipTests
bench/run-java.sh io.pairstream.bench.curation.CurationCalibration "${1:-0.1}" 2> >(grep -v -e '^WARNING' -e ' INFO ' >&2)
