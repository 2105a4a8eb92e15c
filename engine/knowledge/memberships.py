"""Real 自治体クラウド group memberships (knowledge/data/cloud_groups.csv), as known on a date.

Each row is one member of one group, with its source, source date and confidence
(C: the source names it as a member; P: likely). A membership is known from its
``start`` when the source states one, else from its ``source_date``; partial
dates count from the end of their period (engine/knowledge/dates.py), so a
membership is never known early. Before that date nothing is known: the status
is unknown, not "member". Rows with neither date (6 members of one 和歌山 group,
from an undated article) are never known on any date; they are kept so the
coverage can say so.

The list is not complete (about 56–60 groups existed around 2016; 23 are here).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .dates import period_end

GROUP_COLUMNS = ("group_name", "prefecture", "member_name", "member_code", "start", "start_basis",
                 "source_title", "source_url", "source_date", "source_date_note", "confidence", "notes")
START_BASES = ("", "actual", "planned", "actual_fy", "scheduled_fy", "joined_council")
UNNAMED_GROUP = "(group not named in source)"


@dataclass(frozen=True)
class Membership:
    group_name: str
    code: str
    start: str  # as the source gives it ("2014-10", "FY2022") or ""
    start_basis: str
    since: dt.date | None  # known from this date; None: never (no date at all)
    source_title: str
    source_url: str
    source_date: str  # as the source gives it ("2016-02", "2015") or ""
    confidence: str  # C or P
    notes: str

    def known_on(self, as_of: dt.date) -> bool:
        return self.since is not None and self.since <= as_of


@dataclass(frozen=True)
class KnownGroup:
    """A group as known on one date: only the members known by then."""

    name: str
    members: tuple[str, ...]  # codes known on the date, in code order
    since: dt.date  # for membership_on: this member's date; for known_groups_on: the group's earliest
    source: dict  # {"title", "url"}
    source_date: str
    confidence: str  # C or P (for a group: P if any listed member is only P)
    memberships: tuple[Membership, ...]  # the rows behind ``members``
    planned: bool = False  # known from a start the source gave as planned, not as having happened

    @property
    def named(self) -> bool:
        """False when the source says a municipality is in a 自治体クラウド but not which group."""
        return self.name != UNNAMED_GROUP

    def as_json(self) -> dict:
        return {"name": self.name if self.named else None, "members": list(self.members),
                "since": self.since.isoformat(), "source": dict(self.source), "source_date": self.source_date,
                "confidence": self.confidence}


def normalize_group_name(name: str) -> str:
    """For comparing group names: NFKC, no spaces, brackets or 中黒."""
    text = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"[\s・、,()（）「」]", "", text)


def membership_since(start: str, source_date: str) -> dt.date | None:
    """Known from ``start`` when stated, else from ``source_date``; each read as its period's end."""
    return period_end(start) if start else period_end(source_date)


class Memberships:
    """All rows, and the look-ups by date."""

    def __init__(self, rows: list[Membership]):
        self.rows = sorted(rows, key=lambda row: (row.group_name, row.code))
        self._by_code: dict[str, list[Membership]] = {}
        self._by_group: dict[str, list[Membership]] = {}
        self._known_on: dict[dt.date, tuple[KnownGroup, ...]] = {}
        for row in self.rows:
            self._by_code.setdefault(row.code, []).append(row)
            self._by_group.setdefault(row.group_name, []).append(row)

    @property
    def group_names(self) -> list[str]:
        return list(self._by_group)

    def undated(self) -> list[Membership]:
        return [row for row in self.rows if row.since is None]

    def _group(self, name: str, as_of: dt.date, own: Membership | None = None) -> KnownGroup | None:
        known = [row for row in self._by_group[name] if row.known_on(as_of)]
        if not known:
            return None
        anchor = own or min(known, key=lambda row: (row.since, row.code))
        confidence = anchor.confidence if own else ("P" if any(r.confidence == "P" for r in known) else "C")
        return KnownGroup(
            name=name, members=tuple(sorted(row.code for row in known)), since=anchor.since,
            source={"title": anchor.source_title, "url": anchor.source_url}, source_date=anchor.source_date,
            confidence=confidence, memberships=tuple(sorted(known, key=lambda row: row.code)),
            planned=anchor.start_basis in ("planned", "scheduled_fy") if own else False,
        )

    def membership_on(self, code: str, as_of: dt.date) -> KnownGroup | None:
        """The group ``code`` is known to belong to on ``as_of`` (the earliest known, if several)."""
        rows = [row for row in self._by_code.get(code, ()) if row.known_on(as_of)]
        if not rows:
            return None
        own = min(rows, key=lambda row: (row.since, row.group_name))
        return self._group(own.group_name, as_of, own)

    def known_groups_on(self, as_of: dt.date) -> list[KnownGroup]:
        """Every group with at least one member known on ``as_of``, by name."""
        # Worked out once per date (a batch asks it for every memo); the groups are frozen.
        found = self._known_on.get(as_of)
        if found is None:
            if len(self._known_on) > 64:
                self._known_on.clear()
            found = self._known_on[as_of] = tuple(
                group for name in self._by_group if (group := self._group(name, as_of)) is not None)
        return list(found)

    def members_known_on(self, as_of: dt.date) -> dict[str, KnownGroup]:
        """{code: its KnownGroup} for every municipality with a membership known on ``as_of``."""
        out: dict[str, KnownGroup] = {}
        for code in self._by_code:
            group = self.membership_on(code, as_of)
            if group is not None:
                out[code] = group
        return out
