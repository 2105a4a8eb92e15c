"""The five-stage roadmap (推進組織 → 共同化計画 → 調達 → 構築 → 運用), dated
back from the earliest contract end in the profile.

The order of the stages is sourced; their lengths are the advisor's judgement
and live in knowledge/parameters/roadmap.yaml (``roadmap.stage_months``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..rules.parameters import ParameterSet

STAGE_PARAMETER = "roadmap.stage_months"
STAGES = ("driving_body", "joint_plan", "procurement", "build", "operation")


@dataclass(frozen=True)
class Stage:
    key: str
    start_months: int
    end_months: int | None
    start: dt.date | None
    end: dt.date | None     # last day of the stage; None while ongoing or undated


@dataclass(frozen=True)
class Roadmap:
    stages: tuple
    anchor: dt.date | None   # the earliest contract end still ahead on as_of
    anchor_area: str
    go_live: dt.date | None
    late: bool               # the first stage should already have started on as_of
    confidence: str
    past_end: dt.date | None = None  # the earliest contract end, when it is already past on as_of
    past_area: str = ""
    all_past: bool = False   # every contract end in the profile is past on as_of

    def overdue(self, stage: "Stage", as_of: dt.date) -> bool:
        """The stage should have ended before as_of."""
        return stage.end is not None and stage.end < as_of


def add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def contract_ends(systems: list[dict]) -> list[tuple[dt.date, str]]:
    return sorted((dt.date.fromisoformat(str(s["contract_end"])), s.get("area") or "")
                  for s in systems if s.get("contract_end"))


def earliest_contract_end(systems: list[dict], on_or_after: dt.date | None = None) -> tuple[dt.date | None, str]:
    """The earliest contract end (and its area), only among those not before ``on_or_after`` if given."""
    ends = [end for end in contract_ends(systems) if on_or_after is None or end[0] >= on_or_after]
    return ends[0] if ends else (None, "")


def build_roadmap(systems: list[dict], params: ParameterSet, as_of: dt.date) -> Roadmap:
    rows = params.value(STAGE_PARAMETER, as_of) if STAGE_PARAMETER in params else None
    rows = rows or [{"stage": key, "start": 0, "end": None} for key in STAGES]
    confidence = params.get(STAGE_PARAMETER).confidence if STAGE_PARAMETER in params else "I"
    # The roadmap starts from what is still ahead on as_of: a contract that already ended is not an anchor.
    first, first_area = earliest_contract_end(systems)
    anchor, area = earliest_contract_end(systems, as_of)
    past_end, past_area = (first, first_area) if first is not None and first < as_of else (None, "")
    go_live = anchor + dt.timedelta(days=1) if anchor else None
    stages = []
    for row in rows:
        start = add_months(go_live, row["start"]) if go_live else None
        end = (add_months(go_live, row["end"]) - dt.timedelta(days=1)) if go_live and row["end"] is not None else None
        stages.append(Stage(row["stage"], row["start"], row["end"], start, end))
    late = bool(stages and stages[0].start and stages[0].start < as_of)
    return Roadmap(tuple(stages), anchor, area, go_live, late, confidence, past_end, past_area,
                   all_past=first is not None and anchor is None)
