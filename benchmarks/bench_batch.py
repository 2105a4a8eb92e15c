"""How fast `advise batch` is over the whole country, and how much memory it takes. Prints figures only.

    /work/venv/bin/python benchmarks/bench_batch.py [--runs 3] [--skip-memos]

- national: `advise batch --all --out DIR --quiet` (1,741 municipalities: rules,
  partners, JSON, summary, dashboard) as a fresh process, with --jobs 1
  (target < 5 s) and --jobs 2 (target < 3 s);
- memos: the same with --memos (target < 15 s with --jobs 1);
- cold advise: one `advise examples/kamiichi_no_cloud.yaml` (the Markdown memo)
  as a fresh process, against a bare `python -c "import yaml, jinja2, networkx,
  click, durable.engine"` (target: within 2×; the ratio is printed, of the
  minima and of the medians, wall and CPU). Both run with bytecode caching on
  (PYTHONDONTWRITEBYTECODE unset, as an installed package has its .pyc files;
  without them our own modules are compiled on every run) and with the
  validation cache warm (engine/inputs/validation_cache.py), as on any run
  after the first;
- memory: peak resident size of the national run (the process running the
  batch, plus N × its largest worker with --jobs N; target < 300 MB).

Wall-clock figures depend on what else the machine is doing: the load average
is printed beside them. Each timing gives the minimum and the median of --runs
runs (the maximum beside them); on a shared machine the minimum is the better
estimate of the program's own cost.
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

TARGET_NATIONAL_S = {1: 5.0, 2: 3.0}
TARGET_MEMOS_S = 15.0
TARGET_COLD_RATIO = 2.0
BARE_IMPORTS = "import yaml, jinja2, networkx, click, durable.engine"
TARGET_MEMORY_MB = 300.0
AS_OF = "2018-04-01"

MEMORY_SCRIPT = """
import resource, sys
from jichitai_cloud_advisor.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, children)
"""


def advise_command() -> list[str]:
    return [sys.executable, "-m", "jichitai_cloud_advisor.cli"]


CPU_SECONDS: list[float] = []  # CPU time (user + system) of the last timed runs, all processes
LAST_WALL: list[float] = []    # wall time of the last timed runs


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: .pyc files written once, then read
    return env


def timed(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median, min and max wall time; the CPU time of each run goes to CPU_SECONDS.

    CPU time is printed too because a shared machine's load stretches the wall
    time: with --jobs 2 on an idle 2-CPU machine the wall time is about half of it.
    """
    seconds = []
    CPU_SECONDS.clear()
    LAST_WALL.clear()
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment())
        seconds.append(time.perf_counter() - start)
        LAST_WALL.append(seconds[-1])
        CPU_SECONDS.append(_children_cpu() - cpu)
    return statistics.median(seconds), min(seconds), max(seconds)


def cpu_note() -> str:
    return f"CPU min {min(CPU_SECONDS):.2f} s, median {statistics.median(CPU_SECONDS):.2f} s"


def example_profile(scratch: Path) -> Path:
    """The shipped example profile, or one written here if the build has none."""
    from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR
    shipped = sorted(EXAMPLES_DIR.glob("*.yaml")) if EXAMPLES_DIR.is_dir() else []
    preferred = [p for p in shipped if p.name == "kamiichi_no_cloud.yaml"]
    if preferred or shipped:
        return (preferred or shipped)[0]
    path = scratch / "profile.yaml"
    path.write_text('code: "162019"\nas_of: "2018-04-01"\ncloud:\n  status: none\n', encoding="utf-8")
    return path


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-memos", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench_batch."))
    try:
        print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for jobs in (1, 2):
            out = scratch / f"jobs{jobs}"
            median, low, high = timed(advise_command() + ["batch", "--all", "--as-of", AS_OF, "--out", str(out),
                                                         "--quiet", "--jobs", str(jobs)], args.runs)
            lines = sum(1 for _ in open(out / "advice.jsonl", encoding="utf-8"))
            print(f"national --jobs {jobs}: min {low:.2f} s, median {median:.2f} s (max {high:.2f}; {cpu_note()};"
                  f" {lines} municipalities)  target < {TARGET_NATIONAL_S[jobs]:.0f} s:"
                  f" min {verdict(low, TARGET_NATIONAL_S[jobs])}, median {verdict(median, TARGET_NATIONAL_S[jobs])}")
        same = (scratch / "jobs1" / "advice.jsonl").read_bytes() == (scratch / "jobs2" / "advice.jsonl").read_bytes()
        print(f"advice.jsonl identical with --jobs 1 and 2: {same}")
        if not args.skip_memos:
            for jobs in (1,):
                out = scratch / f"memos{jobs}"
                median, low, high = timed(advise_command() + ["batch", "--all", "--as-of", AS_OF, "--out", str(out),
                                                             "--quiet", "--memos", "--jobs", str(jobs)], args.runs)
                memo_files = list((out / "memos").iterdir())
                kind = memo_files[0].suffix if memo_files else "none"
                print(f"national with memos --jobs {jobs}: min {low:.2f} s, median {median:.2f} s (max {high:.2f};"
                      f" {cpu_note()}; {len(memo_files)} memos, {kind})  target < {TARGET_MEMOS_S:.0f} s:"
                      f" min {verdict(low, TARGET_MEMOS_S)}, median {verdict(median, TARGET_MEMOS_S)}")

        profile = example_profile(scratch)
        subprocess.run(advise_command() + [str(profile)], check=True, stdout=subprocess.DEVNULL, env=_environment())
        bare_wall, bare_cpu = [], []
        cold_wall, cold_cpu = [], []
        for _ in range(args.runs * 3):  # interleaved, so both see the same load
            timed([sys.executable, "-c", BARE_IMPORTS], 1)
            bare_wall.append(LAST_WALL[0])
            bare_cpu.append(CPU_SECONDS[0])
            timed(advise_command() + [str(profile)], 1)
            cold_wall.append(LAST_WALL[0])
            cold_cpu.append(CPU_SECONDS[0])
        med = statistics.median
        print(f"bare imports ({BARE_IMPORTS}): wall min {min(bare_wall):.3f} s, median {med(bare_wall):.3f} s;"
              f" CPU min {min(bare_cpu):.3f} s, median {med(bare_cpu):.3f} s")
        print(f"cold `advise {profile.name}` (Markdown memo): wall min {min(cold_wall):.3f} s,"
              f" median {med(cold_wall):.3f} s; CPU min {min(cold_cpu):.3f} s, median {med(cold_cpu):.3f} s")
        ratios = {"wall, minima": min(cold_wall) / min(bare_wall), "wall, medians": med(cold_wall) / med(bare_wall),
                  "CPU, minima": min(cold_cpu) / min(bare_cpu), "CPU, medians": med(cold_cpu) / med(bare_cpu)}
        print("cold advise / bare imports: " + ", ".join(f"{k} {v:.2f}×" for k, v in ratios.items())
              + f"  target ≤ {TARGET_COLD_RATIO:.0f}×: {'ok' if ratios['wall, minima'] <= TARGET_COLD_RATIO else 'MISSED'}"
              " (on the minima)")

        for jobs in (1, 2):
            out = scratch / f"memory{jobs}"
            result = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, "batch", "--all", "--as-of", AS_OF,
                                     "--out", str(out), "--quiet", "--jobs", str(jobs)],
                                    check=True, capture_output=True, text=True, env=_environment())
            own_kb, child_kb = (int(x) for x in result.stdout.split()[-2:])
            # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest child, so with N workers
            # own + N × largest is an upper bound (forked workers share pages, so it over-counts).
            workers = jobs if jobs > 1 else 0
            total = (own_kb + workers * child_kb) / 1024
            print(f"peak memory --jobs {jobs}: main process {own_kb / 1024:.0f} MB, largest worker"
                  f" {child_kb / 1024:.0f} MB, total (upper bound) {total:.0f} MB  target < {TARGET_MEMORY_MB:.0f} MB:"
                  f" {verdict(total, TARGET_MEMORY_MB)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
