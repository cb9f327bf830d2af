#!/usr/bin/env bash
# End-to-end throughput of the curation pipeline on the embedded broker: the mini-CLIP alone, the
# pipeline with it, and the pipeline with a zero-cost model, each after filling the store.
#   bench/curation/throughput.sh [store-size] [measured-records] [runs] [key=value ...]
# (defaults 100000 20000 abc: (a) the model alone, (b) the pipeline with it, (c) with a zero-cost model;
# i: then (a) and (b) in four interleaved rounds, as the machine's speed drifts;
# each key=value overrides a curation setting, e.g. vector.store.index.lists=256)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package -DskipTests
HEAP=${HEAP:-6g} bench/run-java.sh io.pairstream.bench.curation.ThroughputBench "$@" 2> >(grep -v -e '^WARNING' -e ' INFO ' -e ' WARN ' >&2)
