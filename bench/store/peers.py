#!/usr/bin/python3
"""Runs the peers of the pairstream vector store on the vectors StoreBenchmark wrote.

faiss IVF-Flat, faiss HNSW and hnswlib, all on one thread, inner product on L2-normalised vectors.
Insert rates exclude IVF training, as StoreBenchmark's exclude the store's k-means training.
Prints one `RESULT {json}` line per search setting, in the same form as StoreBenchmark: rates by wall
time and by the CPU time of the measuring thread (steadier on a shared machine).
Usage: peers.py <directory with base.f32, queries.f32, truth.i32> <ivf lists> <nprobe list> <ef list> [peer list]
"""
import json
import os
import sys
import time

# One thread for BLAS too (faiss trains and adds through it), set before numpy and faiss load it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import faiss  # noqa: E402
import hnswlib  # noqa: E402
import numpy as np  # noqa: E402

K = 10
PEERS = ("ivf-flat", "faiss-hnsw", "hnswlib")


def read(path, dtype):
    rows, columns = np.fromfile(path, dtype="<i4", count=2)
    return np.fromfile(path, dtype=dtype, offset=8).reshape(rows, columns)


def recall(found, truth):
    return sum(len(set(f[:K]) & set(t[:K])) for f, t in zip(found, truth)) / (len(truth) * K)


class Stopwatch:
    """Wall time and this thread's CPU time (faiss and hnswlib run on the calling thread with one thread)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def rates(self, count):
        return count / (time.perf_counter() - self.wall), count / (time.thread_time() - self.cpu)


def report(system, setting, search_one, search_all, queries, truth, inserts, memory_mb):
    for q in queries[:100]:
        search_one(q)
    watch = Stopwatch()
    found = [search_one(q) for q in queries]
    single, single_cpu = watch.rates(len(queries))
    watch = Stopwatch()
    search_all(queries)
    batch, batch_cpu = watch.rates(len(queries))
    print("RESULT " + json.dumps({"system": system, "setting": setting, "recall": round(recall(found, truth), 4),
                                  "qps_single": round(single, 1), "qps_batch": round(batch, 1),
                                  "insert_per_s": round(inserts[0]), "cpu_qps_single": round(single_cpu, 1),
                                  "cpu_qps_batch": round(batch_cpu, 1), "cpu_insert_per_s": round(inserts[1]),
                                  "index_mb": round(memory_mb)}), flush=True)


def faiss_index_mb(index):
    return len(faiss.serialize_index(index)) / 2 ** 20


def ivf_flat(base, queries, truth, lists, probes):
    d = base.shape[1]
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, lists, faiss.METRIC_INNER_PRODUCT)
    index.train(base[:min(len(base) // 2, 30 * lists)])
    watch = Stopwatch()
    index.add(base)
    insert = watch.rates(len(base))
    memory = faiss_index_mb(index)
    for p in probes:
        index.nprobe = p
        report("faiss-ivf-flat", f"lists={lists} nprobe={p}", lambda q: index.search(q[None, :], K)[1][0],
               lambda qs: index.search(qs, K), queries, truth, insert, memory)


def faiss_hnsw(base, queries, truth, efs):
    index = faiss.IndexHNSWFlat(base.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 64
    watch = Stopwatch()
    index.add(base)
    insert = watch.rates(len(base))
    memory = faiss_index_mb(index)
    for ef in efs:
        index.hnsw.efSearch = ef
        report("faiss-hnsw", f"M=32 efC=64 efSearch={ef}", lambda q: index.search(q[None, :], K)[1][0],
               lambda qs: index.search(qs, K), queries, truth, insert, memory)


def hnswlib_index(base, queries, truth, efs):
    index = hnswlib.Index(space="ip", dim=base.shape[1])
    index.init_index(max_elements=len(base), ef_construction=200, M=16, random_seed=42)
    index.set_num_threads(1)
    watch = Stopwatch()
    index.add_items(base, np.arange(len(base)))
    insert = watch.rates(len(base))
    memory = len(base) * (base.shape[1] * 4 + 16 * 2 * 4 + 8) / 2 ** 20
    for ef in efs:
        index.set_ef(ef)
        report("hnswlib", f"M=16 efC=200 ef={ef}", lambda q: index.knn_query(q, k=K)[0][0],
               lambda qs: index.knn_query(qs, k=K), queries, truth, insert, memory)


def main():
    directory, lists = sys.argv[1], int(sys.argv[2])
    probes = [int(p) for p in sys.argv[3].split(",")]
    efs = [int(e) for e in sys.argv[4].split(",")]
    faiss.omp_set_num_threads(1)
    base = np.ascontiguousarray(read(f"{directory}/base.f32", "<f4"))
    queries = np.ascontiguousarray(read(f"{directory}/queries.f32", "<f4"))
    truth = read(f"{directory}/truth.i32", "<i4")
    print(f"peers on {base.shape[0]} x {base.shape[1]}, {len(queries)} queries, faiss {faiss.__version__}",
          flush=True)
    chosen = sys.argv[5].split(",") if len(sys.argv) > 5 else list(PEERS)
    for peer in chosen:
        if peer == "ivf-flat":
            ivf_flat(base, queries, truth, lists, probes)
        elif peer == "faiss-hnsw":
            faiss_hnsw(base, queries, truth, efs)
        elif peer == "hnswlib":
            hnswlib_index(base, queries, truth, efs)
        else:
            sys.exit(f"unknown peer {peer}; known: {', '.join(PEERS)}")


if __name__ == "__main__":
    main()
