"""Schema validation of YAML documents, with errors that name line and field.

Profiles, rule files, parameter files and rule tests are all checked here by
jsonschema (a maintained validator, so the contract's rules are data, not
hand-written if-chains); this module only turns its findings into one clear,
bilingual message with a did-you-mean for unknown keys.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import jsonschema

from ..errors import InputError
from .yamlio import Document, format_path


def did_you_mean(word: str, choices) -> str | None:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return match[0] if match else None


_VALIDATORS: dict[int, jsonschema.protocols.Validator] = {}


def _validator(schema: dict):
    key = id(schema)
    if key not in _VALIDATORS:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _VALIDATORS[key] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return _VALIDATORS[key]


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, tuple, str | None]:
    """(message ja, message en, path, field) for one jsonschema error."""
    path = tuple(error.absolute_path)
    field = format_path(path) or None
    validator = error.validator
    value = error.instance
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
    if validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = {"integer": "整数", "number": "数値", "string": "文字列", "boolean": "真偽値 (true/false)",
                 "object": "項目の集まり (mapping)", "array": "リスト", "null": "null"}
        ja_expected = "・".join(names.get(e, e) for e in expected)
        return (
            f"{ja_expected}であるべきところに {value!r} ({type(value).__name__}) が書かれています。",
            f"expected {' or '.join(expected)}, got {value!r}",
            path, field,
        )
    if validator == "minimum":
        return (
            f"値 {value!r} は {error.validator_value} 以上でなければなりません（負の値は使えません）。",
            f"value {value!r} must be at least {error.validator_value}",
            path, field,
        )
    if validator in ("pattern", "format"):
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
    return (f"値が正しくありません: {error.message}", error.message, path, field)


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
        if error.context:
            flat.append(max(error.context, key=lambda e: len(e.absolute_path)))
        else:
            flat.append(error)
    flat.sort(key=lambda e: _sort_key(doc, e))
    first = flat[0]
    ja, en, path, field = _describe(first)
    more = len(flat) - 1
    if more:
        ja += f"（ほかに {more} 件の誤りがあります）"
        en += f" ({more} more error(s))"
    raise InputError(ja, en, file=doc.file, line=doc.line_of(path), field=field)


def parse_date(text: Any, doc: Document | None = None, path: tuple = ()) -> dt.date:
    """An ISO date, or an InputError naming where it came from."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise InputError(
            f"日付 {text!r} を読めません。YYYY-MM-DD の形で、実在する日付を書いてください。",
            f"date {text!r} does not parse (YYYY-MM-DD)",
            file=doc.file if doc else None,
            line=doc.line_of(path) if doc else None,
            field=format_path(path) or None,
        ) from None
