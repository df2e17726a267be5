"""Memory of SnapshotHistory with many real snapshots: the process RSS before and after, and the history's estimate.

A few real snapshots come from training the 'figure1' preset; each is then re-published under new iteration numbers
(dataclasses.replace rebuilds the Snapshot, copying its arrays, as the trainer makes new arrays for each one).

    python benchmarks/history_memory.py                 # 10,000 snapshots under the default 64 MiB cap
    python benchmarks/history_memory.py --cap-mib 4096  # effectively uncapped: what the same run costs unthinned
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import time

import numpy as np
import torch

from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.history import SnapshotHistory
from ganlab.core.snapshot import ARRAY_FIELDS
from ganlab.core.trainer import Trainer


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def real_snapshots(count: int, steps_between: int) -> list:
    torch.set_num_threads(1)
    trainer = Trainer(ALL_PRESETS["figure1"].config, "cpu")
    snapshots = [trainer.snapshot("start")]
    while len(snapshots) < count:
        for _ in range(steps_between):
            trainer.step()
        snapshots.append(trainer.snapshot())
    return snapshots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="snapshots to add (default 10,000)")
    parser.add_argument("--cap-mib", type=float, default=64.0, help="the history's memory cap in MiB (default 64)")
    parser.add_argument("--real", type=int, default=20, help="distinct real snapshots to cycle through (default 20)")
    args = parser.parse_args()

    sources = real_snapshots(args.real, steps_between=25)
    float64_bytes = sum(getattr(sources[-1], name).nbytes for name in ARRAY_FIELDS)
    cap = int(args.cap_mib * 2**20)
    gc.collect()
    before = rss_bytes()
    history = SnapshotHistory(memory_cap_bytes=cap)
    add_times = np.empty(args.count)
    for iteration in range(args.count):
        snapshot = dataclasses.replace(sources[iteration % len(sources)], iteration=iteration)
        start = time.perf_counter()
        history.add(snapshot)
        add_times[iteration] = time.perf_counter() - start
    del snapshot
    gc.collect()
    after = rss_bytes()
    iterations = history.iterations()
    mib = 2**20
    print(f"snapshots added:        {args.count:,} (cycling {len(sources)} real 'figure1' snapshots)")
    print(f"arrays of one snapshot: {float64_bytes:,} bytes as float64 ({args.count * float64_bytes / mib:.1f} MiB)")
    print(f"memory cap:             {cap / mib:.1f} MiB")
    print(f"len(history):           {len(history):,} (iterations {iterations[0]} .. {iterations[-1]})")
    print(f"history.nbytes:         {history.nbytes / mib:.1f} MiB ({history.nbytes / len(history):,.0f} B each)")
    print(f"RSS before:             {before / mib:.1f} MiB")
    print(f"RSS after:              {after / mib:.1f} MiB (+{(after - before) / mib:.1f} MiB)")
    print(
        f"add():                  mean {add_times.mean() * 1e6:.1f} us, median {np.median(add_times) * 1e6:.1f} us, "
        f"max {add_times.max() * 1e3:.2f} ms"
    )
    gaps = np.diff(iterations)
    tenth = max(1, len(gaps) // 10)
    print(f"iteration spacing:      oldest tenth {gaps[:tenth].mean():.1f}, newest tenth {gaps[-tenth:].mean():.1f}")
    start = time.perf_counter()
    for index in range(0, len(history), max(1, len(history) // 1000)):
        history[index]
    reads = len(range(0, len(history), max(1, len(history) // 1000)))
    print(f"history[i]:             {(time.perf_counter() - start) / reads * 1e6:.1f} us per snapshot rebuilt")


if __name__ == "__main__":
    main()
