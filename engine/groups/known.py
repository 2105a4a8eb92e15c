"""既知のグループ（日付つき）/ the 自治体クラウド groups known on a date.

A membership is evidence only from its date on (its start, or the date of the
source that names it); before that the knowledge base must not reveal it. The
knowledge base answers ``known_groups_on(as_of)`` and ``membership_on(code,
as_of)`` (engine/knowledge); this module only caches one date's answer as
code -> group for the partner model, which asks it for many codes.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass


@dataclass(frozen=True)
class Known:
    """A group as the partner model needs it."""

    name: str
    members: tuple[str, ...]
    since: dt.date | None


class KnownOnDate:
    """The groups known on one date, and each member's group."""

    def __init__(self, groups: list[Known]):
        self.groups = groups
        self.of = {code: group for group in groups for code in group.members}

    def group_of(self, code: str) -> Known | None:
        return self.of.get(code)


def _read(knowledge, as_of: dt.date) -> list[Known]:
    return [Known(g.name, tuple(g.members), g.since) for g in knowledge.known_groups_on(as_of)]


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def known_on(knowledge, as_of: dt.date) -> KnownOnDate:
    by_date = _CACHE.setdefault(knowledge, {})
    if as_of not in by_date:
        if len(by_date) > 64:
            by_date.clear()
        by_date[as_of] = KnownOnDate(sorted(_read(knowledge, as_of), key=lambda g: g.name))
    return by_date[as_of]
