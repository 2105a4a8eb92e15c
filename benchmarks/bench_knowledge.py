"""How long the knowledge base takes to load and to answer. Prints figures only.

    /work/venv/bin/python benchmarks/bench_knowledge.py [--runs 20]

- cold: a fresh Python process imports the module, then times ``load_knowledge()``
  (the first, uncached load in that process);
- warm: the median (and min/max) of N direct ``KnowledgeBase()`` constructions
  in this process, bypassing the cache;
- look-up: time per ``get()`` over all 1,741 codes (6-digit and 5-digit), and
  per ``neighbours()`` and ``fiscal_index()``.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
from collections import Counter
import sys
import time

COLD_SCRIPT = """
import time
from jichitai_cloud_advisor.engine.knowledge.base import load_knowledge
start = time.perf_counter()
load_knowledge()
print(time.perf_counter() - start)
"""


def cold_load_seconds() -> float:
    output = subprocess.run(
        [sys.executable, "-c", COLD_SCRIPT], check=True, capture_output=True, text=True
    ).stdout
    return float(output.strip().splitlines()[-1])


def per_call_microseconds(function, arguments, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for argument in arguments:
            function(argument)
        best = min(best, time.perf_counter() - start)
    return best / len(arguments) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm loads to time (default 20)")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes to time (default 3)")
    args = parser.parse_args()

    from jichitai_cloud_advisor.engine.knowledge.base import KnowledgeBase, load_knowledge

    colds = [cold_load_seconds() for _ in range(args.cold_runs)]
    print("cold load (fresh process, after imports): " + ", ".join(f"{c * 1000:.1f} ms" for c in colds))

    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        KnowledgeBase()
        warm.append(time.perf_counter() - start)
    print(
        f"warm load, KnowledgeBase() x {args.runs}: median {statistics.median(warm) * 1000:.1f} ms"
        f" (min {min(warm) * 1000:.1f}, max {max(warm) * 1000:.1f})"
    )

    kb = load_knowledge()
    codes6 = list(kb.municipalities)
    codes5 = [code[:5] for code in codes6]
    as_of = datetime.date(2019, 6, 1)
    print(f"get() 6-digit code: {per_call_microseconds(kb.get, codes6):.2f} µs per call ({len(codes6)} codes)")
    print(f"get() 5-digit code: {per_call_microseconds(kb.get, codes5):.2f} µs per call")
    print(f"neighbours():       {per_call_microseconds(kb.neighbours, codes6):.2f} µs per call")
    fiscal = lambda code: kb.fiscal_index(code, as_of)  # noqa: E731
    print(f"fiscal_index():     {per_call_microseconds(fiscal, codes6):.2f} µs per call")
    counts = Counter(m.name for m in kb.municipalities.values())
    names = [m.name for m in kb.municipalities.values() if counts[m.name] == 1]
    print(f"find() unique name: {per_call_microseconds(kb.find, names):.2f} µs per call ({len(names)} names)")


if __name__ == "__main__":
    main()
