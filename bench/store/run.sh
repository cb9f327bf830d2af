#!/usr/bin/env bash
# Store benchmark: pairstream's vector store and its peers (faiss IVF-Flat, faiss HNSW, hnswlib) on the
# same vectors in the same run, then QPS ratios at equal recall.
#
#   bench/store/run.sh synthetic 100000 [dim]      seeded clustered L2-normalised vectors (dim 512 by default)
#   bench/store/run.sh minilm    60000             MiniLM embeddings of Debian package descriptions
#   bench/store/run.sh miniclip  70000             mini-CLIP image embeddings of Fashion-MNIST (train + test;
#                                                  needs apt-get install dataset-fashion-mnist)
#
# Needs: a build (mvn -B -pl bench -am package -DskipTests) and, for the peers,
# apt-get install python3-faiss python3-hnswlib. Environment: HEAP (default 4g), LISTS, PROBES, EFS,
# SKIP_PEERS=1 to measure only the store (the peers' single-threaded index builds take long at 1M),
# PEERS (default "ivf-flat,faiss-hnsw,hnswlib": which peers to run), SKIP_RESTORE=1 to leave out the
# restore from the changelog on an embedded broker, STORE_SETTINGS="key=value ..." for store settings
# (VectorStoreConfig keys, e.g. "vector.store.index.remainder.sigmas=0" to scan every code in full).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=$1
n=$2
dim=${3:-512}
out=bench/out/store-$data-$n
mkdir -p "$out"

mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$out/classpath.txt" >/dev/null
# Reactor modules from their build folders, never from ~/.m2.
cp="bench/target/classes:curator/target/classes:topology/target/classes:schemas/target/classes"
cp="$cp:$(tr ':' '\n' < "$out/classpath.txt" | grep -v '/io/pairstream/' | paste -sd:)"
java_run() { java "-Xmx${HEAP:-4g}" --add-modules jdk.incubator.vector -cp "$cp" "$@"; }

if [[ $data == minilm ]]; then
  vectors=bench/out/minilm/vectors.f32
  if [[ ! -f $vectors ]]; then
    lz4cat /var/lib/apt/lists/*debian_dists_*_main_binary-amd64_Packages.lz4 > bench/out/Packages
    java_run io.pairstream.bench.store.EmbedDebianDescriptions bench/out/Packages "$vectors" 1000000
  fi
  source_arg=$vectors
elif [[ $data == miniclip ]]; then
  vectors=bench/out/miniclip/vectors.f32
  if [[ ! -f $vectors ]]; then
    java_run io.pairstream.bench.store.EmbedFashionImages "$vectors" 70000
  fi
  source_arg=$vectors
else
  source_arg=synthetic
fi

lists=${LISTS:-$(/usr/bin/python3 -c "import math; print(max(64, int(2 * math.sqrt($n)) // 64 * 64))")}
probes=${PROBES:-4,8,16,24,32,48,64,96}
efs=${EFS:-16,32,64,128,256}
log=$out/results.log
java_run io.pairstream.bench.store.StoreBenchmark "data=$source_arg" "n=$n" queries=1000 "dim=$dim" \
  "lists=$lists" "probes=$probes" "out=$out" ${STORE_SETTINGS:-} 2>&1 | grep -v -E ' (DEBUG|TRACE) ' | tee "$log"
if [[ -z ${SKIP_RESTORE:-} ]]; then
  java_run io.pairstream.bench.store.ChangelogRestoreBenchmark "vectors=$out/base.f32" "lists=$lists" \
    "out=$out/restore" 2>&1 | grep -v -E ' (DEBUG|TRACE|INFO|WARN) ' | tee -a "$log"
fi
if [[ -z ${SKIP_PEERS:-} ]]; then
  /usr/bin/python3 bench/store/peers.py "$out" "$lists" "$probes" "$efs" "${PEERS:-ivf-flat,faiss-hnsw,hnswlib}" 2>&1 | tee -a "$log"
fi
/usr/bin/python3 bench/store/compare.py "$log"
