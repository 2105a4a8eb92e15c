"""The audit record: one small immutable trace of an evaluation (cf. dmn-scala's
Audit and OpenFisca's TraceNode). The JSON advice, the terminal audit and the
memo's appendix are all views of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .conditions import AtomResult

FIRED, NOT_FIRED, UNDETERMINED, INACTIVE = "fired", "not_fired", "undetermined", "inactive"


@dataclass(frozen=True)
class RuleOutcome:
    rule_id: str
    family: str
    status: str                      # fired | not_fired | undetermined | inactive
    atoms: tuple[AtomResult, ...]    # the atoms responsible for the status
    round: int | None = None         # chaining round in which it fired
    order: int | None = None         # position in the firing order
    reason: str = ""                 # why a rule is inactive (not in force on as_of)

    @property
    def matched(self) -> dict[str, Any]:
        """What a fired rule saw: fact -> value."""
        return {a.fact: a.actual for a in self.atoms if a.known}

    @property
    def failed(self) -> tuple[AtomResult, ...]:
        # Under `not`, an atom that held is what made the rule fail.
        return tuple(a for a in self.atoms if a.holds is not None and a.holds == a.negated)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.fact for a in self.atoms if a.holds is None))


@dataclass(frozen=True)
class ParameterUse:
    name: str
    value: Any
    valid_from: dt.date | None
    confidence: str


@dataclass(frozen=True)
class Trace:
    as_of: dt.date
    outcomes: tuple[RuleOutcome, ...]          # in rule-book order
    firing_order: tuple[str, ...]
    derived: tuple[tuple[str, str], ...]       # (derived fact, rule that set it first)
    parameters: tuple[ParameterUse, ...]
    engine_fired: tuple[str, ...] = ()         # what durable-rules fired (sorted), for the cross-check

    def by_status(self, status: str) -> list[RuleOutcome]:
        return [o for o in self.outcomes if o.status == status]

    def outcome(self, rule_id: str) -> RuleOutcome:
        return next(o for o in self.outcomes if o.rule_id == rule_id)

    @property
    def fired_ids(self) -> frozenset:
        return frozenset(o.rule_id for o in self.outcomes if o.status == FIRED)
