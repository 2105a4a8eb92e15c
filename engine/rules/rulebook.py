"""Load the policy rules (rules/<family>/*.yaml) into immutable Rule records.

A rule file is untrusted input: it is read with the safe loader, checked
against RULE_FILE_SCHEMA, and then against the fact vocabulary and the
parameters (unknown names get a did-you-mean; a literal of the wrong type is an
error, because durable-rules would silently compare ``'10' < 5``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .conditions import All, AnyOf, Atom, Condition, Not, ORDERING, ParamRef, atoms
from ..errors import InputError
from .parameters import ParameterSet
from ..paths import RULES_DIR
from ..inputs.limits import MAX_ENGINE_ATOMS, MAX_IN_VALUES, engine_number_problem, limit_error
from ..inputs.validation import did_you_mean, validate, validate_cached
from .vocabulary import FactSpec, reserved_fact_name
from ..inputs.yamlio import Document, format_path, load_file

FAMILIES = {
    "bpr": {"ja": "業務改革・ノンカスタマイズ", "en": "business-process reform and non-customisation"},
    "grant": {"ja": "財政措置", "en": "financial support"},
    "group": {"ja": "グループ形成", "en": "group formation"},
    "plan": {"ja": "計画と見える化", "en": "planning and visibility"},
    "continuity": {"ja": "業務継続・セキュリティ", "en": "business continuity and security"},
    "standardisation": {"ja": "標準化・ガバメントクラウド（2021年以降）", "en": "standardisation and government cloud (from 2021)"},
}
GRANT_ITEMS = ("joint_planning", "consultant", "data_migration", "training")
GRANT_EFFECTS = ("not_applicable", "conditional", "little_benefit")

_TEXT = {"type": "object", "required": ["ja", "en"], "additionalProperties": False,
         "properties": {"ja": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# A source's date as precise as the source gives it: a day, a month, a year ("2013" for a journal
# dated only by year) or a fiscal year ("FY2020" for a call of 令和2年度); it counts from the end of
# that period (engine/knowledge/dates.py), and a memo shows it as given.
_SOURCE_DATE = {"anyOf": [_DATE, {"type": "string", "pattern": r"^(\d{4}(-(0[1-9]|1[0-2]))?|FY\d{4})$"}]}
_SCALAR = {"type": ["string", "number", "boolean"]}
_VALUE = {"oneOf": [_SCALAR, {"type": "object", "required": ["param"], "additionalProperties": False,
                               "properties": {"param": {"type": "string"}}}]}

_ATOM = {
    "type": "object",
    "required": ["fact"],
    "additionalProperties": False,
    "minProperties": 2,
    "maxProperties": 2,
    "properties": {
        "fact": {"type": "string"},
        **{op: _VALUE for op in ("eq", "ne", "lt", "le", "gt", "ge")},
        "in": {"oneOf": [{"type": "array", "items": _SCALAR, "minItems": 1, "maxItems": MAX_IN_VALUES}, _VALUE]},
        "not_in": {"oneOf": [{"type": "array", "items": _SCALAR, "minItems": 1, "maxItems": MAX_IN_VALUES}, _VALUE]},
        "exists": {"type": "boolean"},
    },
}
_CONDITION = {
    "oneOf": [
        _ATOM,
        {"type": "object", "required": ["all"], "additionalProperties": False,
         "properties": {"all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}}},
        {"type": "object", "required": ["any"], "additionalProperties": False,
         "properties": {"any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}}},
        {"type": "object", "required": ["not"], "additionalProperties": False,
         "properties": {"not": {"$ref": "#/$defs/condition"}}},
    ]
}

RULE_FILE_SCHEMA = {
    "$defs": {"condition": _CONDITION},
    "type": "object",
    "required": ["rules"],
    "additionalProperties": False,
    "properties": {
        "family": {"enum": list(FAMILIES)},
        "rules": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "title", "source", "effective", "when", "then"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"},
                    "family": {"enum": list(FAMILIES)},
                    "title": _TEXT,
                    "source": {
                        "type": "object",
                        "required": ["document", "section", "confidence"],
                        "additionalProperties": False,
                        "properties": {
                            "document": {"type": "string", "minLength": 1},
                            "section": {"type": "string", "minLength": 1},
                            "date": _SOURCE_DATE,
                            "confidence": {"enum": ["C", "P", "I", "U"]},
                            "url": {"type": "string"},
                            "note": {"type": "string"},
                            "valid_until": _DATE,
                        },
                    },
                    "effective": {
                        "type": "object",
                        "required": ["from"],
                        "additionalProperties": False,
                        "properties": {"from": _DATE, "to": {"oneOf": [_DATE, {"type": "null"}]}},
                    },
                    "priority": {"type": "integer"},
                    "overrides": {"type": "array", "items": {"type": "string"}},
                    "kind": {"enum": ["recommend", "warn", "note"]},
                    "when": {"$ref": "#/$defs/condition"},
                    "then": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {
                            "recommendation": _TEXT,
                            "derive": {"type": "object", "minProperties": 1,
                                       "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                                       "additionalProperties": {"const": True}},
                            "grant": {"enum": list(GRANT_ITEMS)},
                            # What this rule does to grant items it does not make eligible: not
                            # applicable (a ward), conditional (data migration), little benefit (不交付団体).
                            "grant_effect": {
                                "type": "object", "required": ["items", "effect", "note"], "additionalProperties": False,
                                "properties": {"items": {"type": "array", "minItems": 1, "uniqueItems": True,
                                                         "items": {"enum": list(GRANT_ITEMS)}},
                                               "effect": {"enum": list(GRANT_EFFECTS)},
                                               "note": _TEXT}},
                            # A request the head of the municipality can decide today (本日のお願い).
                            "decision": _TEXT,
                        },
                    },
                    "ask": {"type": "object", "additionalProperties": _TEXT},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    title: dict
    source: dict
    effective_from: dt.date
    effective_to: dt.date | None
    when: Condition
    recommendation: dict | None = None
    derive: tuple = ()
    grant: str | None = None
    grant_effect: dict | None = None
    decision: dict | None = None
    priority: int = 0
    overrides: tuple = ()
    kind: str = "recommend"
    ask: dict = field(default_factory=dict)
    file: str = ""
    line: int | None = None

    @property
    def judgement(self) -> bool:
        """Built on an inference or an unverified claim: the memo shows it as a judgement."""
        return self.source.get("confidence") in ("I", "U")

    def in_force(self, as_of: dt.date) -> bool:
        return self.effective_from <= as_of and (self.effective_to is None or as_of <= self.effective_to)

    def source_text(self) -> str:
        return f"{self.source['document']} {self.source['section']}".strip()


@dataclass(frozen=True)
class RuleBook:
    rules: tuple  # of Rule, in evaluation order (priority desc, then id)
    files: tuple  # of Path
    sha256: str
    derived_facts: frozenset

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


def _build_condition(raw: Any, path: tuple, doc: Document) -> Condition:
    label = format_path(path)
    if "all" in raw:
        return All(tuple(_build_condition(c, path + ("all", i), doc) for i, c in enumerate(raw["all"])), label)
    if "any" in raw:
        return AnyOf(tuple(_build_condition(c, path + ("any", i), doc) for i, c in enumerate(raw["any"])), label)
    if "not" in raw:
        return Not(_build_condition(raw["not"], path + ("not",), doc), label)
    op = next(k for k in raw if k != "fact")
    value = raw[op]
    if isinstance(value, dict):
        value = ParamRef(value["param"])
    elif isinstance(value, list):
        value = tuple(value)
    return Atom(raw["fact"], op, value, label, doc.line_of(path))


def _error(doc: Document, path: tuple, ja: str, en: str, rule_id: str | None = None) -> InputError:
    prefix_ja = f"ルール {rule_id}: " if rule_id else ""
    prefix_en = f"rule {rule_id}: " if rule_id else ""
    return InputError(prefix_ja + ja, prefix_en + en, file=doc.file, line=doc.line_of(path), field=format_path(path))


def _literal_fits(spec: FactSpec, value: Any) -> bool:
    return spec.accepts(value)


def _check_parameter_fits(param, spec: FactSpec, op: str, rule_id: str) -> None:
    """Every value a parameter takes over time can be compared with the fact (else exit 2, not a crash)."""
    for dated in param.values:
        items = dated.value if op in ("in", "not_in") and isinstance(dated.value, list) else [dated.value]
        for item in items:
            if item is None:
                continue
            numeric = spec.type in ("integer", "number")
            fits = (isinstance(item, (int, float)) and not isinstance(item, bool)) if numeric else spec.accepts(item)
            if not fits:
                raise InputError(
                    f"パラメータ `{param.name}` の値 {item!r} は、ルール {rule_id} で事実 `{spec.name}`（{spec.type} 型）と比べられません。",
                    f"parameter `{param.name}`: the value {item!r} cannot be compared with fact `{spec.name}` "
                    f"({spec.type}) in rule {rule_id}",
                    file=param.file, line=dated.line or param.line, field=param.name)


def _check_atoms(rule_raw: dict, when: Condition, path: tuple, doc: Document, vocab: dict[str, FactSpec],
                 params: ParameterSet, derived: set[str]) -> None:
    rule_id = rule_raw["id"]
    for atom, negated in atoms(when):
        if atom.fact in derived:
            # Derived facts are only ever set to true; testing them negatively would make the
            # two evaluators disagree (durable-rules cannot tell "not derived" from "unknown").
            if atom.op != "eq" or atom.value is not True or negated:
                raise InputError(
                    f"ルール {rule_id}: 導出事実 `{atom.fact}` は `eq: true` でのみ参照でき、not の中には置けません。",
                    f"rule {rule_id}: derived fact `{atom.fact}` may only be tested with `eq: true`, outside `not`",
                    file=doc.file, line=atom.line, field=atom.path)
            continue
        if atom.fact not in vocab:
            hint = did_you_mean(atom.fact, list(vocab) + sorted(derived))
            raise InputError(
                f"ルール {rule_id}: 未知の事実 `{atom.fact}` です。" + (f" `{hint}` の誤りではありませんか。" if hint else ""),
                f"rule {rule_id}: unknown fact `{atom.fact}`" + (f"; did you mean `{hint}`?" if hint else ""),
                file=doc.file, line=atom.line, field=atom.path)
        spec = vocab[atom.fact]
        if atom.op == "exists":
            continue
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        for value in values:
            if isinstance(value, ParamRef):
                if value.name not in params:
                    hint = did_you_mean(value.name, params.parameters)
                    raise InputError(
                        f"ルール {rule_id}: 未知のパラメータ `{value.name}` です。" + (f" `{hint}` の誤りではありませんか。" if hint else ""),
                        f"rule {rule_id}: unknown parameter `{value.name}`" + (f"; did you mean `{hint}`?" if hint else ""),
                        file=doc.file, line=atom.line, field=atom.path)
                _check_parameter_fits(params.get(value.name), spec, atom.op, rule_id)
                continue
            problem = engine_number_problem(value)
            if problem:
                raise InputError(f"ルール {rule_id}: " + problem[0], f"rule {rule_id}: " + problem[1],
                                 file=doc.file, line=atom.line, field=atom.path)
            if not _literal_fits(spec, value):
                allowed = f" (allowed: {', '.join(spec.enum)})" if spec.enum else ""
                raise InputError(
                    f"ルール {rule_id}: 事実 `{atom.fact}` は {spec.type} 型ですが、比較する値 {value!r} の型が合いません{allowed}。",
                    f"rule {rule_id}: fact `{atom.fact}` is {spec.type} but the value {value!r} is not{allowed}",
                    file=doc.file, line=atom.line, field=atom.path)
        if atom.op in ORDERING and spec.type not in ("integer", "number"):
            raise InputError(
                f"ルール {rule_id}: 大小比較 `{atom.op}` は数値の事実にだけ使えます（`{atom.fact}` は {spec.type}）。",
                f"rule {rule_id}: ordering `{atom.op}` needs a numeric fact (`{atom.fact}` is {spec.type})",
                file=doc.file, line=atom.line, field=atom.path)


def _check_engine_size(rules: list[Rule]) -> None:
    """Refuse a rule set durable-rules could not compile in bounded time (limits.MAX_ENGINE_ATOMS)."""
    seen: set = set()
    for rule in rules:
        for atom, negated in atoms(rule.when):
            values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            seen.update((atom.fact, atom.op, negated, repr(value)) for value in values)
        if len(seen) > MAX_ENGINE_ATOMS:
            raise limit_error(
                "MAX_ENGINE_ATOMS", MAX_ENGINE_ATOMS,
                f"ルール {rule.id} までで比較の数が {len(seen)} になり、ルールエンジンが扱える数を超えました。`in:` の値を減らしてください。",
                f"up to rule {rule.id} the rules hold {len(seen)} distinct comparisons, more than the rule engine "
                "can compile; use fewer `in:` values", file=rule.file, line=rule.line, field=rule.id)


def rule_files(directory: Path) -> list[Path]:
    """rules/<family>/*.yaml; the vocabulary and rule tests live elsewhere."""
    return sorted(p for p in directory.glob("*/*.yaml") if p.parent.name != "tests")


def ruleset_sha256(paths: list[Path]) -> str:
    """One hash over every rule, vocabulary and parameter file used (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}".encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_rulebook(vocab: dict[str, FactSpec], params: ParameterSet, directory: Path | None = None) -> RuleBook:
    directory = directory or RULES_DIR
    if not rule_files(directory):
        raise InputError("ルールファイル（<family>/*.yaml）が見つかりません。", "no rule files (<family>/*.yaml) found",
                         file=str(directory), field="--rules")
    docs, unchecked = [], []
    for path in rule_files(directory):
        label = str(path.relative_to(directory.parent)) if path.is_relative_to(directory.parent) else str(path)
        doc = load_file(path, label, cache=True)
        if validate_cached(doc, RULE_FILE_SCHEMA):
            unchecked.append(doc)
        docs.append(doc)
    try:
        return _assemble(directory, docs, vocab, params)
    except Exception:
        # Built from files the validation cache vouched for: if that fails, the schema's
        # own message is the one to give (a tampered cache must not turn bad input into a crash).
        for doc in unchecked:
            validate(doc, RULE_FILE_SCHEMA)
        raise


def _assemble(directory: Path, docs: list[Document], vocab: dict[str, FactSpec], params: ParameterSet) -> RuleBook:
    derived = set()
    for doc in docs:
        for index, raw in enumerate(doc.data["rules"]):
            for name in raw["then"].get("derive") or {}:
                path = ("rules", index, "then", "derive", name)
                if reserved_fact_name(name):
                    raise _error(doc, path, f"導出事実の名前 `{name}` はルールエンジンが使う名前なので使えません。",
                                 f"derived fact name `{name}` is reserved by the rule engine", raw.get("id"))
                if name in vocab:
                    raise _error(doc, path, f"導出事実 `{name}` は facts.yaml の事実と同じ名前です。",
                                 f"derived fact `{name}` clashes with a vocabulary fact", raw.get("id"))
                derived.add(name)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for doc in docs:
        file_family = doc.data.get("family")
        for index, raw in enumerate(doc.data["rules"]):
            path = ("rules", index)
            rid = raw["id"]
            if rid in seen:
                raise _error(doc, path + ("id",), f"id が {seen[rid]} と重複しています。", f"duplicate id (also in {seen[rid]})", rid)
            seen[rid] = doc.file
            family = raw.get("family", file_family)
            if family is None:
                raise _error(doc, path, "family がありません（ファイルかルールに書いてください）。", "missing family", rid)
            when = _build_condition(raw["when"], path + ("when",), doc)
            _check_atoms(raw, when, path + ("when",), doc, vocab, params, derived)
            effective = raw["effective"]
            start = dt.date.fromisoformat(effective["from"])
            end = dt.date.fromisoformat(effective["to"]) if effective.get("to") else None
            if end is not None and end < start:
                raise _error(doc, path + ("effective",), "effective の to が from より前です。", "effective.to is before effective.from", rid)
            then = raw["then"]
            rules.append(Rule(
                id=rid, family=family, title=raw["title"], source=raw["source"], effective_from=start,
                effective_to=end, when=when, recommendation=then.get("recommendation"),
                derive=tuple(sorted((then.get("derive") or {}))), grant=then.get("grant"),
                grant_effect=then.get("grant_effect"), decision=then.get("decision"),
                priority=raw.get("priority", 0), overrides=tuple(raw.get("overrides", ())),
                kind=raw.get("kind", "recommend"), ask=raw.get("ask", {}), file=doc.file, line=doc.line_of(path),
            ))
    ids = {r.id for r in rules}
    for rule in rules:
        for target in rule.overrides:
            if target not in ids:
                hint = did_you_mean(target, ids)
                raise InputError(f"ルール {rule.id}: overrides の `{target}` は存在しないルールです。" + (f" `{hint}` ?" if hint else ""),
                                 f"rule {rule.id}: overrides unknown rule `{target}`", file=rule.file, line=rule.line, field="overrides")
    _check_engine_size(rules)
    rules.sort(key=lambda r: (-r.priority, r.id))
    vocabulary_file = directory / "facts.yaml" if (directory / "facts.yaml").exists() else RULES_DIR / "facts.yaml"
    files = tuple(rule_files(directory)) + (vocabulary_file,) + tuple(params.files)
    return RuleBook(rules=tuple(rules), files=files, sha256=ruleset_sha256(list(files)), derived_facts=frozenset(derived))
