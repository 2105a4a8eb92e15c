"""A logged profile advised again under today's rules, and compared with the record.

The recorded profile text is read again and advised on the recorded ``as_of``
with the rules, parameters and knowledge installed now (or given). The outcome
(rule statuses, asks, questions, grants) is compared with the recorded summary;
the facts are compared too, since new data (a census, a known group) can change
the advice as much as a rule edit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..impact.outcome import Change, Outcome, compare, outcome_of


@dataclass(frozen=True)
class Replay:
    seq: int
    code: str
    as_of: str
    recorded_ruleset: str
    ruleset: str
    recorded_parameters: str
    parameters: str
    change: Change
    facts: tuple                # (fact, recorded value, value now) for each fact that differs

    @property
    def same(self) -> bool:
        return not self.change

    def as_json(self) -> dict:
        return {"id": self.seq, "code": self.code, "as_of": self.as_of, "same": self.same,
                "ruleset": {"recorded": self.recorded_ruleset, "now": self.ruleset},
                "parameters": {"recorded": self.recorded_parameters, "now": self.parameters},
                "differences": self.change.as_json(),
                "facts": [{"fact": f, "recorded": a, "now": b} for f, a, b in self.facts]}


def replay(record: dict, advisor) -> Replay:
    """Advise the record's profile again with ``advisor`` (bad input raises InputError)."""
    from ..documents.audit import audit_record
    from ..inputs.yamlio import parse_text
    from ..profile.loader import parse_profile
    from .record import parameters_sha256
    label = f"log #{record['seq']} ({record['source']})"
    profile = parse_profile(parse_text(record["profile_text"], label), advisor.knowledge,
                            dt.date.fromisoformat(record["as_of"]))
    advice = advisor.advise(profile, partners=False)
    change = compare(Outcome.from_json(json.loads(record["summary"])), outcome_of(advice))
    recorded_facts = {name: entry["value"] for name, entry in json.loads(record["audit"])["facts"].items()}
    facts_now = {name: entry["value"] for name, entry in audit_record(advice, advisor)["facts"].items()}
    facts = tuple((name, recorded_facts.get(name), facts_now.get(name))
                  for name in sorted(set(recorded_facts) | set(facts_now))
                  if recorded_facts.get(name) != facts_now.get(name))
    return Replay(seq=record["seq"], code=record["code"], as_of=record["as_of"],
                  recorded_ruleset=record["ruleset_sha256"], ruleset=advice.book.sha256,
                  recorded_parameters=record["parameters_sha256"], parameters=parameters_sha256(advisor.parameters),
                  change=change, facts=facts)
