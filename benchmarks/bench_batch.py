"""How fast `advise batch` is over the whole country, and how much memory it takes. Prints figures only.

    /work/venv/bin/python benchmarks/bench_batch.py [--runs 3] [--skip-memos]

- national: `advise batch --all --out DIR --quiet` (1,741 municipalities: rules,
  partners, JSON, summary, dashboard) as a fresh process, with --jobs 1 and 2
  (target < 5 s each);
- memos: the same with --memos (target < 15 s);
- cold advise: one `advise PROFILE --format json` of an example profile as a
  fresh process, against a bare `python -c "import yaml, jinja2, networkx,
  click, durable"` (target: within 3×; the ratio is printed);
- memory: peak resident size of the national run (the process running the
  batch, plus N × its largest worker with --jobs N; target < 300 MB).

Wall-clock figures depend on what else the machine is doing: the load average
is printed beside them. Each timing is the median of --runs runs (min and max
beside it).
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

TARGET_NATIONAL_S = 5.0
TARGET_MEMOS_S = 15.0
TARGET_COLD_RATIO = 3.0
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median, min and max wall time; the CPU time of each run goes to CPU_SECONDS.

    CPU time is printed too because a shared machine's load stretches the wall
    time: with --jobs 2 on an idle 2-CPU machine the wall time is about half of it.
    """
    seconds = []
    CPU_SECONDS.clear()
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - start)
        CPU_SECONDS.append(_children_cpu() - cpu)
    return statistics.median(seconds), min(seconds), max(seconds)


def cpu_note() -> str:
    return f"CPU {statistics.median(CPU_SECONDS):.2f} s"


def example_profile(scratch: Path) -> Path:
    """The shipped example profile, or one written here if the build has none."""
    from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR
    shipped = sorted(EXAMPLES_DIR.glob("*.yaml")) if EXAMPLES_DIR.is_dir() else []
    preferred = [p for p in shipped if p.name.startswith("profile")]
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
            print(f"national --jobs {jobs}: {median:.2f} s (min {low:.2f}, max {high:.2f}; {cpu_note()};"
                  f" {lines} municipalities)"
                  f"  target < {TARGET_NATIONAL_S:.0f} s: {verdict(median, TARGET_NATIONAL_S)}")
        same = (scratch / "jobs1" / "advice.jsonl").read_bytes() == (scratch / "jobs2" / "advice.jsonl").read_bytes()
        print(f"advice.jsonl identical with --jobs 1 and 2: {same}")
        if not args.skip_memos:
            for jobs in (1, 2):
                out = scratch / f"memos{jobs}"
                median, low, high = timed(advise_command() + ["batch", "--all", "--as-of", AS_OF, "--out", str(out),
                                                             "--quiet", "--memos", "--jobs", str(jobs)], args.runs)
                memo_files = list((out / "memos").iterdir())
                kind = memo_files[0].suffix if memo_files else "none"
                print(f"national with memos --jobs {jobs}: {median:.2f} s (min {low:.2f}, max {high:.2f}; {cpu_note()};"
                      f" {len(memo_files)} memos, {kind})  target < {TARGET_MEMOS_S:.0f} s:"
                      f" {verdict(median, TARGET_MEMOS_S)}")

        profile = example_profile(scratch)
        bare, _, _ = timed([sys.executable, "-c", "import yaml, jinja2, networkx, click, durable"], args.runs * 2)
        bare_cpu = cpu_note()
        cold, low, high = timed(advise_command() + [str(profile), "--format", "json"], args.runs * 2)
        ratio = cold / bare
        print(f"bare imports: {bare:.3f} s ({bare_cpu}); cold advise of {profile.name}: {cold:.3f} s"
              f" (min {low:.3f}, max {high:.3f}; {cpu_note()})")
        print(f"cold advise / bare imports: {ratio:.2f}×  target ≤ {TARGET_COLD_RATIO:.0f}×:"
              f" {'ok' if ratio <= TARGET_COLD_RATIO else 'MISSED'}")

        for jobs in (1, 2):
            out = scratch / f"memory{jobs}"
            result = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, "batch", "--all", "--as-of", AS_OF,
                                     "--out", str(out), "--quiet", "--jobs", str(jobs)],
                                    check=True, capture_output=True, text=True)
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
