"""Run the property-based tests of hostile input (tests/test_properties.py) with many more examples.

    .venv/bin/python benchmarks/fuzz_properties.py [--examples 2000] [-k NAME]

The normal suite runs a few hundred generated profiles, CSV tables, rule files and
parameter files; this runs --examples of each kind (ADVISE_PROPERTY_EXAMPLES) and
prints, per test, how many examples ran, how they ended (advised / refused) and the
time. Any failure is printed with hypothesis's minimal example; exit status 1 then.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("-k", dest="keyword", default=None)
    args = parser.parse_args()
    env = dict(os.environ, ADVISE_PROPERTY_EXAMPLES=str(args.examples))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
               str(ROOT / "tests" / "test_properties.py")]
    if args.keyword:
        command += ["-k", args.keyword]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"examples per test: up to {args.examples}; wall time {elapsed:.1f} s")
    test = None
    for line in result.stdout.splitlines():
        header = re.match(r"tests/test_properties.py::(\w+):", line)
        if header:
            test = header.group(1)
            print(test)
        elif test and re.search(r"passing|failing|Events|Stopped because|^\s+\* ", line):
            if "Draw for" not in line and "Retried draw" not in line:
                print("   " + line.strip())
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    print(summary)
    if result.returncode != 0:
        print(result.stdout[-20000:])
        print(result.stderr[-5000:], file=sys.stderr)
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
