#!/usr/bin/python3
"""Reads the RESULT lines of one benchmark run and prints pairstream's QPS over each peer's at equal recall.

For each recall target and for rates by wall and by CPU time, each system's best single-query (and batch) QPS among its settings that reach
the target is compared; a system that never reaches the target is reported as such.
Usage: compare.py <log file>
"""
import json
import sys

TARGETS = (0.90, 0.95)
OURS = "pairstream-ivf-int8"


def main():
    results = [json.loads(line.split("RESULT ", 1)[1]) for line in open(sys.argv[1]) if "RESULT {" in line]
    systems = sorted({r["system"] for r in results}, key=lambda s: (s != OURS, s))
    print(f"{'':51} {'by wall time':^31} {'by CPU time':^31}")
    print(f"{'system':22} {'setting':28} {'recall@10':>9} {'QPS 1-query':>11} {'QPS batch':>9} {'inserts/s':>9} "
          f"{'QPS 1-query':>11} {'QPS batch':>9} {'inserts/s':>9}")
    for r in sorted(results, key=lambda r: (systems.index(r["system"]), r["recall"])):
        print(f"{r['system']:22} {r['setting']:28} {r['recall']:9.4f} {r['qps_single']:11.1f} {r['qps_batch']:9.1f} "
              f"{r['insert_per_s']:9d} {r['cpu_qps_single']:11.1f} {r['cpu_qps_batch']:9.1f} "
              f"{r['cpu_insert_per_s']:9d}")
    for clock, prefix in (("wall", ""), ("CPU", "cpu_")):
        for target in TARGETS:
            ratios(results, systems, target, clock, prefix)


def ratios(results, systems, target, clock, prefix):
    best = {}
    for system in systems:
        passing = [r for r in results if r["system"] == system and r["recall"] >= target]
        if passing:
            best[system] = (max(r[prefix + "qps_single"] for r in passing),
                            max(r[prefix + "qps_batch"] for r in passing))
    print(f"\nat recall@10 >= {target}, by {clock} time:")
    if OURS not in best:
        print(f"  {OURS} does not reach it")
        return
    for system in systems:
        if system == OURS:
            continue
        if system not in best:
            print(f"  vs {system:16} peer does not reach it")
            continue
        single = best[OURS][0] / best[system][0]
        batch = best[OURS][1] / best[system][1]
        print(f"  vs {system:16} single-query QPS ratio {single:5.2f}x   batch QPS ratio {batch:5.2f}x")


if __name__ == "__main__":
    main()
