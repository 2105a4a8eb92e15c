"""Graph, partners and prefecture plans: how long they take. Prints figures only.

    /work/venv/bin/python benchmarks/bench_partners.py [--runs 20]

All after the knowledge base, parameters and rules are loaded (the Advisor):

- graph build: ``build_graph()`` (uncached) — target < 200 ms;
- partners + proposed group for one municipality (上市町, 奥尻町, 札幌市) via
  ``partners.attach`` on an existing Advice — target < 20 ms. The proposed group
  is the municipality's group in its prefecture's plan, which is made once per
  process and date: "cold" clears the plan cache before each run (the first
  municipality of a prefecture pays for its plan), "warm" does not (every
  other municipality of the prefecture, e.g. in ``advise batch``);
- the prefecture plan for 北海道 (179 municipalities), uncached — target < 2 s;
- also: the what-if for 上市町 joining 立山町 and 滑川市, and the SVG map
  (the first map decodes the TopoJSON once per process, reported separately).
Median (min–max) over N runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from jichitai_cloud_advisor.engine.groups import partners
from jichitai_cloud_advisor.engine.advice import Advisor
from jichitai_cloud_advisor.engine.groups.graph import build_graph, national_graph
from jichitai_cloud_advisor.engine.groups import grouping
from jichitai_cloud_advisor.engine.groups.grouping import plan_prefecture
from jichitai_cloud_advisor.engine.groups.maps import map_svg, topology
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.groups.whatif import apply_join
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text


def timed(function, runs: int) -> tuple[float, float, float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds) * 1000, min(seconds) * 1000, max(seconds) * 1000


def show(label: str, figures: tuple[float, float, float], target_ms: float | None = None) -> None:
    median, low, high = figures
    target = f"  (target < {target_ms:g} ms: {'ok' if median < target_ms else 'OVER'})" if target_ms else ""
    print(f"{label:<48} {median:9.2f} ms  ({low:.2f}–{high:.2f}){target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    advisor = Advisor()
    kb = advisor.knowledge
    print(f"{len(kb.municipalities)} municipalities, {len(kb.borders)} borders, {len(kb.sea_links)} sea links")
    show("graph build (uncached)", timed(lambda: build_graph(kb), runs), 200)
    graph = national_graph(kb)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")

    def profile(code: str):
        return parse_profile(parse_text(f'code: "{code}"\nas_of: 2017-06-09\n', "bench.yaml"), kb)

    def cold(function):
        def run():
            grouping._PLANS.clear()
            function()
        return run

    for code in ("163228", "013676", "011002"):
        advice = advisor.advise(profile(code))
        show(f"partners + proposed group, cold: {kb.get(code).name}",
             timed(cold(lambda: partners.attach(advisor, advice)), runs), 20)
        show(f"partners + proposed group, warm: {kb.get(code).name}",
             timed(lambda: partners.attach(advisor, advice), runs), 20)
    advice = advisor.advise(profile("163228"))
    show("what-if: 上市町 + 立山町・滑川市", timed(lambda: apply_join(advisor, advice, ["163236", "162060"]), runs))
    start = time.perf_counter()
    topology()
    print(f"{'TopoJSON decode (once per process)':<48} {(time.perf_counter() - start) * 1000:9.2f} ms")
    show("SVG map: 上市町", timed(lambda: map_svg(advisor, advice), runs))
    hokkaido = [m for m in kb.municipalities.values() if m.prefecture == "北海道"]
    as_of = dt.date(2017, 6, 9)
    figures = timed(cold(lambda: plan_prefecture(kb, advisor.parameters, "北海道", None, as_of)), max(3, runs // 4))
    plan = plan_prefecture(kb, advisor.parameters, "北海道", None, as_of)
    show(f"prefecture plan: 北海道 ({len(hokkaido)} municipalities)", figures, 2000)
    print(f"  {len(plan['groups'])} groups, sizes {sorted(len(g['members']) for g in plan['groups'])}")
    show("prefecture plan: 富山県", timed(cold(lambda: plan_prefecture(kb, advisor.parameters, "富山県", None, as_of)), runs))
    every = timed(cold(lambda: [plan_prefecture(kb, advisor.parameters, p, None, as_of) for p in kb.prefectures]),
                  max(3, runs // 4))
    show("prefecture plans: all 47", every)


if __name__ == "__main__":
    main()
