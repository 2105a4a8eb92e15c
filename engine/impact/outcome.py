"""The comparable outcome of one piece of advice, and the difference between two.

An ``Outcome`` keeps what an advisor or a rule author compares: each rule's
status (fired, not fired, undetermined, inactive), the firing order, the asks
(the recommendations the memo puts to the mayor, one per rule), the questions
still open (each missing fact with the rules waiting on it) and each grant
item's eligibility and amount in yen. It is what the advice log stores as a
record's summary, what `advise log replay` recomputes, and what
`advise rules impact` computes under the baseline and the reform.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.trace import FIRED, UNDETERMINED

ABSENT = "absent"  # the rule is not in this rule base at all


@dataclass(frozen=True)
class Outcome:
    statuses: dict            # rule id -> fired | not_fired | undetermined | inactive
    fired: tuple              # rule ids in firing order
    asks: tuple               # recommendation ids (the rule behind each), in the advice's order
    questions: dict           # missing fact -> rule ids waiting on it (sorted)
    grants: dict              # item -> {"eligible": bool | None, "amount_yen": int | None}

    def as_json(self) -> dict:
        return {"statuses": dict(self.statuses), "fired": list(self.fired), "asks": list(self.asks),
                "questions": {fact: list(rules) for fact, rules in self.questions.items()},
                "grants": {item: dict(value) for item, value in self.grants.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        return cls(statuses=dict(data["statuses"]), fired=tuple(data["fired"]), asks=tuple(data["asks"]),
                   questions={fact: tuple(rules) for fact, rules in data["questions"].items()},
                   grants={item: dict(value) for item, value in data["grants"].items()})

    def granted_yen(self, item: str) -> int:
        """The amount counted in totals: only an item that is eligible (not undetermined)."""
        grant = self.grants.get(item) or {}
        return int(grant.get("amount_yen") or 0) if grant.get("eligible") is True else 0


def outcome_of(advice) -> Outcome:
    """The outcome of an ``engine.advice.Advice``."""
    trace = advice.trace
    questions: dict[str, list[str]] = {}
    for outcome in trace.outcomes:
        if outcome.status == UNDETERMINED:
            for fact in outcome.missing:
                questions.setdefault(fact, []).append(outcome.rule_id)
    return Outcome(
        statuses={o.rule_id: o.status for o in trace.outcomes},
        fired=tuple(trace.firing_order),
        asks=tuple(r.id for r in advice.recommendations),
        questions={fact: tuple(sorted(rules)) for fact, rules in sorted(questions.items())},
        grants={g.item: {"eligible": g.eligible, "amount_yen": g.amount_yen} for g in advice.grants},
    )


@dataclass(frozen=True)
class GrantChange:
    item: str
    eligible_before: bool | None
    eligible_after: bool | None
    yen_before: int | None
    yen_after: int | None
    counted_change: int       # granted_yen after − before (eligible amounts only)

    def as_json(self) -> dict:
        return {"item": self.item, "eligible_before": self.eligible_before, "eligible_after": self.eligible_after,
                "yen_before": self.yen_before, "yen_after": self.yen_after, "change_yen": self.counted_change}


@dataclass(frozen=True)
class Change:
    """What differs between two outcomes of the same profile (empty when nothing does)."""

    status_changes: tuple = ()     # (rule id, before, after) for every rule whose status differs
    asks_added: tuple = ()
    asks_removed: tuple = ()
    questions_added: tuple = ()    # facts newly asked
    questions_removed: tuple = ()  # facts no longer asked
    grants: tuple = field(default_factory=tuple)  # of GrantChange

    @property
    def now_fire(self) -> tuple:
        return tuple(rule for rule, before, after in self.status_changes if after == FIRED)

    @property
    def no_longer_fire(self) -> tuple:
        return tuple(rule for rule, before, after in self.status_changes if before == FIRED)

    @property
    def other_status_changes(self) -> tuple:
        return tuple(c for c in self.status_changes if FIRED not in (c[1], c[2]))

    @property
    def yen_change(self) -> int:
        return sum(g.counted_change for g in self.grants)

    def __bool__(self) -> bool:
        return bool(self.status_changes or self.asks_added or self.asks_removed or self.questions_added
                    or self.questions_removed or self.grants)

    def as_json(self) -> dict:
        return {
            "now_fire": list(self.now_fire), "no_longer_fire": list(self.no_longer_fire),
            "status_changes": [{"rule": r, "before": b, "after": a} for r, b, a in self.status_changes],
            "asks_added": list(self.asks_added), "asks_removed": list(self.asks_removed),
            "questions_added": list(self.questions_added), "questions_removed": list(self.questions_removed),
            "grants": [g.as_json() for g in self.grants], "change_yen": self.yen_change,
        }


def compare(before: Outcome, after: Outcome) -> Change:
    """The difference from ``before`` to ``after``; rules are listed in ``before``'s order, then new ones."""
    rule_ids = list(before.statuses) + [r for r in after.statuses if r not in before.statuses]
    statuses = tuple((rule, before.statuses.get(rule, ABSENT), after.statuses.get(rule, ABSENT))
                     for rule in rule_ids
                     if before.statuses.get(rule, ABSENT) != after.statuses.get(rule, ABSENT))
    grants = []
    for item in list(before.grants) + [i for i in after.grants if i not in before.grants]:
        old, new = before.grants.get(item) or {}, after.grants.get(item) or {}
        if old.get("eligible") != new.get("eligible") or old.get("amount_yen") != new.get("amount_yen"):
            grants.append(GrantChange(item, old.get("eligible"), new.get("eligible"), old.get("amount_yen"),
                                      new.get("amount_yen"), after.granted_yen(item) - before.granted_yen(item)))
    return Change(
        status_changes=statuses,
        asks_added=tuple(a for a in after.asks if a not in before.asks),
        asks_removed=tuple(a for a in before.asks if a not in after.asks),
        questions_added=tuple(f for f in after.questions if f not in before.questions),
        questions_removed=tuple(f for f in before.questions if f not in after.questions),
        grants=tuple(grants),
    )
