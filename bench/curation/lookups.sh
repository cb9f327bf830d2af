#!/usr/bin/env bash
# The curation pipeline's store work alone (its lookups per pair and the inserts), on a store filled
# with mini-CLIP embeddings of Fashion-MNIST as the throughput benchmark fills the pipeline's; prints
# milliseconds per pair and each lookup's recall against exact search, by id and with ties.
#   bench/curation/lookups.sh [store-size] [measured-pairs] [key=value ...]
# (defaults 100000 5000; each key=value overrides a curation setting, e.g. vector.store.index.probes=16).
# Needs apt-get install dataset-fashion-mnist. The first run embeds the 70,000 images (a few minutes)
# and the stream's captions (a few more), and keeps both under bench/out/miniclip/<weights hash>, so a
# retrained image tower gets embeddings of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package -DskipTests
weights=curator/src/main/resources/io/pairstream/curator/model/mini-clip/mini-clip-image-0000.params
images=bench/out/miniclip/$(sha256sum "$weights" | cut -c1-12)/vectors.f32
if [[ ! -f $images ]]; then
  bench/run-java.sh io.pairstream.bench.store.EmbedFashionImages "$images" 70000
fi
HEAP=${HEAP:-6g} bench/run-java.sh io.pairstream.bench.store.CurationLookupBenchmark "$images" "$@" \
  2> >(grep -v -e '^WARNING' -e ' INFO ' -e ' WARN ' >&2)
