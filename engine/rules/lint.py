"""`advise rules lint`: policy-aware static checks of the rule files.

The loader (engine/rules/rulebook.py) stops at the first problem, which is right for
the advise path; lint reports every finding. Each lint is one small class with
a ``code`` and ``check(context)`` (cf. zen's policy/linter), all behind
``run_lints``. A finding names the file, the line and the rule id.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .conditions import ORDERING
from ..errors import InputError
from .parameters import ParameterSet
from ..paths import RULES_DIR
from .rule_tests import TEST_FILE_SCHEMA, test_files
from .rulebook import RULE_FILE_SCHEMA, rule_files
from ..inputs.validation import _describe, _validator, did_you_mean
from .vocabulary import FactSpec
from ..inputs.yamlio import Document, format_path, parse_text, read_text

ERROR, WARNING = "error", "warning"
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_.]*))?\}")
_OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists")

# The rule schema without `when`: conditions are checked by ConditionShape, whose
# messages are clearer than jsonschema's "not valid under any of the given schemas".
_SHAPE_FREE_SCHEMA = copy.deepcopy(RULE_FILE_SCHEMA)
_SHAPE_FREE_SCHEMA["properties"]["rules"]["items"]["properties"]["when"] = {}
_SHAPE_FREE_SCHEMA["properties"]["rules"]["items"]["properties"]["source"]["properties"]["document"].pop("minLength")
_SHAPE_FREE_SCHEMA["properties"]["rules"]["items"]["properties"]["source"]["properties"]["section"].pop("minLength")


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    file: str
    line: int | None
    rule_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        rule = f" {self.rule_id}:" if self.rule_id else ""
        return f"{where}: {self.severity} [{self.code}]{rule} {self.message}"


@dataclass
class RuleEntry:
    """One rule as written, with where it is."""

    raw: dict
    doc: Document
    index: int

    @property
    def id(self) -> str | None:
        return self.raw.get("id") if isinstance(self.raw.get("id"), str) else None

    def path(self, *parts) -> tuple:
        return ("rules", self.index) + parts

    def line(self, *parts) -> int | None:
        return self.doc.line_of(self.path(*parts))


@dataclass
class LintContext:
    directory: Path
    vocab: dict[str, FactSpec]
    params: ParameterSet
    as_of: dt.date | None
    docs: list[Document] = field(default_factory=list)
    duplicate_keys: list[tuple[Document, str, int]] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)
    rules: list[RuleEntry] = field(default_factory=list)
    derived: set[str] = field(default_factory=set)
    expectations: dict[str, set[str]] = field(default_factory=dict)

    def finding(self, code: str, entry: RuleEntry | None, line: int | None, message: str,
                severity: str = ERROR, file: str | None = None) -> Finding:
        return Finding(severity, code, file or (entry.doc.file if entry else str(self.directory)), line,
                       entry.id if entry else None, message)


# --- reading: every duplicate key, not only the first -----------------------

def _compose(text: str, file: str) -> tuple[Document, list[tuple[str, int]]]:
    """The safe reading of engine/inputs/yamlio (aliases, depth, size bounded), keeping every duplicate."""
    dups: list[tuple[str, int]] = []
    return parse_text(text, file, duplicates=dups), dups


def _label(path: Path, directory: Path) -> str:
    return str(path.relative_to(directory.parent)) if path.is_relative_to(directory.parent) else str(path)


def build_context(directory: Path, vocab: dict[str, FactSpec], params: ParameterSet,
                  as_of: dt.date | None = None) -> LintContext:
    ctx = LintContext(directory=directory, vocab=vocab, params=params, as_of=as_of)
    for path in rule_files(directory):
        label = _label(path, directory)
        try:
            doc, dups = _compose(read_text(path, label), label)
        except InputError as exc:
            ctx.unreadable.append(Finding(ERROR, "yaml", label, exc.line, None, exc.message_en or exc.message_ja))
            continue
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            ctx.unreadable.append(Finding(ERROR, "yaml", label, mark.line + 1 if mark else None, None,
                                          f"malformed YAML: {(exc.problem or str(exc)).strip()}"))
            continue
        ctx.docs.append(doc)
        ctx.duplicate_keys.extend((doc, key, line) for key, line in dups)
        rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
        for index, raw in enumerate(rules if isinstance(rules, list) else []):
            if isinstance(raw, dict):
                ctx.rules.append(RuleEntry(raw, doc, index))
    for entry in ctx.rules:
        then = entry.raw.get("then")
        if isinstance(then, dict) and isinstance(then.get("derive"), dict):
            ctx.derived.update(then["derive"])
    ctx.expectations = _expectations(directory, ctx)
    return ctx


def _expectations(directory: Path, ctx: LintContext) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in test_files(directory):
        label = _label(path, directory)
        try:
            doc, dups = _compose(read_text(path, label), label)
        except (InputError, yaml.YAMLError) as exc:
            ctx.unreadable.append(Finding(ERROR, "yaml", label, getattr(exc, "line", None), None, str(exc)))
            continue
        ctx.duplicate_keys.extend((doc, key, line) for key, line in dups)
        errors = list(_validator(TEST_FILE_SCHEMA).iter_errors(doc.data))
        for error in errors:
            where = tuple(error.absolute_path)
            ctx.unreadable.append(Finding(ERROR, "test-schema", label, doc.line_of(where), None,
                                          f"{format_path(where) or '(file)'}: {error.message}"))
        if errors:
            continue
        for case in doc.data["cases"]:
            for rule_id, status in case["expect"].items():
                out.setdefault(rule_id, set()).add(status)
    return out


# --- walking conditions as written --------------------------------------------

def iter_atoms(node: Any, path: tuple, negated: bool = False) -> Iterator[tuple[dict, tuple, bool]]:
    if not isinstance(node, dict):
        return
    if "fact" in node:
        yield node, path, negated
        return
    for key in ("all", "any"):
        if isinstance(node.get(key), list):
            for index, child in enumerate(node[key]):
                yield from iter_atoms(child, path + (key, index), negated)
    if "not" in node:
        yield from iter_atoms(node["not"], path + ("not",), not negated)


def iter_groups(node: Any, path: tuple) -> Iterator[tuple[str, Any, tuple]]:
    """Every all/any/not node: (kind, children, path)."""
    if not isinstance(node, dict) or "fact" in node:
        return
    for key in ("all", "any"):
        if key in node:
            yield key, node[key], path
            for index, child in enumerate(node[key] if isinstance(node[key], list) else []):
                yield from iter_groups(child, path + (key, index))
    if "not" in node:
        yield "not", node["not"], path
        yield from iter_groups(node["not"], path + ("not",))


def _operator(atom: dict) -> tuple[str | None, Any]:
    ops = [k for k in atom if k in _OPERATORS]
    return (ops[0], atom[ops[0]]) if len(ops) == 1 else (None, None)


# --- the lints ----------------------------------------------------------------

class Unreadable:
    code = "yaml"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        return list(ctx.unreadable)


class DuplicateKeys:
    code = "duplicate-key"

    def check(self, ctx):
        for doc, key, line in ctx.duplicate_keys:
            entries = [r for r in ctx.rules if r.doc is doc and (r.line() or 0) <= line]
            entry = entries[-1] if entries else None
            yield ctx.finding(self.code, entry, line, f"duplicate key `{key}` (the later value silently wins)",
                              file=doc.file)


class Schema:
    code = "schema"

    def check(self, ctx):
        for doc in ctx.docs:
            for error in _validator(_SHAPE_FREE_SCHEMA).iter_errors(doc.data):
                where = tuple(error.absolute_path)
                if _missing_source_part(error, where):
                    continue  # MissingSource says it better
                message = error.message
                if len(where) >= 3 and where[2] == "source":
                    # A source's other faults (a date that does not parse, an unknown confidence) would
                    # stop `advise` on this file: lint says so in the loader's own words.
                    while error.context:
                        error = max(error.context, key=lambda e: len(e.absolute_path))
                    message = _describe(error)[1]
                entry = _entry_at(ctx, doc, where)
                yield ctx.finding(self.code, entry, doc.line_of(where),
                                  f"{format_path(where) or '(file)'}: {message}", file=doc.file)


_SOURCE_KEYS_CHECKED = ("document", "section", "confidence")


def _missing_source_part(error, where: tuple) -> bool:
    """True for a schema error MissingSource reports itself: no source, or a missing or empty
    document, section or confidence."""
    if error.validator == "required" and "'source'" in error.message:
        return True
    if len(where) < 3 or where[2] != "source":
        return False
    if error.validator == "required" and len(where) == 3:
        return True
    if len(where) == 4 and where[3] in _SOURCE_KEYS_CHECKED:
        return not isinstance(error.instance, str) or not error.instance.strip()
    return len(where) == 3 and error.validator == "type"


def _entry_at(ctx: LintContext, doc: Document, where: tuple) -> RuleEntry | None:
    if len(where) >= 2 and where[0] == "rules":
        return next((r for r in ctx.rules if r.doc is doc and r.index == where[1]), None)
    return None


class DuplicateIds:
    code = "duplicate-id"

    def check(self, ctx):
        seen: dict[str, RuleEntry] = {}
        for entry in ctx.rules:
            if entry.id is None:
                continue
            if entry.id in seen:
                first = seen[entry.id]
                yield ctx.finding(self.code, entry, entry.line("id"),
                                  f"duplicate rule id (first at {first.doc.file}:{first.line('id')})")
            else:
                seen[entry.id] = entry


class MissingSource:
    code = "source"

    def check(self, ctx):
        for entry in ctx.rules:
            source = entry.raw.get("source")
            if not isinstance(source, dict) or not source:
                yield ctx.finding(self.code, entry, entry.line(), "missing or empty `source` (document, section, confidence)")
                continue
            for key in ("document", "section", "confidence"):
                value = source.get(key)
                if not isinstance(value, str) or not value.strip():
                    yield ctx.finding(self.code, entry, entry.line("source", key) if key in source else entry.line("source"),
                                      f"`source.{key}` is missing or empty")


class ConditionShape:
    code = "condition"

    def check(self, ctx):
        for entry in ctx.rules:
            if "when" in entry.raw:
                yield from self._node(ctx, entry, entry.raw["when"], ("when",))

    def _node(self, ctx, entry, node, path):
        line = entry.line(*path)
        if not isinstance(node, dict):
            yield ctx.finding(self.code, entry, line, f"{format_path(path)}: a condition must be a mapping")
            return
        kinds = [k for k in ("all", "any", "not", "fact") if k in node]
        if len(kinds) != 1:
            yield ctx.finding(self.code, entry, line,
                              f"{format_path(path)}: a condition needs exactly one of all / any / not / fact")
            return
        kind = kinds[0]
        if kind in ("all", "any"):
            children = node[kind]
            if not isinstance(children, list) or not children:
                yield ctx.finding("empty-group", entry, line, f"{format_path(path)}: empty `{kind}`")
                return
            for index, child in enumerate(children):
                yield from self._node(ctx, entry, child, path + (kind, index))
        elif kind == "not":
            yield from self._node(ctx, entry, node["not"], path + ("not",))
        else:
            extra = [k for k in node if k != "fact" and k not in _OPERATORS]
            ops = [k for k in node if k in _OPERATORS]
            if extra or len(ops) != 1:
                hint = did_you_mean(extra[0], _OPERATORS) if extra else None
                yield ctx.finding(self.code, entry, line,
                                  f"{format_path(path)}: an atom needs `fact` and exactly one operator of "
                                  f"{', '.join(_OPERATORS)}" + (f" (`{extra[0]}`: did you mean `{hint}`?)" if hint else ""))


class UnknownNames:
    code = "unknown-name"

    def check(self, ctx):
        names = list(ctx.vocab) + sorted(ctx.derived)
        for entry in ctx.rules:
            for atom, path, _ in iter_atoms(entry.raw.get("when"), ("when",)):
                fact = atom.get("fact")
                if isinstance(fact, str) and fact not in ctx.vocab and fact not in ctx.derived:
                    hint = did_you_mean(fact, names)
                    yield ctx.finding(self.code, entry, entry.line(*path, "fact"),
                                      f"unknown fact `{fact}`" + (f"; did you mean `{hint}`?" if hint else ""))
                _, value = _operator(atom)
                if isinstance(value, dict) and isinstance(value.get("param"), str) and value["param"] not in ctx.params:
                    hint = did_you_mean(value["param"], ctx.params.parameters)
                    yield ctx.finding(self.code, entry, entry.line(*path),
                                      f"unknown parameter `{value['param']}`" + (f"; did you mean `{hint}`?" if hint else ""))
            yield from self._texts(ctx, entry, names)

    def _texts(self, ctx, entry, names):
        text = (entry.raw.get("then") or {}).get("recommendation") if isinstance(entry.raw.get("then"), dict) else None
        for lang, body in (text or {}).items() if isinstance(text, dict) else ():
            for match in _PLACEHOLDER.finditer(body if isinstance(body, str) else ""):
                head, name = match.group(1), match.group(2)
                line = entry.line("then", "recommendation", lang)
                if head == "param" and name and name not in ctx.params:
                    hint = did_you_mean(name, ctx.params.parameters)
                    yield ctx.finding(self.code, entry, line, f"text ({lang}) shows unknown parameter `{name}`"
                                      + (f"; did you mean `{hint}`?" if hint else ""))
                elif head != "param" and head not in ctx.vocab:
                    hint = did_you_mean(head, names)
                    yield ctx.finding(self.code, entry, line, f"text ({lang}) shows unknown fact `{head}`"
                                      + (f"; did you mean `{hint}`?" if hint else ""))


class TextFactsUnsettled:
    """A text shows a fact the rule's condition never names: it may print （不明） when fired."""

    code = "text-fact"

    def check(self, ctx):
        for entry in ctx.rules:
            then = entry.raw.get("then") if isinstance(entry.raw.get("then"), dict) else {}
            text = then.get("recommendation") if isinstance(then.get("recommendation"), dict) else {}
            named = {atom.get("fact") for atom, _, _ in iter_atoms(entry.raw.get("when"), ("when",))}
            for lang, body in text.items():
                for match in _PLACEHOLDER.finditer(body if isinstance(body, str) else ""):
                    head = match.group(1)
                    if head != "param" and head in ctx.vocab and head not in named:
                        yield ctx.finding(self.code, entry, entry.line("then", "recommendation", lang),
                                          f"text ({lang}) shows `{{{head}}}`, which the condition does not name,"
                                          " so it may be unknown when the rule fires", WARNING)


class LiteralTypes:
    code = "literal-type"

    def check(self, ctx):
        for entry in ctx.rules:
            for atom, path, negated in iter_atoms(entry.raw.get("when"), ("when",)):
                fact, (op, value) = atom.get("fact"), _operator(atom)
                line = entry.line(*path)
                if fact in ctx.derived:
                    if op != "eq" or value is not True or negated:
                        yield ctx.finding("derived-use", entry, line,
                                          f"derived fact `{fact}` may only be tested with `eq: true`, outside `not`")
                    continue
                spec = ctx.vocab.get(fact)
                if spec is None or op is None:
                    continue
                if op == "exists":
                    if not isinstance(value, bool):
                        yield ctx.finding(self.code, entry, line, f"`exists` takes true or false, not {value!r}")
                    continue
                if op in ORDERING and spec.type not in ("integer", "number"):
                    yield ctx.finding(self.code, entry, line,
                                      f"ordering `{op}` needs a numeric fact (`{fact}` is {spec.type})")
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if isinstance(item, dict):
                        continue  # a parameter: UnknownNames checks the name
                    if not spec.accepts(item):
                        allowed = f" (allowed: {', '.join(spec.enum)})" if spec.enum else ""
                        yield ctx.finding(self.code, entry, line,
                                          f"fact `{fact}` is {spec.type} but {item!r} is not{allowed}")


class NeverHolds:
    """Contradictions among the atoms directly under one `all`: empty ranges, clashing equalities."""

    code = "never-holds"

    def check(self, ctx):
        for entry in ctx.rules:
            for kind, children, path in iter_groups(entry.raw.get("when"), ("when",)):
                if kind != "all" or not isinstance(children, list):
                    continue
                by_fact: dict[str, list[tuple[str, Any]]] = {}
                for child in children:
                    if isinstance(child, dict) and "fact" in child:
                        op, value = _operator(child)
                        if op is not None:
                            by_fact.setdefault(child["fact"], []).append((op, self._resolve(ctx, value)))
                for fact, constraints in by_fact.items():
                    problem = self._contradiction(constraints)
                    if problem:
                        yield ctx.finding(self.code, entry, entry.line(*path),
                                          f"`{fact}` can never satisfy {problem} in one `all`")

    @staticmethod
    def _resolve(ctx, value):
        if isinstance(value, dict) and "param" in value:
            name = value["param"]
            if name not in ctx.params:
                return None
            values = [v.value for v in ctx.params.get(name).values if v.value is not None]
            return values[-1] if values else None
        return value

    @staticmethod
    def _contradiction(constraints) -> str | None:
        low, low_strict, high, high_strict = None, False, None, False
        equal, allowed, excluded = [], None, set()
        for op, value in constraints:
            if value is None:
                continue
            if op in ("gt", "ge") and isinstance(value, (int, float)) and not isinstance(value, bool):
                if low is None or value > low or (value == low and op == "gt"):
                    low, low_strict = value, op == "gt"
            elif op in ("lt", "le") and isinstance(value, (int, float)) and not isinstance(value, bool):
                if high is None or value < high or (value == high and op == "lt"):
                    high, high_strict = value, op == "lt"
            elif op == "eq":
                equal.append(value)
            elif op == "ne":
                excluded.add(value)
            elif op == "in" and isinstance(value, list):
                allowed = set(value) if allowed is None else allowed & set(value)
            elif op == "not_in" and isinstance(value, list):
                excluded |= set(value)
        text = " and ".join(f"{op} {value!r}" for op, value in constraints)
        if low is not None and high is not None and (low > high or (low == high and (low_strict or high_strict))):
            return text
        if len(set(map(repr, equal))) > 1:
            return text
        for value in equal:
            if value in excluded or (allowed is not None and value not in allowed):
                return text
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if (low is not None and (value < low or (value == low and low_strict))) or \
                        (high is not None and (value > high or (value == high and high_strict))):
                    return text
        if allowed is not None and not (allowed - excluded):
            return text
        return None


class Overrides:
    code = "overrides"

    def check(self, ctx):
        ids = {r.id for r in ctx.rules if r.id}
        for entry in ctx.rules:
            for target in entry.raw.get("overrides") or []:
                if target not in ids:
                    hint = did_you_mean(target, ids)
                    yield ctx.finding(self.code, entry, entry.line("overrides"),
                                      f"overrides unknown rule `{target}`" + (f"; did you mean `{hint}`?" if hint else ""))


class Expired:
    """With --as-of: a rule still in force on that date whose source ended before it.

    A rule whose own effective period ended has been ended on purpose (the policy was
    replaced) and is kept for advice on earlier dates: that is history, not a finding.
    """

    code = "expired"

    def check(self, ctx):
        if ctx.as_of is None:
            return
        for entry in ctx.rules:
            effective = entry.raw.get("effective") if isinstance(entry.raw.get("effective"), dict) else {}
            source = entry.raw.get("source") if isinstance(entry.raw.get("source"), dict) else {}
            start, end, source_end = (_date_or_none(effective.get("from")), _date_or_none(effective.get("to")),
                                      _date_or_none(source.get("valid_until")))
            in_force = (start is None or start <= ctx.as_of) and (end is None or end >= ctx.as_of)
            if in_force and source_end is not None and source_end < ctx.as_of:
                yield ctx.finding(self.code, entry, entry.line("source", "valid_until"),
                                  f"in force on {ctx.as_of.isoformat()} but its source ended on "
                                  f"{source_end.isoformat()}: end the rule (`effective.to`) or cite the source "
                                  "that replaced it", WARNING)


def _date_or_none(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # Schema reports the bad date


class Untested:
    code = "untested"

    def check(self, ctx):
        for entry in ctx.rules:
            if entry.id is None:
                continue
            statuses = ctx.expectations.get(entry.id, set())
            missing = [s for s in ("fired", "not_fired") if s not in statuses]
            if missing:
                yield ctx.finding(self.code, entry, entry.line("id"),
                                  f"no rule-test case expects it {' or '.join(missing)} (rules/<family>/tests/*.yaml)")
        ids = {r.id for r in ctx.rules}
        for rule_id in sorted(set(ctx.expectations) - ids):
            hint = did_you_mean(rule_id, ids)
            yield Finding(ERROR, self.code, str(ctx.directory), None, rule_id,
                          "a rule-test case names a rule that does not exist" + (f"; did you mean `{hint}`?" if hint else ""))


# --- what an advisor reads: no internal names, raw values or editorial marks ----------------

_FAMILY_PREFIXES = ("bpr", "grant", "group", "plan", "continuity", "standardisation", "national", "roadmap",
                    "dashboard", "partners")
_LEAKS = (
    # (pattern, languages, what the reader would see, applies to quoted source text too)
    (re.compile(r"(?<![A-Za-z0-9_./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_])"), ("ja", "en"),
     "an internal name", True),
    (re.compile(r"(?<![A-Za-z0-9_/-])(?:" + "|".join(_FAMILY_PREFIXES) + r")\.[a-z][a-z0-9_]*"), ("ja", "en"),
     "a rule or parameter id", True),
    (re.compile(r"domain-research|shared/policy|\bthe brief\b"), ("ja", "en"), "an internal reference", True),
    (re.compile(r"not in force on|required, actual|actual unknown"), ("ja", "en"), "an engine phrase", True),
    (re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]\[[^\]\s]{1,6}\]|（[^）]*欠落）|\[sic\]"), ("ja", "en"),
     "an editorial mark", True),
    (re.compile(r"発火|不発"), ("ja",), "発火／不発 (write 該当／非該当)", False),
    (re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?!\d)"), ("ja",), "an ISO date (write the date in 和暦)", True),
    (re.compile(r"(?<![\d.,])0\.\d+(?![\d])"), ("ja",), "a decimal share (write 3割 or 30%)", False),
    (re.compile(r"\d+\.\d+\s*か月"), ("ja",), "a decimal month count (write 約22か月)", False),
    (re.compile(r"(?<![\d,])\d{1,3}0,000\s*人"), ("ja",), "a round population in digits (write 5万人)", False),
)
_PLACEHOLDERS = re.compile(r"\{[^{}]*\}")


def text_leaks(text: str, lang: str, raw_values: Iterable[str] = (), quoted: bool = False) -> list[str]:
    """What in ``text`` an advisor should never read: internal names, raw enumeration values,
    engine phrases, editorial marks, and (unless ``quoted`` from a source) style a ministry would
    not write. ``{placeholders}`` are filled at run time and are not leaks."""
    if not isinstance(text, str):
        return []
    plain = _PLACEHOLDERS.sub(" ", text)
    found = []
    for pattern, langs, what, in_quotes in _LEAKS:
        if lang in langs and (in_quotes or not quoted):
            found += [f"{what} `{m.group(0)}`" for m in pattern.finditer(plain)]
    values = sorted(set(raw_values), key=len, reverse=True)
    if values:
        words = "|".join(re.escape(v) for v in values)
        # A raw value beside 現在 / now / = (e.g. `group（現在 single）`), or anywhere in Japanese.
        context = rf"(?:(?<![A-Za-z])(?:{words})(?=（現在)|(?:現在|now|currently|=)\s*(?:{words})(?![A-Za-z]))"
        for m in re.finditer(context, plain):
            found.append(f"a raw value `{m.group(0).strip()}`")
        if lang == "ja":
            for m in re.finditer(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])", plain):
                if not any(m.group(0) in f for f in found):
                    found.append(f"a raw value `{m.group(0)}`")
    return found


def _raw_values(vocab: dict[str, FactSpec]) -> set[str]:
    """Enumerated values written in ASCII (none, single, renewal_with_migration, ...)."""
    return {v for spec in vocab.values() for v in spec.enum if v.isascii()} | {"true", "false"}


def _rule_texts(entry: RuleEntry) -> Iterator[tuple[tuple, str, str, bool]]:
    """(path, lang, text, quoted) of every text of a rule that a reader sees."""
    raw = entry.raw
    for key in ("title",):
        for lang, text in (raw.get(key) or {}).items() if isinstance(raw.get(key), dict) else ():
            yield (key, lang), lang, text, False
    then = raw.get("then") if isinstance(raw.get("then"), dict) else {}
    for key in ("recommendation", "decision"):
        for lang, text in (then.get(key) or {}).items() if isinstance(then.get(key), dict) else ():
            yield ("then", key, lang), lang, text, False
    effect = then.get("grant_effect") if isinstance(then.get("grant_effect"), dict) else {}
    for lang, text in (effect.get("note") or {}).items() if isinstance(effect.get("note"), dict) else ():
        yield ("then", "grant_effect", "note", lang), lang, text, False
    for fact, texts in (raw.get("ask") or {}).items() if isinstance(raw.get("ask"), dict) else ():
        for lang, text in (texts or {}).items() if isinstance(texts, dict) else ():
            yield ("ask", fact, lang), lang, text, False
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    for key in ("document", "section"):  # shown in footnotes: may quote a source, never leak
        if isinstance(source.get(key), str):
            yield ("source", key), "ja", source[key], True


class TextLeaks:
    """Rule texts and the fact vocabulary's words: nothing internal reaches an advisor or a mayor."""

    code = "leak"

    def check(self, ctx):
        values = _raw_values(ctx.vocab)
        for entry in ctx.rules:
            for path, lang, text, quoted in _rule_texts(entry):
                for leak in text_leaks(text, lang, values, quoted):
                    yield ctx.finding(self.code, entry, entry.line(*path),
                                      f"{format_path(path)} ({lang}) shows {leak} to the reader")
        vocabulary = ctx.directory / "facts.yaml"
        if vocabulary.exists():
            yield from self._vocabulary(ctx, vocabulary, values)

    def _vocabulary(self, ctx, path: Path, values):
        label = _label(path, ctx.directory)
        try:
            doc, _ = _compose(read_text(path, label), label)
        except (InputError, yaml.YAMLError):
            return  # the loader reports it
        facts = doc.data.get("facts") if isinstance(doc.data, dict) else None
        for name, spec in (facts or {}).items() if isinstance(facts, dict) else ():
            if not isinstance(spec, dict):
                continue
            texts = [(("facts", name, key, lang), lang, text) for key in ("description", "question")
                     for lang, text in (spec.get(key) or {}).items()]
            texts += [(("facts", name, "labels", value, lang), lang, text)
                      for value, words in (spec.get("labels") or {}).items() for lang, text in words.items()]
            for where, lang, text in texts:
                for leak in text_leaks(text, lang, values):
                    yield Finding(ERROR, self.code, label, doc.line_of(where), None,
                                  f"{format_path(where)} ({lang}) shows {leak} to the reader")


class LabelLeaks:
    """The memo's fixed wording (engine/documents/memo_labels.py) in either language."""

    code = "leak"

    def check(self, ctx):
        from ..documents import memo_labels
        values = _raw_values(ctx.vocab)
        yield from label_findings(memo_labels.LABELS, values, "engine/documents/memo_labels.py")


def label_findings(labels: dict, values: Iterable[str], file: str) -> Iterator[Finding]:
    for lang, table in labels.items():
        for key, text in table.items():
            for leak in text_leaks(text, lang, values):
                yield Finding(ERROR, "leak", file, None, None, f"LABELS[{lang}][{key}] shows {leak} to the reader")


LINTS = (Unreadable(), DuplicateKeys(), Schema(), DuplicateIds(), MissingSource(), ConditionShape(),
         UnknownNames(), TextFactsUnsettled(), LiteralTypes(), NeverHolds(), Overrides(), Expired(), Untested(),
         TextLeaks(), LabelLeaks())


def run_lints(vocab: dict[str, FactSpec], params: ParameterSet, directory: Path | None = None,
              as_of: dt.date | None = None) -> list[Finding]:
    ctx = build_context(directory or RULES_DIR, vocab, params, as_of)
    findings = [finding for lint in LINTS for finding in lint.check(ctx)]
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.code, f.message))
