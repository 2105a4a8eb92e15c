"""How long one cold `advise PROFILE` takes, against the bare imports (issue 12: within 2×). Prints figures only.

    python benchmarks/bench_cold.py [--runs 10] [--python PATH] [--profile FILE]
                                    [--instructions auto|perf|callgrind|none] [--counts 1]

Each run is a fresh process: `PYTHON -m jichitai_cloud_advisor.cli PROFILE` (the Markdown
memo of examples/kamiichi_no_cloud.yaml by default), in four cases, interleaved so that
all see the same load:

- bare: `python -c "import yaml, jinja2, networkx, click, durable.engine"` (the baseline);
- first run: an empty cache directory each time (parse, table and validation caches
  are all written during the run);
- later runs: the cache as the first run left it (any run after the first);
- no cache: `ADVISE_NO_CACHE=1`.

For each: wall and CPU time (user + system), minimum and median of --runs runs, and the
ratio to the bare imports. Also the instructions executed in user space (PYTHONHASHSEED=0),
the figure least disturbed by a shared machine: by `perf stat -e instructions:u`, or, where
perf cannot count them (many virtual machines), by valgrind's callgrind. Bytecode caching stays on, as for an installed package;
the cache directory is a temporary one (never the user's ~/.cache).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.0
BARE_IMPORTS = "import yaml, jinja2, networkx, click, durable.engine"
CASES = ("bare", "first run", "later runs", "no cache")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_of(case: str, python: str, profile: Path) -> list[str]:
    if case == "bare":
        return [python, "-c", BARE_IMPORTS]
    return [python, "-m", "jichitai_cloud_advisor.cli", str(profile)]


def environment_of(case: str, scratch: Path, run: int) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: .pyc files written once, then read
    env.pop("ADVISE_NO_CACHE", None)
    env["PYTHONHASHSEED"] = "0"
    if case == "first run":
        env["ADVISE_CACHE_DIR"] = str(scratch / f"empty-{run}")  # a new, empty directory each run
    elif case == "later runs":
        env["ADVISE_CACHE_DIR"] = str(scratch / "warm")
    else:
        env["ADVISE_CACHE_DIR"] = str(scratch / "unused")
        if case == "no cache":
            env["ADVISE_NO_CACHE"] = "1"
    return env


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, _children_cpu() - cpu


def instructions(command: list[str], env: dict, tool: str) -> int | None:
    """User-space instructions of one run: by perf stat, or by valgrind's callgrind (Ir, about
    50 times slower, for machines whose perf cannot count them); None if neither can."""
    with tempfile.TemporaryDirectory(prefix="bench_cold_count.") as folder:
        out = Path(folder) / "out"
        if tool == "perf":
            counter = ["perf", "stat", "-x,", "-e", "instructions:u", "-o", str(out)]
        else:
            counter = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", f"--log-file={out}.log"]
        result = subprocess.run([*counter, *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if result.returncode != 0:
            return None
        if tool == "perf":
            for line in out.read_text().splitlines():
                fields = line.split(",")
                if len(fields) > 2 and fields[2].startswith("instructions"):
                    return int(fields[0]) if fields[0].isdigit() else None
            return None
        for line in Path(f"{out}.log").read_text().splitlines():
            if "Collected :" in line:
                return int(line.rsplit(":", 1)[1].strip())
    return None


def counting_tool(choice: str) -> str | None:
    """perf if it counts instructions here, else callgrind if valgrind is installed (for "auto")."""
    if choice == "none":
        return None
    if choice in ("auto", "perf") and shutil.which("perf"):
        if instructions([sys.executable, "-c", "pass"], dict(os.environ), "perf"):
            return "perf"
    if choice in ("auto", "callgrind") and shutil.which("valgrind"):
        return "callgrind"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--python", default=sys.executable, help="the interpreter of the install to measure")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--instructions", choices=("auto", "perf", "callgrind", "none"), default="auto",
                        help="how to count instructions (auto: perf if it can, else callgrind)")
    parser.add_argument("--counts", type=int, default=1, help="instruction counts per case (the least is kept)")
    args = parser.parse_args()
    profile = args.profile
    if profile is None:
        found = subprocess.run([args.python, "-c", "from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR;"
                                " print(EXAMPLES_DIR / 'kamiichi_no_cloud.yaml')"],
                               check=True, capture_output=True, text=True)
        profile = Path(found.stdout.strip())
    scratch = Path(tempfile.mkdtemp(prefix="bench_cold."))
    try:
        print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())};"
              f" python {args.python}; profile {profile.name}; {args.runs} runs each")
        # One run of each first: .pyc files written, the warm cache filled.
        for case in CASES:
            subprocess.run(command_of(case, args.python, profile), check=True, stdout=subprocess.DEVNULL,
                           env=environment_of(case, scratch, -1))
        wall: dict[str, list[float]] = {case: [] for case in CASES}
        cpu: dict[str, list[float]] = {case: [] for case in CASES}
        for run in range(args.runs):
            for case in CASES:
                w, c = timed(command_of(case, args.python, profile), environment_of(case, scratch, run))
                wall[case].append(w)
                cpu[case].append(c)
        counted: dict[str, int | None] = {}
        tool = counting_tool(args.instructions)
        if tool:
            for case in CASES:
                # The least of --counts (the count barely moves; the first run's directory is new each time).
                values = [instructions(command_of(case, args.python, profile),
                                       environment_of(case, scratch, 1000 + n), tool) for n in range(args.counts)]
                counted[case] = min(values) if None not in values else None
            print(f"instructions counted by {tool}")
        med = statistics.median
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for case in CASES:
            line = (f"{case:>10}: wall min {min(wall[case]):.3f} s, median {med(wall[case]):.3f} s;"
                    f" CPU min {min(cpu[case]):.3f} s, median {med(cpu[case]):.3f} s")
            if counted.get(case):
                line += f"; {counted[case] / 1e6:,.0f} M instructions"
            if case != "bare":
                ratios = [min(wall[case]) / min(wall["bare"]), med(wall[case]) / med(wall["bare"]),
                          min(cpu[case]) / min(cpu["bare"]), med(cpu[case]) / med(cpu["bare"])]
                line += (f"  | ÷ bare: wall {ratios[0]:.2f}× (min) {ratios[1]:.2f}× (median),"
                         f" CPU {ratios[2]:.2f}× (min) {ratios[3]:.2f}× (median)")
                if counted.get(case) and counted.get("bare"):
                    line += f", instructions {counted[case] / counted['bare']:.2f}×"
            print(line)
        print(f"target: a later run within {TARGET_RATIO:.0f}× the bare imports;"
              f" wall (min) {min(wall['later runs']) / min(wall['bare']):.2f}×:"
              f" {'ok' if min(wall['later runs']) / min(wall['bare']) <= TARGET_RATIO else 'MISSED'}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
