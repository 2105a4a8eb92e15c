"""The fact vocabulary (rules/facts.yaml): the names, types and questions of facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..paths import RULES_DIR
from ..inputs.validation import validate, validate_cached
from ..inputs.yamlio import load_file

_TEXT = {"type": "object", "required": ["ja", "en"], "additionalProperties": False,
         "properties": {"ja": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}

# A fact's unit says how a rule text shows its value (3割, 約22か月, 5万人, 1.2億円, 和暦 dates).
UNITS = ("persons", "months", "yen", "share", "multiple", "rate", "index", "date", "count")

VOCABULARY_SCHEMA = {
    "type": "object",
    "required": ["facts"],
    "additionalProperties": False,
    "properties": {
        # Facts set by rules (`then.derive`): never in a profile, described here so that
        # an explanation can name them in words.
        "derived": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": {"type": "object", "required": ["description"], "additionalProperties": False,
                                     "properties": {"description": _TEXT}},
        },
        "facts": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": {
                "type": "object",
                "required": ["type", "origin", "description", "question"],
                "additionalProperties": False,
                "properties": {
                    "type": {"enum": ["integer", "number", "boolean", "string"]},
                    "enum": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "origin": {"enum": ["knowledge", "profile"]},
                    "settled_by": {"type": "array", "items": {"type": "string"}},
                    "unit": {"enum": list(UNITS)},
                    # What each enumerated value means, in words (an advisor never reads `single`).
                    "labels": {"type": "object", "additionalProperties": _TEXT},
                    "description": _TEXT,
                    "question": _TEXT,
                },
            },
        }
    },
}


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    origin: str
    description: dict
    question: dict
    enum: tuple = ()
    settled_by: tuple = ()
    unit: str = ""
    labels: dict = field(default_factory=dict)

    def label(self, value, lang: str) -> str:
        """An enumerated value in words; other values as they are."""
        if isinstance(value, str) and value in self.labels:
            return self.labels[value][lang]
        return str(value)

    def accepts(self, value) -> bool:
        """Does ``value`` have this fact's type? (bool is not a number here.)"""
        if self.type == "boolean":
            return isinstance(value, bool)
        if isinstance(value, bool):
            return False
        if self.type == "integer":
            return isinstance(value, int)
        if self.type == "number":
            return isinstance(value, (int, float))
        return isinstance(value, str) and (not self.enum or value in self.enum)


# Names durable-rules or our adapter give a meaning (engine/rules/durable_adapter.py).
RESERVED_FACT_NAMES = frozenset({"id", "sid", "round"})
KNOWN_SUFFIX = "__known"


def reserved_fact_name(name: str) -> bool:
    return name in RESERVED_FACT_NAMES or name.startswith("$") or KNOWN_SUFFIX in name


def _load(path: Path | None):
    doc = load_file(path or RULES_DIR / "facts.yaml", cache=True)
    unchecked = validate_cached(doc, VOCABULARY_SCHEMA)
    try:
        _check(doc)
    except Exception:
        if unchecked:  # the validation cache vouched for it: give the schema's message instead
            validate(doc, VOCABULARY_SCHEMA)
        raise
    return doc


def _check(doc) -> None:
    for name, spec in doc.data["facts"].items():
        if reserved_fact_name(name):
            raise InputError(f"事実名 `{name}` はルールエンジンが使う名前なので使えません。",
                             f"fact name `{name}` is reserved by the rule engine", file=doc.file,
                             line=doc.line_of(("facts", name)), field=f"facts.{name}")
        unlabelled = [v for v in spec.get("enum", ()) if v not in spec.get("labels", {})]
        if spec.get("labels") is not None and unlabelled:
            raise InputError(f"事実 `{name}` の labels に {unlabelled} がありません。",
                             f"fact `{name}`: labels lack {unlabelled}", file=doc.file,
                             line=doc.line_of(("facts", name, "labels")), field=f"facts.{name}.labels")


def load_vocabulary(path: Path | None = None) -> dict[str, FactSpec]:
    doc = _load(path)
    return {
        name: FactSpec(name=name, type=spec["type"], origin=spec["origin"], description=spec["description"],
                       question=spec["question"], enum=tuple(spec.get("enum", ())),
                       settled_by=tuple(spec.get("settled_by", ())), unit=spec.get("unit", ""),
                       labels=dict(spec.get("labels", {})))
        for name, spec in doc.data["facts"].items()
    }


def load_derived_descriptions(path: Path | None = None) -> dict[str, dict]:
    """{derived fact: {"ja":…, "en":…}} from the `derived` section of facts.yaml."""
    doc = _load(path)
    return {name: spec["description"] for name, spec in (doc.data.get("derived") or {}).items()}


@lru_cache(maxsize=1)
def default_vocabulary() -> dict[str, FactSpec]:
    return load_vocabulary()


@lru_cache(maxsize=1)
def default_derived_descriptions() -> dict[str, dict]:
    return load_derived_descriptions()
