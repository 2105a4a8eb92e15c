"""From a profile to advice: facts, rules (both evaluators), grants, partners.

``Advisor`` loads the knowledge base, vocabulary, parameters and rules once;
``Advisor.advise(profile)`` returns an ``Advice`` that every output format
(JSON, memo, audit) renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rules import durable_adapter
from .rules.evaluator import active_rules, evaluate_rules
from .profile.facts import FactSet, build_facts
from .grants import GrantEstimate, estimate_grants
from .knowledge.base import KnowledgeBase, load_knowledge
from .rules.parameters import ParameterSet, load_parameters
from .profile.loader import Profile, load_profile
from .rules.rulebook import Rule, RuleBook, load_rulebook
from .rules.trace import FIRED, Trace
from .rules.vocabulary import FactSpec, default_vocabulary
from .documents.values import fill, show

TOOL_VERSION = "0.1.0"


class EngineDisagreement(RuntimeError):
    """durable-rules and the pure evaluator fired different rules: a defect, not bad input."""


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: dict            # {"ja":…, "en":…}
    rules: tuple          # rule ids behind it
    family: str
    kind: str
    judgement: bool       # inferred rather than stated by a source
    sources: tuple        # source texts of those rules

    def as_json(self, lang: str) -> dict:
        return {"id": self.id, "text": self.text[lang], "rules": list(self.rules), "family": self.family,
                "kind": self.kind, "judgement": self.judgement, "sources": list(self.sources)}


@dataclass
class Advice:
    profile: Profile
    facts: FactSet
    book: RuleBook
    trace: Trace
    recommendations: list[Recommendation]
    grants: list[GrantEstimate]
    partners: list = field(default_factory=list)
    proposed_group: dict | None = None
    extras: dict = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        return self.trace.as_of


def format_value(value: Any) -> str:
    """A value with no unit known (kept for callers outside the rule texts)."""
    return show(value, "", "ja")


class Advisor:
    """Everything loaded once per process: knowledge, vocabulary, parameters, rules."""

    def __init__(self, parameter_files: list[Path] | None = None, rules_dir: Path | None = None,
                 knowledge: KnowledgeBase | None = None):
        self.knowledge = knowledge or load_knowledge()
        # Kept so the audit's reproduce line can name them (engine/documents/audit.py).
        self.parameter_files = tuple(str(p) for p in parameter_files or ())
        self.rules_dir = str(rules_dir) if rules_dir else None
        self.vocabulary: dict[str, FactSpec] = default_vocabulary()
        self.parameters: ParameterSet = load_parameters(parameter_files)
        self.book: RuleBook = load_rulebook(self.vocabulary, self.parameters, rules_dir)

    def load(self, source: str, as_of: dt.date | None = None) -> Profile:
        return load_profile(source, self.knowledge, as_of)

    def evaluate(self, facts: dict[str, Any], as_of: dt.date, cross_check: bool = True) -> Trace:
        """Both evaluators; their fired sets must agree.

        ``cross_check=False`` runs the pure evaluator alone (the reference the rule tests
        use): for comparing whole rule bases over every municipality (`rules impact`).
        """
        trace = evaluate_rules(self.book, self.parameters, facts, as_of)
        if not cross_check:
            return trace
        active, _, param_values = active_rules(self.book, self.parameters, as_of)
        engine_fired = durable_adapter.fire(self.book, active, param_values, facts, self.vocabulary)
        if set(engine_fired) != trace.fired_ids:
            raise EngineDisagreement(
                f"durable-rules fired {sorted(engine_fired)}, the evaluator {sorted(trace.fired_ids)}")
        return Trace(as_of=trace.as_of, outcomes=trace.outcomes, firing_order=trace.firing_order,
                     derived=trace.derived, parameters=trace.parameters, engine_fired=tuple(sorted(engine_fired)))

    def advise(self, profile: Profile, *, partners: bool = True, cross_check: bool = True) -> Advice:
        """``partners=False`` leaves out the partner search (rules, asks and grants only)."""
        facts = build_facts(profile, self.knowledge)
        trace = self.evaluate(facts.values, profile.as_of, cross_check)
        recommendations = self._recommendations(trace, facts.values, facts.fiscal_year)
        grants = estimate_grants(self.book, trace, self.parameters, facts.values, facts.fiscal_year)
        advice = Advice(profile=profile, facts=facts, book=self.book, trace=trace,
                        recommendations=recommendations, grants=grants)
        if partners:
            self._add_partners(advice)
        return advice

    def _recommendations(self, trace: Trace, facts: dict[str, Any],
                         fiscal_year: int | None = None) -> list[Recommendation]:
        rules = self.book.by_id()
        fired = [rules[o.rule_id] for o in trace.outcomes if o.status == FIRED]
        suppressed = {target for rule in fired for target in rule.overrides}
        # Texts may show any parameter in force, not only those the conditions used.
        params = {name: value for name in self.parameters.parameters
                  if (value := self.parameters.value(name, trace.as_of)) is not None}
        params.update({p.name: p.value for p in trace.parameters})
        units = {name: spec.unit for name, spec in self.vocabulary.items()}
        units.update({name: p.unit for name, p in self.parameters.parameters.items()})
        # The 財政力指数 is shown with the fiscal year it is for (when it comes from the knowledge base).
        notes = {"fiscal_strength_index": {"ja": f"（{fiscal_year}年度）", "en": f" (FY{fiscal_year})"}} \
            if fiscal_year else {}
        out = []
        for rule in fired:
            if rule.recommendation is None or rule.id in suppressed:
                continue
            text = {lang: fill(rule.recommendation[lang], facts, params, lang, units, notes) for lang in ("ja", "en")}
            out.append(Recommendation(id=rule.id, text=text, rules=(rule.id,), family=rule.family, kind=rule.kind,
                                      judgement=rule.judgement, sources=(rule.source_text(),)))
        return out

    def _add_partners(self, advice: Advice) -> None:
        from .groups import partners  # imported here: partners imports this module's types
        partners.attach(self, advice)


def question_for(fact: str, rule: Rule, vocab: dict[str, FactSpec], lang: str) -> str:
    if fact in rule.ask:
        return rule.ask[fact][lang]
    spec = vocab.get(fact)
    if spec is not None:
        return spec.question[lang]
    from .rules.vocabulary import default_derived_descriptions
    described = default_derived_descriptions().get(fact)
    if described is not None:  # a derived fact: the questions about the facts it follows from settle it
        return {"ja": f"「{described['ja']}」かどうかは、ほかの確認事項への回答で決まります。",
                "en": f"Whether {described['en']} follows from the answers to the other questions."}[lang]
    return {"ja": "判断に必要な情報を確認してください。", "en": "Find out what settles this rule."}[lang]
