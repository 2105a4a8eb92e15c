"""Tests beside the rules (OpenFisca style): rules/<family>/tests/*.yaml.

Each case has a sentence-like name, an ``as_of``, either ``facts`` (the flat
facts the rules see) or ``profile`` (a profile, turned into facts by
engine/profile/facts.py with the knowledge base), and ``expect``: rule id -> fired /
not_fired / undetermined / inactive. A case file is untrusted input like a rule
file: safe loader, schema, unknown rule ids and fact names named with file and
line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .evaluator import evaluate_rules
from ..profile.facts import build_facts
from ..paths import RULES_DIR
from ..profile.loader import parse_profile
from .trace import FIRED, INACTIVE, NOT_FIRED, UNDETERMINED, Trace
from ..inputs.validation import did_you_mean, validate
from ..inputs.yamlio import Document, load_file

STATUSES = (FIRED, NOT_FIRED, UNDETERMINED, INACTIVE)
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

TEST_FILE_SCHEMA = {
    "type": "object",
    "required": ["cases"],
    "additionalProperties": False,
    "properties": {
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "as_of", "expect"],
                "additionalProperties": False,
                "oneOf": [{"required": ["facts"]}, {"required": ["profile"]}],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "as_of": _DATE,
                    "facts": {"type": "object"},
                    "profile": {"type": "object"},
                    "expect": {"type": "object", "minProperties": 1,
                               "additionalProperties": {"enum": list(STATUSES)}},
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    line: int | None
    as_of: dt.date
    expect: dict            # rule id -> status
    facts: dict | None = None
    profile: Document | None = None

    @property
    def label(self) -> str:
        return f"{self.file}:{self.line} {self.name}"


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple         # of str: "rule: expected X, got Y (why)"

    @property
    def passed(self) -> bool:
        return not self.failures


def test_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or RULES_DIR).glob("*/tests/*.yaml"))


def _label(path: Path, directory: Path) -> str:
    return str(path.relative_to(directory.parent)) if path.is_relative_to(directory.parent) else str(path)


def load_cases(directory: Path | None = None) -> list[Case]:
    directory = directory or RULES_DIR
    cases = []
    for path in test_files(directory):
        doc = load_file(path, _label(path, directory))
        validate(doc, TEST_FILE_SCHEMA)
        for index, raw in enumerate(doc.data["cases"]):
            where = ("cases", index)
            profile = None
            if "profile" in raw:
                sub = where + ("profile",)
                profile = Document(data=raw["profile"], file=doc.file, text=doc.text,
                                   lines={k[len(sub):]: v for k, v in doc.lines.items() if k[:len(sub)] == sub})
            cases.append(Case(name=raw["name"], file=doc.file, line=doc.line_of(where),
                              as_of=dt.date.fromisoformat(raw["as_of"]), expect=dict(raw["expect"]),
                              facts=raw.get("facts"), profile=profile))
    return cases


def case_facts(advisor, case: Case) -> dict[str, Any]:
    """The facts a case gives the rules, checked against the vocabulary."""
    if case.profile is not None:
        profile = parse_profile(case.profile, advisor.knowledge, case.as_of)
        return build_facts(profile, advisor.knowledge).values
    for name, value in case.facts.items():
        spec = advisor.vocabulary.get(name)
        if spec is None and name in advisor.book.derived_facts:
            if value is not True:
                raise InputError(f"ケース「{case.name}」: 導出事実 `{name}` は true しか与えられません。",
                                 f"case {case.name!r}: derived fact `{name}` can only be given as true",
                                 file=case.file, line=case.line, field=f"facts.{name}")
            continue
        if spec is None:
            hint = did_you_mean(name, list(advisor.vocabulary) + sorted(advisor.book.derived_facts))
            raise InputError(f"ケース「{case.name}」: 未知の事実 `{name}` です。" + (f" `{hint}` ?" if hint else ""),
                             f"case {case.name!r}: unknown fact `{name}`" + (f"; did you mean `{hint}`?" if hint else ""),
                             file=case.file, line=case.line, field=f"facts.{name}")
        if not spec.accepts(value):
            raise InputError(f"ケース「{case.name}」: 事実 `{name}` の値 {value!r} は {spec.type} 型ではありません。",
                             f"case {case.name!r}: fact `{name}` value {value!r} is not {spec.type}",
                             file=case.file, line=case.line, field=f"facts.{name}")
    return dict(case.facts)


def _why(trace: Trace, rule_id: str) -> str:
    outcome = trace.outcome(rule_id)
    if outcome.status == INACTIVE:
        return outcome.reason
    return "; ".join(a.describe() for a in outcome.atoms)


def run_case(advisor, case: Case) -> CaseResult:
    known = advisor.book.by_id()
    for rule_id in case.expect:
        if rule_id not in known:
            hint = did_you_mean(rule_id, known)
            raise InputError(f"ケース「{case.name}」: 未知のルール `{rule_id}` です。" + (f" `{hint}` ?" if hint else ""),
                             f"case {case.name!r}: unknown rule `{rule_id}`" + (f"; did you mean `{hint}`?" if hint else ""),
                             file=case.file, line=case.line, field=f"expect.{rule_id}")
    trace = evaluate_rules(advisor.book, advisor.parameters, case_facts(advisor, case), case.as_of)
    failures = []
    for rule_id, wanted in case.expect.items():
        got = trace.outcome(rule_id).status
        if got != wanted:
            failures.append(f"{rule_id}: expected {wanted}, got {got} ({_why(trace, rule_id)})")
    return CaseResult(case, tuple(failures))


def run_all(advisor, directory: Path | None = None) -> list[CaseResult]:
    return [run_case(advisor, case) for case in load_cases(directory)]


def expectations_by_rule(cases: list[Case]) -> dict[str, set[str]]:
    """rule id -> the statuses some case expects of it (for the lint "rule without a test")."""
    out: dict[str, set[str]] = {}
    for case in cases:
        for rule_id, status in case.expect.items():
            out.setdefault(rule_id, set()).add(status)
    return out
