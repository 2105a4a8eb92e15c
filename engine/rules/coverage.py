"""`advise rules coverage`: which rules never fire, which always fire.

Every rule is evaluated (pure evaluator) over all 1,741 municipalities, each
with public data only and with a few standard what-if variants of the profile
(cloud status none / single / group, heavy customisation, costs given, ...), at
each ``as_of``. A rule that never fires needs a documented reason
(docs/COVERAGE.md); a rule that always fires is a note that applies to all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .evaluator import evaluate_rules
from ..profile.facts import build_facts
from ..profile.loader import Profile
from .trace import FIRED, INACTIVE
from ..inputs.yamlio import Document

DEFAULT_DATES = (dt.date(2017, 6, 9), dt.date(2025, 4, 1))

# Standard what-if variants: the profile sections an advisor would fill in.
VARIANTS: dict[str, dict] = {
    "public": {},
    "none_heavy": {
        "cloud": {"status": "none", "plan": "none", "driving_body": "none"},
        "systems": [{"area": "住民記録", "form": "package", "customization": "heavy", "vendor": "A",
                     "contract_end": "2019-03-31", "hosting": "onprem", "standard_layout": False},
                    {"area": "税務", "form": "package", "customization": "minor", "vendor": "A",
                     "contract_end": "2022-03-31", "hosting": "onprem", "standard_layout": True}],
        "costs": {"it_operating": 150000000, "planning": 4000000, "consultant": 6000000,
                  "data_migration": 25000000, "training": 1500000, "after_migration": 300000000},
        "staff": {"it_staff": 2, "cloud_experience": False},
        "continuity": {"offsite_backup": False, "hazard": "high"},
    },
    "single_clean": {
        "cloud": {"status": "single", "plan": "adopted", "driving_body": "prefecture"},
        "systems": [{"area": "住民記録", "form": "package", "customization": "none", "vendor": "B",
                     "contract_end": "2030-03-31", "hosting": "datacenter", "standard_layout": True}],
        "costs": {"it_operating": 30000000, "after_migration": 25000000},
        "staff": {"it_staff": 6, "cloud_experience": True},
        "continuity": {"offsite_backup": True, "hazard": "low"},
    },
    "group_clean": {
        "cloud": {"status": "group", "plan": "adopted", "driving_body": "council", "migration": "none"},
        "systems": [{"area": "住民記録", "form": "package", "customization": "none", "vendor": "C",
                     "contract_end": "2030-03-31", "hosting": "cloud", "standard_layout": True}],
        "costs": {"it_operating": 20000000, "after_migration": 13000000},
        "staff": {"it_staff": 4, "cloud_experience": True},
    },
    "custom_mainframe": {
        "cloud": {"status": "none", "driving_body": "none"},
        "systems": [{"area": "財務会計", "form": "mainframe", "customization": "minor", "vendor": "D",
                     "contract_end": "2018-03-31", "hosting": "onprem", "standard_layout": False},
                    {"area": "人事給与", "form": "custom", "customization": "minor", "vendor": "E",
                     "contract_end": "2021-03-31", "hosting": "onprem", "standard_layout": False}],
    },
}


@dataclass
class DateCoverage:
    as_of: dt.date
    evaluations: int = 0
    fired: dict[str, int] = field(default_factory=dict)     # rule id -> evaluations in which it fired
    inactive: set[str] = field(default_factory=set)         # not in force (or a parameter unset) on as_of


@dataclass
class Coverage:
    rule_ids: list[str]
    families: dict[str, str]
    dates: list[DateCoverage]

    def never_fired(self) -> list[str]:
        """Rules that fire on no date (in force or not)."""
        return [r for r in self.rule_ids if all(d.fired.get(r, 0) == 0 for d in self.dates)]

    def always_fired(self) -> list[tuple[str, dt.date]]:
        return [(r, d.as_of) for d in self.dates for r in self.rule_ids
                if d.evaluations and d.fired.get(r, 0) == d.evaluations]


def _profile(municipality, data: dict, as_of: dt.date) -> Profile:
    data = {"code": municipality.code, **data}
    return Profile(data=data, document=Document(data=data, file="<coverage>", text=""),
                   municipality=municipality, as_of=as_of, sha256="")


def run_coverage(advisor, dates=DEFAULT_DATES, variants: dict[str, dict] | None = None,
                 codes: list[str] | None = None) -> Coverage:
    variants = VARIANTS if variants is None else variants
    municipalities = [advisor.knowledge.get(c) for c in codes] if codes else list(advisor.knowledge.municipalities.values())
    book = advisor.book
    result = Coverage(rule_ids=[r.id for r in book.rules], families={r.id: r.family for r in book.rules}, dates=[])
    for as_of in dates:
        date_cov = DateCoverage(as_of=as_of)
        for municipality in municipalities:
            for data in variants.values():
                facts = build_facts(_profile(municipality, data, as_of), advisor.knowledge).values
                trace = evaluate_rules(book, advisor.parameters, facts, as_of)
                date_cov.evaluations += 1
                for outcome in trace.outcomes:
                    if outcome.status == FIRED:
                        date_cov.fired[outcome.rule_id] = date_cov.fired.get(outcome.rule_id, 0) + 1
                    elif outcome.status == INACTIVE:
                        date_cov.inactive.add(outcome.rule_id)
        result.dates.append(date_cov)
    return result


def format_table(coverage: Coverage, markdown: bool = False) -> str:
    """One row per rule: fired count (and share) on each date; — when not in force."""
    heads = ["rule", "family"] + [d.as_of.isoformat() for d in coverage.dates] + ["note"]
    never = set(coverage.never_fired())
    always = {r for r, _ in coverage.always_fired()}
    rows = []
    for rule_id in coverage.rule_ids:
        cells = [rule_id, coverage.families[rule_id]]
        for d in coverage.dates:
            if rule_id in d.inactive:
                cells.append("—")
            else:
                count = d.fired.get(rule_id, 0)
                cells.append(f"{count}/{d.evaluations} ({100 * count / d.evaluations:.0f}%)" if d.evaluations else "0")
        cells.append("NEVER FIRES" if rule_id in never else ("always fires" if rule_id in always else ""))
        rows.append(cells)
    if markdown:
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(f"`{c}`" if i == 0 else c for i, c in enumerate(row)) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in rows + [heads]) for i in range(len(heads))]
    out = ["  ".join(h.ljust(w) for h, w in zip(heads, widths))]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(out)
