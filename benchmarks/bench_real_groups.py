"""The partner model judged against real groups. Prints figures only.

    .venv/bin/python benchmarks/bench_real_groups.py [--half all|dev|held-out] [--verbose]

Each member of each real group in knowledge/data/cloud_groups.csv (groups of two
or more) is advised from its code alone (``code`` and ``as_of``, nothing else) on a
date before its group is known: 2012-04-01, or the day before the group's earliest
evidence (its ``start``, else its ``source_date``) when that is earlier. The
knowledge base must not reveal the membership on that date; the script stops if
it does. Two figures per member, averaged over members:

- recall@5: the share of its real partners among its top-5 suggested partners;
- group recall: the share of its real partners in its proposed group
  (``proposed_group`` of the advice: the same group ``advise groups`` plans);

and, beside them, the share of the proposed group that are real partners
(precision), so that a larger group does not pass for a better one.

Halves, fixed before any weight was chosen: the groups in file order (those of two
or more members), even positions = ``dev``, odd = ``held-out``. No weight is fitted
to either; the held-out half is reported to show what the figures are worth.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import statistics
import time
from collections import OrderedDict

from jichitai_cloud_advisor.engine.advice import Advisor
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.paths import KNOWLEDGE_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile

BEFORE = dt.date(2012, 4, 1)


def evidence_date(row: dict) -> dt.date | None:
    """The earliest date a row makes its membership known (start, else source date)."""
    for text in (row["start"], row["source_date"]):
        text = (text or "").strip()
        if not text:
            continue
        if text.startswith("FY"):
            return dt.date(int(text[2:6]), 4, 1)
        parts = [int(p) for p in text.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return None


def real_groups() -> list[tuple[str, list[str], dt.date]]:
    """(name, member codes, advice date) per group of two or more, in file order."""
    groups: "OrderedDict[str, list[dict]]" = OrderedDict()
    with open(KNOWLEDGE_DIR / "data" / "cloud_groups.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["group_name"], []).append(row)
    out = []
    for name, rows in groups.items():
        if len(rows) < 2:
            continue
        known = [d for d in (evidence_date(r) for r in rows) if d is not None]
        as_of = min([BEFORE] + [d - dt.timedelta(days=1) for d in known])
        out.append((name, [r["member_code"] for r in rows], as_of))
    return out


def halves(groups: list) -> dict[str, list]:
    return {"dev": groups[0::2], "held-out": groups[1::2]}


def revealed(kb, code: str, as_of: dt.date):
    """The membership the knowledge base shows for ``code`` on ``as_of`` (must be none)."""
    if hasattr(kb, "membership_on"):
        return kb.membership_on(code, as_of)
    return None


def judge(advisor: Advisor, groups: list, verbose: bool = False) -> dict:
    kb = advisor.knowledge
    recalls, group_recalls, precisions, sizes, seconds = [], [], [], [], []
    for name, codes, as_of in groups:
        if verbose:
            print(f"== {name} (as of {as_of})")
        for code in codes:
            shown = revealed(kb, code, as_of)
            if shown is not None:
                raise SystemExit(f"the knowledge base reveals {code}'s membership ({shown}) on {as_of}")
            start = time.perf_counter()
            profile = parse_profile(parse_text(f'code: "{code}"\nas_of: {as_of.isoformat()}\n', "bench.yaml"), kb)
            advice = advisor.advise(profile)
            seconds.append(time.perf_counter() - start)
            real = set(codes) - {code}
            top = [p["code"] for p in advice.partners[:5]]
            group = [m["code"] for m in (advice.proposed_group or {}).get("members", []) if m["code"] != code]
            recalls.append(len(real & set(top)) / len(real))
            group_recalls.append(len(real & set(group)) / len(real))
            precisions.append(len(real & set(group)) / len(group) if group else 0.0)
            sizes.append(len(group) + 1)
            if verbose:
                names = lambda cs: "・".join(kb.get(c).name + ("*" if c in real else "") for c in cs)  # noqa: E731
                print(f"  {kb.get(code).name:<6} r@5 {recalls[-1]:.2f}  group {group_recalls[-1]:.2f}  "
                      f"top5 {names(top)}  |  group {names(group)}")
    return {"members": len(recalls), "recall5": statistics.mean(recalls),
            "group_recall": statistics.mean(group_recalls), "precision": statistics.mean(precisions),
            "size": statistics.mean(sizes), "ms": statistics.median(seconds) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    advisor = Advisor()
    groups = real_groups()
    parts = halves(groups)
    chosen = {"all": [("dev", parts["dev"]), ("held-out", parts["held-out"]), ("all", groups)],
              "dev": [("dev", parts["dev"])], "held-out": [("held-out", parts["held-out"])]}[args.half]
    print(f"{len(groups)} real groups of 2+ members; advised before each group is known "
          f"({BEFORE} or the day before its earliest evidence)")
    for label, part in chosen:
        figures = judge(advisor, part, args.verbose and label != "all")
        print(f"{label:<9} {len(part):2d} groups {figures['members']:3d} members   "
              f"recall@5 {figures['recall5']:.3f}   group recall {figures['group_recall']:.3f}   "
              f"group precision {figures['precision']:.3f}   mean group size {figures['size']:.1f}   "
              f"advice {figures['ms']:.1f} ms (median)")


if __name__ == "__main__":
    main()
