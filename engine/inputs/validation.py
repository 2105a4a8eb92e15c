"""Schema validation of YAML documents, with errors that name line and field.

Profiles, rule files, parameter files and rule tests are all checked here by
jsonschema (a maintained validator, so the contract's rules are data, not
hand-written if-chains); this module only turns its findings into one clear,
bilingual message with a did-you-mean for unknown keys.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from typing import Any

import jsonschema

from ..errors import InputError
from .limits import check_date_range, engine_number_problem
from .yamlio import Document, format_path


def did_you_mean(word: str, choices) -> str | None:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return match[0] if match else None


_VALIDATORS: dict[int, tuple[dict, Any]] = {}


def _is_integer(checker, value) -> bool:
    # JSON Schema counts 19351.0 as an integer; a population of 19351.0 then reached
    # the rule engines as a float. Here an integer is written as one.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(checker, value) -> bool:
    # NaN and infinity are not numbers a profile or rule can mean (and not JSON).
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _strict(cls):
    checker = cls.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number})
    return jsonschema.validators.extend(cls, type_checker=checker)


def validator_class(schema: dict):
    """The strict validator class for ``schema`` (its $schema draft, else 2020-12)."""
    return _strict(jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator))


def check_schema(schema: dict) -> None:
    """Check a schema against its meta-schema. The shipped schemas are checked by the
    tests (tests/test_hardening.py), not on every run: that check cost ~0.3 s of a cold start."""
    validator_class(schema).check_schema(schema)


def _validator(schema: dict):
    key = id(schema)
    cached = _VALIDATORS.get(key)
    if cached is None or cached[0] is not schema:
        cls = validator_class(schema)
        cached = _VALIDATORS[key] = (schema, cls(schema, format_checker=cls.FORMAT_CHECKER))
    return cached[1]


class _Short:
    """A value shown in a message: its repr, cut to a readable length (a list of 2,000 values was printed whole)."""

    def __init__(self, value: Any):
        self.text = repr(value)
        if len(self.text) > 80:
            self.text = self.text[:77] + "…"

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, tuple, str | None]:
    """(message ja, message en, path, field) for one jsonschema error."""
    path = tuple(error.absolute_path)
    field = format_path(path) or None
    validator = error.validator
    value = error.instance
    if not isinstance(value, (dict, bool)) and value is not None and len(repr(value)) > 80:
        value = _Short(value)
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        key_path = path + (key,)
        hint = did_you_mean(key, allowed)
        ja = f"未知の項目 `{key}` があります。"
        en = f"unknown key `{key}`"
        if hint:
            ja += f" `{hint}` の誤りではありませんか。"
            en += f"; did you mean `{hint}`?"
        ja += f" 使える項目: {', '.join(allowed)}"
        en += f" (allowed: {', '.join(allowed)})"
        return ja, en, key_path, format_path(key_path)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return (f"必須の項目 `{missing}` がありません。", f"required field `{missing}` is missing", path, missing)
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return (
            f"値 {value!r} は使えません。使える値: {allowed}",
            f"value {value!r} is not allowed; allowed values: {allowed}",
            path, field,
        )
    if validator == "type" and isinstance(value, float) and not math.isfinite(value):
        return (f"数値 {value!r} は使えません（NaN や無限大は受け付けません）。",
                f"the number {value!r} is not accepted (NaN and infinity are not numbers here)", path, field)
    if validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = {"integer": "整数", "number": "数値", "string": "文字列", "boolean": "真偽値 (true/false)",
                 "object": "項目の集まり (mapping)", "array": "リスト", "null": "null"}
        ja_expected = "・".join(names.get(e, e) for e in expected)
        return (
            f"{ja_expected}であるべきところに {value!r} ({type(error.instance).__name__}) が書かれています。",
            f"expected {' or '.join(expected)}, got {value!r}",
            path, field,
        )
    if validator == "minimum":
        return (
            f"値 {value!r} は {error.validator_value} 以上でなければなりません（負の値は使えません）。",
            f"value {value!r} must be at least {error.validator_value}",
            path, field,
        )
    if validator in ("maximum", "exclusiveMaximum"):
        return (
            f"値 {value!r} は {error.validator_value} 以下でなければなりません（範囲外の値です）。",
            f"value {value!r} must be at most {error.validator_value}",
            path, field,
        )
    if validator in ("maxItems", "maxLength", "maxProperties"):
        what = {"maxItems": ("個", "items"), "maxLength": ("文字", "characters"),
                "maxProperties": ("項目", "keys")}[validator]
        return (f"多すぎます（{error.validator_value} {what[0]}まで）。",
                f"too long: at most {error.validator_value} {what[1]} (limit {validator}={error.validator_value})",
                path, field)
    if validator in ("pattern", "format"):
        if tuple(path[-2:]) == ("source", "date"):
            # A source may be dated to the day, month, year or fiscal year (rulebook._SOURCE_DATE).
            return (
                f"出典の日付 {value!r} を読めません。実在する日（2017-06-09）、月（2016-02）、年（2013）"
                f"または年度（FY2020）の形で書いてください。",
                f"source date {value!r} does not parse; write an existing day (2017-06-09), a month (2016-02), "
                f"a year (2013) or a fiscal year (FY2020)",
                path, field,
            )
        if error.schema.get("format") == "date" or validator == "format":
            return (
                f"日付 {value!r} を読めません。YYYY-MM-DD の形（例: 2017-06-09）で、実在する日付を書いてください。",
                f"date {value!r} does not parse; write an existing date as YYYY-MM-DD",
                path, field,
            )
        return (f"値 {value!r} の形式が正しくありません。", f"value {value!r} has the wrong form ({error.message})", path, field)
    if validator == "minItems":
        return (f"空のリストは使えません（少なくとも {error.validator_value} 個必要）。",
                f"must have at least {error.validator_value} item(s)", path, field)
    if validator == "minLength":
        return ("空の文字列は使えません。", "must not be empty", path, field)
    message = error.message if len(error.message) <= 200 else error.message[:197] + "…"
    return (f"値が正しくありません: {message}", message, path, field)


def _sort_key(doc: Document, error: jsonschema.ValidationError):
    # An unknown key first: a typo (`wen:`) also makes a required key (`when`) missing,
    # and the typo is what the user must fix.
    typo_first = 0 if error.validator == "additionalProperties" else 1
    return (typo_first, doc.line_of(tuple(error.absolute_path)) or 0, len(error.absolute_path))


def validate(doc: Document, schema: dict, data: Any = None) -> None:
    """Raise an InputError for the first schema error (by line) in ``doc``."""
    instance = doc.data if data is None else data
    errors = list(_validator(schema).iter_errors(instance))
    if not errors:
        return
    # oneOf/anyOf report their branches as context: use the deepest one, it names the field.
    flat = []
    for error in errors:
        # Deepest first; at equal depth a specific finding (maxItems, unknown key) beats
        # "wrong type" or "no branch matched" from a branch the value was never meant for.
        while error.context:
            error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator not in ("type", "oneOf", "anyOf")))
        flat.append(error)
    flat.sort(key=lambda e: _sort_key(doc, e))
    first = flat[0]
    ja, en, path, field = _describe(first)
    more = len(flat) - 1
    if more:
        ja += f"（ほかに {more} 件の誤りがあります）"
        en += f" ({more} more error(s))"
    raise InputError(ja, en, file=doc.file, line=doc.line_of(path), field=field)


def validate_cached(doc: Document, schema: dict) -> bool:
    """``validate``, skipped for bytes that already passed this schema (validation_cache).

    Returns True when the check was skipped: the caller must then be ready to
    validate after all if building from ``doc`` fails (a cache is never trusted blindly).
    """
    from . import validation_cache
    if validation_cache.is_known_valid(doc.text, schema):
        return True
    validate(doc, schema)
    validation_cache.remember_valid(doc.text, schema)
    return False


def parse_date(text: Any, doc: Document | None = None, path: tuple = ()) -> dt.date:
    """An ISO date, or an InputError naming where it came from."""
    where = dict(file=doc.file if doc else None, line=doc.line_of(path) if doc else None,
                 field=format_path(path) or None)
    try:
        return check_date_range(dt.date.fromisoformat(str(text)), **where)
    except ValueError:
        raise InputError(
            f"日付 {text!r} を読めません。YYYY-MM-DD の形で、実在する日付を書いてください。",
            f"date {text!r} does not parse (YYYY-MM-DD)",
            file=doc.file if doc else None,
            line=doc.line_of(path) if doc else None,
            field=format_path(path) or None,
        ) from None


def check_engine_numbers(doc: Document, data: Any = None, base: tuple = ()) -> None:
    """Every number in ``doc`` (or ``data`` found at ``base``) is one the rule engines accept.

    durable-rules rejects numbers printed with an exponent and misorders integers
    beyond 64 bits (engine/inputs/limits.py); refuse them here, with their line.
    """
    stack = [(doc.data if data is None else data, base)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            stack.extend((value, path + (key,)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, path + (index,)) for index, value in enumerate(node))
        else:
            problem = engine_number_problem(node)
            if problem:
                raise InputError(problem[0], problem[1], file=doc.file, line=doc.line_of(path),
                                 field=format_path(path) or None)
