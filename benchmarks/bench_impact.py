"""How fast `advise rules impact` and the advice log are over the whole country. Prints figures only.

    .venv/bin/python benchmarks/bench_impact.py [--runs 5]

- impact: the reform examples/impact/small_population_30000.yaml against the shipped
  rule base over all 1,741 municipalities (public data, as of 2025-07-01): the
  engine alone (run_impact: 2 × 1,741 evaluations) and the whole command as a fresh
  process (target: a few seconds, < 5 s);
- log: `advise batch --all --quiet` with and without `--log` (the audit record, its
  hash and one fsync'd transaction per municipality), --jobs 1 and 2, and
  `advise log verify` over the 1,741 records written.

Wall-clock figures depend on what else the machine is doing: the load average is
printed beside them, and so is the median CPU time (user + system, the process
and its children), which depends less on the other users of a shared machine.
Each wall-clock figure is min / median / max of --runs runs; the target is
checked against the minimum.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFORM = ROOT / "examples" / "impact" / "small_population_30000.yaml"
AS_OF = "2025-07-01"
TARGET_IMPACT_S = 5.0


def advise(*args: str) -> list[str]:
    return [sys.executable, "-c", "from jichitai_cloud_advisor.cli import main; main()", *args]


CPU: list[float] = []  # CPU seconds (this process and its children) of the last timed runs


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function, runs: int) -> list[float]:
    out = []
    CPU.clear()
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        function()
        out.append(time.perf_counter() - started)
        CPU.append(_cpu() - cpu)
    return out


def show(label: str, seconds: list[float], target: float | None = None) -> None:
    """Wall clock min / median / max, and the median CPU time (less sensitive to a shared machine)."""
    figure = f"{min(seconds):6.2f} / {statistics.median(seconds):6.2f} / {max(seconds):6.2f} s"
    verdict = "" if target is None else ("  ok" if min(seconds) < target else f"  OVER {target:.0f} s")
    print(f"{label:<46} {figure}  cpu {statistics.median(CPU):6.2f} s  (load {os.getloadavg()[0]:.1f}){verdict}")


def bench_impact(runs: int) -> None:
    from jichitai_cloud_advisor.engine.advice import Advisor
    from jichitai_cloud_advisor.engine.batch.runner import items_for_all
    from jichitai_cloud_advisor.engine.impact.simulate import describe, run_impact
    baseline = Advisor()
    reform = Advisor(knowledge=baseline.knowledge, parameter_files=[REFORM])
    items = items_for_all(baseline.knowledge)
    result = {}

    def engine():
        result["impact"] = run_impact(baseline, reform, items, dt.date.fromisoformat(AS_OF),
                                      describe(baseline, None, []), describe(reform, None, [REFORM]))

    show("impact, engine (2 × 1,741 evaluations)", timed(engine, runs))
    print(f"    {result['impact'].evaluated} evaluated, {len(result['impact'].affected)} affected")

    def command():
        subprocess.run(advise("rules", "impact", "--parameters", str(REFORM), "--as-of", AS_OF, "--all",
                              "--format", "json"), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    show("impact, whole command (fresh process)", timed(command, runs), TARGET_IMPACT_S)


def bench_log(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for jobs in ("1", "2"):
            plain = timed(lambda: subprocess.run(advise("batch", "--all", "--quiet", "--jobs", jobs, "--as-of", AS_OF),
                                                 check=True, stdout=subprocess.DEVNULL), runs)
            show(f"batch --all --jobs {jobs}", plain)
            databases = iter(range(runs))

            def logged():
                db = Path(folder) / f"log-{jobs}-{next(databases)}.sqlite3"
                subprocess.run(advise("batch", "--all", "--quiet", "--jobs", jobs, "--as-of", AS_OF, "--log-db", str(db)),
                               check=True, stdout=subprocess.DEVNULL)

            show(f"batch --all --jobs {jobs} --log", timed(logged, runs))
        db = Path(folder) / "log-1-0.sqlite3"
        print(f"    log of 1,741 records: {db.stat().st_size / 1e6:.0f} MB")
        show("log verify (1,741 records)",
             timed(lambda: subprocess.run(advise("log", "verify", "--log-db", str(db)), check=True,
                                          stdout=subprocess.DEVNULL), runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-log", action="store_true", help="time the impact only")
    args = parser.parse_args()
    print(f"{'':<46} {'wall min / median / max':>26}")
    bench_impact(args.runs)
    if not args.skip_log:
        bench_log(max(1, min(args.runs, 3)))


if __name__ == "__main__":
    main()
