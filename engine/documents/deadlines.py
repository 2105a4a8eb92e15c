"""The 標準化 migration deadlines beside the roadmap, from the day each was known.

A deadline is a dated parameter (knowledge/parameters/standardisation.yaml). It is stated
only from the day its source made it known: the later of the day its value counts from and
its earliest reference's date (a reference dated only to a month counts from the month's
last day, knowledge/dates.py). A memo dated before that says nothing about it.

Written as the ministry writes it: 令和7年度末 (2026年3月31日), the era as known on as_of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..knowledge.dates import fiscal_year_of, period_end
from ..rules.parameters import ParameterSet
from .wareki import era_of, format_date, seireki

MIGRATION = "standardisation.migration_deadline"
HARD_SYSTEMS = "standardisation.hard_system_deadline"  # 特定移行支援システム; the 年度末 is an inference


@dataclass(frozen=True)
class KnownDeadline:
    date: dt.date
    known_from: dt.date
    references: tuple    # the references dated on or before as_of (each a dict)
    confidence: str


def known_deadline(params: ParameterSet, name: str, as_of: dt.date) -> KnownDeadline | None:
    """The deadline ``name`` as known on ``as_of``, or None (not yet known, unset or not a date)."""
    if name not in params:
        return None
    parameter = params.get(name)
    dated = parameter.at(as_of)
    if dated is None or dated.value is None:
        return None
    try:
        date = dt.date.fromisoformat(str(dated.value))
    except ValueError:  # a user's parameter file gave something else: say nothing rather than guess
        return None
    ref_dates = [(period_end(str(ref.get("date") or "")), ref) for ref in parameter.references]
    dated_refs = [(day, ref) for day, ref in ref_dates if day is not None]
    known_from = max([dated.start] + ([min(day for day, _ in dated_refs)] if dated_refs else []))
    if as_of < known_from:
        return None
    cited = tuple(ref for day, ref in ref_dates if day is None or day <= as_of)
    return KnownDeadline(date, known_from, cited, parameter.confidence)


def fiscal_year_end(date: dt.date, lang: str, as_of: dt.date) -> str:
    """'令和7年度末（2026年3月31日）' / 'the end of FY2025 (31 March 2026)'; any other day as format_date."""
    if (date.month, date.day) != (3, 31):
        return format_date(date, lang, as_of)
    fiscal = fiscal_year_of(date)
    if lang != "ja":
        return f"the end of FY{fiscal} ({seireki(date, 'en')})"
    # The fiscal year in the era of its last day (FY2019 is 令和元年度 once 令和 is known, 平成31年度 before).
    era = era_of(date, as_of)
    number = era[2] - 1 if era else None
    if not number:  # an era that began between April and March (1989-01-08): the year as it began
        era = era_of(dt.date(fiscal, 4, 1), as_of)
        number = era[2] if era else None
    year = f"{era[0]}{'元' if number == 1 else number}年度" if era else f"{fiscal}年度"
    return f"{year}末（{seireki(date, 'ja')}）"


def deadline_lines(params: ParameterSet, as_of: dt.date, go_live: dt.date | None, labels: dict, lang: str,
                   esc: Callable) -> list[str]:
    """The roadmap's lines on the deadlines known on ``as_of`` (none before the first was known)."""
    lines = []
    migration = known_deadline(params, MIGRATION, as_of)
    if migration:
        key = "deadline_migration" if as_of <= migration.date else "deadline_migration_past"
        line = labels[key].format(date=fiscal_year_end(migration.date, lang, as_of), source=_source(migration, labels, esc))
        # Planned back from a contract end after the deadline: the roadmap itself misses it.
        if go_live is not None and as_of <= migration.date and go_live > migration.date + dt.timedelta(days=1):
            line += labels["deadline_after"].format(date=format_date(go_live, lang, as_of))
        lines.append(line)
    hard = known_deadline(params, HARD_SYSTEMS, as_of)
    if hard:
        lines.append(labels["deadline_hard"].format(date=fiscal_year_end(hard.date, lang, as_of),
                                                   source=_source(hard, labels, esc, inferred=True)))
    return lines


def _source(deadline: KnownDeadline, labels: dict, esc: Callable, inferred: bool = False) -> str:
    cited = labels["list_sep"].join(
        esc(" ".join(part for part in (ref.get("document", ""), ref.get("section", "")) if part))
        for ref in deadline.references)
    return labels["deadline_source_inferred" if inferred else "deadline_source"].format(source=cited, confidence=deadline.confidence)
