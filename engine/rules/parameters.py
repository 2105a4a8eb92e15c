"""Dated policy parameters (knowledge/parameters/*.yaml), OpenFisca style.

Each parameter has a reference to its source, a confidence tag, and values
each valid from a date; the value in force on ``as_of`` is the latest one whose
``from`` is not after it. Rules name parameters (``{param: ...}``) instead of
repeating numbers. A value that no source confirms is shipped as ``null``
(unset) with confidence U: the advice then says it is not applied rather than
guessing. Users may supply their own parameter file (``--parameters``), which
replaces the values of the parameters it names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..paths import PARAMETERS_DIR
from ..inputs.validation import check_engine_numbers, did_you_mean, validate, validate_cached
from ..inputs.yamlio import Document, load_file

_TEXT = {"type": "object", "required": ["ja", "en"], "additionalProperties": False,
         "properties": {"ja": {"type": "string"}, "en": {"type": "string"}}}

REFERENCE = {
    "type": "object",
    "required": ["document"],
    "additionalProperties": False,
    "properties": {
        "document": {"type": "string", "minLength": 1},
        "section": {"type": "string"},
        "date": {"type": "string"},
        "url": {"type": "string"},
        "confidence": {"enum": ["C", "P", "I", "U"]},
        "note": {"type": "string"},
    },
}

PARAMETER_FILE_SCHEMA = {
    "type": "object",
    "required": ["parameters"],
    "additionalProperties": False,
    "properties": {
        "parameters": {
            "type": "object",
            "propertyNames": {"pattern": r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"},
            "additionalProperties": {
                "type": "object",
                "required": ["values"],
                "additionalProperties": False,
                "properties": {
                    "description": _TEXT,
                    "unit": {"type": "string"},
                    "confidence": {"enum": ["C", "P", "I", "U"]},
                    "reference": {"oneOf": [REFERENCE, {"type": "array", "items": REFERENCE, "minItems": 1}]},
                    "values": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["from", "value"],
                            "additionalProperties": False,
                            "properties": {
                                "from": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                                "to": {"type": ["string", "null"], "format": "date"},
                                "value": {},
                                "note": {"type": "string"},
                            },
                        },
                    },
                },
            },
        }
    },
}

# The 財政力補正 table, when a user supplies it: rows of [below, multiplier].
FISCAL_CORRECTION_TABLE = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["below", "multiplier"],
        "additionalProperties": False,
        "properties": {
            "below": {"type": ["number", "null"], "minimum": 0},
            "multiplier": {"type": "number", "minimum": 0, "maximum": 1},
        },
    },
}


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    end: dt.date | None
    value: Any
    note: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    description: dict
    unit: str
    confidence: str
    references: tuple
    values: tuple  # of DatedValue, oldest first
    file: str
    line: int | None

    def at(self, as_of: dt.date) -> DatedValue | None:
        """The value in force on ``as_of``, or None if none is."""
        current = None
        for item in self.values:
            if item.start <= as_of and (item.end is None or as_of <= item.end):
                current = item
        return current


class ParameterSet:
    def __init__(self, parameters: dict[str, Parameter], files: list[Path]):
        self.parameters = parameters
        self.files = files

    def __contains__(self, name: str) -> bool:
        return name in self.parameters

    def get(self, name: str) -> Parameter:
        if name not in self.parameters:
            hint = did_you_mean(name, self.parameters)
            raise KeyError(name + (f" (did you mean {hint}?)" if hint else ""))
        return self.parameters[name]

    def value(self, name: str, as_of: dt.date) -> Any:
        dated = self.get(name).at(as_of)
        return None if dated is None else dated.value


def _parse_file(doc: Document) -> dict[str, Parameter]:
    unchecked = validate_cached(doc, PARAMETER_FILE_SCHEMA)
    try:
        return _build(doc)
    except Exception:
        if unchecked:  # the validation cache vouched for it: give the schema's message instead
            validate(doc, PARAMETER_FILE_SCHEMA)
        raise


def _build(doc: Document) -> dict[str, Parameter]:
    # Values reach durable-rules as rule thresholds: no exponent-printed or 64-bit-overflowing numbers.
    check_engine_numbers(doc)
    out = {}
    for name, spec in doc.data["parameters"].items():
        refs = spec.get("reference") or []
        refs = tuple(refs if isinstance(refs, list) else [refs])
        values = []
        for index, item in enumerate(spec["values"]):
            start = dt.date.fromisoformat(item["from"])
            end = dt.date.fromisoformat(item["to"]) if item.get("to") else None
            if name == "grant.fiscal_correction" and item["value"] is not None:
                _check_table(doc, ("parameters", name, "values", index, "value"), item["value"])
            values.append(DatedValue(start, end, item["value"], item.get("note", ""),
                                     doc.line_of(("parameters", name, "values", index, "value"))))
        values.sort(key=lambda v: v.start)
        out[name] = Parameter(
            name=name, description=spec.get("description", {}), unit=spec.get("unit", ""),
            confidence=spec.get("confidence") or (refs[0].get("confidence") if refs else "U") or "U",
            references=refs, values=tuple(values), file=doc.file, line=doc.line_of(("parameters", name)),
        )
    return out


def _check_table(doc: Document, path: tuple, table: Any) -> None:
    sub = Document(data=table, file=doc.file, text=doc.text,
                   lines={k[len(path):]: v for k, v in doc.lines.items() if k[:len(path)] == path})
    validate(sub, FISCAL_CORRECTION_TABLE)
    bounds = [row["below"] for row in table]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]) or bounds[:-1] != sorted(bounds[:-1]):
        raise InputError(
            "財政力補正の表は `below` の小さい順に並べ、最後の行だけ `below: null`（上限なし）にしてください。",
            "the fiscal correction table must be ordered by `below`, with only the last row `below: null`",
            file=doc.file, line=doc.line_of(path), field="grant.fiscal_correction",
        )


def load_parameter_file(path: Path, label: str | None = None) -> dict[str, Parameter]:
    """The parameters of one file (the knowledge base reads its own assumptions this way)."""
    return _parse_file(load_file(path, label, cache=True))


def load_parameters(extra: list[Path] | None = None, directory: Path | None = None) -> ParameterSet:
    """The shipped parameters, then each user file replacing what it names."""
    files = sorted((directory or PARAMETERS_DIR).glob("*.yaml"))
    parameters: dict[str, Parameter] = {}
    for path in files:
        for name, param in _parse_file(load_file(path, f"knowledge/parameters/{path.name}", cache=True)).items():
            if name in parameters:
                raise InputError(f"パラメータ `{name}` が {parameters[name].file} と重複しています。",
                                 f"parameter `{name}` is defined twice", file=path.name, line=param.line, field=name)
            parameters[name] = param
    for path in extra or []:
        for name, param in _parse_file(load_file(path)).items():
            if name not in parameters:
                hint = did_you_mean(name, parameters)
                raise InputError(
                    f"未知のパラメータ `{name}` です。" + (f" `{hint}` の誤りではありませんか。" if hint else ""),
                    f"unknown parameter `{name}`" + (f"; did you mean `{hint}`?" if hint else ""),
                    file=str(path), line=param.line, field=name,
                )
            shipped = parameters[name]
            _check_kind(shipped, param)
            # A user file often gives only values: keep the shipped unit and description for the texts.
            parameters[name] = dataclasses.replace(param, unit=param.unit or shipped.unit,
                                                   description=param.description or shipped.description)
    return ParameterSet(parameters, files + list(extra or []))


def value_kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "list", dict: "mapping"}.get(type(value), type(value).__name__)


_KIND_JA = {"boolean": "真偽値", "number": "数値", "string": "文字列", "list": "リスト", "mapping": "項目の集まり"}


def _check_kind(shipped: Parameter, given: Parameter) -> None:
    """A user's value has the kind of the shipped one: code and rules use it as such (a string
    where a number was expected used to crash the comparison, exit 1)."""
    may_be_unset = any(v.value is None for v in shipped.values)
    kinds = {value_kind(v.value) for v in shipped.values} - {None}
    for item in given.values:
        kind = value_kind(item.value)
        if kind is None and not may_be_unset:
            # Shipped with a value throughout: the code uses it as a number, not as "unset".
            raise InputError(
                f"パラメータ `{given.name}` は値を省略（null）できません。",
                f"parameter `{given.name}` cannot be unset (null): it always has a value",
                file=given.file, line=item.line or given.line, field=given.name)
        if kinds and kind is not None and kind not in kinds:
            expected = sorted(kinds)[0]
            raise InputError(
                f"パラメータ `{given.name}` の値 {item.value!r} は{_KIND_JA.get(expected, expected)}でなければなりません。",
                f"parameter `{given.name}`: the value {item.value!r} must be a {expected}",
                file=given.file, line=item.line or given.line, field=given.name)


def fiscal_multiplier(table: list[dict] | None, index: float | None) -> float | None:
    """The 財政力補正 multiplier for ``index`` from a supplied table, or None if unset/unknown."""
    if table is None or index is None:
        return None
    for row in table:
        if row["below"] is None or index < row["below"]:
            return float(row["multiplier"])
    return None
